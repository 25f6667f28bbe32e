package org.dedup4j.internal.count;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.dedup4j.CountingMode;
import org.dedup4j.internal.table.FingerprintTable;

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
   * Writes a state that holds its entries.
   *
   * @throws IllegalArgumentException if the state has no entries
   */
  public static void write(DataOutput out, CountState s) throws IOException {
    if (s.entries == null) {
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
    CountState.Entries e = s.entries;
    boolean wide = s.mode == CountingMode.EXACT && s.keyBits == 128;
    writeVar(out, e.size);
    for (int i = 0; i < e.size; i++) {
      out.writeLong(e.k0[i]);
      if (wide) {
        out.writeLong(e.k1[i]);
      }
      writeVar(out, e.count[i]);
      writeVar(out, e.length[i]);
    }
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @throws IOException if a value is out of range or the entries are out of order
   */
  public static CountState read(DataInput in) throws IOException {
    int modeIndex = in.readUnsignedByte();
    if (modeIndex > CountingMode.SKETCH.ordinal()) {
      throw new IOException("unknown counting mode " + modeIndex);
    }
    CountingMode mode = CountingMode.values()[modeIndex];
    int keyBits = in.readUnsignedByte();
    if (keyBits != 64 && keyBits != 128) {
      throw new IOException("fingerprint width " + keyBits + " bits; allowed 64 or 128");
    }
    long[] sizeChunks = new long[32];
    long[] sizeBytes = new long[32];
    for (int i = 0; i < 32; i++) {
      sizeChunks[i] = readVar(in);
      sizeBytes[i] = readVar(in);
    }
    int minLength = (int) readVar(in, Integer.MAX_VALUE);
    int maxLength = (int) readVar(in, Integer.MAX_VALUE);
    long counterBytes = readVar(in);
    long memoryBudget = readVar(in);
    int spillRuns = (int) readVar(in, Integer.MAX_VALUE);
    long spillBytes = readVar(in);
    long spillNanos = readVar(in);
    int level = in.readUnsignedByte();
    long salt = in.readLong();
    int maxEntries = (int) readVar(in, SampleCounter.MAX_MAX_ENTRIES);
    int fit = (int) readVar(in, Integer.MAX_VALUE);
    if (level > 64 || (mode == CountingMode.EXACT && level != 0)
        || (mode != CountingMode.EXACT && (maxEntries < SampleCounter.MIN_MAX_ENTRIES
            || fit > maxEntries || fit < maxEntries / 2))) {
      throw new IOException("sample level " + level + " or capacity " + maxEntries
          + " out of range for " + mode.label() + " mode");
    }
    int sketchLength = (int) readVar(in, MAX_SKETCH_BYTES);
    byte[] sketch = null;
    if (sketchLength > 0) {
      if (Integer.bitCount(sketchLength) != 1 || sketchLength < 8) {
        throw new IOException("sketch of " + sketchLength + " bytes; must be a power of two");
      }
      sketch = new byte[sketchLength];
      in.readFully(sketch);
    }
    if ((mode == CountingMode.SKETCH) != (sketch != null)) {
      throw new IOException("a " + mode.label() + " summary " + (sketch == null ? "without" : "with")
          + " a sketch");
    }
    boolean wide = mode == CountingMode.EXACT && keyBits == 128;
    long n = readVar(in, Integer.MAX_VALUE - 16);
    CountState.EntriesBuilder b = new CountState.EntriesBuilder();
    long p0 = 0;
    long p1 = 0;
    long ph = 0;
    for (long i = 0; i < n; i++) {
      long k0 = in.readLong();
      long k1 = wide ? in.readLong() : 0;
      long count = readVar(in);
      long length = readVar(in, Integer.MAX_VALUE);
      if (count <= 0 || length <= 0) {
        throw new IOException("entry " + i + " has count " + count + " and length " + length
            + "; both must be positive");
      }
      if (mode == CountingMode.EXACT) {
        long h = FingerprintTable.orderKey(k0, k1);
        if (i > 0 && FingerprintTable.compare(ph, p0, p1, h, k0, k1) >= 0) {
          throw new IOException("entry " + i + " is out of order");
        }
        ph = h;
      } else {
        if ((i > 0 && Long.compareUnsigned(p0, k0) >= 0) || !CountState.keeps(k0, level)) {
          throw new IOException("sample entry " + i + " is out of order or above its threshold");
        }
      }
      p0 = k0;
      p1 = k1;
      b.visit(k0, k1, count, (int) length);
    }
    CountState.Entries e = b.build();
    if (mode == CountingMode.EXACT) {
      CountState s = CountState.exact(keyBits, e, counterBytes);
      return new CountState(s.mode, keyBits, e, s.tally, 0, 0, 0, Integer.MAX_VALUE, null,
          s.sizeChunks, s.sizeBytes,
          s.minLength, s.maxLength, counterBytes, memoryBudget, spillRuns, spillBytes, spillNanos);
    }
    if (e.size > fit) {
      throw new IOException(e.size + " sample entries, more than its capacity " + fit);
    }
    CountState s = CountState.sampled(mode, keyBits, e, level, salt, maxEntries, fit, sketch,
        sizeChunks, sizeBytes, counterBytes);
    return new CountState(mode, keyBits, e, s.tally, level, salt, maxEntries, fit, sketch, sizeChunks,
        sizeBytes, minLength, maxLength, counterBytes, 0, 0, 0, 0);
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
