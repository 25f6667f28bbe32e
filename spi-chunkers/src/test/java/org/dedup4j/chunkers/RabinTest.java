package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/** {@code rabin}: the polynomial checks, restic's published zero vector, and the kernel against a model of restic. */
class RabinTest {

  @Test
  void defaultPolynomialIsIrreducibleOfDegree53() {
    assertEquals(53, Polynomials.degree(RabinChunkerProvider.DEFAULT_POLYNOMIAL));
    assertTrue(Polynomials.irreducible(RabinChunkerProvider.DEFAULT_POLYNOMIAL));
    assertEquals("rabin:min=2048,avg=8192,max=65536,poly=0x3da3358b4dc173", Chunkers.fromSpec("rabin").spec());
  }

  @Test
  void smallKnownPolynomials() {
    assertTrue(Polynomials.irreducible(0b111)); // x^2 + x + 1
    assertFalse(Polynomials.irreducible(0b101)); // (x + 1)^2
    assertTrue(Polynomials.irreducible(0x11B)); // AES
    assertTrue(Polynomials.irreducible(0x11D)); // Reed-Solomon (QR codes)
    assertFalse(Polynomials.irreducible(0x11B ^ 1)); // even number of terms: divisible by x + 1
    // flipping one coefficient of the default (odd term count) makes it divisible by x + 1
    assertFalse(Polynomials.irreducible(RabinChunkerProvider.DEFAULT_POLYNOMIAL ^ (1L << 20)));
  }

  /** Ben-Or against trial division by every polynomial of degree up to d/2, for random small polynomials. */
  @Test
  void benOrAgreesWithTrialDivision() {
    SplitMix64 rnd = new SplitMix64(53);
    for (int i = 0; i < 3000; i++) {
      int degree = 2 + (int) rnd.below(15);
      long p = (1L << degree) | (rnd.nextLong() & ((1L << degree) - 1));
      boolean divisible = false;
      for (long d = 2; d < (1L << (degree / 2 + 1)) && !divisible; d++) {
        divisible = Polynomials.mod(p, d) == 0;
      }
      assertEquals(!divisible, Polynomials.irreducible(p), "0x" + Long.toHexString(p));
    }
  }

  /** restic's {@code chunks2}: zeros of 4 x MinSize cut into MinSize chunks. */
  @Test
  void resticZeroVector() {
    byte[] zeros = new byte[4 * 512 * 1024];
    Chunker c = Chunkers.fromSpec("rabin:min=512k,avg=1m,max=8m,poly=0x3DA3358B4DC173");
    int[] cuts = TestData.cuts(c, zeros);
    assertEquals(4, cuts.length);
    for (int i = 0; i < 4; i++) {
      assertEquals((i + 1) * 524288, cuts[i]);
    }
    assertEquals(
        "07854d2fef297a06ba81685e660c332de36d5d18d546927d30daad6d7fda1541", TestData.sha256(zeros, 0, 524288));
  }

  @Test
  void kernelMatchesAModelOfRestic() {
    byte[] data = TestData.random(0x7e57, 1 << 20);
    long[] polys = {RabinChunkerProvider.DEFAULT_POLYNOMIAL, randomIrreducible(new SplitMix64(1))};
    int[][] sizes = {{64, 256, 1024}, {2048, 8192, 65536}, {1000, 3000, 5000}, {4096, 4096, 4096}};
    for (long poly : polys) {
      for (int[] s : sizes) {
        Chunker c = Chunkers.fromSpec("rabin:min=" + s[0] + ",avg=" + s[1] + ",max=" + s[2] + ",poly=0x" + Long.toHexString(poly));
        ResticModel model = new ResticModel(poly, s[0], Tables.log2Rounded(s[1]), s[2]);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
        for (int from = 0; from < data.length; ) {
          int expected = from + model.split(data, from, data.length);
          int cut = c.nextCut(ByteBuffer.wrap(data), from, data.length);
          assertEquals(expected, cut, c.spec() + " at " + from);
          assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
          from = cut;
        }
      }
    }
  }

  static long randomIrreducible(SplitMix64 rnd) {
    while (true) {
      long f = (rnd.nextLong() & ((1L << 54) - 1)) | (1L << 53) | 1;
      if (Polynomials.irreducible(f)) {
        return f;
      }
    }
  }

  /** restic's {@code BaseChunker} state machine, transliterated with its window ring and counters. */
  static final class ResticModel {
    final long pol;
    final int polShift;
    final long[] out = new long[256];
    final long[] mod = new long[256];
    final long splitmask;
    final int minSize;
    final int maxSize;

    ResticModel(long pol, int minSize, int averageBits, int maxSize) {
      this.pol = pol;
      this.polShift = Polynomials.degree(pol) - 8;
      this.splitmask = (1L << averageBits) - 1;
      this.minSize = minSize;
      this.maxSize = maxSize;
      for (int b = 0; b < 256; b++) {
        long h = appendByte(0, b);
        for (int i = 0; i < 63; i++) {
          h = appendByte(h, 0);
        }
        out[b] = h;
      }
      int k = Polynomials.degree(pol);
      for (int b = 0; b < 256; b++) {
        mod[b] = Polynomials.mod((long) b << k, pol) | ((long) b << k);
      }
    }

    long appendByte(long hash, int b) {
      return Polynomials.mod((hash << 8) | b, pol);
    }

    long updateDigest(long digest, int b) {
      int index = (int) (digest >>> polShift);
      digest <<= 8;
      digest |= b;
      return digest ^ mod[index];
    }

    /** Length of the chunk starting at {@code from}; the rest of the input if no split point. */
    int split(byte[] buf, int from, int end) {
      int[] window = new int[64];
      window[0] = 1;
      long digest = updateDigest(out[0], 1);
      int wpos = 1;
      int pre = minSize - 64;
      int count = 0;
      if (pre >= end - from) {
        return end - from;
      }
      int idx = pre;
      count += pre;
      int add = count;
      for (int i = from + idx; i < end; i++) {
        int b = buf[i] & 0xff;
        int outByte = window[wpos % 64];
        window[wpos % 64] = b;
        digest ^= out[outByte];
        wpos++;
        digest = updateDigest(digest, b);
        add++;
        if ((digest & splitmask) == 0 || add >= maxSize) {
          if (add < minSize) {
            continue;
          }
          return i - from + 1;
        }
      }
      return end - from;
    }
  }
}
