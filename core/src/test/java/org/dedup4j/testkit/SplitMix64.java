package org.dedup4j.testkit;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), the generator of {@link java.util.SplittableRandom}:
 * {@code state += 0x9E3779B97F4A7C15}, then two xor-shift-multiply rounds. Written out so test
 * data never depends on a JDK's implementation. Tests use this one rather than writing their own.
 *
 * <pre>{@code
 * SplitMix64 rnd = new SplitMix64(42);
 * byte[] data = new byte[4096];
 * rnd.fill(data, 0, data.length);
 * int k = (int) rnd.below(10);
 * }</pre>
 */
public final class SplitMix64 {
  private long state;

  /**
   * A generator.
   *
   * @param seed the start state
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * The next 64 bits.
   *
   * @return a pseudo-random long
   */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A number in {@code [0, bound)}, for test choices (slightly biased, which does not matter).
   *
   * @param bound positive
   * @return the number
   */
  public long below(long bound) {
    return Long.remainderUnsigned(nextLong(), bound);
  }

  /**
   * Fills {@code b[from, to)} with the little-endian bytes of successive {@link #nextLong()}s.
   *
   * @param b the array
   * @param from first index
   * @param to end index
   */
  public void fill(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      long v = nextLong();
      for (int k = 0; k < 8 && i < to; k++, i++) {
        b[i] = (byte) (v >>> (8 * k));
      }
    }
  }
}
