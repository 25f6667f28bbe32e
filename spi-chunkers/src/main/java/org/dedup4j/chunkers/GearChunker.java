package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * Plain Gear CDC (Xia et al., "Ddelta", 2014): {@code hash = (hash << 1) + GEAR[b]}, cut after a
 * byte when the top {@code log2(avg)} bits of the hash are zero. The hash covers the last 64 bytes;
 * it starts 64 bytes before {@code min} (or at the chunk start) so the first candidate cut, at
 * {@code min}, already sees a full window. A cut includes the byte that triggered it.
 */
final class GearChunker extends CdcChunker {

  /** Bytes the gear hash remembers: each byte's influence is shifted out after 64 steps. */
  static final int WINDOW = 64;

  private final long seed;
  private final long mask;

  GearChunker(int min, int avg, int max, long seed) {
    super(min, avg, max);
    this.seed = seed;
    int bits = Tables.log2Rounded(avg);
    this.mask = -1L << (64 - bits);
  }

  @Override
  public String spec() {
    return "gear:min=" + min + ",avg=" + avg + ",max=" + max + ",seed=" + Long.toUnsignedString(seed);
  }

  @Override
  int cut(byte[] a, int base, int remaining) {
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

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
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

}
