package org.dedup4j.internal.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to a few chunks' worth of an input, for the re-synchronisation at window edges: a
 * buffer input is viewed in place, a file is read by position into a small reused buffer.
 */
public abstract class Region implements AutoCloseable {

  /** A buffer whose index {@code i} holds the input's byte {@code base() + i}, valid up to {@code end}. */
  public abstract ByteBuffer view(long start, long end) throws IOException;

  /** The input offset of the last view's index 0. */
  public abstract long base();

  @Override
  public void close() throws IOException {}

  public static Region of(ByteBuffer data) {
    return new Region() {
      @Override
      public ByteBuffer view(long start, long end) {
        return data;
      }

      @Override
      public long base() {
        return 0;
      }
    };
  }

  public static Region of(FileChannel ch, int maxChunk) {
    return new FileRegion((position, dst) -> ch.read(dst, position), ch, maxChunk);
  }

  /** A file read through a reader (a range source); closing the region does not close it. */
  public static Region of(org.dedup4j.RangeReader reader, int maxChunk) {
    return new FileRegion(reader, () -> { }, maxChunk);
  }

  private static final class FileRegion extends Region {
    private final org.dedup4j.RangeReader ch;
    private final java.io.Closeable closer;
    private final ByteBuffer buf;
    private long base = -1;
    private int valid;

    public FileRegion(org.dedup4j.RangeReader ch, java.io.Closeable closer, int maxChunk) {
      this.ch = ch;
      this.closer = closer;
      this.buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, 4L * maxChunk));
    }

    @Override
    public ByteBuffer view(long start, long end) throws IOException {
      if (base < 0 || start < base || end > base + valid) {
        base = start;
        buf.clear();
        while (buf.hasRemaining()) {
          int n = ch.read(base + buf.position(), buf);
          if (n < 0) {
            break;
          }
        }
        valid = buf.position();
        if (end > base + valid) {
          throw new IOException("the file ended at " + (base + valid) + ", before " + end);
        }
      }
      return buf;
    }

    @Override
    public long base() {
      return base;
    }

    @Override
    public void close() throws IOException {
      closer.close();
    }
  }
}
