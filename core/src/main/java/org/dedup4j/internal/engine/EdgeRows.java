package org.dedup4j.internal.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.dedup4j.internal.count.ChunkCounter;
import org.dedup4j.internal.count.CountState;

/**
 * A counter that records what an edge walk adds and takes back, as rows, instead of counting it:
 * the chunks it takes back were counted by another part's scan, on another machine.
 */
final class EdgeRows implements ChunkCounter {
  private long[] k0 = new long[8];
  private long[] k1 = new long[8];
  private int[] lengths = new int[8];
  private int size;

  @Override
  public void add(long a, long b, int length) {
    row(a, b, length);
  }

  @Override
  public void remove(long a, long b, int length) {
    row(a, b, -length);
  }

  private void row(long a, long b, int length) {
    if (size == lengths.length) {
      k0 = Arrays.copyOf(k0, 2 * size);
      k1 = Arrays.copyOf(k1, 2 * size);
      lengths = Arrays.copyOf(lengths, 2 * size);
    }
    k0[size] = a;
    k1[size] = b;
    lengths[size++] = length;
  }

  long[] k0() {
    return Arrays.copyOf(k0, size);
  }

  long[] k1() {
    return Arrays.copyOf(k1, size);
  }

  int[] lengths() {
    return Arrays.copyOf(lengths, size);
  }

  @Override
  public long memoryBytes() {
    return 20L * lengths.length;
  }

  @Override
  public CountState finish(boolean keepEntries) {
    throw new UnsupportedOperationException("edge rows are applied to a summary, not finished");
  }

  @Override
  public void writeState(DataOutputStream out, Path runs) {
    throw new UnsupportedOperationException("edge walks are not checkpointed");
  }

  @Override
  public void restoreState(DataInputStream in, Path runs) {
    throw new UnsupportedOperationException("edge walks are not checkpointed");
  }
}
