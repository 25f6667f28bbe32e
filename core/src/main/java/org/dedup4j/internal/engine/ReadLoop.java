package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.dedup4j.internal.source.Input;

/**
 * Reads a range of an input through one reused buffer (positioned reads for files, front to back
 * for streams) and lets every lane's worker chunk the same bytes: the data is read once however many
 * chunkers look at it. Each lane keeps its own cursor; the buffer is compacted to the slowest
 * lane's cursor before it is refilled, so it must hold at least four of the largest maximum chunk.
 */
public final class ReadLoop {

  private ReadLoop() {}

  /**
   * Chunks the chunks that start in [start, end) for every lane.
   *
   * @param lanes one worker per chunker
   * @param buf this thread's heap buffer
   * @param source reads the input: by position (files, ranges) or front to back (streams, which
   *     ignore the position)
   * @param limit read no byte at or past this offset (end of input, or the end of the last chunk
   *     that can start before {@code end})
   * @return for each lane, where its next chunk starts; less than {@code end} if the input ended
   *     early
   */
  public static long[] run(Worker[] lanes, ByteBuffer buf, Input in, org.dedup4j.RangeReader source,
      long start, long end, long limit) throws IOException {
    byte[] array = buf.array();
    int capacity = buf.capacity();
    int n = lanes.length;
    int[] from = new int[n]; // each lane's cursor, relative to base
    long base = start;
    int filled = 0;
    boolean done = false; // no more bytes will come: end of input or read limit
    while (true) {
      // The slowest lane that still has chunks to cut in this range decides what may be dropped.
      int slowest = Integer.MAX_VALUE;
      boolean hungry = false;
      for (int l = 0; l < n; l++) {
        if (base + from[l] < end) {
          slowest = Math.min(slowest, from[l]);
          hungry |= filled - from[l] < lanes[l].maxChunk();
        }
      }
      if (slowest == Integer.MAX_VALUE) {
        break; // every lane is past the range
      }
      if (!done && hungry) {
        if (slowest > 0) {
          System.arraycopy(array, slowest, array, 0, filled - slowest);
          base += slowest;
          filled -= slowest;
          for (int l = 0; l < n; l++) {
            from[l] -= slowest; // lanes past the range may go negative: they are done
          }
        }
        while (filled < capacity) {
          long want = Math.min(capacity - filled, limit - (base + filled));
          if (want <= 0) {
            done = true;
            break;
          }
          buf.limit(filled + (int) want).position(filled);
          int got = source.read(base + filled, buf);
          if (got < 0) {
            done = true;
            break;
          }
          filled += got;
        }
      }
      boolean moved = false;
      int stopAt = (int) Math.min(end - base, filled);
      for (int l = 0; l < n; l++) {
        if (from[l] < stopAt) {
          int next = lanes[l].chunkBuffer(in, buf, base, from[l], filled, stopAt, done);
          moved |= next != from[l];
          from[l] = next;
        }
      }
      if (done && !moved) {
        break; // the input ended: every lane has cut what there was
      }
    }
    long[] next = new long[n];
    for (int l = 0; l < n; l++) {
      next[l] = base + from[l];
    }
    return next;
  }
}
