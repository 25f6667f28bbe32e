package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.dedup4j.CountingMode;

/**
 * Content-based sampling (sample mode), and with an UltraLogLog beside it (sketch mode).
 *
 * <p>Each fingerprint gets a 64-bit sample hash; a chunk is kept when the hash's top {@code level}
 * bits are zero (probability 2^-level), and then every copy of it is kept too, so reference counts
 * of kept chunks are exact and there is no p^2 bias. The kept set lives in a fixed open-addressing
 * table of 16 bytes per slot (sample hash, count, length) sized for {@code maxEntries} at a load of
 * 7/8. When an add takes it past {@code maxEntries} the level rises by one (the threshold halves) and
 * the entries above the new threshold are evicted in place. With adds only (fixed-size chunking)
 * the final level is then the least one whose final kept set fits {@code maxEntries}, whatever the
 * order of the adds. Once anything was taken back (content-defined window reconciliation, a mapped
 * window rolled back) the level rises further at the end until at most {@code maxEntries / 2} remain:
 * that half of the table is headroom, which keeps the final level the least one whose final kept
 * set fits, whatever the order, unless chunks added and later taken back ever made up more than
 * half the table at once.
 *
 * <p>The table is split by the sample hash's low bits into up to {@value #MAX_SEGMENTS} segments,
 * each with its own lock, so that threads adding at level 0 (everything kept) do not queue on one
 * lock: with a single lock, sample mode ran at 89% of exact mode's speed on two threads
 * ({@code EstimationBenchmark}). The level is global: raising it takes every segment's lock. A
 * segment checks the total only once it holds more than its share of {@code maxEntries}, reading
 * the other segments' published sizes, which may lag; a late raise is never a wrong one (with adds
 * only, a kept set that was too large stays too large) and {@link #finish} raises until the final
 * set fits. A segment that fills up (its share exceeded by at least 5 standard deviations of a uniform
 * hash's spread, 12 at the default capacity) forces a raise, the one case where the final level
 * may be one above the least.
 *
 * <p>The sketch ignores {@link #remove}: a sketch cannot delete, so the few chunks that window
 * reconciliation takes back stay in it (at most a couple per window, far below its error).
 * Thread-safe.
 *
 * <p>Over 450 lines: the content-based sample, its level changes and the sketch beside it share one table and its invariants.
 */
public final class SampleCounter implements ChunkCounter {

  /** Bytes per table slot: sample hash, reference count, length. */
  public static final int SLOT_BYTES = 16;

  /**
   * Default capacity: the table (16 segments of 8,172 slots of 16 bytes) and the size histogram
   * (4 KiB) take 2,096,128 bytes, just under 2 MiB.
   */
  public static final int DEFAULT_MAX_ENTRIES = 114_400;

  /** Smallest capacity. */
  public static final int MIN_MAX_ENTRIES = 64;

  /** Largest capacity. */
  public static final int MAX_MAX_ENTRIES = 1 << 28;

  /** Most segments; more would not help two to eight threads and would thin each one out. */
  static final int MAX_SEGMENTS = 16;

  /** Entries per segment, at least, when the table is full: keeps a segment's share steady. */
  private static final int MIN_ENTRIES_PER_SEGMENT = 1024;

  private static final int SKETCH_STRIPES = 4;

  private final int keyBits;
  private final long salt;
  private final int maxEntries;
  private final Segment[] segments;
  private final int segmentMask;
  /** A segment's share of {@code maxEntries}: below it in every segment, the total fits. */
  private final int share;
  private volatile int level;
  private volatile boolean removed; // any remove at all: then the final sample keeps headroom
  private boolean deferFit; // a part's scan: its edges' correction settles the fit
  private final SizeHistogram sizes = new SizeHistogram();
  private final UltraLogLog[] sketches;

