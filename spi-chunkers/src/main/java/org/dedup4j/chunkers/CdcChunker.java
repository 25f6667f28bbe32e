package org.dedup4j.chunkers;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/**
 * What every content-defined chunker of this module shares: its {@code min}, {@code avg} and
 * {@code max}, the frame of {@link #nextCut} (a region of at most {@code min} bytes is one chunk, a
 * chunk ends at {@code max} at the latest), the choice between the array kernel and the buffer
 * kernel, and identity by {@link #spec()}.
 *
 * <p>Each algorithm writes its kernel twice, once on a {@code byte[]} and once through absolute
 * {@link ByteBuffer} gets. The loops read alike, but the array kernel runs heap buffers (the
 * engine's common case) faster: {@code ChunkerBenchmark} on JDK 17 gave buzhash 1.00 GB/s on a heap
 * buffer against 0.51 through a direct one, gear 1.30 against 1.07.
 */
abstract class CdcChunker implements Chunker {

  final int min;
  final int avg;
  final int max;

  CdcChunker(int min, int avg, int max) {
    this.min = min;
    this.avg = avg;
    this.max = max;
  }

  @Override
  public int minChunkSize() {
    return min;
  }

  @Override
  public final int maxChunkSize() {
    return max;
  }

  @Override
  public final int nextCut(ByteBuffer data, int from, int to) {
    int remaining = to - from;
    if (remaining <= min) {
      return to;
    }
    int length = Math.min(remaining, max);
    if (data.hasArray()) {
      return from + cut(data.array(), data.arrayOffset() + from, length);
    }
    return from + cut(data, from, length);
  }

  /**
   * The kernel on an array.
   *
   * @param a the bytes
   * @param base where the chunk starts in {@code a}
   * @param length bytes available for it, more than {@code min} and at most {@code max}
   * @return the chunk's length, at most {@code length}
   */
  abstract int cut(byte[] a, int base, int length);

  /** The same kernel through absolute gets, for direct and mapped buffers; same contract. */
  abstract int cut(ByteBuffer b, int base, int length);

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((Chunker) o).spec().equals(spec());
  }

  @Override
  public final int hashCode() {
    return spec().hashCode();
  }

  @Override
  public final String toString() {
    return spec();
  }
}
