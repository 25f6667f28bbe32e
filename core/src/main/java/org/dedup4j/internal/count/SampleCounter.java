package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import java.util.HashMap;
import java.util.Map;
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
 * <p>The sketch ignores {@link #remove}: a sketch cannot delete, so the few chunks that window
 * reconciliation takes back stay in it (at most a couple per window, far below its error).
 * Thread-safe.
 */
public final class SampleCounter implements ChunkCounter {

  /** Bytes per table slot: sample hash, reference count, length. */
  public static final int SLOT_BYTES = 16;

  /**
   * Default capacity: the table (130,744 slots of 16 bytes) and the size histogram (4 KiB) take
   * 2,096,000 bytes, just under 2 MiB.
   */
  public static final int DEFAULT_MAX_ENTRIES = 114_400;

  /** Smallest capacity. */
  public static final int MIN_MAX_ENTRIES = 64;

  /** Largest capacity. */
  public static final int MAX_MAX_ENTRIES = 1 << 28;

  private static final int SKETCH_STRIPES = 4;

  private final int keyBits;
  private final long salt;
  private final int maxEntries;
  private final int slots;
  private final long[] keys;
  private final int[] refs;
  private final int[] lengths;
  private Map<Long, Long> big; // counts past Integer.MAX_VALUE: the excess
  private int size;
  private volatile int level;
  private volatile boolean removed; // any remove at all: then the final sample keeps headroom
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
    this.slots = (int) Math.min(Integer.MAX_VALUE - 8L, ((long) maxEntries * 8 + 6) / 7 + 1);
    this.keys = new long[slots];
    this.refs = new int[slots];
    this.lengths = new int[slots];
    if (sketch) {
      sketches = new UltraLogLog[SKETCH_STRIPES];
      for (int i = 0; i < SKETCH_STRIPES; i++) {
        sketches[i] = UltraLogLog.create(CountState.SKETCH_PRECISION);
      }
    } else {
      sketches = null;
    }
  }

  /** Bytes a counter of this capacity holds. */
  public static long memoryFor(int maxEntries, boolean sketch) {
    long slots = ((long) maxEntries * 8 + 6) / 7 + 1;
    return slots * SLOT_BYTES + SizeHistogram.bytesUsed()
        + (sketch ? SKETCH_STRIPES << CountState.SKETCH_PRECISION : 0);
  }

  /**
   * The sample hash of a fingerprint: a bijective mix of its bits and the salt, so that kept
   * fingerprints are a uniform random share even for hashers whose bits are not uniform.
   */
  public static long sampleHash(long k0, long k1, long salt) {
    long z = k0 ^ Long.rotateLeft(k1 * 0x9E3779B97F4A7C15L, 31) ^ salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
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
    if (!CountState.keeps(u, level)) {
      return;
    }
    synchronized (this) {
      if (CountState.keeps(u, level)) {
        insert(u, length);
        while (size > maxEntries) {
          raise();
        }
      }
    }
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
    synchronized (this) {
      if (!CountState.keeps(u, level)) {
        return;
      }
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
  }

  @Override
  public long memoryBytes() {
    return memoryFor(maxEntries, sketches != null);
  }

  @Override
  public synchronized CountState finish(boolean keepEntries) {
    int fit = CountState.fit(maxEntries, removed);
    while (size > fit) {
      raise();
    }
    // Entries sorted by sample hash.
    long[] order = new long[size];
    int n = 0;
    for (int i = 0; i < slots; i++) {
      if (refs[i] != 0) {
        order[n++] = keys[i];
      }
    }
    long[] sorted = order.clone();
    for (int i = 0; i < n; i++) {
      sorted[i] ^= Long.MIN_VALUE; // signed sort of flipped values = unsigned order
    }
    java.util.Arrays.sort(sorted);
    CountState.EntriesBuilder out = new CountState.EntriesBuilder();
    for (int k = 0; k < n; k++) {
      long u = sorted[k] ^ Long.MIN_VALUE;
      int i = find(u);
      out.visit(u, 0, count(i), lengths[i]);
    }
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
    return CountState.sampled(sketches == null ? CountingMode.SAMPLE : CountingMode.SKETCH, keyBits,
        out.build(), level, salt, maxEntries, fit, sketch, sizes.chunks(), sizes.bytes(),
        memoryBytes());
  }

  private long count(int i) {
    long c = refs[i];
    if (c == Integer.MAX_VALUE && big != null) {
      c += big.getOrDefault(keys[i], 0L);
    }
    return c;
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

  private int find(long u) {
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

  private void insert(long u, int length) {
    int i = home(u);
    for (int dist = 0; ; dist++, i = next(i)) {
      if (refs[i] == 0) {
        keys[i] = u;
        refs[i] = 1;
        lengths[i] = length;
        size++;
        return;
      }
      if (keys[i] == u) {
        if (refs[i] == Integer.MAX_VALUE) {
          if (big == null) {
            big = new HashMap<>();
          }
          big.merge(u, 1L, Long::sum);
        } else {
          refs[i]++;
        }
        return;
      }
      int resident = distance(i);
      if (resident < dist) {
        // Robin Hood: the newcomer takes the slot, the resident moves on.
        long ru = keys[i];
        int rr = refs[i];
        int rl = lengths[i];
        keys[i] = u;
        refs[i] = 1;
        lengths[i] = length;
        size++;
        place(next(i), resident + 1, ru, rr, rl);
        return;
      }
    }
  }

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
    size--;
  }

  /** Halves the threshold and evicts, in place, the entries above it. */
  private void raise() {
    int l = level + 1;
    level = l;
    int start = 0;
    while (refs[start] != 0) {
      start++;
    }
    // Walk once round from the slot after an empty one; a deletion shifts later entries of the run
    // back, so the same slot is looked at again.
    int i = next(start);
    for (int visited = 0; visited < slots - 1; ) {
      if (refs[i] != 0 && !CountState.keeps(keys[i], l)) {
        deleteAt(i);
      } else {
        i = next(i);
        visited++;
      }
    }
  }
}