  /**
   * A counter.
   *
   * @param keyBits 64 or 128
   * @param maxEntries the table's capacity, {@link #MIN_MAX_ENTRIES} to {@link #MAX_MAX_ENTRIES}
   * @param salt mixed into the sample hash (summaries merge only with the same salt)
   * @param sketch whether to keep an UltraLogLog sketch too (sketch mode)
   */
  public SampleCounter(int keyBits, int maxEntries, long salt, boolean sketch) {
    checkArgument(maxEntries >= MIN_MAX_ENTRIES && maxEntries <= MAX_MAX_ENTRIES,
        "max entries %s is out of range; allowed %s..%s", maxEntries, MIN_MAX_ENTRIES,
        MAX_MAX_ENTRIES);
    this.keyBits = keyBits;
    this.salt = salt;
    this.maxEntries = maxEntries;
    int count = segmentsFor(maxEntries);
    this.segments = new Segment[count];
    for (int i = 0; i < count; i++) {
      segments[i] = new Segment(slotsPerSegment(maxEntries));
    }
    this.segmentMask = count - 1;
    this.share = maxEntries / count;
    if (sketch) {
      sketches = new UltraLogLog[SKETCH_STRIPES];
      for (int i = 0; i < SKETCH_STRIPES; i++) {
        sketches[i] = UltraLogLog.create(CountState.SKETCH_PRECISION);
      }
    } else {
      sketches = null;
    }
  }

  private static int segmentsFor(int maxEntries) {
    int wanted = Integer.highestOneBit(maxEntries / MIN_ENTRIES_PER_SEGMENT);
    return Math.max(1, Math.min(MAX_SEGMENTS, wanted));
  }

  /** Slots of one segment: the whole table holds {@code maxEntries} at a load of 7/8. */
  private static int slotsPerSegment(int maxEntries) {
    long slots = ((long) maxEntries * 8 + 6) / 7 + 1;
    int count = segmentsFor(maxEntries);
    return (int) ((slots + count - 1) / count);
  }

  /** Bytes a counter of this capacity holds. */
  public static long memoryFor(int maxEntries, boolean sketch) {
    long slots = (long) segmentsFor(maxEntries) * slotsPerSegment(maxEntries);
    return slots * SLOT_BYTES + SizeHistogram.bytesUsed()
        + (sketch ? SKETCH_STRIPES << CountState.SKETCH_PRECISION : 0);
  }

  /**
   * The sample hash of a fingerprint: a bijective mix of its bits and the salt, so that kept
   * fingerprints are a uniform random share even for hashers whose bits are not uniform.
   */
  public static long sampleHash(long k0, long k1, long salt) {
    return splitMix64(k0 ^ Long.rotateLeft(k1 * 0x9E3779B97F4A7C15L, 31) ^ salt);
  }

  /** SplitMix64's finaliser: a bijection with full avalanche (also the engine's sampler's). */
  public static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private Segment segment(long u) {
    return segments[(int) u & segmentMask];
  }

  @Override
  public void add(long k0, long k1, int length) {
    if (keyBits == 64) {
      k1 = 0;
    }
    sizes.add(k0, length, 1);
    long u = sampleHash(k0, k1, salt);
    if (sketches != null) {
      UltraLogLog s = sketches[(int) (u & (SKETCH_STRIPES - 1))];
      synchronized (s) {
        s.add(u);
      }
    }
    Segment s = segment(u);
    while (CountState.keeps(u, level)) {
      int after;
      s.lock();
      try {
        if (!CountState.keeps(u, level)) {
          return;
        }
        after = s.size < s.slots - 2 ? s.insert(u, length) : -1;
      } finally {
        s.unlock();
      }
      if (after >= 0) {
        if (after > share && total() > maxEntries) {
          raiseUntil(maxEntries, null);
        }
        return;
      }
      raiseUntil(maxEntries, s); // the segment is full: raise, then try again
    }
  }

  /**
   * For the scan of a file part: finish with the whole table, and leave halving the fit for
   * take-backs to the edge correction (which sees every part's take-backs and its own).
   *
   * @return this counter
   */
  public SampleCounter deferringFit(boolean defer) {
    this.deferFit = defer;
    return this;
  }

  @Override
  public void remove(long k0, long k1, int length) {
    if (keyBits == 64) {
      k1 = 0;
    }
    removed = true;
    sizes.add(k0, length, -1);
    long u = sampleHash(k0, k1, salt);
    if (!CountState.keeps(u, level)) {
      return;
    }
    Segment s = segment(u);
    s.lock();
    try {
      if (CountState.keeps(u, level)) {
        s.remove(u);
      }
    } finally {
      s.unlock();
    }
  }

