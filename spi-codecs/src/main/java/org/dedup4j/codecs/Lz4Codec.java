package org.dedup4j.codecs;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4JNIHCFastResetCompressor;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;

/**
 * LZ4 block format through lz4-java's fastest implementation: JNI when its native library loads,
 * else its Java port. Level 0 is the fast compressor ({@code lz4}); 1..12 the high-compression one
 * ({@code lz4hc:level=N}).
 */
final class Lz4Codec implements Codec {

  /** The factory, chosen once: native, else the fastest Java one. */
  static final class Factory {
    static final LZ4Factory INSTANCE = LZ4Factory.fastestInstance();

    private Factory() {}

    static boolean isNative() {
      return INSTANCE.toString().contains("JNI");
    }
  }

  private final int level;

  Lz4Codec(int level) {
    this.level = level;
  }

  @Override
  public String spec() {
    return level == 0 ? "lz4" : "lz4hc:level=" + level;
  }

  @Override
  public Compressor newCompressor() {
    LZ4Factory f = Factory.INSTANCE;
    if (Factory.isNative()) {
      // The fast-reset compressors keep the LZ4 state between calls instead of clearing a fresh one.
      if (level == 0) {
        LZ4JNIFastResetCompressor c = f.fastResetCompressor();
        return new Lz4Compressor(c, c);
      }
      LZ4JNIHCFastResetCompressor c = f.highFastResetCompressor(level);
      return new Lz4Compressor(c, c);
    }
    return new Lz4Compressor(level == 0 ? f.fastCompressor() : f.highCompressor(level), null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lz4Codec && ((Lz4Codec) o).level == level;
  }

  @Override
  public int hashCode() {
    return level;
  }

  @Override
  public String toString() {
    return spec() + " (" + Factory.INSTANCE + ")";
  }

  private static final class Lz4Compressor implements Compressor {
    private final LZ4Compressor lz4;
    private final AutoCloseable context; // the native state of a fast-reset compressor, or null
    private byte[] out = new byte[0];
    private ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private byte[] scratch = new byte[0];
    private ByteBuffer scratchBuffer = ByteBuffer.wrap(scratch);
    private int size = -1;

    Lz4Compressor(LZ4Compressor lz4, AutoCloseable context) {
      this.lz4 = lz4;
      this.context = context;
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      int bound = lz4.maxCompressedLength(length);
      if (out.length < bound) {
        out = new byte[Math.max(bound, 64 * 1024)];
        outBuffer = ByteBuffer.wrap(out);
      }
      if (!data.hasArray() && !data.isDirect()) {
        // a read-only heap buffer hides its array: copy it through a reused one
        if (scratch.length < length) {
          scratch = new byte[length];
          scratchBuffer = ByteBuffer.wrap(scratch);
        }
        data.get(offset, scratch, 0, length);
        data = scratchBuffer;
        offset = 0;
      }
      size = lz4.compress(data, offset, length, outBuffer, 0, out.length);
      return size;
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
      if (context != null) {
        try {
          context.close();
        } catch (Exception e) {
          throw new IllegalStateException("could not release the LZ4 state: " + e, e);
        }
      }
    }
  }
}
