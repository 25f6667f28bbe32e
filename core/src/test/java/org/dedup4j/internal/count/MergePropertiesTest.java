package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.dedup4j.CountingMode;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Merging states: associative, commutative, and equal to one counter that saw all the parts' adds
 * (exact: identical entries; sample: the same level and kept entries; sketch: the same registers).
 */
class MergePropertiesTest {

  private static ChunkCounter counter(CountingMode mode, int maxEntries) {
    return switch (mode) {
      case EXACT -> new ExactCounter(128, 0);
      case SAMPLE -> new SampleCounter(128, maxEntries, 77, false);
      case SKETCH -> new SampleCounter(128, maxEntries, 77, true);
      default -> throw new AssertionError();
    };
  }

  private static List<long[]> entries(CountState s) {
    List<long[]> out = new ArrayList<>();
    s.entries().forEach((k0, k1, c, l) -> out.add(new long[] {k0, k1, c, l}));
    return out;
  }

  private static void assertSame(CountState a, CountState b, String where) {
    assertEquals(a.mode(), b.mode(), where);
    assertEquals(a.level, b.level, where);
    List<long[]> ea = entries(a);
    List<long[]> eb = entries(b);
    assertEquals(ea.size(), eb.size(), where);
    for (int i = 0; i < ea.size(); i++) {
      assertArrayEquals(ea.get(i), eb.get(i), where + " entry " + i);
    }
    assertArrayEquals(a.sizeChunks, b.sizeChunks, where);
    assertArrayEquals(a.sizeBytes, b.sizeBytes, where);
    if (a.sketch != null || b.sketch != null) {
      assertArrayEquals(a.sketch, b.sketch, where);
    }
  }

  @Test
  void mergeIsAssociativeCommutativeAndEqualsOneCount() {
    CountingMode[] modes = {CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH};
    Seeds.qt("MergePropertiesTest.mergeIsAssociativeCommutativeAndEqualsOneCount").withExamples(40)
        .forAll(longs().all(), integers().between(0, 26), integers().between(0, 1))
        .checkAssert((seed, modeBits, capacity) -> {
          int maxEntries = capacity == 0 ? 128 : 2048;
          List<CountersModelTest.Op> ops = CountersModelTest.workload(seed, 3_000, 0);
          ops.removeIf(op -> !op.add());
          CountingMode[] m = {modes[modeBits % 3], modes[modeBits / 3 % 3], modes[modeBits / 9 % 3]};
          ChunkCounter[] parts = {counter(m[0], maxEntries), counter(m[1], maxEntries),
              counter(m[2], maxEntries)};
          for (int i = 0; i < ops.size(); i++) {
            CountersModelTest.Op op = ops.get(i);
            parts[(int) Math.floorMod(op.k0() ^ seed, 3L)].add(op.k0(), op.k1(), op.length());
          }
          CountState a = parts[0].finish(true);
          CountState b = parts[1].finish(true);
          CountState c = parts[2].finish(true);
          String where = "modes " + m[0] + " " + m[1] + " " + m[2] + " max " + maxEntries;
          CountState left = CountState.merge(CountState.merge(a, b), c);
          CountState right = CountState.merge(a, CountState.merge(b, c));
          CountState swapped = CountState.merge(c, CountState.merge(b, a));
          assertSame(left, right, where + " (associative)");
          assertSame(left, swapped, where + " (commutative)");
          // One counter of the least informative mode over all adds.
          CountingMode all = left.mode();
          ChunkCounter whole = counter(all, maxEntries);
          for (CountersModelTest.Op op : ops) {
            whole.add(op.k0(), op.k1(), op.length());
          }
          CountState w = whole.finish(true);
          if (all == CountingMode.EXACT) {
            assertSame(w, left, where + " (equals one count)");
          } else {
            // The merged size histogram counts all chunks; the same as one counter's.
            assertSame(w, left, where + " (equals one count)");
          }
        });
  }

  @Test
  void differentSaltsOrWidthsDoNotMerge() {
    SampleCounter a = new SampleCounter(128, 128, 1, false);
    SampleCounter b = new SampleCounter(128, 128, 2, false);
    a.add(1, 2, 3);
    b.add(1, 2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CountState.merge(a.finish(true), b.finish(true)));
    assertEquals("samples with different salts (1, 2) cannot merge", e.getMessage());
    ExactCounter c = new ExactCounter(64, 0);
    ExactCounter d = new ExactCounter(128, 0);
    c.add(1, 0, 3);
    d.add(1, 2, 3);
    assertThrows(IllegalArgumentException.class, () -> CountState.merge(c.finish(true), d.finish(true)));
  }
}
