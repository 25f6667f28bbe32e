package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * FastCDC 2016, cut for cut as {@code fastcdc::v2016::FastCDC} of fastcdc-rs 3.x: gear hash one byte
 * at a time, cut-point skipping to {@code min}, normalized chunking with a strict mask before {@code
 * avg} and a loose one after.
 *
 * <p>Like the reference, a cut found at index {@code i} ends the chunk before byte {@code i}: the
 * decision has looked at that one byte, which is always inside {@code [from, to)}.
 */
final class FastCdc2016Chunker extends CdcChunker {

  private final int level;
  private final long maskS;
  private final long maskL;

  FastCdc2016Chunker(int min, int avg, int max, int level) {
    super(min, avg, max);
    this.level = level;
    int bits = Tables.log2Rounded(avg);
    this.maskS = Tables.MASKS[bits + level];
    this.maskL = Tables.MASKS[bits - level];
  }

  @Override
  public String spec() {
    return "fastcdc2016:min=" + min + ",avg=" + avg + ",max=" + max + ",level=" + level;
  }

  @Override
  int cut(byte[] a, int base, int remaining) {
    final int center = Math.min(avg, remaining);
    final long[] g = Tables.GEAR;
    long hash = 0;
    int p = base + min;
    int stop = base + center;
    final long ms = maskS;
    for (; p < stop; p++) {
      hash = (hash << 1) + g[a[p] & 0xff];
      if ((hash & ms) == 0) {
        return p - base;
      }
    }
    stop = base + remaining;
    final long ml = maskL;
    for (; p < stop; p++) {
      hash = (hash << 1) + g[a[p] & 0xff];
      if ((hash & ml) == 0) {
        return p - base;
      }
    }
    return remaining;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    final int center = Math.min(avg, remaining);
    final long[] g = Tables.GEAR;
    long hash = 0;
    int p = base + min;
    int stop = base + center;
    final long ms = maskS;
    for (; p < stop; p++) {
      hash = (hash << 1) + g[b.get(p) & 0xff];
      if ((hash & ms) == 0) {
        return p - base;
      }
    }
    stop = base + remaining;
    final long ml = maskL;
    for (; p < stop; p++) {
      hash = (hash << 1) + g[b.get(p) & 0xff];
      if ((hash & ml) == 0) {
        return p - base;
      }
    }
    return remaining;
  }

}
