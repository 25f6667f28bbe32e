package org.dedup4j.spi;

import java.nio.ByteBuffer;

/**
 * Computes fingerprints of chunks: one digester per thread, reused for every chunk, allocating
 * nothing per call. Not thread-safe; obtain one per thread from {@link Hasher#newDigester()}.
 *
 * <p>A fingerprint is the first {@link Hasher#fingerprintBits()} bits of the hasher's canonical
 * digest, read big-endian into {@code long}s: {@code fingerprint[0]} holds digest bytes 0-7 and
 * {@code fingerprint[1]} bytes 8-15 (or 0 for a 64-bit hasher). For SHA-256 that is the first 16
 * bytes of the digest as {@code sha256sum} prints it; for XXH3-128 the high then the low 64 bits, as
 * {@code xxhsum -H2} prints it.
 *
 * <pre>{@code
 * Digester digester = Hashers.sha256().newDigester();
 * long[] fp = new long[2];
 * digester.digest(ByteBuffer.wrap(block), 0, block.length, fp);
 * }</pre>
 */
public interface Digester {

  /**
   * Writes the fingerprint of {@code data[offset, offset + length)} into {@code fingerprint}.
   *
   * @param data heap, direct or mapped buffer, in any byte order; indexes are absolute and lie
   *     within {@code [0, limit)}; position, limit and order are left unchanged; valid only during
   *     the call (keep no view of it: the engine reuses and unmaps its buffers)
   * @param offset index of the first byte
   * @param length number of bytes, possibly 0
   * @param fingerprint receives the fingerprint; length at least 2
   */
  void digest(ByteBuffer data, int offset, int length, long[] fingerprint);

  /**
   * Writes the fingerprint of {@code data[offset, offset + length)} into {@code fingerprint}. The
   * default wraps the array; implementations override it when an array path is faster.
   *
   * @param data the bytes
   * @param offset index of the first byte
   * @param length number of bytes, possibly 0
   * @param fingerprint receives the fingerprint; length at least 2
   */
  default void digest(byte[] data, int offset, int length, long[] fingerprint) {
    digest(ByteBuffer.wrap(data), offset, length, fingerprint);
  }
}
