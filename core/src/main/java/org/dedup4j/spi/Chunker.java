package org.dedup4j.spi;

import java.nio.ByteBuffer;

/**
 * Finds chunk boundaries ("cut points") in a region of bytes. The pure kernel of chunking: no I/O,
 * no buffering, no copying; the engine feeds it windows of a file, a stream or a buffer.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #nextCut} returns the end of the chunk that starts at {@code from}. The result depends
 *       only on the bytes in {@code [from, from + maxChunkSize())} (fewer at the end of the input),
 *       never on bytes before {@code from}; so one sequential pass and a pass resumed at any earlier
 *       cut agree. (FastCDC, for one, decides to cut before a byte by looking at that byte.)
 *   <li>Every chunk is at least {@link #minChunkSize()} and at most {@link #maxChunkSize()} bytes long,
 *       except the last one of an input, which may be shorter.
 *   <li>The caller passes at least {@code maxChunkSize()} bytes ({@code to - from >= maxChunkSize()})
 *       unless {@code to} is the end of the input, in which case the chunker may cut at {@code to}.
 *   <li>Implementations are immutable and thread-safe: one instance serves every thread of a scan.
 *   <li>{@code data} is valid only during the call: keep no view of it. The engine reuses read
 *       buffers and unmaps mapped windows when it is done with them (on JDK 22 and later a view
 *       kept past that fails with {@code IllegalStateException}).
 * </ul>
 *
 * <p>Usage, cutting a whole array into chunks:
 *
 * <pre>{@code
 * Chunker chunker = Chunkers.fixed(4096);
 * ByteBuffer data = ByteBuffer.wrap(bytes);
 * for (int from = 0; from < bytes.length; ) {
 *   int cut = chunker.nextCut(data, from, bytes.length);
 *   System.out.println("chunk at " + from + ", " + (cut - from) + " bytes");
 *   from = cut;
 * }
 * }</pre>
 *
 * <p>Plugin authors implement this interface and a {@link ChunkerProvider}; see
 * {@link PluginProvider} for naming.
 */
public interface Chunker {

  /**
   * The canonical specification of this chunker with every option spelled out, for example {@code
   * fixed:size=4096}. Parsing it again gives an equal chunker; reports print it.
   *
   * @return the canonical spec, never empty
   */
  String spec();

  /**
   * The smallest chunk this chunker cuts, except the last chunk of an input.
   *
   * @return a positive size in bytes
   */
  int minChunkSize();

  /**
   * The largest chunk this chunker cuts. The engine keeps at least this many bytes in view.
   *
   * @return a size in bytes, at least {@link #minChunkSize()}
   */
  int maxChunkSize();

  /**
   * For fixed-size chunkers, the size of every chunk but the last of an input; {@code 0} for
   * content-defined chunkers. A fixed-size chunker lets the engine split inputs at aligned offsets
   * without re-synchronising chain of cuts.
   *
   * @return the fixed chunk size, or 0 when chunk sizes depend on content
   */
  default int fixedChunkSize() {
    return 0;
  }

  /**
   * Finds the end of the chunk that starts at {@code from}.
   *
   * @param data the bytes; indexes are absolute and lie within {@code [0, limit)}; position, limit
   *     and order are left unchanged
   * @param from index of the first byte of the chunk
   * @param to index one past the last byte in view; either {@code to - from >= maxChunkSize()} or
   *     {@code to} is the end of the input
   * @return the cut: the index one past the chunk's last byte, in {@code (from, to]}
   */
  int nextCut(ByteBuffer data, int from, int to);
}
