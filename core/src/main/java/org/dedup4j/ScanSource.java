package org.dedup4j;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Something to scan: a path (file, directory tree, device or FIFO), an in-memory buffer, or a
 * stream.
 *
 * <pre>{@code
 * scanner.scan(List.of(
 *     ScanSource.of(Path.of("/srv/images")),
 *     ScanSource.of("header", bytes),
 *     ScanSource.of("stdin", System.in)));
 * }</pre>
 *
 * <p>Immutable (a buffer source holds the caller's buffer: do not change its content during a scan).
 */
public abstract sealed class ScanSource {

  private final String name;

  private ScanSource(String name) {
    this.name = requireNonNull(name, "name");
  }

  /**
   * The name reports use for this source.
   *
   * @return the name reports use for this source
   */
  public final String name() {
    return name;
  }

  /**
   * A path: a regular file, a directory (scanned recursively), or a FIFO or device (read as a
   * stream).
   *
   * @param path the path
   * @return the source
   */
  public static ScanSource of(Path path) {
    return new PathSource(path);
  }

  /**
   * The whole content of an array. The array is not copied.
   *
   * @param name the name reports use
   * @param data the bytes
   * @return the source
   */
  public static ScanSource of(String name, byte[] data) {
    return new BufferSource(name, ByteBuffer.wrap(data));
  }

  /**
   * The bytes between a buffer's position and limit (heap, direct or mapped). The buffer is not
   * copied and its position is not changed.
   *
   * @param name the name reports use
   * @param data the bytes
   * @return the source
   */
  public static ScanSource of(String name, ByteBuffer data) {
    return new BufferSource(name, data.slice());
  }

  /**
   * A stream, read sequentially to its end. The scanner does not close it.
   *
   * @param name the name reports use
   * @param in the stream
   * @return the source
   */
  public static ScanSource of(String name, InputStream in) {
    return new StreamSource(name, in);
  }

  /** A path given by the caller. */
  public static final class PathSource extends ScanSource {
    private final Path path;

    PathSource(Path path) {
      super(requireNonNull(path, "path").toString());
      this.path = path;
    }

    /**
     * The path.
     *
     * @return the path
     */
    public Path path() {
      return path;
    }
  }

  /**
   * A part of a file read by position through {@code reader}: the chunks that start in [start, end)
   * of a file of {@code size} bytes, cut as they are cut when the whole file is scanned, for a file
   * the JDK cannot open (HDFS, S3) or one that several machines scan in parts (Apache Spark). With
   * fixed-size chunking, {@code start} and {@code end} (unless it is the size) must be multiples of
   * the chunk size; with content-defined chunking the part is cut as one chain from {@code start},
   * and its edges are left to the caller. The file counts once in a report's {@code files}: in the
   * part that starts at 0.
   *
   * <pre>{@code
   * FileChannel ch = FileChannel.open(path);
   * ScanSource firstHalf = ScanSource.ofRange("big.img", "big.img", size, 0, size / 2,
   *     (position, dst) -> ch.read(dst, position));
   * }</pre>
   *
   * @param name the name reports use
   * @param sampleName what percent mode keys its sample by: the file's name relative to the root it
   *     was found under, as a scan of that root names it (see {@code DedupScanner.Builder.samplePercent})
   * @param size the file's size
   * @param start the first byte of the part
   * @param end the end of the part (exclusive), at most {@code size}
   * @param reader reads the file by position
   * @return the source
   * @throws IllegalArgumentException if the bounds are not {@code 0 <= start <= end <= size}
   */
  public static ScanSource ofRange(String name, String sampleName, long size, long start,
      long end, RangeReader reader) {
    return new RangeSource(name, sampleName, size, start, end, reader);
  }

  /** A part of a file read by position; see {@link ScanSource#ofRange}. */
  public static final class RangeSource extends ScanSource {
    private final String sampleName;
    private final long size;
    private final long start;
    private final long end;
    private final RangeReader reader;

    RangeSource(String name, String sampleName, long size, long start, long end,
        RangeReader reader) {
      super(name);
      if (!(0 <= start && start <= end && end <= size)) {
        throw new IllegalArgumentException("a range [" + start + ", " + end + ") of a file of "
            + size + " bytes: the bounds must be 0 <= start <= end <= size");
      }
      this.sampleName = requireNonNull(sampleName, "sampleName");
      this.size = size;
      this.start = start;
      this.end = end;
      this.reader = requireNonNull(reader, "reader");
    }

    /**
     * The name percent mode keys its sample by.
     *
     * @return the name percent mode keys its sample by
     */
    public String sampleName() {
      return sampleName;
    }

    /**
     * The file's size.
     *
     * @return the file's size
     */
    public long size() {
      return size;
    }

    /**
     * The part's first byte.
     *
     * @return the part's first byte
     */
    public long start() {
      return start;
    }

    /**
     * The part's end (exclusive).
     *
     * @return the part's end (exclusive)
     */
    public long end() {
      return end;
    }

    /**
     * The reader.
     *
     * @return the reader
     */
    public RangeReader reader() {
      return reader;
    }
  }

  /** Bytes in memory. */
  public static final class BufferSource extends ScanSource {
    private final ByteBuffer data;

    BufferSource(String name, ByteBuffer data) {
      super(name);
      this.data = data.duplicate(); // not read-only: that would hide the array from fast paths
    }

    /**
     * A view of the bytes, position 0; the scanner never writes to it.
     *
     * @return A view of the bytes, position 0; the scanner never writes to it
     */
    public ByteBuffer data() {
      return data.duplicate();
    }
  }

  /** A stream read once. */
  public static final class StreamSource extends ScanSource {
    private final InputStream in;

    StreamSource(String name, InputStream in) {
      super(name);
      this.in = requireNonNull(in, "in");
    }

    /**
     * The stream.
     *
     * @return the stream
     */
    public InputStream in() {
      return in;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
