package org.dedup4j.hashers;

import java.nio.ByteBuffer;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * XXH64 from lz4-java: the only class here that names lz4-java's types, so that a missing or broken
 * lz4-java fails when {@link Xxh64Hasher} first loads this class, where the error is caught, and
 * never earlier.
 */
final class Lz4Xxh64 {

  private final XXHash64 hash;
  private final boolean nativeCode;
  private final String name;

  private Lz4Xxh64(XXHashFactory factory) {
    this.hash = factory.hash64();
    this.name = factory.toString();
    // lz4-java names its implementations JNI, JavaUnsafe and JavaSafe.
    this.nativeCode = name.endsWith("JNI");
  }

  /**
   * lz4-java's fastest implementation: JNI where its native library loads, else its own Java
   * fallbacks (lz4-java catches the native library's failure itself).
   *
   * @return the implementation
   */
  static Lz4Xxh64 fastest() {
    return new Lz4Xxh64(XXHashFactory.fastestInstance());
  }

  /**
   * lz4-java's pure Java implementation without {@code sun.misc.Unsafe}.
   *
   * @return the implementation
   */
  static Lz4Xxh64 safe() {
    return new Lz4Xxh64(XXHashFactory.safeInstance());
  }

  /** Whether direct buffers are hashed in place by native code (no copy, no allocation). */
  boolean hashesDirectBuffersNatively() {
    return nativeCode;
  }

  long hash(byte[] data, int offset, int length) {
    return hash.hash(data, offset, length, 0L);
  }

  /** Only for direct buffers when {@link #hashesDirectBuffersNatively()}. */
  long hashDirect(ByteBuffer data, int offset, int length) {
    return hash.hash(data, offset, length, 0L);
  }

  @Override
  public String toString() {
    return name;
  }
}