  @Override
  public long memoryBytes() {
    return memoryFor(maxEntries, sketches != null);
  }

  @Override
  public void writeState(java.io.DataOutputStream out, java.nio.file.Path runs)
      throws java.io.IOException {
    out.writeInt(level);
    out.writeBoolean(removed);
    sizes.writeTo(out);
    out.writeInt(sketches == null ? 0 : sketches.length);
    if (sketches != null) {
      for (UltraLogLog u : sketches) {
        byte[] state = u.getState();
        out.writeInt(state.length);
        out.write(state);
      }
    }
    out.writeLong(total());
    for (Segment seg : segments) {
      for (int i = 0; i < seg.slots; i++) {
        if (seg.refs[i] != 0) {
          out.writeLong(seg.keys[i]);
          out.writeLong(seg.count(i));
          out.writeInt(seg.lengths[i]);
        }
      }
    }
  }

  @Override
  public void restoreState(java.io.DataInputStream in, java.nio.file.Path runs)
      throws java.io.IOException {
    int l = in.readInt();
    if (l < 0 || l > 64) {
      throw new java.io.IOException("a sample level of " + l);
    }
    level = l;
    removed = in.readBoolean();
    sizes.readFrom(in);
    int stripes = in.readInt();
    if (stripes != (sketches == null ? 0 : sketches.length)) {
      throw new java.io.IOException(stripes + " sketch stripes where this counter has "
          + (sketches == null ? 0 : sketches.length));
    }
    for (int i = 0; i < stripes; i++) {
      int n = in.readInt();
      if (n != sketches[i].getState().length) {
        throw new java.io.IOException("a sketch of " + n + " bytes");
      }
      byte[] state = new byte[n];
      in.readFully(state);
      sketches[i] = UltraLogLog.wrap(state);
    }
    long n = in.readLong();
    if (n < 0 || n > maxEntries) {
      throw new java.io.IOException(n + " kept entries in a sample of at most " + maxEntries);
    }
    for (long i = 0; i < n; i++) {
      long u = in.readLong();
      long count = in.readLong();
      int length = in.readInt();
      Segment seg = segment(u);
      if (count < 1 || length < 1 || !CountState.keeps(u, level) || seg.size >= seg.slots - 2
          || seg.find(u) >= 0) {
        throw new java.io.IOException("a kept entry that this sample cannot hold");
      }
      seg.insert(u, length);
      seg.addToCount(seg.find(u), count - 1);
    }
  }

  @Override
  public CountState finish(boolean keepEntries) {
    int fit = deferFit ? maxEntries : CountState.fit(maxEntries, removed);
    raiseUntil(fit, null);
    lockAll();
    try {
      CountState.Entries entries = sortedEntries();
      byte[] sketch = null;
      if (sketches != null) {
        UltraLogLog all = UltraLogLog.create(CountState.SKETCH_PRECISION);
        for (UltraLogLog s : sketches) {
          synchronized (s) {
            all.add(s);
          }
        }
        sketch = all.getState();
      }
      CountState state = CountState.sampled(
          sketches == null ? CountingMode.SAMPLE : CountingMode.SKETCH, keyBits, entries, level,
          salt, maxEntries, fit, sketch, sizes.chunks(), sizes.bytes(), memoryBytes());
      state.tookBack = removed;
      return state;
    } finally {
      unlockAll();
    }
  }

