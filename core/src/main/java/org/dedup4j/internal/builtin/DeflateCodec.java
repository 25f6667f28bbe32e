package org.dedup4j.internal.builtin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;

/**
 * {@code deflate:level=N}: the JDK's zlib, each unit one zlib stream (RFC 1950: deflate data with a
 * 2-byte header and an Adler-32 trailer), as ZFS's {@code gzip-N} stores a block.
 */
public final class DeflateCodec implements Codec {

  private final int level;

  public DeflateCodec(int level) {
    this.level = level;
  }

  /** The level, 1..9. */
  public int level() {
    return level;
  }

  @Override
  public String spec() {
    return "deflate:level=" + level;
  }

  @Override
  public Compressor newCompressor() {
    return new DeflateCompressor(level);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeflateCodec && ((DeflateCodec) o).level == level;
  }

  @Override
  public int hashCode() {
    return level;
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * One reused {@link Deflater}. Heap input is handed over as its array; direct and mapped input is
   * copied through a reused array first (deflate runs at tens of MB/s, the copy at GB/s), because
   * {@link Deflater#setInput(ByteBuffer)} would need a fresh slice of the caller's buffer per unit.
   */
  private static final class DeflateCompressor implements Compressor {
    private final Deflater deflater;
    private byte[] scratch = new byte[0];
    private byte[] out = new byte[64 * 1024];
    private int size = -1;

    DeflateCompressor(int level) {
      this.deflater = new Deflater(level);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      deflater.reset();
      if (data.hasArray()) {
        deflater.setInput(data.array(), data.arrayOffset() + offset, length);
      } else {
        if (scratch.length < length) {
          scratch = new byte[length];
        }
        data.get(offset, scratch, 0, length);
        deflater.setInput(scratch, 0, length);
      }
      deflater.finish();
      int n = 0;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      size = n;
      return n;
    }

    @Override
    public ByteBuffer output() {
      if (size < 0) {
        throw new IllegalStateException("nothing compressed yet");
      }
      return ByteBuffer.wrap(out, 0, size).slice().asReadOnlyBuffer();
    }

    @Override
    public void close() {
      deflater.end();
    }
  }
}
