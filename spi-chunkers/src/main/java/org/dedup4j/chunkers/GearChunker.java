package org.dedup4j.chunkers;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/**
 * Plain Gear CDC (Xia et al., "Ddelta", 2014): {@code hash = (hash << 1) + GEAR[b]}, cut after a
 * byte when the top {@code log2(avg)} bits of the hash are zero. The hash covers the last 64 bytes;
 * it starts 64 bytes before {@code min} (or at the chunk start) so the first candidate cut, at
 * {@code min}, already sees a full window. A cut includes the byte that triggered it.
 */
final class GearChunker implements Chunker {

  /** Bytes the gear hash remembers: each byte's influence is shifted out after 64 steps. */
  static final int WINDOW = 64;

  private final int min;
  private final int avg;
  private final int max;
  private final long seed;
  private final long mask;

  GearChunker(int min, int avg, int max, long seed) {
    this.min = min;
    this.avg = avg;
    this.max = max;
    this.seed = seed;
    int bits = Tables.log2Rounded(avg);
    this.mask = -1L << (64 - bits);
  }

  @Override
  public String spec() {
    return "gear:min=" + min + ",avg=" + avg + ",max=" + max + ",seed=" + Long.toUnsignedString(seed);
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
    if (data.hasArray()) {
      return from + cut(data.array(), data.arrayOffset() + from, remaining);
    }
    return from + cut(data, from, remaining);
  }

  private int cut(byte[] a, int base, int remaining) {
    final long[] g = Tables.GEAR; // static final: the JIT knows its length
    final long s = seed;
    final long m = mask;
    long hash = 0;
    int p = base + Math.max(0, min - WINDOW);
    int stop = base + min - 1;
    for (; p < stop; p++) {
      hash = (hash << 1) + (g[a[p] & 0xff] ^ s);
    }
    stop = base + remaining;
    for (; p < stop; p++) {
      hash = (hash << 1) + (g[a[p] & 0xff] ^ s);
      if ((hash & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

  private int cut(ByteBuffer b, int base, int remaining) {
    final long[] g = Tables.GEAR; // static final: the JIT knows its length
    final long s = seed;
    final long m = mask;
    long hash = 0;
    int p = base + Math.max(0, min - WINDOW);
    int stop = base + min - 1;
    for (; p < stop; p++) {
      hash = (hash << 1) + (g[b.get(p) & 0xff] ^ s);
    }
    stop = base + remaining;
    for (; p < stop; p++) {
      hash = (hash << 1) + (g[b.get(p) & 0xff] ^ s);
      if ((hash & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GearChunker && ((GearChunker) o).spec().equals(spec());
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
