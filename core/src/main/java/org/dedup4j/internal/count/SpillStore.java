package org.dedup4j.internal.count;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Sorted runs of fingerprints on disk, for an exact count past the memory budget, and their k-way
 * merge. A run is a sequence of entries in {@link FingerprintTable#compare} order: k0 (8 bytes), k1
 * (8 bytes, 128-bit keys only), the reference count as a zigzag varint (negative: removals of
 * chunks whose adds were spilled before), the length as a varint: 19 bytes per 128-bit entry of
 * count 1 and a 4 KiB chunk; runs of a table with group tags add the tag plus one (0 for {@link
 * GroupTags#NONE}) as a varint. Runs live in a private temp folder that {@link #close()} deletes.
 */
final class SpillStore implements AutoCloseable {

  /** Opens a run for writing; tests inject one that fails. */
  @FunctionalInterface
  interface Storage {
    OutputStream create(Path file) throws IOException;
  }

  private final Path parent;
  private final boolean wide;
  private final boolean tagged;
  private final Storage storage;
  private final int bufferSize;
  private final int fanIn;
  private Path dir;
  private final Deque<Path> runs = new ArrayDeque<>();
  private int nextRun;
  private int runsWritten;
  private long bytesWritten;
  private long nanos;

  SpillStore(Path parent, int keyBits, Storage storage, int bufferSize, int fanIn) {
    this(parent, keyBits, storage, bufferSize, fanIn, false);
  }

  SpillStore(Path parent, int keyBits, Storage storage, int bufferSize, int fanIn,
      boolean tagged) {
    this.parent = parent;
    this.tagged = tagged;
    this.wide = keyBits == 128;
    this.storage = storage;
    this.bufferSize = bufferSize;
    this.fanIn = fanIn;
  }

  int runsWritten() {
    return runsWritten;
  }

  long bytesWritten() {
    return bytesWritten;
  }

  long nanos() {
    return nanos;
  }

  int pendingRuns() {
    return runs.size();
  }

  /** Where runs go; created on the first spill. */
  Path directory() {
    return dir;
  }

  /** Writes the table's content (and empties it) as one run, with the given sign on counts. */
  void spill(FingerprintTable table, int sign) throws IOException {
    long started = System.nanoTime();
    Path file = newRunFile();
    try (RunWriter w = new RunWriter(storage.create(file))) {
      table.<IOException>drainSortedTagged(
          (k0, k1, count, length, tag) -> w.write(k0, k1, sign * count, length, tag));
    } finally {
      nanos += System.nanoTime() - started;
    }
    runs.add(file);
    runsWritten++;
  }

  /**
   * Hard-links every run into {@code folder} (a checkpoint's), copying where the file system cannot
   * link (another file system): the runs stay here for the scan to go on.
   *
   * @return the names of the runs in {@code folder}, in order
   */
  List<String> linkRunsInto(Path folder) throws IOException {
    List<String> names = new ArrayList<>();
    for (Path run : runs) {
      // Named after this store's folder too: the counters of several chunkers share the folder.
      Path to = folder.resolve(dir.getFileName() + "-" + run.getFileName());
      Files.deleteIfExists(to);
      linkOrCopy(run, to);
      names.add(to.getFileName().toString());
    }
    return names;
  }

  /** Takes over a checkpoint's run (linked or copied into this store's folder, never moved). */
  void adopt(Path checkpointed) throws IOException {
    if (!Files.isRegularFile(checkpointed)) {
      throw new IOException("the checkpoint's spilled run " + checkpointed + " is missing");
    }
    Path file = newRunFile();
    linkOrCopy(checkpointed, file);
    runs.add(file);
  }

  /** A hard link where the file system can make one (a run never changes), else a copy. */
  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  /**
   * Merges every run into the sink, summing counts per fingerprint and leaving out net counts of
   * 0, in passes of at most
   * {@code fanIn} runs; deletes runs as they are consumed.
   */
  void mergeAll(EntryCursor.TaggedSink sink) throws IOException {
    long started = System.nanoTime();
    try {
      while (runs.size() > fanIn) {
        List<Path> group = new ArrayList<>();
        for (int i = 0; i < fanIn; i++) {
          group.add(runs.poll());
        }
        Path file = newRunFile();
        try (RunWriter w = new RunWriter(storage.create(file))) {
          merge(group, w::write, false);
        }
        runs.add(file);
      }
      List<Path> group = new ArrayList<>(runs);
      runs.clear();
      merge(group, sink, true);
    } finally {
      nanos += System.nanoTime() - started;
    }
  }

  /** Intermediate passes keep negative partial sums: the adds may be in a run of a later pass. */
  private void merge(List<Path> group, EntryCursor.TaggedSink sink, boolean last)
      throws IOException {
    List<RunReader> readers = new ArrayList<>();
    try {
      for (Path p : group) {
        readers.add(new RunReader(p, Files.newInputStream(p)));
      }
      EntryCursor.mergeTagged(readers, (k0, k1, count, length, tag) -> {
        if (count < 0 && last) {
          throw new IllegalStateException("a fingerprint was removed more often than added");
        }
        if (count != 0) {
          sink.accept(k0, k1, count, length, tag);
        }
      });
    } finally {
      for (RunReader r : readers) {
        r.close();
      }
      for (Path p : group) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Path newRunFile() throws IOException {
    if (dir == null) {
      dir = TempFiles.createDirectory(parent, "dedup4j-spill-"); // removed on Ctrl-C too
    }
    return dir.resolve(String.format("run-%06d.bin", nextRun++));
  }

  /** Deletes every run and the folder. */
  @Override
  public void close() throws IOException {
    runs.clear();
    if (dir == null) {
      return;
    }
    IOException failure = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          failure = e;
        }
      }
    } catch (NoSuchFileException e) {
      dir = null;
      return;
    }
    Files.deleteIfExists(dir);
    TempFiles.release(dir);
    dir = null;
    if (failure != null) {
      throw failure;
    }
  }

  private final class RunWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[bufferSize];
    private int pos;

    RunWriter(OutputStream out) {
      this.out = out;
    }

    void write(long k0, long k1, long count, int length, int tag) throws IOException {
      if (pos > buf.length - 40) {
        flush();
      }
      putLong(k0);
      if (wide) {
        putLong(k1);
      }
      putVar((count << 1) ^ (count >> 63));
      putVar(length);
      if (tagged) {
        putVar(Integer.toUnsignedLong(tag + 1));
      }
    }

    private void putLong(long v) {
      for (int i = 56; i >= 0; i -= 8) {
        buf[pos++] = (byte) (v >>> i);
      }
    }

    private void putVar(long v) {
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    private void flush() throws IOException {
      out.write(buf, 0, pos);
      bytesWritten += pos;
      pos = 0;
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        out.close();
      }
    }
  }

  private final class RunReader extends EntryCursor implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[bufferSize];
    private int pos;
    private int limit;

    RunReader(Path file, InputStream in) {
      this.file = file;
      this.in = in;
    }

    @Override
    boolean next() throws IOException {
      if (pos == limit && !fill()) {
        return false;
      }
      k0 = getLong();
      k1 = wide ? getLong() : 0;
      long z = getVar();
      count = (z >>> 1) ^ -(z & 1);
      length = (int) getVar();
      if (tagged) {
        tag = (int) getVar() - 1;
      }
      h = FingerprintTable.orderKey(k0, k1);
      return true;
    }

    private boolean fill() throws IOException {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }

    private int get() throws IOException {
      if (pos == limit && !fill()) {
        throw new EOFException("spill run " + file.getFileName() + " ends inside an entry");
      }
      return buf[pos++] & 0xFF;
    }

    private long getLong() throws IOException {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | get();
      }
      return v;
    }

    private long getVar() throws IOException {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        int b = get();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
