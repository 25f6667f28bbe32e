package org.dedup4j.internal.count;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Chunks and bytes by power-of-two size over every chunk added (minus removed), for the counters
 * that do not keep every fingerprint. Striped by fingerprint bits so that threads rarely share a
 * cache line.
 */
final class SizeHistogram {
  private static final int STRIPES = 8;
  private static final int STRIDE = 64; // 32 buckets x (chunks, bytes): 512 bytes per stripe

  private final AtomicLongArray cells = new AtomicLongArray(STRIPES * STRIDE);

  void add(long k0, int length, int sign) {
    int base = (int) (k0 >>> 61) * STRIDE + 2 * (31 - Integer.numberOfLeadingZeros(length));
    cells.addAndGet(base, sign);
    cells.addAndGet(base + 1, (long) sign * length);
  }

  long[] chunks() {
    return sum(0);
  }

  long[] bytes() {
    return sum(1);
  }

  private long[] sum(int field) {
    long[] out = new long[32];
    for (int s = 0; s < STRIPES; s++) {
      for (int b = 0; b < 32; b++) {
        out[b] += cells.get(s * STRIDE + 2 * b + field);
      }
    }
    return out;
  }

  /** Writes every cell (a checkpoint). */
  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(cells.length());
    for (int i = 0; i < cells.length(); i++) {
      out.writeLong(cells.get(i));
    }
  }

  /** Reads what {@link #writeTo} wrote, into this empty histogram. */
  void readFrom(java.io.DataInput in) throws java.io.IOException {
    int n = in.readInt();
    if (n != cells.length()) {
      throw new java.io.IOException("a size histogram of " + n + " cells, not " + cells.length());
    }
    for (int i = 0; i < n; i++) {
      cells.set(i, in.readLong());
    }
  }

  static long bytesUsed() {
    return 8L * STRIPES * STRIDE;
  }
}
