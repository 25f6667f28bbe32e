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
