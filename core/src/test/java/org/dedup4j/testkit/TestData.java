package org.dedup4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic test data of known character: random (incompressible), text-like (compresses about
 * 2.5-4x with general-purpose codecs) and zeros, for codec and estimator tests.
 *
 * <pre>{@code
 * byte[] text = TestData.textLike(32 * 1024, 1);
 * byte[] noise = TestData.random(4096, 2);
 * }</pre>
 */
public final class TestData {

  private static final String[] WORDS = words();

  private TestData() {}

  /**
   * Uniformly random bytes.
   *
   * @param length bytes
   * @param seed the seed
   * @return the bytes
   */
  public static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < length; ) {
      long v = r.nextLong();
      for (int k = 0; k < 8 && i < length; k++, v >>>= 8) {
        b[i++] = (byte) v;
      }
    }
    return b;
  }

  /**
   * Words from a fixed 600-word vocabulary, skewed like natural text, with spaces, punctuation and
   * line breaks.
   *
   * @param length bytes
   * @param seed the seed
   * @return the bytes
   */
  public static byte[] textLike(int length, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(length + 32);
    int line = 0;
    while (sb.length() < length) {
      // skewed choice: the square of a uniform variate favours low indexes
      double u = r.nextDouble();
      String w = WORDS[(int) (u * u * WORDS.length)];
      sb.append(w);
      line += w.length() + 1;
      if (r.nextInt(12) == 0) {
        sb.append(r.nextBoolean() ? ',' : '.');
      }
      if (line > 72) {
        sb.append('\n');
        line = 0;
      } else {
        sb.append(' ');
      }
    }
    byte[] all = sb.toString().getBytes(StandardCharsets.US_ASCII);
    return java.util.Arrays.copyOf(all, length);
  }

  private static String[] words() {
    SplittableRandom r = new SplittableRandom(42);
    String[] w = new String[600];
    for (int i = 0; i < w.length; i++) {
      int len = 2 + r.nextInt(9);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      w[i] = sb.toString();
    }
    return w;
  }

  /**
   * Data of a shape that content-defined chunking finds hard at window and part edges.
   *
   * @param seed the seed
   * @param shape 0: random; 1: random with zero runs at odd offsets; 2: a short period repeated;
   *     3: all zeros; 4: random, its first half copied again shifted by 777 bytes
   * @param size the length
   * @return the data
   */
  public static byte[] shaped(long seed, int shape, int size) {
    SplitMix64 rnd = new SplitMix64(seed);
    byte[] data = new byte[size];
    switch (shape) {
      case 0 -> rnd.fill(data, 0, data.length);
      case 1 -> {
        rnd.fill(data, 0, data.length);
        for (int run = 0; run < 6; run++) {
          int at = (int) rnd.below(size);
          int len = (int) Math.min(size - at, rnd.below(20_000));
          java.util.Arrays.fill(data, at, at + len, (byte) 0);
        }
      }
      case 2 -> {
        byte[] period = new byte[1 + (int) rnd.below(3000)];
        rnd.fill(period, 0, period.length);
        for (int i = 0; i < size; i++) {
          data[i] = period[i % period.length];
        }
      }
      case 4 -> {
        int half = size / 2;
        rnd.fill(data, 0, half);
        int shifted = Math.min(777, size - half);
        rnd.fill(data, half, half + shifted);
        System.arraycopy(data, 0, data, half + shifted, size - half - shifted);
      }
      default -> { }
    }
    return data;
  }
}
