package org.dedup4j.examples;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/**
 * A toy content-defined chunker: cuts after a newline, so that equal lines of text become equal
 * chunks. A chunk ends after the first {@code '\n'} at or past {@code min} bytes, or after {@code
 * max} bytes when no newline comes in time.
 *
 * <p>It keeps the {@link Chunker} contract: the cut depends only on the bytes from {@code from} to
 * the cut (so a resumed pass agrees with one sequential pass), every chunk but an input's last is
 * {@code min..max} bytes long, nothing is copied, and the object is immutable. It reads one byte at a
 * time through {@link ByteBuffer#get(int)}, which is simple rather than fast.
 */
final class LineChunker implements Chunker {

  private final int min;
  private final int max;

  LineChunker(int min, int max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public String spec() {
    return LineChunkerProvider.NAME + ":min=" + min + ",max=" + max;
  }

  @Override
  public int minChunkSize() {
    return min;
  }

  @Override
  public int maxChunkSize() {
    return max;
  }

  @Override
  public int nextCut(ByteBuffer data, int from, int to) {
    int limit = (int) Math.min(to, (long) from + max);
    for (int i = from + min - 1; i < limit; i++) {
      if (data.get(i) == '\n') {
        return i + 1;
      }
    }
    return limit;
  }

  @Override
  public String toString() {
    return spec();
  }
}
