package org.dedup4j.chunkers;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/**
 * FastCDC 2016, cut for cut as {@code fastcdc::v2016::FastCDC} of fastcdc-rs 3.x: gear hash one byte
 * at a time, cut-point skipping to {@code min}, normalized chunking with a strict mask before {@code
 * avg} and a loose one after.
 *
 * <p>Like the reference, a cut found at index {@code i} ends the chunk before byte {@code i}: the
 * decision has looked at that one byte, which is always inside {@code [from, to)}.
 */
final class FastCdc2016Chunker implements Chunker {

  private final int min;
  private final int avg;
  private final int max;
  private final int level;
  private final long maskS;
  private final long maskL;

  FastCdc2016Chunker(int min, int avg, int max, int level) {
    this.min = min;
    this.avg = avg;
    this.max = max;
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
  public int minChunkSize() {
    return min;
  }

  @Override
  public int maxChunkSize() {
    return max;
  }

  @Override
  public int nextCut(ByteBuffer data, int from, int to) {
    int remaining = to - from;
    if (remaining <= min) {
      return to;
    }
    int center = avg;
    if (remaining > max) {
      remaining = max;
    } else if (remaining < center) {
      center = remaining;
    }
    if (data.hasArray()) {
      return from + cut(data.array(), data.arrayOffset() + from, remaining, center);
    }
    return from + cut(data, from, remaining, center);
  }

  private int cut(byte[] a, int base, int remaining, int center) {
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

  private int cut(ByteBuffer b, int base, int remaining, int center) {
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

  @Override
  public boolean equals(Object o) {
    return o instanceof FastCdc2016Chunker && ((FastCdc2016Chunker) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
