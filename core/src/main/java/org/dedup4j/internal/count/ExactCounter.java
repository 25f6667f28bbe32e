package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.dedup4j.CountingMode;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Exact counting: every distinct fingerprint with its reference count, in a {@link
 * FingerprintTable}. When the table (with the small table of removals below) would pass its memory
 * budget, it is written to disk as a sorted run and emptied; at the end the runs are merged, summing
 * counts per fingerprint, so counts stay exact at any size with bounded memory.
 *
 * <p>A removal of a fingerprint whose adds were already spilled cannot find it in the table: it is
 * kept as a negative count in a table of removals, spilled beside the table and summed in the merge.
 * The merged counts are therefore sums over the multiset of adds and removes, whatever their order
 * or the moment of each spill.
 *
 * <p>Memory: the budget covers the table, the table of removals and the I/O buffers of the spill and
 * merge ({@code (fanIn + 1) * bufferSize}, at most 1/8 of the budget). Threads that add while
 * another thread spills wait for it once the table is over the budget.
 */
public final class ExactCounter implements ChunkCounter {

  /** Smallest budget: the empty table (about 330 KiB at 1024 segments) must fit twice over. */
  public static final long MIN_MEMORY_BUDGET = 1L << 20;

  /** Runs merged at once; more runs are merged in passes. */
  static final int DEFAULT_FAN_IN = 64;

  private final FingerprintTable table;
  private final int keyBits;
  private final int uniformLength;
  private final long budget;
  private final long tableLimit;
  private final SpillStore spill;
  private final ReentrantLock spillLock = new ReentrantLock();
  private volatile boolean spilled;
  private volatile FingerprintTable removals;
  private volatile CountingFailedException failure;
  private Path streamTo;
  private final boolean tagged;
  private GroupTally groups;

  /**
   * An exact counter without a budget (never spills).
   *
   * @param keyBits 64 or 128
   * @param uniformLength the fixed chunk size, or 0 for content-defined chunking
   */
  public ExactCounter(int keyBits, int uniformLength) {
    this(keyBits, uniformLength, Long.MAX_VALUE, null, Files::newOutputStream, DEFAULT_FAN_IN,
        FingerprintTable.SCAN_SEGMENT_BITS, 0, false);
  }

