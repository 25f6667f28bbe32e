package org.dedup4j.internal.builtin;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;

/** Cuts every {@code size} bytes: the blog's 4 KiB blocks, a disk array's fixed dedupe unit. */
public final class FixedSizeChunker implements Chunker {

  private final int size;

  public FixedSizeChunker(int size) {
    this.size = size;
  }

  @Override
  public String spec() {
    return "fixed:size=" + size;
  }

  @Override
  public int minChunkSize() {
    return size;
  }

  @Override
  public int maxChunkSize() {
    return size;
  }

  @Override
  public int fixedChunkSize() {
    return size;
  }

  @Override
  public int nextCut(ByteBuffer data, int from, int to) {
    return (int) Math.min((long) from + size, to);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedSizeChunker && ((FixedSizeChunker) o).size == size;
  }

  @Override
  public int hashCode() {
    return size;
  }

  @Override
  public String toString() {
    return spec();
  }
}
