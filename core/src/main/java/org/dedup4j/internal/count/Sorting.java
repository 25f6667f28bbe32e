package org.dedup4j.internal.count;

/**
 * A natural merge sort of parallel arrays by (sort key, k0, k1), unsigned, as {@link
 * FingerprintTable#compare} orders fingerprints: sorted runs in the input are found and merged
 * pairwise, so input that is a few sorted runs (entries from a few senders) sorts in O(n log runs).
 * Stable.
 */
final class Sorting {

  private Sorting() {}

  static void sortByKey(long[] h, long[] a, long[] b, long[] c, int[] len, int n) {
    if (n < 2) {
      return;
    }
    int[] runs = new int[n + 1];
    int count = 0;
    runs[count++] = 0;
    for (int i = 1; i < n; i++) {
      if (compare(h, a, b, i - 1, i) > 0) {
        runs[count++] = i;
      }
    }
    runs[count] = n;
    long[] h2 = new long[n];
    long[] a2 = new long[n];
    long[] b2 = new long[n];
    long[] c2 = new long[n];
    int[] len2 = new int[n];
    long[][] src = {h, a, b, c};
    long[][] dst = {h2, a2, b2, c2};
    int[] lsrc = len;
    int[] ldst = len2;
    while (count > 1) {
      int merged = 0;
      for (int r = 0; r < count; r += 2) {
        int lo = runs[r];
        int mid = runs[Math.min(r + 1, count)];
        int hi = runs[Math.min(r + 2, count)];
        merge(src, lsrc, dst, ldst, lo, mid, hi);
        runs[merged++] = lo;
      }
      runs[merged] = n;
      count = merged;
      long[][] t = src;
      src = dst;
      dst = t;
      int[] lt = lsrc;
      lsrc = ldst;
      ldst = lt;
    }
    if (src[0] != h) {
      System.arraycopy(src[0], 0, h, 0, n);
      System.arraycopy(src[1], 0, a, 0, n);
      System.arraycopy(src[2], 0, b, 0, n);
      System.arraycopy(src[3], 0, c, 0, n);
      System.arraycopy(lsrc, 0, len, 0, n);
    }
  }

  private static void merge(long[][] s, int[] ls, long[][] d, int[] ld, int lo, int mid,
      int hi) {
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      int from = j >= hi || (i < mid && compare(s[0], s[1], s[2], i, j) <= 0) ? i++ : j++;
      d[0][k] = s[0][from];
      d[1][k] = s[1][from];
      d[2][k] = s[2][from];
      d[3][k] = s[3][from];
      ld[k] = ls[from];
    }
  }

  private static int compare(long[] h, long[] a, long[] b, int x, int y) {
    int c = Long.compareUnsigned(h[x], h[y]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a[x], a[y]);
    return c != 0 ? c : Long.compareUnsigned(b[x], b[y]);
  }
}
