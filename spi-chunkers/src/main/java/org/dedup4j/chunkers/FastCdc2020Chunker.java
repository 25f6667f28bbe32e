package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * FastCDC 2020 ("rolling two bytes each time"), cut for cut as {@code fastcdc::v2020::FastCDC} of
 * fastcdc-rs 3.x: gear hash, cut-point skipping to {@code min}, normalized chunking with a strict
 * mask before {@code avg} and a loose one after, two bytes per step.
 *
 * <p>Like the reference, a cut found at index {@code i} ends the chunk before byte {@code i}: the
 * decision has looked at that one byte. It is always inside {@code [from, to)}, so windowing and
 * resuming are not affected.
 *
 * <p><b>The kernel computes the reference's cuts with less work per byte.</b> The reference keeps
 * {@code hash = (hash << 2) + GEAR_LS[b0]}, tests it against {@code mask << 1}, then adds {@code
 * GEAR[b1]} and tests against {@code mask}. After {@code b1} that hash is the plain gear hash {@code H}
 * ({@code H = 2 H + GEAR[b]} per byte), and after {@code b0} it is {@code 2 H}, whose test against
 * {@code mask << 1} is the test of {@code H} against {@code mask} (the masks use the low 48 bits only).
 * So each step here computes {@code H0 = 2 H + g0} for the first test and {@code H = 4 H + (2 g0 +
 * g1)} for the second: one table, and a loop-carried chain of one shift-add per two bytes instead of
 * three operations. {@code ReferenceModels.v2020} (a transliteration of the reference) checks this
 * cut for cut in the tests.
 *
 * <p><b>One mask per scan.</b> The strict mask runs over {@code [min, avg)} and the loose one over
 * {@code [avg, max)} in two calls of a one-loop scan. The second call does not take the first one's
 * hash: it rebuilds it from the {@link Tables#MASK_REACH} bytes before {@code avg}, since a byte
 * {@code k} places back adds {@code GEAR[b] << k} to the hash and so cannot reach a mask bit once
 * {@code k >= 48}. One method with both loops kept more values alive than the registers hold: on JDK
 * 17 C2 moved the array into a vector register and back at every byte, and on both JDKs it ran
 * 16-40% slower than the split (scratch harness, both forms alternating in one JVM, best and median
 * of 30 passes over 256 MiB; see {@code benchmarks/README.md}).
 *
 * <p>The kernel exists twice more for a non-zero {@code seed}, which the reference XORs into every
 * table entry ({@code seed << 1} into the shifted table, which is the same thing): the default seed
 * 0 reads the static table with no XOR, measured 11-16% faster on JDK 17 and 25 (best passes
 * alternating in one JVM; see {@code benchmarks/README.md}). One kernel with the seed as a parameter is
 * not reliably specialised for 0: whether C2 inlines it into its caller depends on the order of
 * compilation ({@code -XX:+PrintInlining} showed both outcomes, "already compiled into a medium
 * method" among the refusals).
 */
final class FastCdc2020Chunker extends CdcChunker {

  private final int level;
  private final long seed;
  private final long maskS;
  private final long maskL;

  FastCdc2020Chunker(int min, int avg, int max, int level, long seed) {
    super(min, avg, max);
    this.level = level;
    this.seed = seed;
    int bits = Tables.log2Rounded(avg);
    this.maskS = Tables.MASKS[bits + level];
    this.maskL = Tables.MASKS[bits - level];
  }

  @Override
  public String spec() {
    return "fastcdc2020:min=" + min + ",avg=" + avg + ",max=" + max + ",level=" + level
        + ",seed=" + Long.toUnsignedString(seed);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The reference steps two bytes at a time from {@code min} rounded down to even, so an odd
   * {@code min} allows chunks of {@code min - 1} bytes.
   */
  @Override
  public int minChunkSize() {
    return min & ~1;
  }

  @Override
  int cut(byte[] a, int base, int remaining) {
    int from = base + (min & ~1);
    int center = base + (Math.min(avg, remaining) & ~1);
    int end = base + (remaining & ~1);
    int at = seed == 0 ? scan(a, from, center, maskS, 0) : scanSeeded(a, from, center, maskS, 0, seed);
    if (at < 0 && center < end) {
      long hash = hashBefore(a, Math.max(from, center - Tables.MASK_REACH), center, seed);
      at = seed == 0 ? scan(a, center, end, maskL, hash) : scanSeeded(a, center, end, maskL, hash, seed);
    }
    return at < 0 ? remaining : at - base;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    int from = base + (min & ~1);
    int center = base + (Math.min(avg, remaining) & ~1);
    int end = base + (remaining & ~1);
    int at = seed == 0 ? scan(b, from, center, maskS, 0) : scanSeeded(b, from, center, maskS, 0, seed);
    if (at < 0 && center < end) {
      long hash = hashBefore(b, Math.max(from, center - Tables.MASK_REACH), center, seed);
      at = seed == 0 ? scan(b, center, end, maskL, hash) : scanSeeded(b, center, end, maskL, hash, seed);
    }
    return at < 0 ? remaining : at - base;
  }

  // The scans test [p, end) against one mask, two bytes per step, starting from the gear hash of the
  // bytes before p, and return the index the chunk ends before, or -1. Static with few live values:
  // the JIT then keeps every one in a register.

  private static int scan(byte[] a, int p, int end, long mask, long hash) {
    final long[] g = Tables.GEAR; // static final: the JIT knows its length and drops index checks
    for (; p < end; p += 2) {
      long g0 = g[a[p] & 0xff];
      long g1 = g[a[p + 1] & 0xff];
      if ((((hash << 1) + g0) & mask) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & mask) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  private static int scan(ByteBuffer b, int p, int end, long mask, long hash) {
    final long[] g = Tables.GEAR;
    for (; p < end; p += 2) {
      long g0 = g[b.get(p) & 0xff];
      long g1 = g[b.get(p + 1) & 0xff];
      if ((((hash << 1) + g0) & mask) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & mask) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  /** {@link #scan(byte[], int, int, long, long)} with {@code seed} XORed into each entry. */
  private static int scanSeeded(byte[] a, int p, int end, long mask, long hash, long seed) {
    final long[] g = Tables.GEAR;
    for (; p < end; p += 2) {
      long g0 = g[a[p] & 0xff] ^ seed;
      long g1 = g[a[p + 1] & 0xff] ^ seed;
      if ((((hash << 1) + g0) & mask) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & mask) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  /** {@link #scan(ByteBuffer, int, int, long, long)} with {@code seed} XORed into each entry. */
  private static int scanSeeded(ByteBuffer b, int p, int end, long mask, long hash, long seed) {
    final long[] g = Tables.GEAR;
    for (; p < end; p += 2) {
      long g0 = g[b.get(p) & 0xff] ^ seed;
      long g1 = g[b.get(p + 1) & 0xff] ^ seed;
      if ((((hash << 1) + g0) & mask) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & mask) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  /** The gear hash of {@code [p, end)} (at most {@link Tables#MASK_REACH} bytes, once per chunk). */
  private static long hashBefore(byte[] a, int p, int end, long seed) {
    long hash = 0;
    for (; p < end; p++) {
      hash = (hash << 1) + (Tables.GEAR[a[p] & 0xff] ^ seed);
    }
    return hash;
  }

  /** {@link #hashBefore(byte[], int, int, long)} on a buffer. */
  private static long hashBefore(ByteBuffer b, int p, int end, long seed) {
    long hash = 0;
    for (; p < end; p++) {
      hash = (hash << 1) + (Tables.GEAR[b.get(p) & 0xff] ^ seed);
    }
    return hash;
  }
}