  /**
   * An exact counter that spills past a budget.
   *
   * @param keyBits 64 or 128
   * @param uniformLength the fixed chunk size, or 0 for content-defined chunking
   * @param budget memory budget in bytes, at least {@link #MIN_MEMORY_BUDGET}
   * @param spillParent folder under which a private temp folder for runs is made
   */
  public ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent) {
    this(keyBits, uniformLength, budget, spillParent, 0);
  }

  /**
   * An exact counter whose table is presized for a bound on its entries (fixed-size chunking: the
   * input's size over the chunk size), when the presized table fits (under its share of the budget
   * with room to spare for the side tables, or, without a budget, in half the heap) and takes no
   * more memory than a table grown to the bound typically would. Otherwise the table starts small
   * and grows, as with the other constructors.
   *
   * @param keyBits 64 or 128
   * @param uniformLength the fixed chunk size, or 0 for content-defined chunking (never presized)
   * @param budget memory budget in bytes, at least {@link #MIN_MEMORY_BUDGET}, or {@code
   *     Long.MAX_VALUE} for none (never spills)
   * @param spillParent folder under which a private temp folder for runs is made (ignored without
   *     a budget)
   * @param expectedEntries a bound on the distinct fingerprints of uniform length, or 0
   */
  public ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent,
      long expectedEntries) {
    this(keyBits, uniformLength, budget, spillParent, expectedEntries, false);
  }

  /**
   * As above, with a {@link GroupTags group tag} per entry when {@code tagged} (attribution: 4
   * bytes more per entry): {@link #add(long, long, int, int)} records the groups, and {@link
   * #groups()} tells after {@link #finish} what each group holds alone.
   *
   * @param tagged whether entries carry group tags
   */
  public ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent,
      long expectedEntries, boolean tagged) {
    this(keyBits, uniformLength, budget, spillParent, Files::newOutputStream, DEFAULT_FAN_IN,
        FingerprintTable.SCAN_SEGMENT_BITS, expectedEntries, tagged);
    checkArgument(budget >= MIN_MEMORY_BUDGET, "memory budget %s bytes is too small; allowed at"
        + " least %s bytes", budget, MIN_MEMORY_BUDGET);
  }

  ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent,
      SpillStore.Storage storage, int fanIn) {
    this(keyBits, uniformLength, budget, spillParent, storage, fanIn,
        FingerprintTable.SCAN_SEGMENT_BITS, 0, false);
    checkArgument(budget >= MIN_MEMORY_BUDGET, "memory budget %s bytes is too small; allowed at"
        + " least %s bytes", budget, MIN_MEMORY_BUDGET);
  }

  /** With fewer table segments, so that tests spill often with little data. */
  ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent,
      SpillStore.Storage storage, int fanIn, int segmentBits) {
    this(keyBits, uniformLength, budget, spillParent, storage, fanIn, segmentBits, 0, false);
  }

  /** With fewer table segments, presized (see the public constructor), and maybe tagged. */
  ExactCounter(int keyBits, int uniformLength, long budget, Path spillParent,
      SpillStore.Storage storage, int fanIn, int segmentBits, long expectedEntries,
      boolean tagged) {
    this.keyBits = keyBits;
    this.tagged = tagged;
    this.uniformLength = uniformLength;
    this.budget = budget;
    long empty = FingerprintTable.presizedBytes(keyBits, uniformLength, segmentBits, 0, tagged);
    if (budget == Long.MAX_VALUE) {
      this.spill = null;
      this.tableLimit = Long.MAX_VALUE;
    } else {
      long reserve = Math.min(budget / 8, (fanIn + 1L) * (64 << 10));
      fanIn = (int) Math.max(2, Math.min(fanIn, reserve / 4096 - 1)); // buffers of 4 KiB or more
      int bufferSize = (int) Math.max(4096, reserve / (fanIn + 1));
      this.tableLimit = budget - (fanIn + 1L) * bufferSize;
      checkArgument(tableLimit >= 2 * empty + (64 << 10), "memory budget %s bytes is too small:"
          + " the empty table alone needs %s bytes and the spill buffers %s; allowed at least %s bytes",
          budget, empty, (fanIn + 1L) * bufferSize, 2 * empty + (64 << 10) + (fanIn + 1L) * bufferSize);
      this.spill = new SpillStore(spillParent, keyBits, storage, bufferSize, fanIn, tagged);
    }
    // Presized only where it fits with room to spare (the table of odd lengths, the removals and
    // the overflow maps come on top, and a table that starts at its limit would spill at once and
    // restart small; without a budget, the heap is the limit), and where it takes no more memory
    // than growing to the bound typically would (from about 300,000 entries at 1024 segments).
    long room = spill == null ? Runtime.getRuntime().maxMemory() / 2 : tableLimit - tableLimit / 16;
    long presizedBytes = expectedEntries <= 0 ? 0
        : FingerprintTable.presizedBytes(keyBits, uniformLength, segmentBits, expectedEntries,
            tagged);
    boolean presize = uniformLength > 0 && expectedEntries > 0 && presizedBytes <= room
        && presizedBytes <= expectedEntries
            * FingerprintTable.typicalBytesPerEntry(keyBits, uniformLength, tagged);
    this.table = new FingerprintTable(keyBits, uniformLength, segmentBits,
        FingerprintTable.MAX_INLINE_COUNT, presize ? expectedEntries : 0, tagged);
  }

  /**
   * Streams the entries, at the end, to a file in the summary encoding instead of holding them
   * (a summary of any size in bounded memory).
   *
   * @param file the file to write, or null
   * @return this counter
   */
  public ExactCounter streamEntriesTo(Path file) {
    this.streamTo = file;
    return this;
  }

  /** The table, for tests. */
  FingerprintTable table() {
    return table;
  }

  @Override
  public void add(long k0, long k1, int length) {
    table.add(k0, k1, length);
    if (table.memoryBytes() > tableLimit) {
      spillIfOver();
    }
  }

  @Override
  public void add(long k0, long k1, int length, int group) {
    table.add(k0, k1, length, GroupTags.of(group));
    if (table.memoryBytes() > tableLimit) {
      spillIfOver();
    }
  }

  /**
   * What each group holds alone, after {@link #finish}; null unless the counter was made with
   * group tags.
   */
  public GroupTally groups() {
    return groups;
  }

  @Override
  public void remove(long k0, long k1, int length) {
    if (spill == null) {
      table.remove(k0, k1, length);
      return;
    }
    if (!table.removeIfPresent(k0, k1, length)) {
      if (!spilled) {
        throw new IllegalStateException("fingerprint not in the table");
      }
      removals().add(k0, k1, length);
      if (memoryBytes() > tableLimit) {
        spillIfOver();
      }
    }
  }

  private FingerprintTable removals() {
    FingerprintTable r = removals;
    if (r == null) {
      synchronized (this) {
        r = removals;
        if (r == null) {
          r = new FingerprintTable(keyBits, uniformLength, 4);
          removals = r;
        }
      }
    }
    return r;
  }

  @Override
  public long memoryBytes() {
    FingerprintTable r = removals;
    return table.memoryBytes() + (r == null ? 0 : r.memoryBytes());
  }

  private void spillIfOver() {
    spillLock.lock();
    try {
      if (failure != null) {
        throw failure;
      }
      if (memoryBytes() <= tableLimit) {
        return; // another thread spilled meanwhile
      }
      spilled = true;
      try {
        spillNow();
      } catch (IOException e) {
        throw fail("spilling the fingerprint table", e);
      }
      if (memoryBytes() > tableLimit) {
        // What other threads added during the spill; spill again rather than wait for more.
        try {
          spillNow();
        } catch (IOException e) {
          throw fail("spilling the fingerprint table", e);
        }
      }
    } finally {
      spillLock.unlock();
    }
  }

  private void spillNow() throws IOException {
    spill.spill(table, 1);
    FingerprintTable r = removals;
    if (r != null && r.uniqueCount() > 0) {
      spill.spill(r, -1);
    }
  }

  private CountingFailedException fail(String what, IOException e) {
    String where = spill == null ? String.valueOf(streamTo)
        : spill.directory() == null ? "a temp folder under the spill folder"
        : spill.directory().toString();
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
    CountingFailedException f = new CountingFailedException(what + " to " + where + " failed: "
        + e + "; the exact count cannot go on; its temp files were removed (budget " + budget
        + " bytes; give a larger memory budget, free disk space, or use sample mode)", e);
    failure = f;
    return f;
  }

  @Override
  public void writeState(DataOutputStream out, Path runs) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (tagged) {
      throw new IllegalStateException("an attributing count cannot be checkpointed");
    }
    out.writeBoolean(spilled);
    writeEntries(out, table);
    FingerprintTable r = removals;
    writeEntries(out, r == null ? new FingerprintTable(keyBits, uniformLength, 0) : r);
    java.util.List<String> names = spill == null ? java.util.List.of() : spill.linkRunsInto(runs);
    out.writeInt(names.size());
    for (String name : names) {
      out.writeUTF(name);
    }
  }

  private void writeEntries(DataOutputStream out, FingerprintTable t) throws IOException {
    out.writeLong(t.uniqueCount());
    try {
      t.forEach((k0, k1, count, length) -> {
        try {
          SummaryCodec.writeEntry(out, keyBits == 128, k0, k1, count, length);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void restoreState(DataInputStream in, Path runs) throws IOException {
    boolean wasSpilled = in.readBoolean();
    readEntries(in, table);
    long removed = in.readLong();
    if (removed < 0) {
      throw new IOException("a negative count of removals: " + removed);
    }
    if (removed > 0) {
      readEntries(in, removed, removals());
    }
    int count = in.readInt();
    if (count < 0 || count > 1 << 24 || (count > 0) != wasSpilled) {
      throw new IOException("spilled runs: " + count + " (spilled: " + wasSpilled + ")");
    }
    if (count > 0 && spill == null) {
      throw new IOException("the checkpointed exact count had spilled to disk; resume it with a"
          + " memory budget (the command's --memory) so that it can spill again");
    }
    for (int i = 0; i < count; i++) {
      spill.adopt(runs.resolve(in.readUTF()));
    }
    spilled = wasSpilled;
    if (spill != null && memoryBytes() > tableLimit) {
      spillIfOver(); // a smaller budget than the checkpointed scan's
    }
  }

  private void readEntries(DataInputStream in, FingerprintTable into) throws IOException {
    long n = in.readLong();
    if (n < 0) {
      throw new IOException("a negative count of entries: " + n);
    }
    readEntries(in, n, into);
  }

  private void readEntries(DataInputStream in, long n, FingerprintTable into) throws IOException {
    for (long i = 0; i < n; i++) {
      long k0 = in.readLong();
      long k1 = keyBits == 128 ? in.readLong() : 0;
      long c = SummaryCodec.readVar(in);
      long length = SummaryCodec.readVar(in, Integer.MAX_VALUE);
      if (c < 1 || length < 1) {
        throw new IOException("an entry with count " + c + " and length " + length);
      }
      into.addCount(k0, k1, (int) length, c);
    }
  }

  @Override
  public CountState finish(boolean keepEntries) {
    if (failure != null) {
      throw failure;
    }
    Tally tally = new Tally();
    GroupTally groupTally = tagged ? new GroupTally() : null;
    CountState.EntriesBuilder entries = keepEntries ? new CountState.EntriesBuilder() : null;
    long counterBytes = memoryBytes();
    long[] streamed = {0};
    try (DataOutputStream stream = !keepEntries && streamTo != null
        ? new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(streamTo,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), 1 << 16))
        : null) {
      EntryCursor.TaggedSink sink = (k0, k1, count, length, tag) -> {
        tally.visit(k0, k1, count, length);
        if (groupTally != null) {
          groupTally.visit(count, length, tag);
        }
        if (entries != null) {
          entries.visit(k0, k1, count, length);
        }
        if (stream != null) {
          SummaryCodec.writeEntry(stream, keyBits == 128, k0, k1, count, length);
          streamed[0]++;
        }
      };
      if (!spilled) {
        if (entries != null || stream != null || tagged) {
          table.<IOException>drainSortedTagged(sink::accept);
        } else {
          table.forEach(tally);
        }
      } else {
        spillNow();
        spill.mergeAll(sink);
        spill.close();
      }
    } catch (IOException e) {
      throw fail(spilled ? "merging the spilled runs" : "writing the summary's entries", e);
    }
    CountState state = new CountState(CountingMode.EXACT, keyBits, entries == null ? null : entries.build(),
        tally, 0, 0, 0, Integer.MAX_VALUE, null, tally.sizeChunks, tally.sizeBytes,
        tally.unique == 0 ? 0 : tally.minLength, tally.maxLength, counterBytes,
        spill == null ? 0 : budget, spill == null ? 0 : spill.runsWritten(),
        spill == null ? 0 : spill.bytesWritten(), spill == null ? 0 : spill.nanos());
    groups = groupTally;
    if (!keepEntries && streamTo != null) {
      state.streamed(streamTo, streamed[0]);
    }
    return state;
  }

  @Override
  public void close() {
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException e) {
        // Best effort: the scan's outcome stands; a temp folder we cannot delete is the OS's to clean.
      }
    }
  }
}
