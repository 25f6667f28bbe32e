package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * Buzhash (cyclic polynomial) over a window of {@code window} bytes, with borg's hash: borg's table
 * XOR a 32-bit seed, {@code rotl(sum, 1) ^ rotl(T[out], window) ^ T[in]} to slide. Unlike borg, the
 * window ends at the candidate cut ({@code [cut - window, cut)}) instead of starting there, so a cut
 * depends only on the bytes of its own chunk; candidates run from {@code min} (which is at least the
 * window) to {@code max}, and a chunk ends where the low {@code round(log2(avg))} bits are zero.
 */
final class BuzhashChunker extends CdcChunker {

  private final int window;
  private final int seed;
  private final int mask;

  BuzhashChunker(int min, int avg, int max, int window, int seed) {
    super(min, avg, max);
    this.window = window;
    this.seed = seed;
    this.mask = (1 << Tables.log2Rounded(avg)) - 1;
  }

  @Override
  public String spec() {
    return "buzhash:min=" + min + ",avg=" + avg + ",max=" + max + ",window=" + window
        + ",seed=" + Integer.toUnsignedString(seed);
  }

  @Override
  int cut(byte[] a, int base, int remaining) {
    final int[] t = Tables.BORG_BUZHASH; // static final: the JIT knows its length
    final int s = seed;
    final int w = window;
    final int m = mask;
    int p = base + min;
    int sum = 0;
    for (int q = p - w; q < p; q++) {
      sum = Integer.rotateLeft(sum, 1) ^ (t[a[q] & 0xff] ^ s);
    }
    if ((sum & m) == 0) {
      return min;
    }
    int stop = base + remaining;
    for (; p < stop; p++) {
      sum = Integer.rotateLeft(sum, 1) ^ Integer.rotateLeft(t[a[p - w] & 0xff] ^ s, w) ^ (t[a[p] & 0xff] ^ s);
      if ((sum & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    final int[] t = Tables.BORG_BUZHASH; // static final: the JIT knows its length
    final int s = seed;
    final int w = window;
    final int m = mask;
    int p = base + min;
    int sum = 0;
    for (int q = p - w; q < p; q++) {
      sum = Integer.rotateLeft(sum, 1) ^ (t[b.get(q) & 0xff] ^ s);
    }
    if ((sum & m) == 0) {
      return min;
    }
    int stop = base + remaining;
    for (; p < stop; p++) {
      sum = Integer.rotateLeft(sum, 1) ^ Integer.rotateLeft(t[b.get(p - w) & 0xff] ^ s, w) ^ (t[b.get(p) & 0xff] ^ s);
      if ((sum & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

}
