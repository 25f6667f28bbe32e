package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * FastCDC 2020 ("rolling two bytes each time"), cut for cut as {@code fastcdc::v2020::FastCDC} of
 * fastcdc-rs 3.x: gear hash, cut-point skipping to {@code min}, normalized chunking with a strict
 * mask before {@code avg} and a loose one after, two bytes per step with the left-shifted table.
 *
 * <p>Like the reference, a cut found at index {@code i} ends the chunk before byte {@code i}: the
 * decision has looked at that one byte. It is always inside {@code [from, to)}, so windowing and
 * resuming are not affected.
 */
final class FastCdc2020Chunker extends CdcChunker {

  private final int level;
  private final long seed;
  private final long maskS;
  private final long maskL;
  private final long maskSLs;
  private final long maskLLs;
  /** The seed shifted left by one, XORed into each left-shifted gear value. */
  private final long seedLs;

  FastCdc2020Chunker(int min, int avg, int max, int level, long seed) {
    super(min, avg, max);
    this.level = level;
    this.seed = seed;
    int bits = Tables.log2Rounded(avg);
    this.maskS = Tables.MASKS[bits + level];
    this.maskL = Tables.MASKS[bits - level];
    this.maskSLs = maskS << 1;
    this.maskLLs = maskL << 1;
    // fastcdc-rs XORs the seed into GEAR and seed << 1 into GEAR_LS (= GEAR << 1); XORing at lookup
    // keeps the tables static final, whose constant length lets the JIT drop the index checks
    this.seedLs = seed << 1;
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
    final int center = Math.min(avg, remaining);
    final long[] g = Tables.GEAR;
    final long[] gl = Tables.GEAR_LS;
    final long s = seed;
    final long sl = seedLs;
    long hash = 0;
    int p = base + (min & ~1);
    int stop = base + (center & ~1);
    final long ms = maskS;
    final long msl = maskSLs;
    for (; p < stop; p += 2) {
      hash = (hash << 2) + (gl[a[p] & 0xff] ^ sl);
      if ((hash & msl) == 0) {
        return p - base;
      }
      hash += g[a[p + 1] & 0xff] ^ s;
      if ((hash & ms) == 0) {
        return p - base + 1;
      }
    }
    stop = base + (remaining & ~1);
    final long ml = maskL;
    final long mll = maskLLs;
    for (; p < stop; p += 2) {
      hash = (hash << 2) + (gl[a[p] & 0xff] ^ sl);
      if ((hash & mll) == 0) {
        return p - base;
      }
      hash += g[a[p + 1] & 0xff] ^ s;
      if ((hash & ml) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    final int center = Math.min(avg, remaining);
    final long[] g = Tables.GEAR;
    final long[] gl = Tables.GEAR_LS;
    final long s = seed;
    final long sl = seedLs;
    long hash = 0;
    int p = base + (min & ~1);
    int stop = base + (center & ~1);
    final long ms = maskS;
    final long msl = maskSLs;
    for (; p < stop; p += 2) {
      hash = (hash << 2) + (gl[b.get(p) & 0xff] ^ sl);
      if ((hash & msl) == 0) {
        return p - base;
      }
      hash += g[b.get(p + 1) & 0xff] ^ s;
      if ((hash & ms) == 0) {
        return p - base + 1;
      }
    }
    stop = base + (remaining & ~1);
    final long ml = maskL;
    final long mll = maskLLs;
    for (; p < stop; p += 2) {
      hash = (hash << 2) + (gl[b.get(p) & 0xff] ^ sl);
      if ((hash & mll) == 0) {
        return p - base;
      }
      hash += g[b.get(p + 1) & 0xff] ^ s;
      if ((hash & ml) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

}
