package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * The FastCDC variant of {@code @ronomon/deduplication} (Joran Dirk Greef), cut for cut as its Java
 * port {@code fastcdc-java} and fastcdc-rs's {@code ronomon} module: a 31-bit table, a right shift
 * instead of a left shift, plain low-bit masks with one bit of normalization each way, and a pivot
 * at {@code avg - min(avg, min + ceil(min / 2))}. A cut includes the byte that triggered it, so the
 * decision depends only on the chunk's own bytes.
 */
final class RonomonChunker extends CdcChunker {

  private final int maskS;
  private final int maskL;
  private final int center;

  RonomonChunker(int min, int avg, int max) {
    super(min, avg, max);
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
  int cut(byte[] a, int base, int remaining) {
    final int pivot = Math.min(center, remaining);
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

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    final int pivot = Math.min(center, remaining);
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

}