  /**
   * The kept entries in unsigned order of their sample hash, as summaries store them. The hashes
   * are uniform, so one pass spreads them over about as many buckets as entries by their top bits
   * (after the level's zero bits) and an insertion sort finishes each bucket: linear time, where
   * sorting the hashes and looking each one up again took 17 ms of a 230 ms scan of 512 MiB.
   * The caller holds every lock.
   */
  private CountState.Entries sortedEntries() {
    int n = (int) total();
    int bits = n < 2 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    int shift = level & 63; // kept hashes have `level` top bits 0; level 64 keeps only 0
    int[] next = new int[(1 << bits) + 1];
    for (Segment s : segments) {
      for (int i = 0; i < s.slots; i++) {
        if (s.refs[i] != 0) {
          next[bucket(s.keys[i], shift, bits) + 1]++;
        }
      }
    }
    for (int b = 1; b < next.length; b++) {
      next[b] += next[b - 1];
    }
    long[] keys = new long[n];
    long[] counts = new long[n];
    int[] lengths = new int[n];
    for (Segment s : segments) {
      for (int i = 0; i < s.slots; i++) {
        if (s.refs[i] != 0) {
          int at = next[bucket(s.keys[i], shift, bits)]++;
          keys[at] = s.keys[i];
          counts[at] = s.count(i);
          lengths[at] = s.lengths[i];
        }
      }
    }
    // Buckets are now in order and each ends where the next begins: sort within runs of one bucket.
    for (int i = 1; i < n; i++) {
      long k = keys[i];
      if (Long.compareUnsigned(keys[i - 1], k) <= 0) {
        continue;
      }
      long c = counts[i];
      int len = lengths[i];
      int j = i - 1;
      for (; j >= 0 && Long.compareUnsigned(keys[j], k) > 0; j--) {
        keys[j + 1] = keys[j];
        counts[j + 1] = counts[j];
        lengths[j + 1] = lengths[j];
      }
      keys[j + 1] = k;
      counts[j + 1] = c;
      lengths[j + 1] = len;
    }
    return new CountState.Entries(keys, new long[n], counts, lengths, n);
  }

  private static int bucket(long u, int shift, int bits) {
    return bits == 0 ? 0 : (int) ((u << shift) >>> (64 - bits));
  }

  /** Entries kept, from each segment's published size (exact when no add runs meanwhile). */
  private long total() {
    long n = 0;
    for (Segment s : segments) {
      n += s.published();
    }
    return n;
  }

  /**
   * Raises the level, holding every segment's lock, until at most {@code fit} entries remain, and
   * at least once if {@code full} (a segment that could not take an entry) is still full.
   */
  private void raiseUntil(int fit, Segment full) {
    lockAll();
    try {
      if (full != null && full.size >= full.slots - 2) {
        raise();
      }
      while (total() > fit) {
        raise();
      }
    } finally {
      unlockAll();
    }
  }

  /** Halves the threshold and evicts the entries above it; the caller holds every lock. */
  private void raise() {
    int l = level + 1;
    level = l;
    for (Segment s : segments) {
      s.evictAbove(l);
    }
  }

  private void lockAll() {
    for (Segment s : segments) {
      s.lock();
    }
  }

  private void unlockAll() {
    for (int i = segments.length - 1; i >= 0; i--) {
      segments[i].unlock();
    }
  }

  /**
   * One segment: a Robin Hood table of sample hashes with their counts and lengths, guarded by
   * itself as a lock. It always keeps an empty slot, which ends every probe and every eviction walk.
   */
  @SuppressWarnings("serial") // never serialized
  private static final class Segment extends ReentrantLock {
    private static final java.lang.invoke.VarHandle PUBLISHED;

