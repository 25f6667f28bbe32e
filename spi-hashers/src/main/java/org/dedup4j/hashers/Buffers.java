package org.dedup4j.hashers;

import com.dynatrace.hash4j.hashing.ByteAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** hash4j's access to buffers without a reachable array (direct, mapped, read-only). */
final class Buffers {

  private static final ByteAccess<ByteBuffer> BIG_ENDIAN =
      ByteAccess.forByteBuffer(ByteOrder.BIG_ENDIAN);
  private static final ByteAccess<ByteBuffer> LITTLE_ENDIAN =
      ByteAccess.forByteBuffer(ByteOrder.LITTLE_ENDIAN);

  private Buffers() {}

  /**
   * The access whose byte order matches the buffer's: hash4j reads multi-byte values with the
   * buffer's own getters and undoes the order it was told, so a mismatch would silently change
   * every hash. Allocates nothing.
   *
   * @param buffer the buffer to hash
   * @return the matching access
   */
  static ByteAccess<ByteBuffer> access(ByteBuffer buffer) {
    return buffer.order() == ByteOrder.LITTLE_ENDIAN ? LITTLE_ENDIAN : BIG_ENDIAN;
  }
}
