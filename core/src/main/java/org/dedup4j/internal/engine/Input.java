package org.dedup4j.internal.engine;

import com.google.common.hash.Hashing;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;

/** One thing the engine reads: a regular file, a stream-like path, a stream or a buffer. */
abstract sealed class Input {

  final String name;
  /** Keys the percent mode's sample: a function of the name, so it ignores input order. */
  final long key;
  /** Bytes chunked from this input so far. */
  final AtomicLong counted = new AtomicLong();

  Input(String name) {
    this.name = name;
    this.key = Hashing.murmur3_128().hashString(name, StandardCharsets.UTF_8).asLong();
  }

  /** Known length in bytes, or -1 for streams. */
  abstract long size();

  /** A regular file, read in parallel windows. */
  static final class FileInput extends Input {
    final Path path;
    final long size;
    final FileTime modified;

    FileInput(Path path, long size, FileTime modified) {
      super(path.toString());
      this.path = path;
      this.size = size;
      this.modified = modified;
    }

    @Override
    long size() {
      return size;
    }
  }

  /** Bytes in memory, chunked in place. */
  static final class BufferInput extends Input {
    final ByteBuffer data;

    BufferInput(String name, ByteBuffer data) {
      super(name);
      this.data = data;
    }

    @Override
    long size() {
      return data.limit();
    }
  }

  /** A FIFO, device or other path that can only be read front to back. */
  static final class PathStreamInput extends Input {
    final Path path;

    PathStreamInput(Path path) {
      super(path.toString());
      this.path = path;
    }

    @Override
    long size() {
      return -1;
    }
  }

  /** A caller's stream, read front to back and not closed. */
  static final class StreamInput extends Input {
    final InputStream in;

    StreamInput(String name, InputStream in) {
      super(name);
      this.in = in;
    }

    @Override
    long size() {
      return -1;
    }
  }
}