    static {
      try {
        PUBLISHED = java.lang.invoke.MethodHandles.lookup()
            .findVarHandle(Segment.class, "published", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final int slots;
    final long[] keys;
    final int[] refs;
    final int[] lengths;
    private Map<Long, Long> big; // counts past Integer.MAX_VALUE: the excess
    int size;
    /** {@link #size} as other threads may read it without the lock (release/acquire). */
    @SuppressWarnings("unused") // through PUBLISHED
    private int published;

    Segment(int slots) {
      this.slots = slots;
      this.keys = new long[slots];
      this.refs = new int[slots];
      this.lengths = new int[slots];
    }

    int published() {
      return (int) PUBLISHED.getAcquire(this);
    }

    private void setSize(int n) {
      size = n;
      PUBLISHED.setRelease(this, n);
    }

    long count(int i) {
      long c = refs[i];
      if (c == Integer.MAX_VALUE && big != null) {
        c += big.getOrDefault(keys[i], 0L);
      }
      return c;
    }

    int collect(long[] into, int n) {
      for (int i = 0; i < slots; i++) {
        if (refs[i] != 0) {
          into[n++] = keys[i];
        }
      }
      return n;
    }

    private static long remix(long u) {
      u = (u ^ (u >>> 33)) * 0xFF51AFD7ED558CCDL;
      return u ^ (u >>> 29);
    }

    private int home(long u) {
      return (int) (((remix(u) >>> 32) * slots) >>> 32);
    }

    private int next(int i) {
      return i + 1 == slots ? 0 : i + 1;
    }

    private int distance(int i) {
      int d = i - home(keys[i]);
      return d < 0 ? d + slots : d;
    }

    int find(long u) {
      int i = home(u);
      for (int dist = 0; ; dist++, i = next(i)) {
        if (refs[i] == 0 || distance(i) < dist) {
          return -1;
        }
        if (keys[i] == u) {
          return i;
        }
      }
    }

    /** Counts {@code u} once more; returns the size after a new entry, or 0 for a known one. */
    int insert(long u, int length) {
      int i = home(u);
      for (int dist = 0; ; dist++, i = next(i)) {
        if (refs[i] != 0 && keys[i] == u) {
          if (refs[i] == Integer.MAX_VALUE) {
            if (big == null) {
              big = new HashMap<>();
            }
            big.merge(u, 1L, Long::sum);
          } else {
            refs[i]++;
          }
          return 0;
        }
        if (refs[i] == 0 || distance(i) < dist) {
          // Not present (Robin Hood keeps runs ordered by distance): it goes here.
          place(i, dist, u, 1, length);
          setSize(size + 1);
          return size;
        }
      }
    }

    /** Puts an entry at slot {@code i} or later, moving on whoever is nearer home (Robin Hood). */
    private void place(int i, int dist, long u, int ref, int length) {
      for (; ; dist++, i = next(i)) {
        if (refs[i] == 0) {
          keys[i] = u;
          refs[i] = ref;
          lengths[i] = length;
          return;
        }
        int resident = distance(i);
        if (resident < dist) {
          long ru = keys[i];
          int rr = refs[i];
          int rl = lengths[i];
          keys[i] = u;
          refs[i] = ref;
          lengths[i] = length;
          u = ru;
          ref = rr;
          length = rl;
          dist = resident;
        }
      }
    }

    /** Adds {@code more} to the count at slot i (a restored checkpoint). */
    void addToCount(int i, long more) {
      long total = refs[i] + more;
      if (total <= Integer.MAX_VALUE) {
        refs[i] = (int) total;
        return;
      }
      refs[i] = Integer.MAX_VALUE;
      if (big == null) {
        big = new HashMap<>();
      }
      big.put(keys[i], total - Integer.MAX_VALUE);
    }

    /** Counts {@code u} once less. */
    void remove(long u) {
      int i = find(u);
      if (i < 0) {
        throw new IllegalStateException("fingerprint not in the sample");
      }
      if (refs[i] == Integer.MAX_VALUE && big != null && big.containsKey(u)) {
        long extra = big.get(u);
        if (extra > 1) {
          big.put(u, extra - 1);
        } else {
          big.remove(u);
        }
      } else if (refs[i] > 1) {
        refs[i]--;
      } else {
        deleteAt(i);
      }
    }

    private void deleteAt(int i) {
      if (big != null) {
        big.remove(keys[i]);
      }
      int j = next(i);
      while (refs[j] != 0 && distance(j) > 0) {
        keys[i] = keys[j];
        refs[i] = refs[j];
        lengths[i] = lengths[j];
        i = j;
        j = next(j);
      }
      refs[i] = 0;
      setSize(size - 1);
    }

    /** Evicts, in place, the entries a sample at {@code level} does not keep. */
    void evictAbove(int level) {
      int start = 0;
      while (refs[start] != 0) {
        start++;
      }
      // Walk once round from the slot after an empty one; a deletion shifts later entries of the
      // run back, so the same slot is looked at again.
      int i = next(start);
      for (int visited = 0; visited < slots - 1; ) {
        if (refs[i] != 0 && !CountState.keeps(keys[i], level)) {
          deleteAt(i);
        } else {
          i = next(i);
          visited++;
        }
      }
    }
  }
}
