package org.dedup4j.internal.count;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dedup4j.CountingMode;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Writes and reads the counting part of a summary file (the header, counts and checksum are {@code
 * DedupSummary}'s). Every value read is checked: entries must be sorted and distinct, counts and
 * lengths positive, levels and sizes in range, so that a corrupt file fails with a message instead
 * of giving a wrong number.
 */
public final class SummaryCodec {

  /** Most bytes a sketch may hold (precision 26). */
  private static final int MAX_SKETCH_BYTES = 1 << 26;

  private SummaryCodec() {}

  /**
   * Writes a state that holds its entries, or whose exact entries were streamed to a file.
   *
   * @throws IllegalArgumentException if the state has neither
   */
  public static void write(DataOutputStream out, CountState s) throws IOException {
    if (s.entries == null && s.streamedEntries == null && !s.figuresOnly()) {
      throw new IllegalArgumentException("a state without entries cannot be saved");
    }
    out.writeByte(s.mode.ordinal());
    out.writeByte(s.keyBits);
    for (int i = 0; i < 32; i++) {
      writeVar(out, s.sizeChunks[i]);
      writeVar(out, s.sizeBytes[i]);
    }
    writeVar(out, s.minLength);
    writeVar(out, s.maxLength);
    writeVar(out, s.counterBytes);
    writeVar(out, s.memoryBudget);
    writeVar(out, s.spillRuns);
    writeVar(out, s.spillBytes);
    writeVar(out, s.spillNanos);
    out.writeByte(s.level);
    out.writeLong(s.salt);
    writeVar(out, s.maxEntries);
    writeVar(out, s.fit);
    if (s.sketch == null) {
      writeVar(out, 0);
    } else {
      writeVar(out, s.sketch.length);
      out.write(s.sketch);
    }
    boolean wide = s.mode == CountingMode.EXACT && s.keyBits == 128;
    out.writeByte(s.figuresOnly() ? FIGURES : ENTRIES); // format version 3
    if (s.figuresOnly()) {
      s.tally.writeTo(out);
      return;
    }
    if (s.entries == null) {
      writeVar(out, s.streamedCount);
      out.flush();
      Files.copy(s.streamedEntries, out); // already in this encoding, in order
      return;
    }
    CountState.Entries e = s.entries;
    writeVar(out, e.size);
    for (int i = 0; i < e.size; i++) {
      writeEntry(out, wide, e.k0[i], e.k1[i], e.count[i], e.length[i]);
    }
  }

  /** One entry: k0, k1 (128-bit exact only), count and length as varints. */
  static void writeEntry(DataOutput out, boolean wide, long k0, long k1, long count, int length)
      throws IOException {
    out.writeLong(k0);
    if (wide) {
      out.writeLong(k1);
    }
    writeVar(out, count);
    writeVar(out, length);
  }

  /** What follows a state's head (format version 3): its entries, or only its figures. */
  private static final int ENTRIES = 0;
  private static final int FIGURES = 1;

  /** Everything of a state before its entries, and how many follow. */
  public static final class Head {
    final CountingMode mode;
    final int keyBits;
    final long[] sizeChunks;
    final long[] sizeBytes;
    final int minLength;
    final int maxLength;
    final long counterBytes;
    final long memoryBudget;
    final int spillRuns;
    final long spillBytes;
    final long spillNanos;
    final int level;
    final long salt;
    final int maxEntries;
    final int fit;
    final byte[] sketch;
    final long count;
    /** An exact state's figures without entries (version 3), or null. */
    final Tally figures;

    private Head(DataInput in, int version) throws IOException {
      int modeIndex = in.readUnsignedByte();
      if (modeIndex > CountingMode.SKETCH.ordinal()) {
        throw new IOException("unknown counting mode " + modeIndex);
      }
      mode = CountingMode.values()[modeIndex];
      keyBits = in.readUnsignedByte();
      if (keyBits != 64 && keyBits != 128) {
        throw new IOException("fingerprint width " + keyBits + " bits; allowed 64 or 128");
      }
      sizeChunks = new long[32];
      sizeBytes = new long[32];
      for (int i = 0; i < 32; i++) {
        sizeChunks[i] = readVar(in);
        sizeBytes[i] = readVar(in);
      }
      minLength = (int) readVar(in, Integer.MAX_VALUE);
      maxLength = (int) readVar(in, Integer.MAX_VALUE);
      counterBytes = readVar(in);
      memoryBudget = readVar(in);
      spillRuns = (int) readVar(in, Integer.MAX_VALUE);
      spillBytes = readVar(in);
      spillNanos = readVar(in);
      level = in.readUnsignedByte();
      salt = in.readLong();
      maxEntries = (int) readVar(in, SampleCounter.MAX_MAX_ENTRIES);
      fit = (int) readVar(in, Integer.MAX_VALUE);
      if (level > 64 || (mode == CountingMode.EXACT && level != 0)
          || (mode != CountingMode.EXACT && (maxEntries < SampleCounter.MIN_MAX_ENTRIES
              || fit > maxEntries || fit < maxEntries / 2))) {
        throw new IOException("sample level " + level + " or capacity " + maxEntries
            + " out of range for " + mode.label() + " mode");
      }
      int sketchLength = (int) readVar(in, MAX_SKETCH_BYTES);
      byte[] sk = null;
      if (sketchLength > 0) {
        if (Integer.bitCount(sketchLength) != 1 || sketchLength < 8) {
          throw new IOException("sketch of " + sketchLength + " bytes; must be a power of two");
        }
        sk = new byte[sketchLength];
        in.readFully(sk);
      }
      sketch = sk;
      if ((mode == CountingMode.SKETCH) != (sketch != null)) {
        throw new IOException("a " + mode.label() + " summary " + (sketch == null ? "without" : "with")
            + " a sketch");
      }
      int kind = version >= 3 ? in.readUnsignedByte() : ENTRIES;
      if (kind != ENTRIES && (kind != FIGURES || mode != CountingMode.EXACT)) {
        throw new IOException("a " + mode.label() + " state of kind " + kind);
      }
      figures = kind == FIGURES ? Tally.readFrom(in) : null;
      count = figures != null ? 0 : readVar(in, Integer.MAX_VALUE - 16);
      if (mode != CountingMode.EXACT && count > fit) {
        throw new IOException(count + " sample entries, more than its capacity " + fit);
      }
    }

    /** The mode. */
    public CountingMode mode() {
      return mode;
    }

    /** 64 or 128. */
    public int keyBits() {
      return keyBits;
    }

    /** A sample's level (0 for exact). */
    public int level() {
      return level;
    }

    /** A sample's salt (0 for exact). */
    public long salt() {
      return salt;
    }
  }

  /**
   * Reads the part of a state before its entries.
   *
   * @throws IOException if a value is out of range
   */
  public static Head readHead(DataInput in, int version) throws IOException {
    return new Head(in, version);
  }

  /** Whether the head is of an exact state's figures without entries (nothing follows it). */
  public static boolean figuresOnly(Head head) {
    return head.figures != null;
  }

  /** Reads a head's entries one by one, checking each (positive, in order, under the threshold). */
  public static final class EntryReader extends EntryCursor {
    private final DataInput in;
    private final Head head;
    private final boolean wide;
    private final String name; // the file, for messages; null when the caller names it
    private long read;

    EntryReader(DataInput in, Head head, String name) {
      this.in = in;
      this.head = head;
      this.name = name;
      this.wide = head.mode == CountingMode.EXACT && head.keyBits == 128;
    }

    @Override
    boolean next() throws IOException {
      if (name == null) {
        return advance();
      }
      try {
        return advance();
      } catch (java.io.EOFException e) {
        throw new IOException(name + ": summary is truncated (entry " + read + " of " + head.count
            + ")", e);
      } catch (IOException e) {
        throw new IOException(name + ": corrupt summary: " + e.getMessage(), e);
      }
    }

    private boolean advance() throws IOException {
      if (read == head.count) {
        return false;
      }
      long a = in.readLong();
      long b = wide ? in.readLong() : 0;
      long c = readVar(in);
      long len = readVar(in, Integer.MAX_VALUE);
      if (c <= 0 || len <= 0) {
        throw new IOException("entry " + read + " has count " + c + " and length " + len
            + "; both must be positive");
      }
      if (head.mode == CountingMode.EXACT) {
        long hv = FingerprintTable.orderKey(a, b);
        if (read > 0 && FingerprintTable.compare(h, k0, k1, hv, a, b) >= 0) {
          throw new IOException("entry " + read + " is out of order");
        }
        h = hv;
      } else if ((read > 0 && Long.compareUnsigned(k0, a) >= 0) || !CountState.keeps(a, head.level)) {
        throw new IOException("sample entry " + read + " is out of order or above its threshold");
      }
      k0 = a;
      k1 = b;
      count = c;
      length = (int) len;
      read++;
      return true;
    }
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @throws IOException if a value is out of range or the entries are out of order
   */
  public static CountState read(DataInput in, int version) throws IOException {
    Head head = readHead(in, version);
    if (head.figures != null) {
      Tally t = head.figures;
      return new CountState(CountingMode.EXACT, head.keyBits, null, t, 0, 0, 0, Integer.MAX_VALUE,
          null, head.sizeChunks, head.sizeBytes, head.minLength, head.maxLength,
          head.counterBytes, head.memoryBudget, head.spillRuns, head.spillBytes, head.spillNanos);
    }
    CountState.EntriesBuilder b = new CountState.EntriesBuilder();
    EntryReader r = new EntryReader(in, head, null); // the caller names the file
    while (r.next()) {
      b.visit(r.k0, r.k1, r.count, r.length);
    }
    return state(head, b.build());
  }

  private static CountState state(Head head, CountState.Entries e) {
    if (head.mode == CountingMode.EXACT) {
      CountState s = CountState.exact(head.keyBits, e, head.counterBytes);
      return new CountState(s.mode, head.keyBits, e, s.tally, 0, 0, 0, Integer.MAX_VALUE, null,
          s.sizeChunks, s.sizeBytes, s.minLength, s.maxLength, head.counterBytes, head.memoryBudget,
          head.spillRuns, head.spillBytes, head.spillNanos);
    }
    CountState s = CountState.sampled(head.mode, head.keyBits, e, head.level, head.salt,
        head.maxEntries, head.fit, head.sketch, head.sizeChunks, head.sizeBytes, head.counterBytes);
    return new CountState(head.mode, head.keyBits, e, s.tally, head.level, head.salt,
        head.maxEntries, head.fit, head.sketch, head.sizeChunks, head.sizeBytes, head.minLength,
        head.maxLength, head.counterBytes, 0, 0, 0, 0);
  }

  /**
   * An exact summary's entries as the sample a merge with sampled or sketched summaries makes of
   * them, streamed: only the entries the sample keeps at {@code level} are held (about as many as
   * the sample holds), and a sketch of every entry, so that the merge needs the memory of a sample,
   * not of the exact summary (hardening D7). Merged with the others by {@link CountState#merge} it
   * gives what the exact state itself would.
   *
   * @param in the input, after {@link #readHead}
   * @param head its head, exact
   * @param name the file, for messages
   * @param salt the samples' salt
   * @param level the highest level of the samples it will merge with
   * @return a sketch-mode state (a sample with a sketch of all its entries)
   * @throws IOException if an entry is malformed
   */
  public static CountState exactAsSample(DataInput in, Head head, String name, long salt, int level)
      throws IOException {
    if (head.mode != CountingMode.EXACT) {
      throw new IllegalArgumentException("not an exact summary: " + head.mode);
    }
    com.dynatrace.hash4j.distinctcount.UltraLogLog sketch =
        com.dynatrace.hash4j.distinctcount.UltraLogLog.create(CountState.SKETCH_PRECISION);
    long[] u = new long[1024];
    long[] count = new long[1024];
    int[] length = new int[1024];
    int n = 0;
    EntryReader r = new EntryReader(in, head, name);
    while (r.next()) {
      long h = SampleCounter.sampleHash(r.k0, r.k1, salt);
      sketch.add(h);
      if (CountState.keeps(h, level)) {
        if (n == u.length) {
          u = java.util.Arrays.copyOf(u, 2 * n);
          count = java.util.Arrays.copyOf(count, 2 * n);
          length = java.util.Arrays.copyOf(length, 2 * n);
        }
        u[n] = h;
        count[n] = r.count;
        length[n] = r.length;
        n++;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long[] keys = u;
    java.util.Arrays.sort(order, (x, y) -> Long.compareUnsigned(keys[x], keys[y]));
    CountState.EntriesBuilder b = new CountState.EntriesBuilder();
    for (int i : order) {
      b.visit(u[i], 0, count[i], length[i]);
    }
    CountState.Entries e = b.build();
    byte[] state = sketch.getState();
    return CountState.sampled(CountingMode.SKETCH, head.keyBits, e, level, salt, Integer.MAX_VALUE,
        Integer.MAX_VALUE, state, head.sizeChunks, head.sizeBytes, e.bytes() + state.length);
  }

  /**
   * Merges exact summaries' entries, streaming: a k-way merge of the readers (each positioned at
   * its head's entries) into {@code out}, summing counts; memory does not grow with the entries.
   *
   * @param inputs the inputs, each after {@link #readHead}
   * @param heads their heads, all exact and of one key width
   * @param out the merged entries' file, in the summary encoding
   * @return the merged state (no entries in memory: they are in {@code out})
   * @throws IOException if an input is malformed or writing fails
   */
  public static CountState mergeExact(List<DataInput> inputs, List<Head> heads, List<String> names,
      Path out) throws IOException {
    int keyBits = heads.get(0).keyBits;
    boolean wide = keyBits == 128;
    List<EntryReader> readers = new java.util.ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      readers.add(new EntryReader(inputs.get(i), heads.get(i), names.get(i)));
    }
    Tally tally = new Tally();
    try (DataOutputStream w = new DataOutputStream(
        new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
      EntryCursor.merge(readers, (k0, k1, count, length) -> {
        writeEntry(w, wide, k0, k1, count, length);
        tally.visit(k0, k1, count, length);
      });
    }
    CountState s = new CountState(CountingMode.EXACT, keyBits, null, tally, 0, 0, 0,
        Integer.MAX_VALUE, null, tally.sizeChunks, tally.sizeBytes,
        tally.unique == 0 ? 0 : tally.minLength, tally.maxLength, 0, 0, 0, 0, 0);
    s.streamed(out, tally.unique);
    return s;
  }

  /** Receives each distinct fingerprint of several exact summaries, with which of them hold it. */
  public interface Membership {
    void accept(long mask, int length) throws IOException;
  }

  /**
   * Streams the distinct fingerprints of up to 64 summaries (each after {@link #readHead}), with
   * the set of summaries that hold each. With {@code level} -1 every summary is exact and every
   * fingerprint streams, in memory that does not grow with the entries. Otherwise the stream is of
   * sample hashes kept at {@code level} (at or above every sample's own, so that each summary's
   * kept entries are a superset of what the level keeps): a sample's entries are filtered as they
   * are read; an exact summary's are hashed with {@code salt} and those kept are held and sorted
   * (about as many as a sample at that level holds of it).
   *
   * @param level the common sample level, or -1 when every summary is exact
   * @param salt the samples' salt (with a level)
   */
  public static void members(List<DataInput> inputs, List<Head> heads, List<String> names,
      int level, long salt, Membership sink) throws IOException {
    List<EntryCursor> cursors = new java.util.ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      EntryReader r = new EntryReader(inputs.get(i), heads.get(i), names.get(i));
      if (level < 0) {
        cursors.add(r);
      } else if (heads.get(i).mode == CountingMode.EXACT) {
        cursors.add(new HeldCursor(exactAsSample(inputs.get(i), heads.get(i), names.get(i), salt,
            level).entries));
      } else {
        if (heads.get(i).level > level) {
          throw new IllegalArgumentException(names.get(i) + ": sampled at level "
              + heads.get(i).level + ", above the common level " + level);
        }
        cursors.add(new KeptCursor(r, level));
      }
    }
    EntryCursor.members(cursors, sink::accept);
  }

  /** A sample's entries that a higher level keeps too. */
  private static final class KeptCursor extends EntryCursor {
    private final EntryCursor in;
    private final int level;

    KeptCursor(EntryCursor in, int level) {
      this.in = in;
      this.level = level;
    }

    @Override
    boolean next() throws IOException {
      while (in.next()) {
        if (CountState.keeps(in.k0, level)) {
          h = in.h;
          k0 = in.k0;
          k1 = in.k1;
          count = in.count;
          length = in.length;
          return true;
        }
      }
      return false;
    }
  }

  /** Entries held in memory, sorted by sample hash. */
  private static final class HeldCursor extends EntryCursor {
    private final CountState.Entries e;
    private int at;

    HeldCursor(CountState.Entries e) {
      this.e = e;
    }

    @Override
    boolean next() {
      if (at == e.size) {
        return false;
      }
      k0 = e.k0[at];
      k1 = 0;
      count = e.count[at];
      length = e.length[at];
      at++;
      return true;
    }
  }

  static void writeVar(DataOutput out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readVar(DataInput in) throws IOException {
    return readVar(in, Long.MAX_VALUE);
  }

  static long readVar(DataInput in, long max) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v < 0 || v > max) {
          throw new IOException("value " + Long.toUnsignedString(v) + " out of range 0.." + max);
        }
        return v;
      }
    }
    throw new IOException("malformed number");
  }
}
