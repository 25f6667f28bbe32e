package org.dedup4j.internal.builtin;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;

/**
 * {@code none}: stores every unit as it is, for targets that do not compress (ZFS {@code
 * compress=off}): their allocation is then a function of the raw size alone.
 */
public final class NoneCodec implements Codec {

  /** The one instance. */
  public static final NoneCodec INSTANCE = new NoneCodec();

  private NoneCodec() {}

  @Override
  public String spec() {
    return "none";
  }

  @Override
  public Compressor newCompressor() {
    return new Compressor() {
      private ByteBuffer last;

      @Override
      public int compress(ByteBuffer data, int offset, int length) {
        last = data.slice(offset, length);
        return length;
      }

      @Override
      public ByteBuffer output() {
        if (last == null) {
          throw new IllegalStateException("nothing was compressed yet");
        }
        return last.asReadOnlyBuffer();
      }
    };
  }

  @Override
  public String toString() {
    return spec();
  }
}
