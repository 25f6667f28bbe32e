package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** The table against a plain HashMap model: same contents after any sequence of adds and removes. */
class FingerprintTableTest {

  private record Key(long k0, long k1) {}

  /** Keys that stress the table: shared first halves, shared home slots, a small pool for repeats. */
  private static List<Key> keyPool(long seed, int n) {
    Random r = new Random(seed);
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long k0 = r.nextLong();
      long k1 = r.nextLong();
      switch (i % 4) {
        case 1 -> k0 = keys.get(i - 1).k0(); // same first 64 bits, different second half
        case 2 -> k0 = keys.get(i - 2).k0() ^ (1L << 62); // nearby mixed hash
        default -> { }
      }
      keys.add(new Key(k0, k1));
    }
    return keys;
  }

  @Test
  void behavesLikeAMultiset() {
    Seeds.qt("FingerprintTableTest.behavesLikeAMultiset").withExamples(150)
        .forAll(
            longs().all(),
            lists().of(integers().between(0, 1_000)).ofSizeBetween(0, 3_000),
            integers().between(0, 7), // 1 bit: key width, 1 bit: uniform lengths, 1 bit: low inline limit
            integers().between(0, 3)) // segment bits
        .checkAssert((seed, ops, flags, segmentBits) -> {
          int keyBits = (flags & 1) == 0 ? 64 : 128;
          int uniform = (flags & 2) == 0 ? 0 : 4096;
          long maxInline = (flags & 4) == 0 ? FingerprintTable.MAX_INLINE_COUNT : 2;
          FingerprintTable table = new FingerprintTable(keyBits, uniform, segmentBits, maxInline);
          List<Key> pool = keyPool(seed, 64);
          Map<Key, long[]> model = new HashMap<>(); // key -> {count, length}
          for (int op : ops) {
            Key key = pool.get(op % pool.size());
            if (keyBits == 64) {
              key = new Key(key.k0(), 0);
            }
            // every fourth key is a short "tail" block when lengths are uniform
            int length = uniform != 0 && op % 4 != 3 ? uniform : 100 + (int) (key.k1() & 1023);
            long[] entry = model.get(key);
            if (op % 3 == 2 && entry != null) {
              boolean gone = table.remove(key.k0(), key.k1(), (int) entry[1]);
              entry[0]--;
              assertEquals(entry[0] == 0, gone, "remove reports the last occurrence");
              if (entry[0] == 0) {
                model.remove(key);
              }
            } else {
              int len = entry == null ? length : (int) entry[1];
              boolean added = table.add(key.k0(), key.k1(), len);
              assertEquals(entry == null, added, "add reports a new fingerprint");
              model.computeIfAbsent(key, k -> new long[] {0, len})[0]++;
            }
          }
          assertEquals(model.size(), table.uniqueCount());
          Map<Key, long[]> seen = new HashMap<>();
          table.forEach((k0, k1, refcount, len) ->
              assertEquals(null, seen.put(new Key(k0, k1), new long[] {refcount, len}), "visited once"));
          assertEquals(model.keySet(), seen.keySet());
          model.forEach((k, v) -> {
            assertEquals(v[0], seen.get(k)[0], "refcount");
            assertEquals(v[1], seen.get(k)[1], "length");
          });
        });
  }

  /**
   * A checkpoint restores a table with {@code addCount}: the same contents as that many adds,
   * past the inline maximum (a low one here, so the overflow map is reached) and for odd lengths,
   * and the restored table goes on like the original under removes.
   */
  @Test
  void addCountIsThatManyAdds() {
    Seeds.qt("FingerprintTableTest.addCountIsThatManyAdds").withExamples(100)
        .forAll(longs().all(), integers().between(0, 1))
        .checkAssert((seed, uniform) -> {
          Random r = new Random(seed);
          List<Key> keys = keyPool(seed, 300);
          FingerprintTable added = new FingerprintTable(128, uniform * 4096, 2, 3);
          FingerprintTable restored = new FingerprintTable(128, uniform * 4096, 2, 3);
          Map<Key, Integer> lengths = new HashMap<>();
          for (Key k : keys) {
            int length = uniform == 1 && r.nextInt(4) != 0 ? 4096 : 1 + r.nextInt(9000);
            if (lengths.putIfAbsent(k, length) != null) {
              continue;
            }
            long count = 1 + (r.nextInt(3) == 0 ? r.nextInt(20) : 0);
            for (long i = 0; i < count; i++) {
              added.add(k.k0(), k.k1(), length);
            }
            restored.addCount(k.k0(), k.k1(), length, count);
          }
          assertEquals(contents(added), contents(restored));
          for (Key k : keys) {
            if (r.nextBoolean()) {
              assertEquals(added.remove(k.k0(), k.k1(), lengths.get(k)),
                  restored.remove(k.k0(), k.k1(), lengths.get(k)));
            }
          }
          assertEquals(contents(added), contents(restored));
        });
  }

  @Test
  void removingAnAbsentFingerprintIsAnError() {
    FingerprintTable table = new FingerprintTable(128, 0, 0);
    table.add(1, 2, 10);
    assertThrows(IllegalStateException.class, () -> table.remove(1, 3, 10));
  }

  @Test
  void contentDoesNotDependOnThreadsOrOrder() throws Exception {
    List<Key> pool = keyPool(42, 5_000);
    List<Key> occurrences = new ArrayList<>();
    Random r = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      occurrences.add(pool.get((int) Math.abs(r.nextGaussian() * 1_500) % pool.size()));
    }
    FingerprintTable sequential = FingerprintTable.forScan(128, 0);
    for (Key k : occurrences) {
      sequential.add(k.k0(), k.k1(), (int) (k.k1() & 4095) + 1);
    }
    Collections.shuffle(occurrences, r);
    FingerprintTable parallel = FingerprintTable.forScan(128, 0);
    ExecutorService pool4 = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<Key> part = occurrences.subList(t * 50_000, (t + 1) * 50_000);
        done.add(pool4.submit(() -> part.forEach(k -> parallel.add(k.k0(), k.k1(), (int) (k.k1() & 4095) + 1))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool4.shutdown();
    }
    assertEquals(contents(sequential), contents(parallel));
  }

  private static Map<Key, List<Long>> contents(FingerprintTable t) {
    Map<Key, List<Long>> m = new HashMap<>();
    t.forEach((k0, k1, refcount, len) -> m.put(new Key(k0, k1), List.of(refcount, (long) len)));
    return m;
  }

  /** GOLDEN^-1 mod 2^64: a 64-bit key k0 = h * INVERSE (k1 = 0) has the table hash h. */
  private static final long INVERSE = inverse(0x9E3779B97F4A7C15L);

  private static long inverse(long a) {
    long x = a; // Newton's iteration doubles the correct low bits: 3, 6, 12, 24, 48, 96
    for (int i = 0; i < 5; i++) {
      x *= 2 - a * x;
    }
    return x;
  }

  /**
   * The table against a model under adds, removes and removeIfPresent of a pool of up to 3,000
   * keys: few segments and many (so segments grow many times, by the linear merge and by its Robin
   * Hood fallback), presized or not, the overflow path (inline limit 2), and keys crafted to land
   * at the end of a segment (runs that wrap around). drainSorted gives the model's entries in
   * {@link FingerprintTable#compare} order, and forEach the same content.
   */
  @Test
  void behavesLikeTheModelWhileGrowingAndDraining() {
    Seeds.qt("FingerprintTableTest.behavesLikeTheModelWhileGrowingAndDraining").withExamples(120)
        .forAll(
            longs().all(),
            integers().between(0, 255), // flags, below
            integers().between(1, 3_000), // pool size
            integers().between(0, 20_000)) // operations
        .checkAssert((seed, flags, poolSize, opCount) -> {
          int keyBits = (flags & 1) == 0 ? 64 : 128;
          int uniform = (flags & 2) == 0 ? 0 : 4096;
          long maxInline = (flags & 4) == 0 ? FingerprintTable.MAX_INLINE_COUNT : 2;
          int segmentBits = new int[] {0, 1, 3, 10}[(flags >> 3) & 3];
          long presize = new long[] {0, 0, poolSize, poolSize / 4}[(flags >> 5) & 3];
          boolean crafted = (flags & 128) != 0; // hashes packed near the top of segment 0
          String where = "seed=" + seed + " flags=" + flags + " pool=" + poolSize + " ops=" + opCount;
          FingerprintTable table =
              new FingerprintTable(keyBits, uniform, segmentBits, maxInline, presize);
          Random r = new Random(seed);
          List<Key> pool = keyPool(seed, poolSize);
          if (crafted) {
            for (int i = 0; i < pool.size(); i++) {
              // the top 20 bits set: segment 0..2^segmentBits-1's last slots (k1 = 0 keeps h exact)
              long h = (-1L << 44) | (r.nextLong() >>> 20);
              pool.set(i, new Key(h * INVERSE, i % 3 == 0 ? 0 : pool.get(i).k1()));
            }
          }
          Map<Key, long[]> model = new HashMap<>(); // key -> {count, length}
          for (int n = 0; n < opCount; n++) {
            Key key = pool.get(Math.min(pool.size() - 1, (int) Math.abs(r.nextGaussian() * pool.size() / 2)));
            if (keyBits == 64) {
              key = new Key(key.k0(), 0);
            }
            long[] entry = model.get(key);
            int op = r.nextInt(10);
            if (op < 3 && entry != null) {
              boolean gone = op == 0 ? table.remove(key.k0(), key.k1(), (int) entry[1])
                  : table.removeIfPresent(key.k0(), key.k1(), (int) entry[1]);
              if (op == 0) {
                assertEquals(--entry[0] == 0, gone, where + ": remove reports the last occurrence");
              } else {
                assertTrue(gone, where);
                entry[0]--;
              }
              if (entry[0] == 0) {
                model.remove(key);
              }
            } else if (op == 3 && entry == null) {
              assertFalse(table.removeIfPresent(key.k0(), key.k1(), 4096), where + ": absent");
            } else {
              // every fifth key is a short "tail" block when lengths are uniform
              int length = entry != null ? (int) entry[1]
                  : uniform != 0 && (key.k0() & 7) != 3 ? uniform : 100 + (int) (key.k1() & 1023);
              boolean added = table.add(key.k0(), key.k1(), length);
              assertEquals(entry == null, added, where + ": add reports a new fingerprint");
              model.computeIfAbsent(key, k -> new long[] {0, length})[0]++;
            }
          }
          assertEquals(model.size(), table.uniqueCount(), where);
          Map<Key, long[]> seen = new HashMap<>();
          table.forEach((k0, k1, refcount, len) ->
              assertNull(seen.put(new Key(k0, k1), new long[] {refcount, len}), where + ": visited once"));
          assertEquals(model.keySet(), seen.keySet(), where);
          model.forEach((k, v) -> {
            assertEquals(v[0], seen.get(k)[0], where + ": refcount");
            assertEquals(v[1], seen.get(k)[1], where + ": length");
          });
          List<Key> order = new ArrayList<>(model.keySet());
          order.sort((x, y) -> FingerprintTable.compare(FingerprintTable.orderKey(x.k0(), x.k1()),
              x.k0(), x.k1(), FingerprintTable.orderKey(y.k0(), y.k1()), y.k0(), y.k1()));
          List<Key> drained = new ArrayList<>();
          table.<RuntimeException>drainSorted((k0, k1, refcount, len) -> {
            Key k = new Key(k0, k1);
            drained.add(k);
            assertEquals(model.get(k)[0], refcount, where + ": drained refcount");
            assertEquals(model.get(k)[1], len, where + ": drained length");
          });
          assertEquals(order, drained, where + ": drain order");
          assertEquals(0, table.uniqueCount(), where);
        });
  }

  /**
   * Bytes this thread allocated so far (HotSpot's {@code com.sun.management.ThreadMXBean}, called
   * reflectively: core's module does not read java.management).
   */
  private static long allocatedBytes() {
    try {
      Object bean = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      return (Long) Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void countsPastTheInlineLimitAreExactAndAddsDoNotAllocate() {
    FingerprintTable table = FingerprintTable.forScan(128, 4096);
    Random r = new Random(3);
    long[] k = new long[2_000];
    for (int i = 0; i < k.length; i++) {
      k[i] = r.nextLong();
      table.add(k[i], ~k[i], 4096);
    }
    long zero0 = 0x1234_5678_9ABC_DEF0L;
    table.add(zero0, 0, 4096);
    for (int round = 0; round < 3; round++) { // the last round is measured, after the JIT's
      long before = allocatedBytes();
      for (int i = 0; i < 200_000; i++) {
        table.add(zero0, 0, 4096); // the "zero block", far past 65,534 and 2 * 65,534
        table.add(k[i % k.length], ~k[i % k.length], 4096);
      }
      long allocated = allocatedBytes() - before;
      if (round == 2) {
        assertTrue(allocated < 4096, "adds allocated " + allocated + " bytes");
      }
    }
    long[] count = new long[1];
    table.forEach((a, b, c, len) -> {
      if (a == zero0) {
        count[0] = c;
      }
    });
    assertEquals(1 + 3 * 200_000, count[0]);
    for (int i = 0; i < 3 * 200_000; i++) {
      assertFalse(table.remove(zero0, 0, 4096));
    }
    assertTrue(table.remove(zero0, 0, 4096));
    assertEquals(k.length, table.uniqueCount());
  }

  @Test
  void presizedTableHoldsItsArraysAndNothingElse() {
    for (int keyBits : new int[] {128, 64}) {
      int n = 100_000;
      FingerprintTable table = new FingerprintTable(keyBits, 4096, 0,
          FingerprintTable.MAX_INLINE_COUNT, n);
      long slots = (long) Math.ceil((n + 2 * Math.sqrt(n)) / 0.875);
      long bytes = slots * (keyBits == 128 ? 18 : 10);
      assertEquals(bytes, table.memoryBytes(), "memory is the arrays, nothing hidden");
      assertEquals(bytes, FingerprintTable.presizedBytes(keyBits, 4096, 0, n));
      Random r = new Random(1);
      for (int i = 0; i < n; i++) {
        table.add(r.nextLong(), r.nextLong(), 4096);
      }
      assertEquals(bytes, table.memoryBytes(), "no growth up to the expected entries");
    }
    FingerprintTable small = FingerprintTable.forScan(128, 4096);
    assertEquals(FingerprintTable.presizedBytes(128, 4096, 10, 0), small.memoryBytes());
  }

  /**
   * Bytes per unique chunk, 128-bit keys, uniform length, the scan's 1024 segments: at most 24 at
   * each of 40 log-spaced sizes from 10^4 to 2 * 10^6, from 50,000 on (below, the 16-20 slots
   * every segment starts with dominate: 1024 * 18 * 18 bytes = 324 KiB is 33 bytes per unique at
   * 10^4); and at most 24 presized for exactly 524,288.
   */
  @Test
  void atMost24BytesPerUniqueChunkAtEverySize() {
    FingerprintTable table = FingerprintTable.forScan(128, 4096);
    Random r = new Random(0x7AB1E);
    long n = 0;
    double worst = 0;
    StringBuilder log = new StringBuilder();
    for (int step = 0; step < 40; step++) {
      long target = Math.round(1e4 * Math.pow(200, step / 39.0));
      for (; n < target; n++) {
        table.add(r.nextLong(), r.nextLong(), 4096);
      }
      double perUnique = (double) table.memoryBytes() / n;
      log.append(String.format(java.util.Locale.ROOT, " %d:%.2f", n, perUnique));
      if (n >= 50_000) {
        worst = Math.max(worst, perUnique);
      }
    }
    System.out.println("bytes per unique chunk (grown):" + log);
    assertTrue(worst <= 24, "worst " + worst + " bytes per unique chunk:" + log);
    int exact = 524_288;
    FingerprintTable presized = FingerprintTable.forScan(128, 4096, exact);
    for (int i = 0; i < exact; i++) {
      presized.add(r.nextLong(), r.nextLong(), 4096);
    }
    double perUnique = (double) presized.memoryBytes() / exact;
    System.out.println("bytes per unique chunk (presized for 524,288): " + perUnique);
    assertTrue(perUnique <= 24, perUnique + " bytes per unique chunk, presized");
  }

  @Test
  void presizedParallelEqualsSequentialGrown() throws Exception {
    List<Key> pool = keyPool(43, 20_000);
    List<Key> occurrences = new ArrayList<>();
    Random r = new Random(8);
    for (int i = 0; i < 200_000; i++) {
      occurrences.add(pool.get((int) Math.abs(r.nextGaussian() * 6_000) % pool.size()));
    }
    FingerprintTable sequential = FingerprintTable.forScan(128, 4096);
    for (Key k : occurrences) {
      sequential.add(k.k0(), k.k1(), (k.k1() & 15) == 0 ? 77 : 4096);
    }
    Collections.shuffle(occurrences, r);
    FingerprintTable parallel = FingerprintTable.forScan(128, 4096, pool.size());
    ExecutorService pool2 = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        List<Key> part = occurrences.subList(t * 100_000, (t + 1) * 100_000);
        done.add(pool2.submit(() -> part.forEach(k -> parallel.add(k.k0(), k.k1(), (k.k1() & 15) == 0 ? 77 : 4096))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool2.shutdown();
    }
    assertEquals(contents(sequential), contents(parallel));
  }
}
