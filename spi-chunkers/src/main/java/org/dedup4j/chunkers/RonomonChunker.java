package org.dedup4j.chunkers;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/**
 * The FastCDC variant of {@code @ronomon/deduplication} (Joran Dirk Greef), cut for cut as its Java
 * port {@code fastcdc-java} and fastcdc-rs's {@code ronomon} module: a 31-bit table, a right shift
 * instead of a left shift, plain low-bit masks with one bit of normalization each way, and a pivot
 * at {@code avg - min(avg, min + ceil(min / 2))}. A cut includes the byte that triggered it, so the
 * decision depends only on the chunk's own bytes.
 */
final class RonomonChunker implements Chunker {

  private final int min;
  private final int avg;
  private final int max;
  private final int maskS;
  private final int maskL;
  private final int center;

  RonomonChunker(int min, int avg, int max) {
    this.min = min;
    this.avg = avg;
    this.max = max;
    int bits = Tables.log2Rounded(avg);
    this.maskS = (1 << (bits + 1)) - 1;
    this.maskL = (1 << (bits - 1)) - 1;
    int offset = min + (min + 1) / 2;
    this.center = avg - Math.min(offset, avg);
  }

  @Override
  public String spec() {
    return "ronomon:min=" + min + ",avg=" + avg + ",max=" + max;
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
    if (remaining > max) {
      remaining = max;
    }
    int pivot = Math.min(center, remaining);
    if (data.hasArray()) {
      return from + cut(data.array(), data.arrayOffset() + from, remaining, pivot);
    }
    return from + cut(data, from, remaining, pivot);
  }

  private int cut(byte[] a, int base, int remaining, int pivot) {
    final int[] t = Tables.RONOMON;
    int hash = 0;
    int p = base + min;
    int stop = base + pivot;
    final int ms = maskS;
    while (p < stop) {
      hash = (hash >>> 1) + t[a[p++] & 0xff];
      if ((hash & ms) == 0) {
        return p - base;
      }
    }
    stop = base + remaining;
    final int ml = maskL;
    while (p < stop) {
      hash = (hash >>> 1) + t[a[p++] & 0xff];
      if ((hash & ml) == 0) {
        return p - base;
      }
    }
    return remaining;
  }

  private int cut(ByteBuffer b, int base, int remaining, int pivot) {
    final int[] t = Tables.RONOMON;
    int hash = 0;
    int p = base + min;
    int stop = base + pivot;
    final int ms = maskS;
    while (p < stop) {
      hash = (hash >>> 1) + t[b.get(p++) & 0xff];
      if ((hash & ms) == 0) {
        return p - base;
      }
    }
    stop = base + remaining;
    final int ml = maskL;
    while (p < stop) {
      hash = (hash >>> 1) + t[b.get(p++) & 0xff];
      if ((hash & ml) == 0) {
        return p - base;
      }
    }
    return remaining;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RonomonChunker && ((RonomonChunker) o).spec().equals(spec());
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
