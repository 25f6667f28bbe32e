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
 * <p>The kernel exists twice more for a non-zero {@code seed}, which the reference XORs into every
 * table entry ({@code seed << 1} into the shifted table, which is the same thing): the default seed
 * 0 reads the static table with no XOR, measured 10-14% faster on JDK 17 and 25 (best passes of
 * this build against one with a single seeded kernel, raced in one JVM by {@code BuildRace}; see
 * {@code benchmarks/README.md}). One kernel with the seed as a parameter is
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
    int at = seed == 0
        ? scan(a, from, center, end, maskS, maskL)
        : scanSeeded(a, from, center, end, maskS, maskL, seed);
    return at < 0 ? remaining : at - base;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    int from = base + (min & ~1);
    int center = base + (Math.min(avg, remaining) & ~1);
    int end = base + (remaining & ~1);
    int at = seed == 0
        ? scan(b, from, center, end, maskS, maskL)
        : scanSeeded(b, from, center, end, maskS, maskL, seed);
    return at < 0 ? remaining : at - base;
  }

  // The scans take [from, center) with maskS and [center, end) with maskL, two bytes per step, and
  // return the index the chunk ends before, or -1. Static with few live values: the JIT then keeps
  // every one in a register (the instance version shuffled two through vector registers per step).

  private static int scan(byte[] a, int p, int center, int end, long maskS, long maskL) {
    final long[] g = Tables.GEAR; // static final: the JIT knows its length and drops index checks
    long hash = 0;
    for (; p < center; p += 2) {
      long g0 = g[a[p] & 0xff];
      long g1 = g[a[p + 1] & 0xff];
      if ((((hash << 1) + g0) & maskS) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskS) == 0) {
        return p + 1;
      }
    }
    for (; p < end; p += 2) {
      long g0 = g[a[p] & 0xff];
      long g1 = g[a[p + 1] & 0xff];
      if ((((hash << 1) + g0) & maskL) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskL) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  private static int scan(ByteBuffer b, int p, int center, int end, long maskS, long maskL) {
    final long[] g = Tables.GEAR;
    long hash = 0;
    for (; p < center; p += 2) {
      long g0 = g[b.get(p) & 0xff];
      long g1 = g[b.get(p + 1) & 0xff];
      if ((((hash << 1) + g0) & maskS) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskS) == 0) {
        return p + 1;
      }
    }
    for (; p < end; p += 2) {
      long g0 = g[b.get(p) & 0xff];
      long g1 = g[b.get(p + 1) & 0xff];
      if ((((hash << 1) + g0) & maskL) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskL) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  /** {@link #scan(byte[], int, int, int, long, long)} with {@code seed} XORed into each entry. */
  private static int scanSeeded(byte[] a, int p, int center, int end, long maskS, long maskL, long seed) {
    final long[] g = Tables.GEAR;
    long hash = 0;
    for (; p < center; p += 2) {
      long g0 = g[a[p] & 0xff] ^ seed;
      long g1 = g[a[p + 1] & 0xff] ^ seed;
      if ((((hash << 1) + g0) & maskS) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskS) == 0) {
        return p + 1;
      }
    }
    for (; p < end; p += 2) {
      long g0 = g[a[p] & 0xff] ^ seed;
      long g1 = g[a[p + 1] & 0xff] ^ seed;
      if ((((hash << 1) + g0) & maskL) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskL) == 0) {
        return p + 1;
      }
    }
    return -1;
  }

  /** {@link #scan(ByteBuffer, int, int, int, long, long)} with {@code seed} XORed into each entry. */
  private static int scanSeeded(ByteBuffer b, int p, int center, int end, long maskS, long maskL, long seed) {
    final long[] g = Tables.GEAR;
    long hash = 0;
    for (; p < center; p += 2) {
      long g0 = g[b.get(p) & 0xff] ^ seed;
      long g1 = g[b.get(p + 1) & 0xff] ^ seed;
      if ((((hash << 1) + g0) & maskS) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskS) == 0) {
        return p + 1;
      }
    }
    for (; p < end; p += 2) {
      long g0 = g[b.get(p) & 0xff] ^ seed;
      long g1 = g[b.get(p + 1) & 0xff] ^ seed;
      if ((((hash << 1) + g0) & maskL) == 0) {
        return p;
      }
      hash = (hash << 2) + ((g0 << 1) + g1);
      if ((hash & maskL) == 0) {
        return p + 1;
      }
    }
    return -1;
  }
}
