package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group tags against a model (a set of groups per fingerprint): what each group holds alone, with
 * and without spilling, in any order of adds and any number of threads.
 */
class GroupTagsTest {

  @TempDir Path dir;

  record Add(long k0, long k1, int length, int group) {}

  @Test
  void mergeIsTheUnionOfTheGroupsSeen() {
    Seeds.qt("GroupTagsTest.mergeIsTheUnionOfTheGroupsSeen").withExamples(200)
        .forAll(longs().all())
        .checkAssert(seed -> {
          Random r = new Random(seed);
          List<Integer> groups = new ArrayList<>();
          for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
            groups.add(r.nextInt(r.nextBoolean() ? 3 : 1 << 30));
          }
          Collections.shuffle(groups, r);
          int tag = GroupTags.NONE;
          for (int g : groups) {
            tag = r.nextBoolean() ? GroupTags.merge(tag, GroupTags.of(g))
                : GroupTags.merge(GroupTags.of(g), tag);
          }
          Set<Integer> distinct = new TreeSet<>(groups);
          String where = "groups " + groups + ", seed " + seed;
          assertEquals(distinct.size() > 1, GroupTags.shared(tag), where);
          assertEquals((int) distinct.iterator().next(), GroupTags.group(tag), where);
        });
  }

  @Test
  void exclusiveFiguresEqualTheModelWithAndWithoutSpillsInAnyOrder() {
    Seeds.qt("GroupTagsTest.exclusiveFiguresEqualTheModelWithAndWithoutSpillsInAnyOrder")
        .withExamples(10)
        .forAll(longs().all(), integers().between(0, 7))
        .checkAssert((seed, knobs) -> {
          boolean spill = (knobs & 1) != 0;
          int threads = (knobs & 2) == 0 ? 1 : 2;
          int uniform = (knobs & 4) == 0 ? 4096 : 0;
          List<Add> adds = workload(seed, 6_000, uniform);
          String where = "seed " + seed + " knobs " + knobs;
          try (ExactCounter c = spill
              ? new ExactCounter(128, uniform, CountersModelTest.SMALL_BUDGET, dir,
                  Files::newOutputStream, 2, 2, 0, true)
              : new ExactCounter(128, uniform, Long.MAX_VALUE, dir, 0, true)) {
            apply(c, adds, threads);
            CountState s = c.finish(false);
            if (spill) {
              assertTrue(s.spillRuns >= 2, where + ": spilled " + s.spillRuns + " runs");
            }
            assertSameAsModel(adds, c.groups(), where);
          } catch (Exception e) {
            throw new AssertionError(where, e);
          }
        });
  }

  private static List<Add> workload(long seed, int distinct, int uniform) {
    Random r = new Random(seed);
    List<Add> adds = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      long k0 = r.nextLong();
      long k1 = r.nextLong();
      int length = uniform > 0 ? (r.nextInt(40) == 0 ? 1 + r.nextInt(uniform - 1) : uniform)
          : 64 + r.nextInt(8192);
      int copies = r.nextBoolean() ? 1 : 2 + r.nextInt(r.nextInt(10) == 0 ? 300 : 10);
      int home = r.nextInt(12);
      for (int c = 0; c < copies; c++) {
        // Mostly one group per chunk, sometimes several: both kinds must come out right.
        adds.add(new Add(k0, k1, length, r.nextInt(4) == 0 ? r.nextInt(12) : home));
      }
    }
    Collections.shuffle(adds, r);
    return adds;
  }

  private static void apply(ExactCounter c, List<Add> adds, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          for (int i = first; i < adds.size(); i += threads) {
            Add a = adds.get(i);
            c.add(a.k0(), a.k1(), a.length(), a.group());
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void assertSameAsModel(List<Add> adds, GroupTally tally, String where) {
    Map<List<Long>, Set<Integer>> groups = new HashMap<>();
    Map<List<Long>, long[]> entry = new HashMap<>(); // refs, length
    for (Add a : adds) {
      List<Long> key = List.of(a.k0(), a.k1());
      groups.computeIfAbsent(key, k -> new TreeSet<>()).add(a.group());
      entry.computeIfAbsent(key, k -> new long[] {0, a.length()})[0]++;
    }
    long[] chunks = new long[12];
    long[] bytes = new long[12];
    long[] refs = new long[12];
    long sharedChunks = 0;
    long sharedBytes = 0;
    for (var e : groups.entrySet()) {
      long[] v = entry.get(e.getKey());
      if (e.getValue().size() > 1) {
        sharedChunks++;
        sharedBytes += v[1];
      } else {
        int g = e.getValue().iterator().next();
        chunks[g]++;
        bytes[g] += v[1];
        refs[g] += v[0] * v[1];
      }
    }
    for (int g = 0; g < 12; g++) {
      assertEquals(chunks[g], tally.exclusiveChunks(g), where + ", group " + g);
      assertEquals(bytes[g], tally.exclusiveBytes(g), where + ", group " + g);
      assertEquals(refs[g], tally.exclusiveReferencedBytes(g), where + ", group " + g);
    }
    assertEquals(sharedChunks, tally.sharedChunks, where);
    assertEquals(sharedBytes, tally.sharedBytes, where);
  }
}
