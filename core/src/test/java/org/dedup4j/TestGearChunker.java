package org.dedup4j;

import java.nio.ByteBuffer;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.SplitMix64;

/**
 * A small content-defined chunker for engine tests (the real ones live in dedup4j-chunkers): a gear
 * hash restarted at each chunk start, cut where its top bits are zero, within [min, max].
 */
final class TestGearChunker implements Chunker {

  private static final long[] GEAR = new long[256];

  static {
    SplitMix64 r = new SplitMix64(99);
    for (int i = 0; i < 256; i++) {
      GEAR[i] = r.nextLong();
    }
  }

  private final int min;
  private final int max;
  private final long mask;

  TestGearChunker(int min, int avgBits, int max) {
    this.min = min;
    this.max = max;
    this.mask = -1L << (64 - avgBits);
  }

  @Override
  public String spec() {
    return "testgear";
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
    int end = Math.min(to, from + max);
    if (end - from <= min) {
      return end;
    }
    long h = 0;
    for (int i = from + min; i < end; i++) {
      h = (h << 1) + GEAR[data.get(i) & 0xFF];
      if ((h & mask) == 0) {
        return i + 1;
      }
    }
    return end;
  }
}
