package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Comparator;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/** The natural merge sort gives what a plain comparator sort of the rows gives (a stable model). */
class SortingTest {

  @Test
  void sortsLikeAComparatorSortWhateverTheRuns() {
    Seeds.qt("SortingTest.sortsLikeAComparatorSortWhateverTheRuns").withExamples(200)
        .forAll(longs().all(), integers().between(0, 3000), integers().between(1, 40))
        .checkAssert((seed, n, runs) -> {
          SplitMix64 r = new SplitMix64(seed);
          long[] h = new long[n];
          long[] a = new long[n];
          long[] b = new long[n];
          long[] c = new long[n];
          int[] len = new int[n];
          for (int i = 0; i < n; i++) {
            // Few distinct keys, so that equal keys and ties on h occur; the values ride along.
            h[i] = r.below(Math.max(1, n / 3)) - (n / 6);
            a[i] = r.below(4) - 2;
            b[i] = r.below(3);
            c[i] = i;
            len[i] = i;
          }
          // Some sorted runs, as from several senders.
          int runLength = Math.max(1, n / runs);
          Integer[] order = new Integer[n];
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          Comparator<Integer> cmp = (x, y) -> {
            int k = Long.compareUnsigned(h[x], h[y]);
            if (k != 0) {
              return k;
            }
            k = Long.compareUnsigned(a[x], a[y]);
            return k != 0 ? k : Long.compareUnsigned(b[x], b[y]);
          };
          for (int s = 0; s < n; s += runLength) {
            Arrays.sort(order, s, Math.min(n, s + runLength), cmp);
          }
          long[] h0 = new long[n];
          long[] a0 = new long[n];
          long[] b0 = new long[n];
          long[] c0 = new long[n];
          int[] l0 = new int[n];
          for (int i = 0; i < n; i++) {
            h0[i] = h[order[i]];
            a0[i] = a[order[i]];
            b0[i] = b[order[i]];
            c0[i] = c[order[i]];
            l0[i] = len[order[i]];
          }
          Integer[] model = order.clone();
          Arrays.sort(model, cmp); // stable
          Sorting.sortByKey(h0, a0, b0, c0, l0, n);
          long[] expect = new long[n];
          for (int i = 0; i < n; i++) {
            expect[i] = c[model[i]];
          }
          assertArrayEquals(expect, c0, "values in a stable sorted order, seed " + seed);
          for (int i = 0; i < n; i++) {
            assertArrayEquals(new long[] {h[model[i]], a[model[i]], b[model[i]], len[model[i]]},
                new long[] {h0[i], a0[i], b0[i], l0[i]}, "row " + i);
          }
        });
  }
}
