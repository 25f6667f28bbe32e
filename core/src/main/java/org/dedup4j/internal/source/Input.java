package org.dedup4j.internal.source;

import com.google.common.hash.Hashing;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;

/** One thing the engine reads: a regular file, a stream-like path, a stream or a buffer. */
public abstract sealed class Input {

  public final String name;
  /**
   * Keys the percent mode's sample: a function of the name relative to the root it was found
   * under (see {@link InputCollector}), so it ignores input order and how the root was spelled.
   */
  public long key;
  /** What {@link #key} is made of; the display name until the collector says otherwise. */
  String sampleName;
  /** The group it is attributed to (see {@code Attribution}), 0 when the scan does not attribute. */
  public int group;
  /**
   * The directory it was found under when a directory was named (its path as named), else null:
   * what {@code dir:DEPTH} attribution counts depth from.
   */
  public String foundUnder;
  /** Bytes chunked from this input so far. */
  public final AtomicLong counted = new AtomicLong();

  public Input(String name) {
    this.name = name;
    sampleAs(name);
  }

  /** Keys the sample by this name. */
  void sampleAs(String sampleName) {
    this.sampleName = sampleName;
    this.key = Hashing.murmur3_128().hashString(sampleName, StandardCharsets.UTF_8).asLong();
  }

  /** Known length in bytes, or -1 for streams. */
  public abstract long size();

  /** The bytes a scan reads of it: its size, or a range's length; -1 for streams. */
  public long bytesToRead() {
    return size();
  }

  /** A regular file, read in parallel windows. */
  public static final class FileInput extends Input {
    public final Path path;
    public final long size;
    public final FileTime modified;
    /** The file system's identity of the file (device and inode on Unix), or null if it has none. */
    public final Object fileKey;

    public FileInput(Path path, long size, FileTime modified, Object fileKey) {
      super(path.toString());
      this.path = path;
      this.size = size;
      this.modified = modified;
      this.fileKey = fileKey;
    }

    /**
     * Why the file at {@link #path} is not the one planned (D5: a file renamed over it with the same
     * size and time would otherwise be counted into the same figures), or null if it is.
     */
    public String replacedBy(java.nio.file.attribute.BasicFileAttributes now) {
      Object key = now.fileKey();
      if (fileKey != null && key != null && !fileKey.equals(key)) {
        return "replaced during scan: the path names another file now (file key " + key
            + " instead of " + fileKey + ")";
      }
      return null;
    }

    @Override
    public long size() {
      return size;
    }
  }

  /** A part of a file read by position (see {@code ScanSource.ofRange}). */
  public static final class RangeInput extends Input {
    public final long size;
    public final long start;
    public final long end;
    public final org.dedup4j.RangeReader reader;
    /** The source it was made from, so that a caller can find what the scan says of it. */
    public final Object origin;
    /**
     * Set by the scan (content-defined chunking): where the range's chain of cuts, from its start,
     * has its next chunk start after the last one that starts before its end; -1 until the range
     * was counted and reconciled to its end.
     */
    public volatile long chainEnd = -1;

    public RangeInput(String name, String sampleName, long size, long start, long end,
        org.dedup4j.RangeReader reader, Object origin) {
      super(name);
      sampleAs(sampleName);
      this.size = size;
      this.start = start;
      this.end = end;
      this.reader = reader;
      this.origin = origin;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public long bytesToRead() {
      return end - start;
    }
  }

  /** Bytes in memory, chunked in place. */
  public static final class BufferInput extends Input {
    public final ByteBuffer data;

    public BufferInput(String name, ByteBuffer data) {
      super(name);
      this.data = data;
    }

    @Override
    public long size() {
      return data.limit();
    }
  }

  /** A FIFO, device or other path that can only be read front to back. */
  public static final class PathStreamInput extends Input {
    public final Path path;

    public PathStreamInput(Path path) {
      super(path.toString());
      this.path = path;
    }

    @Override
    public long size() {
      return -1;
    }
  }

  /** A caller's stream, read front to back and not closed. */
  public static final class StreamInput extends Input {
    public final InputStream in;

    public StreamInput(String name, InputStream in) {
      super(name);
      this.in = in;
    }

    @Override
    public long size() {
      return -1;
    }
  }
}
