package org.dedup4j.codecs;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.nio.ByteBuffer;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;

/**
 * Zstandard frames through zstd-jni, one reused {@link ZstdCompressCtx} per compressor (the static
 * {@code Zstd.compress} builds a context per call, twice the time at 4 KiB). Heap input goes in as
 * its array; direct and mapped input by address into a reused direct output buffer; read-only heap
 * buffers are copied through a reused array.
 */
final class ZstdCodec implements Codec {

  private final int level;

  ZstdCodec(int level) {
    this.level = level;
  }

  @Override
  public String spec() {
    return "zstd:level=" + level;
  }

  @Override
  public Compressor newCompressor() {
    ZstdCodecProvider.unavailableReason0().ifPresent(r -> {
      throw new IllegalStateException("codec zstd is unavailable: " + r);
    });
    return new ZstdCompressor(level);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZstdCodec && ((ZstdCodec) o).level == level;
  }

  @Override
  public int hashCode() {
    return level;
  }

  @Override
  public String toString() {
    return spec();
  }

  private static final class ZstdCompressor implements Compressor {
    private final ZstdCompressCtx ctx;
    private byte[] out = new byte[0];
    private byte[] scratch = new byte[0];
    private ByteBuffer directOut;
    private boolean lastDirect;
    private int size = -1;

    ZstdCompressor(int level) {
      this.ctx = new ZstdCompressCtx().setLevel(level);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      int bound = (int) Zstd.compressBound(length);
      if (data.isDirect()) {
        if (directOut == null || directOut.capacity() < bound) {
          directOut = ByteBuffer.allocateDirect(Math.max(bound, 64 * 1024));
        }
        size = ctx.compressDirectByteBuffer(directOut, 0, directOut.capacity(), data, offset, length);
        lastDirect = true;
        return size;
      }
      if (out.length < bound) {
        out = new byte[Math.max(bound, 64 * 1024)];
      }
      byte[] src;
      int srcOffset;
      if (data.hasArray()) {
        src = data.array();
        srcOffset = data.arrayOffset() + offset;
      } else {
        if (scratch.length < length) {
          scratch = new byte[length];
        }
        data.get(offset, scratch, 0, length);
        src = scratch;
        srcOffset = 0;
      }
      size = ctx.compressByteArray(out, 0, out.length, src, srcOffset, length);
      lastDirect = false;
      return size;
    }

    @Override
    public ByteBuffer output() {
      if (size < 0) {
        throw new IllegalStateException("nothing compressed yet");
      }
      ByteBuffer b = lastDirect ? directOut.duplicate().position(0).limit(size)
          : ByteBuffer.wrap(out, 0, size);
      return b.slice().asReadOnlyBuffer();
    }

    @Override
    public void close() {
      ctx.close();
    }
  }
}
