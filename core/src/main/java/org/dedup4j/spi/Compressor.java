package org.dedup4j.spi;

import java.nio.ByteBuffer;

/**
 * Compresses units of data for one thread, reusing its output buffer and any native context: after
 * the first calls it allocates nothing (the static one-shot calls of some libraries build a context
 * per call, which costs twice the time at 4 KiB). Not thread-safe; obtain one per thread from
 * {@link Codec#newCompressor()} and close it when done.
 *
 * <pre>{@code
 * try (Compressor c = Codecs.deflate(6).newCompressor()) {
 *   int size = c.compress(ByteBuffer.wrap(block), 0, block.length);
 *   ByteBuffer compressed = c.output();   // for a round-trip check; not needed for the size
 * }
 * }</pre>
 */
public interface Compressor extends AutoCloseable {

  /**
   * Compresses {@code data[offset, offset + length)} as one independent unit (a frame or stream of
   * its own, as a storage system would store it).
   *
   * @param data heap, direct or mapped buffer; indexes are absolute, position and limit are ignored
   *     and left unchanged, and the content is never written
   * @param offset index of the first byte
   * @param length number of bytes, 1 or more
   * @return the compressed size in bytes
   * @throws RuntimeException if the library fails on this input; the caller counts the unit as failed
   *     and goes on
   */
  int compress(ByteBuffer data, int offset, int length);

  /**
   * The bytes the last {@link #compress} produced, for round-trip checks: a read-only view,
   * position 0, limit the compressed size, valid until the next call. Allocates the view.
   *
   * @return the compressed bytes
   * @throws IllegalStateException if nothing was compressed yet
   */
  ByteBuffer output();

  /** Releases native contexts; the compressor cannot be used afterwards. */
  @Override
  default void close() {}
}
