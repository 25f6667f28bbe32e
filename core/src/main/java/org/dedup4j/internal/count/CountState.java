package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dedup4j.CountingMode;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * What a counter counted, as a value: exact entries sorted in {@link FingerprintTable#compare}
 * order, or the kept sample (keyed by its sample hash, sorted unsigned) with an optional
 * UltraLogLog sketch; plus the chunk-size histogram of every chunk and the counter's own statistics.
 * Entries may be absent (a scan that only reports). Merging is associative and commutative; see
 * {@link #merge}.
 */
public final class CountState {

  /** Sorted entries: fingerprint (or sample hash in k0), reference count, length. */
  public static final class Entries {
    final long[] k0;
    final long[] k1;
    final long[] count;
    final int[] length;
    final int size;

    Entries(long[] k0, long[] k1, long[] count, int[] length, int size) {
      this.k0 = k0;
      this.k1 = k1;
      this.count = count;
      this.length = length;
      this.size = size;
    }

    /** Number of entries. */
    public int size() {
      return size;
    }

    /** Memory of the arrays. */
    long bytes() {
      return 28L * k0.length;
    }

    /** Visits every entry in order. */
    public void forEach(FingerprintTable.Visitor v) {
      for (int i = 0; i < size; i++) {
        v.visit(k0[i], k1[i], count[i], length[i]);
      }
    }
  }

  /** Collects entries in the order they arrive. */
  static final class EntriesBuilder implements FingerprintTable.Visitor {
    long[] k0 = new long[64];
    long[] k1 = new long[64];
    long[] count = new long[64];
    int[] length = new int[64];
    int size;

    @Override
    public void visit(long a, long b, long c, int len) {
      if (size == k0.length) {
        checkArgument(size < Integer.MAX_VALUE - 16, "more than %s entries", size);
        int n = (int) Math.min(Integer.MAX_VALUE - 8L, size * 2L);
        k0 = Arrays.copyOf(k0, n);
        k1 = Arrays.copyOf(k1, n);
        count = Arrays.copyOf(count, n);
        length = Arrays.copyOf(length, n);
      }
      k0[size] = a;
      k1[size] = b;
      count[size] = c;
      length[size++] = len;
    }

    Entries build() {
      return new Entries(k0, k1, count, length, size);
    }
  }

  final CountingMode mode;
  final int keyBits;
  final Entries entries; // null when not kept
  final Tally tally;
  final int level; // sample and sketch: keep a sample hash when its top `level` bits are 0
  final long salt;
  final int maxEntries;
  final int fit; // sample and sketch: the most entries a finished state holds
  final byte[] sketch; // UltraLogLog state, sketch mode only
  final long[] sizeChunks;
  final long[] sizeBytes;
  final int minLength;
  final int maxLength;
  final long counterBytes;
  final long memoryBudget;
  final int spillRuns;
  final long spillBytes;
  final long spillNanos;
  /** Whether the counter took chunks back (not kept in summaries; see {@link #corrected}). */
  public boolean tookBack;
  // Exact entries streamed to a file in the summary encoding instead of held in memory.
  Path streamedEntries;
  long streamedCount;

  CountState(CountingMode mode, int keyBits, Entries entries, Tally tally, int level, long salt,
      int maxEntries, int fit, byte[] sketch, long[] sizeChunks, long[] sizeBytes, int minLength,
      int maxLength, long counterBytes, long memoryBudget, int spillRuns, long spillBytes,
      long spillNanos) {
    this.mode = mode;
    this.keyBits = keyBits;
    this.entries = entries;
    this.tally = tally;
    this.level = level;
    this.salt = salt;
    this.maxEntries = maxEntries;
    this.fit = fit;
    this.sketch = sketch;
    this.sizeChunks = sizeChunks;
    this.sizeBytes = sizeBytes;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.counterBytes = counterBytes;
    this.memoryBudget = memoryBudget;
    this.spillRuns = spillRuns;
    this.spillBytes = spillBytes;
    this.spillNanos = spillNanos;
  }

  /** An exact state from sorted entries (a summary read back, a merge). */
  static CountState exact(int keyBits, Entries e, long counterBytes) {
    Tally t = new Tally();
    e.forEach(t);
    return new CountState(CountingMode.EXACT, keyBits, e, t, 0, 0, 0, Integer.MAX_VALUE, null,
        t.sizeChunks,
        t.sizeBytes, t.unique == 0 ? 0 : t.minLength, t.maxLength, counterBytes, 0, 0, 0, 0);
  }

  /** A sample (or sketch) state from entries sorted by sample hash. */
  static CountState sampled(CountingMode mode, int keyBits, Entries e, int level, long salt,
      int maxEntries, int fit, byte[] sketch, long[] sizeChunks, long[] sizeBytes,
      long counterBytes) {
    Tally t = new Tally();
    e.forEach(t);
    return new CountState(mode, keyBits, e, t, level, salt, maxEntries, fit, sketch, sizeChunks,
        sizeBytes, t.unique == 0 ? 0 : t.minLength, t.maxLength, counterBytes, 0, 0, 0, 0);
  }

  /** The mode. */
  public CountingMode mode() {
    return mode;
  }

  /** 64 or 128. */
  public int keyBits() {
    return keyBits;
  }

  /** Marks this state's entries as streamed to a file (set once, before the state is shared). */
  void streamed(Path file, long count) {
    this.streamedEntries = file;
    this.streamedCount = count;
  }

  /** Distinct entries: held, or streamed to a file; -1 when neither. */
  public long entryCount() {
    return entries != null ? entries.size : streamedEntries != null ? streamedCount : -1;
  }

  /** The entries, or null when the counter did not keep them. */
  public Entries entries() {
    return entries;
  }

  /** The share of distinct fingerprints kept: 2^-level. */
  public double samplingRate() {
    return Math.scalb(1.0, -level);
  }

  /** Whether a sample hash is kept at a level: its top {@code level} bits are 0. */
  static boolean keeps(long u, int level) {
    return level == 0 || (level < 64 ? (u >>> (64 - level)) == 0 : u == 0);
  }

  /**
   * The most entries a finished sample holds: the whole table when nothing was ever taken back
   * (then the final level is the least at which the final kept set fits, whatever the order of
   * adds), half of it otherwise (the other half is headroom for chunks added and later taken back).
   */
  static int fit(int maxEntries, boolean removed) {
    return removed ? maxEntries / 2 : maxEntries;
  }

  /**
   * Merges two states of the same chunker and hasher. Exact with exact is exact (counts add).
   * Otherwise both become samples at the higher level (an exact state is a sample at level 0), the
   * level rises until the union fits the smaller {@link #fit}, and sketches are merged when
   * both sides have one (or are exact). The result's level is the least level at or above both
   * whose union fits, which makes the merge associative and commutative.
   *
   * @throws IllegalArgumentException if key widths or sample salts differ, or entries are absent
   */
  public static CountState merge(CountState a, CountState b) {
    checkArgument(a.entries != null && b.entries != null, "states without entries cannot merge");
    checkArgument(a.keyBits == b.keyBits, "fingerprints of %s and %s bits cannot merge",
        a.keyBits, b.keyBits);
    if (a.mode == CountingMode.EXACT && b.mode == CountingMode.EXACT) {
      return exact(a.keyBits, mergeExact(a.entries, b.entries), 0);
    }
    long salt = a.mode == CountingMode.EXACT ? b.salt : a.salt;
    checkArgument(a.mode == CountingMode.EXACT || b.mode == CountingMode.EXACT || a.salt == b.salt,
        "samples with different salts (%s, %s) cannot merge", a.salt, b.salt);
    Entries sa = asSample(a, salt);
    Entries sb = asSample(b, salt);
    int max = Math.min(a.mode == CountingMode.EXACT ? Integer.MAX_VALUE : a.maxEntries,
        b.mode == CountingMode.EXACT ? Integer.MAX_VALUE : b.maxEntries);
    int fit = Math.min(a.fit, b.fit);
    int level = Math.max(a.level, b.level);
    Entries merged = mergeSample(sa, sb, level);
    while (merged.size > fit) {
      level++;
      merged = filter(merged, level);
    }
    byte[] sketch = null;
    CountingMode mode = CountingMode.SAMPLE;
    if (a.mode != CountingMode.SAMPLE && b.mode != CountingMode.SAMPLE) {
      UltraLogLog ua = sketchOf(a, salt);
      UltraLogLog ub = sketchOf(b, salt);
      sketch = UltraLogLog.merge(ua, ub).getState();
      mode = CountingMode.SKETCH;
    }
    long[] sc = new long[32];
    long[] sbytes = new long[32];
    for (int i = 0; i < 32; i++) {
      sc[i] = a.sizeChunks[i] + b.sizeChunks[i];
      sbytes[i] = a.sizeBytes[i] + b.sizeBytes[i];
    }
    return sampled(mode, a.keyBits, merged, level, salt, max, fit, sketch, sc, sbytes,
        merged.bytes() + (sketch == null ? 0 : sketch.length));
  }

  /**
   * This state with an edge correction's fingerprinted chunks applied (see {@code
   * EdgeCorrection}): {@code lengths[i]} positive adds one reference of fingerprint (k0[i], k1[i]),
   * negative takes one back. Exact: counts change, an entry at zero goes; a count below zero means
   * a chunk taken back that no part counted (a part is missing) and is refused. Sample and sketch:
   * the same on the kept entries at this level, the chunk-size histogram of all chunks changes, the
   * sketch takes the chunks added (a sketch cannot delete, as on one machine); anything taken back
   * halves the fit as a scan's take-backs do (and so do the parts' own, {@code partsTookBack}),
   * and the level rises until the kept set fits.
   *
   * @throws IllegalStateException if an exact count would fall below zero
   */
  public static CountState corrected(CountState s, long[] k0, long[] k1, int[] lengths,
      boolean partsTookBack) {
    if (lengths.length == 0 && s.mode == CountingMode.EXACT) {
      return s; // totals only: an exact count's figures stand (with or without entries)
    }
    checkArgument(s.entries != null, "a state without entries cannot be corrected");
    boolean exact = s.mode == CountingMode.EXACT;
    int n = lengths.length;
    long[] a = new long[n];
    long[] b = new long[n];
    Integer[] order = new Integer[n];
    boolean tookBack = false;
    long[] sc = s.sizeChunks.clone();
    long[] sbytes = s.sizeBytes.clone();
    UltraLogLog sketch = s.sketch == null ? null : UltraLogLog.wrap(s.sketch.clone());
    for (int i = 0; i < n; i++) {
      long x1 = s.keyBits == 64 ? 0 : k1[i];
      a[i] = exact ? k0[i] : SampleCounter.sampleHash(k0[i], x1, s.salt);
      b[i] = exact ? x1 : 0;
      order[i] = i;
      int length = Math.abs(lengths[i]);
      tookBack |= lengths[i] < 0;
      if (!exact) {
        int bucket = 31 - Integer.numberOfLeadingZeros(length);
        sc[bucket] += Integer.signum(lengths[i]);
        sbytes[bucket] += Integer.signum(lengths[i]) * (long) length;
        if (sketch != null && lengths[i] > 0) {
          sketch.add(a[i]);
        }
      }
    }
    java.util.Comparator<Integer> cmp = exact
        ? (x, y) -> FingerprintTable.compare(FingerprintTable.orderKey(a[x], b[x]), a[x], b[x],
            FingerprintTable.orderKey(a[y], b[y]), a[y], b[y])
        : (x, y) -> Long.compareUnsigned(a[x], a[y]);
    Arrays.sort(order, cmp);
    // The rows as sorted entries with net counts (a row per chunk, so fingerprints repeat).
    EntriesBuilder rows = new EntriesBuilder();
    for (int k = 0; k < n; ) {
      int i = order[k];
      long net = 0;
      int j = k;
      while (j < n && cmp.compare(order[j], i) == 0) {
        net += Integer.signum(lengths[order[j]]);
        j++;
      }
      if (net != 0 && (exact || keeps(a[i], s.level))) {
        rows.visit(a[i], b[i], net, Math.abs(lengths[i]));
      }
      k = j;
    }
    Entries d = rows.build();
    EntriesBuilder out = new EntriesBuilder();
    Entries e = s.entries;
    int i = 0;
    int j = 0;
    while (i < e.size || j < d.size) {
      int c = i >= e.size ? 1 : j >= d.size ? -1 : exact
          ? FingerprintTable.compare(FingerprintTable.orderKey(e.k0[i], e.k1[i]), e.k0[i], e.k1[i],
              FingerprintTable.orderKey(d.k0[j], d.k1[j]), d.k0[j], d.k1[j])
          : Long.compareUnsigned(e.k0[i], d.k0[j]);
      long count;
      int at;
      Entries from;
      if (c < 0) {
        count = e.count[i];
        from = e;
        at = i++;
      } else if (c > 0) {
        count = d.count[j];
        from = d;
        at = j++;
      } else {
        count = e.count[i] + d.count[j];
        from = e;
        at = i++;
        j++;
      }
      if (count < 0) {
        throw new IllegalStateException("an edge correction takes back a chunk of " + from.length[at]
            + " bytes that no part counted: merge the summaries of every part of the file before"
            + " correcting");
      }
      if (count > 0) {
        out.visit(from.k0[at], from.k1[at], count, from.length[at]);
      }
    }
    Entries merged = out.build();
    if (exact) {
      return exact(s.keyBits, merged, s.counterBytes);
    }
    int fit = tookBack || partsTookBack ? Math.min(s.fit, fit(s.maxEntries, true)) : s.fit;
    int level = s.level;
    while (merged.size > fit) {
      level++;
      merged = filter(merged, level);
    }
    return sampled(s.mode, s.keyBits, merged, level, s.salt, s.maxEntries, fit,
        sketch == null ? null : sketch.getState(), sc, sbytes, s.counterBytes);
  }

  /**
   * This exact state's figures without its entries: what a report needs (the tally of its entries,
   * its size histogram and statistics), for a state that owns one range of fingerprints.
   */
  public CountState withoutEntries() {
    checkArgument(mode == CountingMode.EXACT, "only exact states drop their entries");
    return new CountState(mode, keyBits, null, tally, 0, 0, 0, Integer.MAX_VALUE, null, sizeChunks,
        sizeBytes, minLength, maxLength, counterBytes, memoryBudget, spillRuns, spillBytes,
        spillNanos);
  }

  /** Whether this is an exact state's figures without entries ({@link #withoutEntries}). */
  public boolean figuresOnly() {
    return entries == null && streamedEntries == null && mode == CountingMode.EXACT;
  }

  /**
   * The figures of two exact states of disjoint fingerprints (ranges of one count), without
   * entries: tallies and histograms add.
   */
  public static CountState mergeDisjoint(CountState a, CountState b) {
    checkArgument(a.figuresOnly() && b.figuresOnly(),
        "only exact figures without entries merge as disjoint ranges");
    checkArgument(a.keyBits == b.keyBits, "fingerprints of %s and %s bits cannot merge",
        a.keyBits, b.keyBits);
    Tally t = Tally.plus(a.tally, b.tally);
    return new CountState(CountingMode.EXACT, a.keyBits, null, t, 0, 0, 0, Integer.MAX_VALUE, null,
        t.sizeChunks, t.sizeBytes, t.unique == 0 ? 0 : t.minLength, t.maxLength,
        a.counterBytes + b.counterBytes, a.memoryBudget + b.memoryBudget,
        a.spillRuns + b.spillRuns, a.spillBytes + b.spillBytes, a.spillNanos + b.spillNanos);
  }

  /**
   * An exact state's entries split by fingerprint into {@code buckets} states ({@link
   * #bucketOf}), each an exact state of its own.
   */
  public List<CountState> byFingerprint(int buckets) {
    checkArgument(mode == CountingMode.EXACT && entries != null,
        "only exact states with entries split by fingerprint");
    EntriesBuilder[] out = new EntriesBuilder[buckets];
    for (int i = 0; i < buckets; i++) {
      out[i] = new EntriesBuilder();
    }
    for (int i = 0; i < entries.size; i++) {
      out[bucketOf(entries.k0[i], entries.k1[i], keyBits, buckets)].visit(entries.k0[i], entries.k1[i], entries.count[i],
          entries.length[i]);
    }
    List<CountState> states = new java.util.ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      states.add(exact(keyBits, out[i].build(), i == 0 ? counterBytes : 0));
    }
    return states;
  }

  /**
   * An exact state of entries given in any order, a fingerprint possibly several times (its
   * counts add).
   */
  public static CountState exactOf(int keyBits, long[] k0, long[] k1, long[] count, int[] length,
      int n) {
    // Entries sent to one range arrive as a few sorted runs (one per sender): a natural merge
    // sort by the sort key merges them in O(n log runs), where hashing them into a table took
    // about 2 microseconds an entry.
    long[] h = new long[n];
    long[] a = new long[n];
    long[] b = new long[n];
    long[] c = new long[n];
    int[] len = new int[n];
    for (int i = 0; i < n; i++) {
      checkArgument(count[i] > 0 && length[i] > 0, "an entry with count %s and length %s",
          count[i], length[i]);
      a[i] = k0[i];
      b[i] = keyBits == 64 ? 0 : k1[i];
      h[i] = FingerprintTable.orderKey(a[i], b[i]);
      c[i] = count[i];
      len[i] = length[i];
    }
    Sorting.sortByKey(h, a, b, c, len, n);
    EntriesBuilder out = new EntriesBuilder();
    for (int i = 0; i < n; ) {
      long sum = c[i];
      int j = i + 1;
      while (j < n && h[j] == h[i] && a[j] == a[i] && b[j] == b[i]) {
        sum += c[j++];
      }
      out.visit(a[i], b[i], sum, len[i]);
      i = j;
    }
    return exact(keyBits, out.build(), 0);
  }

  /** An exact state of no entries: a report's totals without any figures of its own. */
  public CountState emptyExact() {
    return exact(keyBits, new EntriesBuilder().build(), 0).withoutEntries();
  }

  /**
   * The bucket of a fingerprint among {@code buckets}: by the top bits of its sort key, so that
   * buckets are consecutive ranges of the summaries' sorted order.
   */
  public static int bucketOf(long k0, long k1, int keyBits, int buckets) {
    long h = FingerprintTable.orderKey(k0, keyBits == 64 ? 0 : k1);
    return (int) (((h >>> 32) * buckets) >>> 32);
  }

  /** The default sketch precision (4 KiB of registers). */
  static final int SKETCH_PRECISION = 12;

  private static UltraLogLog sketchOf(CountState s, long salt) {
    if (s.sketch != null) {
      return UltraLogLog.wrap(s.sketch.clone());
    }
    UltraLogLog u = UltraLogLog.create(SKETCH_PRECISION);
    Entries e = s.entries;
    for (int i = 0; i < e.size; i++) {
      u.add(SampleCounter.sampleHash(e.k0[i], e.k1[i], salt));
    }
    return u;
  }

  /** An exact state's entries as sample entries (by sample hash); a sample's as they are. */
  private static Entries asSample(CountState s, long salt) {
    if (s.mode != CountingMode.EXACT) {
      return s.entries;
    }
    Entries e = s.entries;
    long[] u = new long[e.size];
    Integer[] order = new Integer[e.size];
    for (int i = 0; i < e.size; i++) {
      u[i] = SampleCounter.sampleHash(e.k0[i], e.k1[i], salt);
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Long.compareUnsigned(u[x], u[y]));
    EntriesBuilder out = new EntriesBuilder();
    for (int i : order) {
      out.visit(u[i], 0, e.count[i], e.length[i]);
    }
    return out.build();
  }

  private static Entries filter(Entries e, int level) {
    EntriesBuilder out = new EntriesBuilder();
    for (int i = 0; i < e.size; i++) {
      if (keeps(e.k0[i], level)) {
        out.visit(e.k0[i], 0, e.count[i], e.length[i]);
      }
    }
    return out.build();
  }

  private static Entries mergeSample(Entries a, Entries b, int level) {
    EntriesBuilder out = new EntriesBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size || j < b.size) {
      int c = i >= a.size ? 1 : j >= b.size ? -1 : Long.compareUnsigned(a.k0[i], b.k0[j]);
      if (c < 0) {
        if (keeps(a.k0[i], level)) {
          out.visit(a.k0[i], 0, a.count[i], a.length[i]);
        }
        i++;
      } else if (c > 0) {
        if (keeps(b.k0[j], level)) {
          out.visit(b.k0[j], 0, b.count[j], b.length[j]);
        }
        j++;
      } else {
        if (keeps(a.k0[i], level)) {
          out.visit(a.k0[i], 0, a.count[i] + b.count[j], a.length[i]);
        }
        i++;
        j++;
      }
    }
    return out.build();
  }

  private static Entries mergeExact(Entries a, Entries b) {
    EntriesBuilder out = new EntriesBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size || j < b.size) {
      int c;
      if (i >= a.size) {
        c = 1;
      } else if (j >= b.size) {
        c = -1;
      } else {
        c = FingerprintTable.compare(FingerprintTable.orderKey(a.k0[i], a.k1[i]), a.k0[i], a.k1[i],
            FingerprintTable.orderKey(b.k0[j], b.k1[j]), b.k0[j], b.k1[j]);
      }
      if (c < 0) {
        out.visit(a.k0[i], a.k1[i], a.count[i], a.length[i]);
        i++;
      } else if (c > 0) {
        out.visit(b.k0[j], b.k1[j], b.count[j], b.length[j]);
        j++;
      } else {
        out.visit(a.k0[i], a.k1[i], a.count[i] + b.count[j], a.length[i]);
        i++;
        j++;
      }
    }
    return out.build();
  }
}
