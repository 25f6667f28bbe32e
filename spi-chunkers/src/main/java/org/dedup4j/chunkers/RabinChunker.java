package org.dedup4j.chunkers;

import java.nio.ByteBuffer;

/**
 * Rabin fingerprinting over a 64-byte window, as restic's chunker ({@code restic/chunker}, {@code
 * BaseChunker.NextSplitPoint}): the first {@code min - 64} bytes of a chunk are skipped, the window
 * starts with restic's reset state (a single byte 1 slid in), the digest is updated with restic's
 * {@code out} and {@code mod} tables, and a chunk ends after the byte where {@code digest &
 * (2^bits - 1) == 0} once it has {@code min} bytes, or at {@code max}. A cut includes that byte.
 */
final class RabinChunker extends CdcChunker {

  /** restic's window size. */
  static final int WINDOW = 64;

  private final long poly;
  private final int polShift;
  private final long mask;
  private final long[] outTable = new long[256];
  private final long[] modTable = new long[256];

  RabinChunker(int min, int avg, int max, long poly) {
    super(min, avg, max);
    this.poly = poly;
    int degree = Polynomials.degree(poly);
    this.polShift = degree - 8;
    this.mask = (1L << Tables.log2Rounded(avg)) - 1;
    for (int b = 0; b < 256; b++) {
      // out[b] = fingerprint of b followed by WINDOW - 1 zero bytes
      long h = Polynomials.mod(b, poly);
      for (int i = 0; i < WINDOW - 1; i++) {
        h = Polynomials.mod(h << 8, poly);
      }
      outTable[b] = h;
      // mod[b] = (b * x^degree mod poly) | b * x^degree: one XOR reduces and clears the top byte
      modTable[b] = Polynomials.mod((long) b << degree, poly) | ((long) b << degree);
    }
  }

  @Override
  public String spec() {
    return "rabin:min=" + min + ",avg=" + avg + ",max=" + max + ",poly=0x" + Long.toHexString(poly);
  }

  @Override
  int cut(byte[] a, int base, int remaining) {
    final long[] out = outTable;
    final long[] mods = modTable;
    final int shift = polShift;
    final long m = mask;
    // restic's reset: window [1, 0, ..., 0], digest 1; the zeros slide out as out[0] == 0
    long digest = 1;
    int p = base + min - WINDOW;
    int stop = p + WINDOW - 1;
    for (; p < stop; p++) {
      digest = ((digest << 8) | (a[p] & 0xff)) ^ mods[(int) (digest >>> shift)];
    }
    // the 64th byte slides out the initial 1; from here on the digest is that of the window alone
    digest ^= out[1];
    digest = ((digest << 8) | (a[p] & 0xff)) ^ mods[(int) (digest >>> shift)];
    p++;
    if ((digest & m) == 0) {
      return min;
    }
    stop = base + remaining;
    for (; p < stop; p++) {
      digest ^= out[a[p - WINDOW] & 0xff];
      digest = ((digest << 8) | (a[p] & 0xff)) ^ mods[(int) (digest >>> shift)];
      if ((digest & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

  @Override
  int cut(ByteBuffer b, int base, int remaining) {
    final long[] out = outTable;
    final long[] mods = modTable;
    final int shift = polShift;
    final long m = mask;
    long digest = 1;
    int p = base + min - WINDOW;
    int stop = p + WINDOW - 1;
    for (; p < stop; p++) {
      digest = ((digest << 8) | (b.get(p) & 0xff)) ^ mods[(int) (digest >>> shift)];
    }
    digest ^= out[1];
    digest = ((digest << 8) | (b.get(p) & 0xff)) ^ mods[(int) (digest >>> shift)];
    p++;
    if ((digest & m) == 0) {
      return min;
    }
    stop = base + remaining;
    for (; p < stop; p++) {
      digest ^= out[b.get(p - WINDOW) & 0xff];
      digest = ((digest << 8) | (b.get(p) & 0xff)) ^ mods[(int) (digest >>> shift)];
      if ((digest & m) == 0) {
        return p - base + 1;
      }
    }
    return remaining;
  }

}
