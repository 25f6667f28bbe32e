package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dedup4j.CountingMode;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every counter against a plain multiset model: exact counts with and without spilling (any order,
 * any thread count, removals of spilled chunks), the sample's kept set and level, the full-disk path.
 */
class CountersModelTest {

  /** A budget that spills every few thousand entries with a 4-segment table. */
  static final long SMALL_BUDGET = 96 << 10;

  @TempDir Path dir;

  /** One add or remove of a fingerprint. */
  record Op(long k0, long k1, int length, boolean add) {}

  /**
   * A multiset workload: {@code distinct} fingerprints with skewed multiplicities (half once, the
   * rest 2..50 times), variable or uniform lengths, and some adds taken back later.
   */
  static List<Op> workload(long seed, int distinct, int uniform) {
    Random r = new Random(seed);
    List<Op> adds = new ArrayList<>();
    List<Op> removes = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      long k0 = r.nextLong();
      long k1 = r.nextLong();
      int length = uniform > 0 ? (r.nextInt(50) == 0 ? 1 + r.nextInt(uniform - 1) : uniform)
          : 64 + r.nextInt(8192);
      int copies = r.nextBoolean() ? 1 : 2 + r.nextInt(r.nextInt(10) == 0 ? 200 : 20);
      for (int c = 0; c < copies; c++) {
        adds.add(new Op(k0, k1, length, true));
      }
      int taken = r.nextInt(8) == 0 ? 1 + r.nextInt(copies) : 0;
      for (int c = 0; c < taken; c++) {
        removes.add(new Op(k0, k1, length, false));
        adds.add(new Op(k0, k1, length, true)); // the removed copy was added once more
      }
    }
    Collections.shuffle(adds, r);
    Collections.shuffle(removes, r);
    List<Op> ops = new ArrayList<>(adds);
    ops.addAll(removes); // every remove follows its add, as in the engine
    return ops;
  }

  /** key -> {count, length}, keys ordered like the table's drain. */
  static TreeMap<List<Long>, long[]> model(List<Op> ops, int keyBits) {
    TreeMap<List<Long>, long[]> m = new TreeMap<>((a, b) -> FingerprintTable.compare(
        a.get(0), a.get(1), a.get(2), b.get(0), b.get(1), b.get(2)));
    for (Op op : ops) {
      long k1 = keyBits == 64 ? 0 : op.k1();
      List<Long> key = List.of(FingerprintTable.orderKey(op.k0(), k1), op.k0(), k1);
      long[] v = m.computeIfAbsent(key, k -> new long[] {0, op.length()});
      v[0] += op.add() ? 1 : -1;
      if (v[0] == 0) {
        m.remove(key);
      }
    }
    return m;
  }

  static void apply(ChunkCounter c, List<Op> ops, int threads) throws Exception {
    if (threads == 1) {
      for (Op op : ops) {
        if (op.add()) {
          c.add(op.k0(), op.k1(), op.length());
        } else {
          c.remove(op.k0(), op.k1(), op.length());
        }
      }
      return;
    }
    // Adds in parallel, then removes in parallel (every remove after its add).
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (boolean phase : new boolean[] {true, false}) {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int me = t;
          fs.add(pool.submit(() -> {
            for (int i = me; i < ops.size(); i += threads) {
              Op op = ops.get(i);
              if (op.add() == phase) {
                if (phase) {
                  c.add(op.k0(), op.k1(), op.length());
                } else {
                  c.remove(op.k0(), op.k1(), op.length());
                }
              }
            }
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  static void assertSameAsModel(TreeMap<List<Long>, long[]> model, CountState s, String where) {
    assertEquals(CountingMode.EXACT, s.mode(), where);
    assertEquals(model.size(), s.entries().size(), where);
    List<long[]> got = new ArrayList<>();
    s.entries().forEach((k0, k1, count, length) -> got.add(new long[] {k0, k1, count, length}));
    int i = 0;
    for (Map.Entry<List<Long>, long[]> e : model.entrySet()) {
      long[] g = got.get(i++);
      assertEquals(e.getKey().get(1), g[0], where);
      assertEquals(e.getKey().get(2), g[1], where);
      assertEquals(e.getValue()[0], g[2], where);
      assertEquals(e.getValue()[1], g[3], where);
    }
    long unique = model.size();
    long bytes = model.values().stream().mapToLong(v -> v[1]).sum();
    assertEquals(unique, s.tally.unique(), where);
    assertEquals(bytes, s.tally.uniqueBytes(), where);
  }

  @Test
  void spillingExactEqualsTheModelInAnyOrderAndThreadCount() {
    Seeds.qt("CountersModelTest.spillingExactEqualsTheModelInAnyOrderAndThreadCount").withExamples(12)
        .forAll(longs().all(), integers().between(0, 15))
        .checkAssert((seed, knobs) -> {
          int keyBits = (knobs & 1) == 0 ? 128 : 64;
          int uniform = (knobs & 2) == 0 ? 4096 : 0;
          int threads = (knobs & 4) == 0 ? 1 : 2;
          int fanIn = (knobs & 8) == 0 ? 2 : ExactCounter.DEFAULT_FAN_IN;
          List<Op> ops = workload(seed, 8_000, uniform);
          String where = "seed=" + seed + " keyBits=" + keyBits + " uniform=" + uniform
              + " threads=" + threads + " fanIn=" + fanIn;
          try (ExactCounter c = new ExactCounter(keyBits, uniform, SMALL_BUDGET, dir,
              Files::newOutputStream, fanIn, 2)) {
            apply(c, ops, threads);
            CountState s = c.finish(true);
            assertTrue(s.spillRuns >= 2, where + ": spilled " + s.spillRuns + " runs");
            assertSameAsModel(model(ops, keyBits), s, where);
            assertTrue(s.spillBytes > 0, where);
          } catch (Exception e) {
            throw new AssertionError(where, e);
          }
          assertNoSpillFolder();
        });
  }

  @Test
  void inMemoryExactEqualsTheModel() throws Exception {
    List<Op> ops = workload(7, 20_000, 0);
    ExactCounter c = new ExactCounter(128, 0);
    apply(c, ops, 2);
    assertSameAsModel(model(ops, 128), c.finish(true), "in memory");
  }

  @Test
  void reportOnlyTallyEqualsKeptEntries() throws Exception {
    List<Op> ops = workload(8, 20_000, 4096);
    try (ExactCounter a = new ExactCounter(128, 4096, SMALL_BUDGET, dir, Files::newOutputStream,
        ExactCounter.DEFAULT_FAN_IN, 2);
        ExactCounter b = new ExactCounter(128, 4096)) {
      apply(a, ops, 1);
      apply(b, ops, 1);
      CountState sa = a.finish(false);
      CountState sb = b.finish(false);
      assertTrue(sa.spillRuns > 0);
      assertEquals(sb.tally.unique(), sa.tally.unique());
      assertEquals(sb.tally.uniqueBytes(), sa.tally.uniqueBytes());
      assertEquals(sb.tally.refcountBuckets(1), sa.tally.refcountBuckets(1));
    }
  }

  /** Fails every write once {@code limit} bytes are written: a full disk. */
  static final class FullDisk implements SpillStore.Storage {
    final long limit;
    long written;

    FullDisk(long limit) {
      this.limit = limit;
    }

    @Override
    public OutputStream create(Path file) throws IOException {
      OutputStream real = Files.newOutputStream(file);
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (written + len > limit) {
            throw new IOException("No space left on device");
          }
          written += len;
          real.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          real.close();
        }
      };
    }
  }

  @Test
  void aFullDiskWhileSpillingFailsClearlyAndLeavesNothing() throws Exception {
    for (long limit : new long[] {0, 10_000, 100_000, 400_000}) {
      List<Op> ops = workload(9, 8_000, 4096);
      ExactCounter c = new ExactCounter(128, 4096, SMALL_BUDGET, dir, new FullDisk(limit), 2, 2);
      CountingFailedException e = assertThrows(CountingFailedException.class, () -> {
        apply(c, ops, 1);
        c.finish(false);
      }, "limit " + limit);
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertTrue(e.getMessage().contains("temp files were removed"), e.getMessage());
      // The counter stays failed: no number after a failure.
      assertThrows(CountingFailedException.class, () -> c.finish(false));
      c.close();
      assertNoSpillFolder();
    }
  }

  @Test
  void aBudgetTooSmallToWorkIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExactCounter(128, 4096, 1000, dir));
    assertTrue(e.getMessage().contains("memory budget 1000 bytes is too small"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SampleCounter(128, 10, 0, false));
  }

  private void assertNoSpillFolder() {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> left = s.toList();
      assertEquals(List.of(), left, "temp files left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sampleKeepsExactlyTheModelEntriesUnderItsFinalThreshold() {
    Seeds.qt("CountersModelTest.sampleKeepsExactlyTheModelEntriesUnderItsFinalThreshold").withExamples(20)
        .forAll(longs().all(), integers().between(0, 7))
        .checkAssert((seed, knobs) -> {
          int keyBits = (knobs & 1) == 0 ? 128 : 64;
          int threads = (knobs & 2) == 0 ? 1 : 2;
          int maxEntries = (knobs & 4) == 0 ? 256 : 4096;
          long salt = seed * 31;
          List<Op> ops = workload(seed, 5_000, 0);
          if ((knobs & 1) == 1) {
            ops.removeIf(op -> !op.add()); // adds only: the whole table is the sample
          }
          SampleCounter c = new SampleCounter(keyBits, maxEntries, salt, false);
          try {
            apply(c, ops, threads);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          CountState s = c.finish(true);
          TreeMap<List<Long>, long[]> model = model(ops, keyBits);
          boolean removed = ops.stream().anyMatch(op -> !op.add());
          // The least level at which the model's kept set fits (half the table after removes).
          int level = 0;
          while (true) {
            int l = level;
            long kept = model.keySet().stream()
                .filter(k -> CountState.keeps(SampleCounter.sampleHash(k.get(1), k.get(2), salt), l))
                .count();
            if (kept <= CountState.fit(maxEntries, removed)) {
              break;
            }
            level++;
          }
          String where = "seed=" + seed + " knobs=" + knobs;
          assertEquals(level, s.level, where);
          TreeMap<Long, long[]> expected = new TreeMap<>(Long::compareUnsigned);
          for (Map.Entry<List<Long>, long[]> e : model.entrySet()) {
            long u = SampleCounter.sampleHash(e.getKey().get(1), e.getKey().get(2), salt);
            if (CountState.keeps(u, level)) {
              expected.put(u, e.getValue());
            }
          }
          assertEquals(expected.size(), s.entries().size(), where);
          List<long[]> got = new ArrayList<>();
          s.entries().forEach((k0, k1, count, length) -> got.add(new long[] {k0, count, length}));
          int i = 0;
          for (Map.Entry<Long, long[]> e : expected.entrySet()) {
            long[] g = got.get(i++);
            assertEquals(e.getKey(), g[0], where);
            assertEquals(e.getValue()[0], g[1], where);
            assertEquals(e.getValue()[1], g[2], where);
          }
        });
  }

  @Test
  void drainSortedVisitsInOrderAndEmptiesTheTable() {
    FingerprintTable t = FingerprintTable.forScan(128, 4096);
    Random r = new Random(3);
    for (int i = 0; i < 50_000; i++) {
      t.add(r.nextLong(), r.nextLong(), r.nextInt(10) == 0 ? 100 : 4096);
    }
    long[] last = {0, 0, 0};
    int[] n = {0};
    t.drainSorted((k0, k1, count, length) -> {
      long h = FingerprintTable.orderKey(k0, k1);
      if (n[0]++ > 0) {
        assertTrue(FingerprintTable.compare(last[0], last[1], last[2], h, k0, k1) < 0);
      }
      last[0] = h;
      last[1] = k0;
      last[2] = k1;
    });
    assertEquals(50_000, n[0]);
    assertEquals(0, t.uniqueCount());
    assertFalse(t.removeIfPresent(last[1], last[2], 4096));
  }
}
