package org.dedup4j.spi;

/**
 * A compression algorithm with its settings ({@code lz4}, {@code zstd:level=3}, {@code
 * deflate:level=6}): an immutable, thread-safe description that hands out one {@link Compressor} per
 * thread. Where and how much is compressed (the compression unit and the allocation grain) is not
 * the codec's business: {@link org.dedup4j.Compression} adds that, once for every codec.
 *
 * <pre>{@code
 * Codec codec = Codecs.fromSpec("zstd:level=3");   // needs dedup4j-codecs
 * try (Compressor c = codec.newCompressor()) {     // one per thread, reused for every unit
 *   int size = c.compress(ByteBuffer.wrap(block), 0, block.length);
 * }
 * }</pre>
 *
 * <p>Compressed sizes end up in reports, so a codec's output for a given spec is deterministic: the
 * same bytes give the same size, whichever thread or compressor instance compresses them.
 */
public interface Codec {

  /**
   * The canonical specification with every option spelled out, for example {@code zstd:level=3};
   * parsing it again gives an equal codec.
   *
   * @return the canonical spec
   */
  String spec();

  /**
   * Creates a compressor for use by one thread. It owns its buffers and any native context and
   * reuses them for every call.
   *
   * @return a new compressor; close it when done
   * @throws IllegalStateException if the codec's library cannot be used on this platform
   */
  Compressor newCompressor();
}
