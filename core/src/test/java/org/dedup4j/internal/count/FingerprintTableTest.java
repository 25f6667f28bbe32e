package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
          long maxInline = (flags & 4) == 0 ? 0xFFFFFFFEL : 2;
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

  @Test
  void memoryPerUniqueChunkAtWorkingLoad() {
    // One segment of 2^16 slots filled to its 7/8 growth threshold: 20-byte slots (128-bit key +
    // count) make 22.9 bytes per unique chunk; 64-bit keys 13.7.
    for (int keyBits : new int[] {128, 64}) {
      FingerprintTable table = new FingerprintTable(keyBits, 4096, 0);
      Random r = new Random(1);
      int n = (1 << 16) - (1 << 13);
      for (int i = 0; i < n; i++) {
        table.add(r.nextLong(), r.nextLong(), 4096);
      }
      long slotBytes = keyBits == 128 ? 20 : 12;
      assertEquals(slotBytes << 16, table.memoryBytes(), "memory is the arrays, nothing hidden");
      double perUnique = (double) table.memoryBytes() / table.uniqueCount();
      assertTrue(perUnique <= 24, keyBits + "-bit: " + perUnique + " bytes per unique chunk");
    }
  }
}
