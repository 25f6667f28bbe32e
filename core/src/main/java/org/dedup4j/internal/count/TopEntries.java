package org.dedup4j.internal.count;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.PriorityQueue;

/**
 * The {@code n} entries of an exact count with the most references, in one pass over its entries
 * (held, or streamed to a file) with a bounded heap: memory holds {@code n} entries, whatever the
 * count's size. Entries referenced once are no duplicates and are left out. Order: most references
 * first, ties by fingerprint ({@code k0}, then {@code k1}, unsigned), so the list does not depend
 * on the order the entries come in.
 */
public final class TopEntries {

  public final long[] k0;
  public final long[] k1;
  public final long[] count;
  public final int[] length;
  public final int size;

  private TopEntries(PriorityQueue<long[]> heap) {
    size = heap.size();
    k0 = new long[size];
    k1 = new long[size];
    count = new long[size];
    length = new int[size];
    for (int i = size - 1; i >= 0; i--) { // the heap's head is the last of the list
      long[] e = heap.poll();
      k0[i] = e[0];
      k1[i] = e[1];
      count[i] = e[2];
      length[i] = (int) e[3];
    }
  }

  /** The list's order: negative when a comes before b (more references; as many, a smaller key). */
  private static int listOrder(long[] a, long[] b) {
    if (a[2] != b[2]) {
      return Long.compare(b[2], a[2]);
    }
    int c = Long.compareUnsigned(a[0], b[0]);
    return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
  }

  /**
   * The top {@code n} entries of an exact state.
   *
   * @param s an exact state whose entries are held or streamed
   * @param n how many, at least 1
   * @return the entries, most referenced first
   * @throws IOException if the streamed entries cannot be read
   * @throws IllegalArgumentException if the state is not exact with its entries
   */
  public static TopEntries of(CountState s, int n) throws IOException {
    if (s.mode() != org.dedup4j.CountingMode.EXACT
        || (s.entries() == null && s.streamedEntries == null)) {
      throw new IllegalArgumentException("only an exact count with its entries has a top");
    }
    // The head is the entry that leaves first: the last of the list.
    PriorityQueue<long[]> heap = new PriorityQueue<>(n + 1, (a, b) -> listOrder(b, a));
    Offer offer = new Offer(heap, n);
    if (s.entries() != null) {
      s.entries().forEach(offer::visit);
    } else {
      boolean wide = s.keyBits() == 128;
      try (InputStream raw = Files.newInputStream(s.streamedEntries);
          DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
        for (long i = 0; i < s.streamedCount; i++) {
          long a = in.readLong();
          long b = wide ? in.readLong() : 0;
          long c = SummaryCodec.readVar(in);
          long len = SummaryCodec.readVar(in, Integer.MAX_VALUE);
          offer.visit(a, b, c, (int) len);
        }
      }
    }
    return new TopEntries(heap);
  }

  /** Keeps the best {@code n} entries seen. */
  private static final class Offer {
    private final PriorityQueue<long[]> heap;
    private final int n;

    Offer(PriorityQueue<long[]> heap, int n) {
      this.heap = heap;
      this.n = n;
    }

    void visit(long a, long b, long c, int len) {
      if (c < 2) {
        return;
      }
      if (heap.size() == n) {
        long[] last = heap.peek();
        if (c < last[2]) {
          return; // the common case once the heap is full: nothing allocated
        }
        long[] e = {a, b, c, len};
        if (listOrder(e, last) >= 0) {
          return;
        }
        heap.poll();
        heap.add(e);
        return;
      }
      heap.add(new long[] {a, b, c, len});
    }
  }
}
