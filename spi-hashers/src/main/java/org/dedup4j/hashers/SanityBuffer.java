package org.dedup4j.hashers;

/**
 * The bytes xxHash's own sanity checks hash ({@code cli/xsum_sanity_check.c}): byte {@code i} is
 * the top byte of {@code 2654435761 * 11400714785074694797^i} modulo 2^64. Self-tests use it so
 * that their expected values can be looked up in xxHash's sources.
 */
final class SanityBuffer {

  private static final long PRIME32 = 2654435761L;
  private static final long PRIME64 = 0x9E3779B185EBCA8DL; // 11400714785074694797

  private SanityBuffer() {}

  /**
   * The first {@code length} bytes of the sanity buffer.
   *
   * @param length how many bytes
   * @return a new array
   */
  static byte[] bytes(int length) {
    byte[] b = new byte[length];
    long gen = PRIME32;
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (gen >>> 56);
      gen *= PRIME64;
    }
    return b;
  }
}
