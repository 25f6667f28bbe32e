package org.dedup4j.internal.count;

import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * A stream of fingerprint entries in the table's drain order ({@link FingerprintTable#compare}),
 * positioned at its current entry: a spilled run, or the entries of an exact summary.
 */
abstract class EntryCursor {

  /** Receives merged entries in order. */
  interface Sink {
    void accept(long k0, long k1, long count, int length) throws IOException;
  }

  /** Receives merged entries in order, with their merged {@link GroupTags group tags}. */
  interface TaggedSink {
    void accept(long k0, long k1, long count, int length, int tag) throws IOException;
  }

  /** {@link FingerprintTable#orderKey} of the current entry. */
  long h;
  long k0;
  long k1;
  long count;
  int length;
  /** The current entry's {@link GroupTags tag}: {@link GroupTags#NONE} unless the run has tags. */
  int tag = GroupTags.NONE;

  /** Advances to the next entry; false after the last. */
  abstract boolean next() throws IOException;

  /**
   * A k-way merge: every distinct fingerprint of the cursors once, in order, with its counts
   * summed (a sum may be zero or negative when the cursors hold removals too).
   */
  static void merge(List<? extends EntryCursor> cursors, Sink sink) throws IOException {
    mergeTagged(cursors, (k0, k1, count, length, tag) -> sink.accept(k0, k1, count, length));
  }

  /** {@link #merge} with the entries' group tags merged too ({@link GroupTags#merge}). */
  static void mergeTagged(List<? extends EntryCursor> cursors, TaggedSink sink)
      throws IOException {
    PriorityQueue<EntryCursor> queue = new PriorityQueue<>((a, b) ->
        FingerprintTable.compare(a.h, a.k0, a.k1, b.h, b.k0, b.k1));
    for (EntryCursor c : cursors) {
      if (c.next()) {
        queue.add(c);
      }
    }
    while (!queue.isEmpty()) {
      EntryCursor top = queue.poll();
      long h = top.h;
      long k0 = top.k0;
      long k1 = top.k1;
      long count = top.count;
      int length = top.length;
      int tag = top.tag;
      if (top.next()) {
        queue.add(top);
      }
      while (!queue.isEmpty() && queue.peek().h == h && queue.peek().k0 == k0
          && queue.peek().k1 == k1) {
        EntryCursor same = queue.poll();
        count += same.count;
        tag = GroupTags.merge(tag, same.tag);
        if (same.next()) {
          queue.add(same);
        }
      }
      sink.accept(k0, k1, count, length, tag);
    }
  }

  /** Receives each distinct fingerprint of several sorted inputs with which inputs hold it. */
  interface MembershipSink {
    void accept(long mask, int length) throws IOException;
  }

  /**
   * Merges up to 64 sorted cursors, telling for each distinct fingerprint the set of cursors that
   * hold it (bit {@code i} for cursor {@code i}) and its length.
   */
  static void members(List<? extends EntryCursor> cursors, MembershipSink sink) throws IOException {
    PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> {
      EntryCursor x = cursors.get(a);
      EntryCursor y = cursors.get(b);
      return FingerprintTable.compare(x.h, x.k0, x.k1, y.h, y.k0, y.k1);
    });
    for (int i = 0; i < cursors.size(); i++) {
      if (cursors.get(i).next()) {
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int first = queue.poll();
      EntryCursor top = cursors.get(first);
      long h = top.h;
      long k0 = top.k0;
      long k1 = top.k1;
      int length = top.length;
      long mask = 1L << first;
      if (top.next()) {
        queue.add(first);
      }
      while (!queue.isEmpty()) {
        EntryCursor same = cursors.get(queue.peek());
        if (same.h != h || same.k0 != k0 || same.k1 != k1) {
          break;
        }
        int i = queue.poll();
        mask |= 1L << i;
        if (same.next()) {
          queue.add(i);
        }
      }
      sink.accept(mask, length);
    }
  }
}
