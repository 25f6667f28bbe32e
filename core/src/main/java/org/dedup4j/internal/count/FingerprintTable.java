package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact multiset of chunk fingerprints with a reference count per distinct fingerprint: a primitive
 * open-addressing table, split into independently locked segments so that scan threads rarely
 * meet.
 *
 * <h2>Layout and memory</h2>
 *
 * Each segment is a Robin Hood hash table (linear probing, the entry farther from its home slot
 * keeps the slot; entries with the same home are kept in hash order), which keeps probe sequences
 * short up to a load of 7/8. A segment's capacity is any number of slots, not a power of two: the
 * home slot is the hash bits after the segment bits scaled to the capacity, so it is monotone in the
 * hash, every segment is sorted by hash (from any empty slot on), and growing a segment is a linear
 * merge into the larger array. A slot holds the key (one or two {@code long}s) and a 16-bit
 * reference count, contiguously and unaligned; tables for variable-size chunks add an {@code int}
 * length. With 128-bit keys and uniform chunk lengths a slot is 18 bytes (64-bit keys: 10; 22 and
 * 14 with lengths).
 *
 * <p>A segment grows by 1.25x when it passes a load of 7/8, and the segments' capacities are
 * staggered over one growth factor (segment i follows {@code 16 * 1.25^(k + i / segments)}), so
 * they grow at different moments and the whole table's load stays near its mean, {@code (7/8 -
 * 7/10) / ln 1.25 = 0.78}: about 23 bytes per unique chunk at any size for 128-bit keys with
 * uniform lengths (at most 18 * 1.25 / (7/8) = 25.7 if every segment had just grown, which the
 * stagger prevents). Measured with 1024 segments: 22.9-23.1 bytes per unique chunk at every size
 * from 20,000 to 2 * 10^6 (the fixed 16-20 slots a segment starts with dominate below). A table
 * {@linkplain #FingerprintTable(int, int, int, long, long) presized} for a bound on its entries
 * allocates every segment at once, with room at 7/8 for its share of the bound plus 2 standard
 * deviations (about 2% of the segments get more and grow once, as usual): 22.4 bytes per entry for
 * 524,288 entries in 1024 segments, but more than a grown table below about 300,000 entries (the
 * margin is relatively larger), and more per unique chunk when fewer are unique than the bound
 * allows. Chunks whose length differs from
 * the table's uniform length (the short last block of a file) go to a small side table that stores
 * lengths.
 *
 * <p>Reference counts up to 65,534 are in the slot; a count that would pass it continues in a
 * per-segment overflow map (open addressing over a {@code long[]}, no boxing), so counts are exact
 * to 2^63 and an add never allocates except when an array grows (a zero block seen 10^9 times
 * costs one overflow entry).
 *
 * <p>The final content is a function of the multiset of {@link #add}/{@link #remove} calls only, not
 * of their order or of the number of threads. Thread-safe.
 *
 * <h2>Group tags</h2>
 *
 * A table made {@linkplain #FingerprintTable(int, int, int, long, long, boolean) with group tags}
 * (attribution: which inputs reference a chunk) adds a 32-bit {@link GroupTags tag} to each slot:
 * the least group that added the fingerprint and whether another group added it too. Tags merge
 * by a commutative, associative rule, so they too depend only on the multiset of adds. A removal
 * cannot take a group back: attributing scans never remove (see {@code ScanEngine}).
 *
 * <p>Over 450 lines: probe, insert, growth and drain of the segments stay in one class so the JIT inlines the hot path.
 */
public final class FingerprintTable {

  /** The largest reference count kept in a slot; larger counts continue in the overflow map. */
  public static final long MAX_INLINE_COUNT = 0xFFFE;

  /** log2 of the segments of {@link #forScan}. */
  public static final int SCAN_SEGMENT_BITS = 10;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int SATURATED = 0xFFFF; // the count continues in the overflow map
  private static final int INITIAL_CAPACITY = 16;
  private static final double GROWTH = 1.25;
  private static final double MAX_LOAD = 7.0 / 8;
  /**
   * Standard deviations of a segment's share of the entries that a presized segment has room for
   * beyond the mean: about 2% of the segments get more and grow once, near the end, which costs
   * less memory than room for the largest share (3.5 deviations: 23.8 instead of 22.4 bytes per
   * entry at 524,288 entries in 1024 segments).
   */
  private static final double PRESIZE_SIGMAS = 2;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

  private final boolean wide;
  private final int uniformLength;
  private final int segmentBits;
  private final Segment[] segments;
  private final long maxInlineCount;
  private final int stride; // bytes per slot: key, count, and the length when lengths vary
  private final int maxCapacity;
  private final int refOffset;
  private final int lengthOffset;
  private final boolean tagged;
  private final int tagOffset;
  private final AtomicLong memory = new AtomicLong();
  private volatile FingerprintTable oddLengths;

  /**
   * Creates a table that starts small and grows.
   *
   * @param keyBits 64 or 128
   * @param uniformLength the length of almost every chunk (fixed-size chunking), or 0 to store a
   *     length per entry
   * @param segmentBits log2 of the number of segments, 0..16
   */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits) {
    this(keyBits, uniformLength, segmentBits, MAX_INLINE_COUNT, 0);
  }

  /** As above, with a lower inline count limit so that tests reach the overflow path. */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits, long maxInlineCount) {
    this(keyBits, uniformLength, segmentBits, maxInlineCount, 0);
  }

  /**
   * Creates a table presized for a number of entries: every segment is allocated at once with room
   * for its share of them (see the class comment), so it does not grow while they arrive. More
   * entries are fine: segments then grow as in a table that started small.
   *
   * @param keyBits 64 or 128
   * @param uniformLength as above
   * @param segmentBits as above
   * @param maxInlineCount the largest count kept in a slot, 1..{@link #MAX_INLINE_COUNT}
   * @param expectedEntries the entries to make room for, or 0 to start small
   */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits, long maxInlineCount,
      long expectedEntries) {
    this(keyBits, uniformLength, segmentBits, maxInlineCount, expectedEntries, false);
  }

  /**
   * As above, with a {@link GroupTags group tag} per entry when {@code tagged} (4 more bytes a
   * slot): {@link #add(long, long, int, int)} then records which groups added each fingerprint.
   *
   * @param tagged whether entries carry group tags
   */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits, long maxInlineCount,
      long expectedEntries, boolean tagged) {
    checkArgument(maxInlineCount >= 1 && maxInlineCount <= MAX_INLINE_COUNT,
        "max inline count 1..%s: %s", MAX_INLINE_COUNT, maxInlineCount);
    checkArgument(keyBits == 64 || keyBits == 128, "key bits must be 64 or 128: %s", keyBits);
    checkArgument(uniformLength >= 0, "uniform length must be >= 0: %s", uniformLength);
    checkArgument(segmentBits >= 0 && segmentBits <= 16, "segment bits 0..16: %s", segmentBits);
    checkArgument(expectedEntries >= 0, "expected entries must be >= 0: %s", expectedEntries);
    this.maxInlineCount = maxInlineCount;
    this.wide = keyBits == 128;
    this.uniformLength = uniformLength;
    this.segmentBits = segmentBits;
    this.refOffset = wide ? 16 : 8;
    this.lengthOffset = refOffset + 2;
    this.tagged = tagged;
    this.tagOffset = lengthOffset + (uniformLength == 0 ? 4 : 0);
    this.stride = slotBytes(keyBits, uniformLength, tagged);
    this.maxCapacity = (Integer.MAX_VALUE - 64) / stride;
    int presized = presizedCapacity(expectedEntries, segmentBits, stride);
    this.segments = new Segment[1 << segmentBits];
    for (int i = 0; i < segments.length; i++) {
      segments[i] = new Segment((double) i / segments.length, presized);
    }
  }

  /**
   * Bytes of one slot: the key, a 16-bit reference count and, unless every chunk has the same
   * length, a 32-bit length.
   *
   * @param keyBits 64 or 128
   * @param uniformLength as in the constructor
   * @return bytes per slot
   */
  public static int slotBytes(int keyBits, int uniformLength) {
    return slotBytes(keyBits, uniformLength, false);
  }

  /** As above, with 4 bytes more for a group tag when {@code tagged}. */
  public static int slotBytes(int keyBits, int uniformLength, boolean tagged) {
    return (keyBits == 128 ? 16 : 8) + 2 + (uniformLength == 0 ? 4 : 0) + (tagged ? 4 : 0);
  }

  /**
   * Forecast of the table's bytes per unique chunk, typically: segments grow by 1.25x one after
   * another, so the table's load averages {@code (7/8 - 7/10) / ln 1.25 = 0.784}.
   */
  public static double typicalBytesPerEntry(int keyBits, int uniformLength) {
    return typicalBytesPerEntry(keyBits, uniformLength, false);
  }

  /** As above, for a table with group tags when {@code tagged}. */
  public static double typicalBytesPerEntry(int keyBits, int uniformLength, boolean tagged) {
    return slotBytes(keyBits, uniformLength, tagged)
        / ((MAX_LOAD - MAX_LOAD / GROWTH) / Math.log(GROWTH));
  }

  /**
   * Forecast of the table's bytes per unique chunk at worst: every segment just grew (load
   * 7/8 / 1.25 = 0.7).
   */
  public static double worstBytesPerEntry(int keyBits, int uniformLength) {
    return worstBytesPerEntry(keyBits, uniformLength, false);
  }

  /** As above, for a table with group tags when {@code tagged}. */
  public static double worstBytesPerEntry(int keyBits, int uniformLength, boolean tagged) {
    return slotBytes(keyBits, uniformLength, tagged) * GROWTH / MAX_LOAD;
  }

  /** A table sized for a scan: 1024 segments (growth of one segment never stalls the others long). */
  public static FingerprintTable forScan(int keyBits, int uniformLength) {
    return forScan(keyBits, uniformLength, 0);
  }

  /**
   * A table for a scan, presized for at most {@code expectedEntries} entries (0: start small).
   *
   * @param keyBits 64 or 128
   * @param uniformLength as in the constructor
   * @param expectedEntries a bound on the entries, or 0
   * @return a new table
   */
  public static FingerprintTable forScan(int keyBits, int uniformLength, long expectedEntries) {
    return new FingerprintTable(keyBits, uniformLength, SCAN_SEGMENT_BITS, MAX_INLINE_COUNT,
        expectedEntries);
  }

  /**
   * Bytes a table presized for {@code expectedEntries} holds from the start (its slot arrays).
   *
   * @param keyBits 64 or 128
   * @param uniformLength as in the constructor
   * @param segmentBits as in the constructor
   * @param expectedEntries the entries to make room for, 0 for a table that starts small
   * @return bytes
   */
  public static long presizedBytes(int keyBits, int uniformLength, int segmentBits,
      long expectedEntries) {
    return presizedBytes(keyBits, uniformLength, segmentBits, expectedEntries, false);
  }

  /** As above, for a table with group tags when {@code tagged}. */
  public static long presizedBytes(int keyBits, int uniformLength, int segmentBits,
      long expectedEntries, boolean tagged) {
    int stride = slotBytes(keyBits, uniformLength, tagged);
    int c = presizedCapacity(expectedEntries, segmentBits, stride);
    int n = 1 << segmentBits;
    if (c > 0) {
      return (long) c * n * stride;
    }
    long slots = 0;
    for (int i = 0; i < n; i++) {
      slots += (int) stepCapacity(0, (double) i / n); // as allocate() rounds it
    }
    return slots * stride;
  }

  /** Slots a presized segment starts with, or 0 to start small. */
  private static int presizedCapacity(long expectedEntries, int segmentBits, int stride) {
    double share = (double) expectedEntries / (1L << segmentBits);
    double c = Math.ceil((share + PRESIZE_SIGMAS * Math.sqrt(share)) / MAX_LOAD);
    return c <= INITIAL_CAPACITY * GROWTH ? 0 : (int) Math.min(c, (Integer.MAX_VALUE - 64) / stride);
  }

  /** The capacity of a segment of the given phase (0..1) after {@code step} growths from small. */
  private static double stepCapacity(int step, double phase) {
    return Math.ceil(INITIAL_CAPACITY * Math.pow(GROWTH, step + phase));
  }

  /** 64 or 128. */
  public int keyBits() {
    return wide ? 128 : 64;
  }

  /**
   * Adds one occurrence of a chunk.
   *
   * @param k0 first 64 bits of the fingerprint
   * @param k1 next 64 bits (ignored for 64-bit keys)
   * @param length the chunk's length in bytes
   * @return true if this fingerprint was not in the table before
   */
  public boolean add(long k0, long k1, int length) {
    return add(k0, k1, length, GroupTags.NONE);
  }

  /**
   * Adds one occurrence of a chunk from a group: the entry's tag merges {@code tag} in ({@link
   * GroupTags#merge}). In a table without tags the tag is ignored.
   *
   * @param tag {@link GroupTags#of} the group, or {@link GroupTags#NONE}
   * @return true if this fingerprint was not in the table before
   */
  public boolean add(long k0, long k1, int length, int tag) {
    if (uniformLength != 0 && length != uniformLength) {
      return oddLengths().add(k0, k1, length, tag);
    }
    if (!wide) {
      k1 = 0;
    }
    long h = mix(k0, k1);
    Segment s = segments[segmentOf(h)];
    synchronized (s) {
      return s.add(h, k0, k1, length, tag);
    }
  }

  /** Whether entries carry group tags. */
  public boolean tagged() {
    return tagged;
  }

  /**
   * Adds {@code count} occurrences of a chunk at once: a checkpointed table restored (see {@code
   * ExactCounter.restore}), in one probe whatever the count.
   *
   * @param count occurrences, at least 1
   */
  public void addCount(long k0, long k1, int length, long count) {
    checkArgument(count >= 1, "count must be >= 1: %s", count);
    if (uniformLength != 0 && length != uniformLength) {
      oddLengths().addCount(k0, k1, length, count);
      return;
    }
    if (!wide) {
      k1 = 0;
    }
    long h = mix(k0, k1);
    Segment s = segments[segmentOf(h)];
    synchronized (s) {
      s.add(h, k0, k1, length, GroupTags.NONE);
      if (count > 1) {
        s.addToCount(s.find(h, k0, k1), h, count - 1);
      }
    }
  }

  /**
   * Removes one occurrence of a chunk that was added before.
   *
   * @return true if that was the last occurrence and the fingerprint is gone
   * @throws IllegalStateException if the fingerprint is not in the table
   */
  public boolean remove(long k0, long k1, int length) {
    if (uniformLength != 0 && length != uniformLength) {
      return oddLengths().remove(k0, k1, length);
    }
    if (!wide) {
      k1 = 0;
    }
    long h = mix(k0, k1);
    Segment s = segments[segmentOf(h)];
    synchronized (s) {
      return s.remove(h, k0, k1);
    }
  }

  /**
   * Removes one occurrence of a chunk if the table holds its fingerprint: a spilling counter's
   * table may have written the fingerprint's earlier occurrences to disk already.
   *
   * @return false if the fingerprint is not in the table (nothing changed)
   */
  public boolean removeIfPresent(long k0, long k1, int length) {
    if (uniformLength != 0 && length != uniformLength) {
      FingerprintTable odd = oddLengths;
      return odd != null && odd.removeIfPresent(k0, k1, length);
    }
    if (!wide) {
      k1 = 0;
    }
    long h = mix(k0, k1);
    Segment s = segments[segmentOf(h)];
    synchronized (s) {
      if (s.find(h, k0, k1) < 0) {
        return false;
      }
      s.remove(h, k0, k1);
      return true;
    }
  }

  /**
   * The order of {@link #drainSorted}: by {@link #orderKey} unsigned, then k0 and k1 unsigned. A
   * total order on fingerprints that the table can produce segment by segment.
   *
   * @return negative, zero or positive as for {@link java.util.Comparator}
   */
  public static int compare(long h0, long a0, long a1, long h1, long b0, long b1) {
    int c = Long.compareUnsigned(h0, h1);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a0, b0);
    return c != 0 ? c : Long.compareUnsigned(a1, b1);
  }

  /**
   * The primary sort key of a fingerprint in {@link #drainSorted} order (k1 is taken as 0 for
   * 64-bit keys by the caller).
   */
  public static long orderKey(long k0, long k1) {
    return mix(k0, k1);
  }

  /**
   * Visits every distinct fingerprint in {@link #compare} order and empties the table as it goes,
   * giving its memory back. Segments are taken one at a time, so writers may go on meanwhile: what
   * they add to a segment already drained stays in the table (a later drain takes it). The visitor
   * runs outside the table's locks.
   *
   * @param visitor receives each fingerprint once
   * @throws E what the visitor throws; the table then keeps only what was not yet drained
   * @param <E> the visitor's exception
   */
  public <E extends Exception> void drainSorted(SortedVisitor<E> visitor) throws E {
    drainSortedTagged((k0, k1, refcount, length, tag) -> visitor.visit(k0, k1, refcount, length));
  }

  /**
   * {@link #drainSorted} with each entry's {@link GroupTags tag} ({@link GroupTags#NONE} in a table
   * without tags).
   *
   * @param visitor receives each fingerprint once
   * @throws E what the visitor throws
   * @param <E> the visitor's exception
   */
  public <E extends Exception> void drainSortedTagged(TaggedVisitor<E> visitor) throws E {
    // The side table for odd lengths is drained whole first, then merged into the segment stream.
    Drained odd = new Drained();
    FingerprintTable side = oddLengths;
    if (side != null) {
      for (Segment s : side.segments) {
        synchronized (s) {
          s.drainInto(odd);
        }
      }
      odd.sort();
    }
    int o = 0;
    Drained seg = new Drained();
    for (Segment s : segments) {
      seg.clear();
      synchronized (s) {
        s.drainInto(seg);
      }
      seg.sort();
      for (int i = 0; i < seg.size; i++) {
        while (o < odd.size && compare(odd.h[o], odd.k0[o], odd.k1[o], seg.h[i], seg.k0[i], seg.k1[i]) < 0) {
          visitor.visit(odd.k0[o], odd.k1[o], odd.count[o], odd.length[o], odd.tag[o]);
          o++;
        }
        visitor.visit(seg.k0[i], seg.k1[i], seg.count[i], seg.length[i], seg.tag[i]);
      }
    }
    for (; o < odd.size; o++) {
      visitor.visit(odd.k0[o], odd.k1[o], odd.count[o], odd.length[o], odd.tag[o]);
    }
  }

  /** Receives fingerprints with their group tags from {@link #drainSortedTagged}. */
  @FunctionalInterface
  public interface TaggedVisitor<E extends Exception> {
    /**
     * One distinct fingerprint.
     *
     * @param k0 first 64 bits
     * @param k1 next 64 bits, 0 for 64-bit keys
     * @param refcount how many times it was added (minus removed), at least 1
     * @param length the chunk's length
     * @param tag its {@link GroupTags tag}
     * @throws E to stop
     */
    public void visit(long k0, long k1, long refcount, int length, int tag) throws E;
  }

  /** Receives fingerprints in order from {@link #drainSorted}. */
  @FunctionalInterface
  public interface SortedVisitor<E extends Exception> {
    /**
     * One distinct fingerprint.
     *
     * @param k0 first 64 bits
     * @param k1 next 64 bits, 0 for 64-bit keys
     * @param refcount how many times it was added (minus removed), at least 1
     * @param length the chunk's length
     * @throws E to stop
     */
    public void visit(long k0, long k1, long refcount, int length) throws E;
  }

  /** Entries taken out of segments, sorted in {@link #compare} order. */
  private static final class Drained {
    public long[] h = new long[16];
    public long[] k0 = new long[16];
    public long[] k1 = new long[16];
    public long[] count = new long[16];
    public int[] length = new int[16];
    public int[] tag = new int[16];
    public int size;

    public void clear() {
      size = 0;
    }

    public void add(long hv, long a, long b, long c, int len, int t) {
      if (size == h.length) {
        int n = size * 2;
        h = Arrays.copyOf(h, n);
        k0 = Arrays.copyOf(k0, n);
        k1 = Arrays.copyOf(k1, n);
        count = Arrays.copyOf(count, n);
        length = Arrays.copyOf(length, n);
        tag = Arrays.copyOf(tag, n);
      }
      h[size] = hv;
      k0[size] = a;
      k1[size] = b;
      count[size] = c;
      tag[size] = t;
      length[size++] = len;
    }

    public void sort() {
      sort(0, size - 1);
    }

    // Quicksort over the parallel arrays (ties in h are rare: insertion sort handles small runs).
    private void sort(int lo, int hi) {
      while (hi - lo > 16) {
        int mid = (lo + hi) >>> 1;
        long ph = h[mid];
        long p0 = k0[mid];
        long p1 = k1[mid];
        int i = lo;
        int j = hi;
        while (i <= j) {
          while (compare(h[i], k0[i], k1[i], ph, p0, p1) < 0) {
            i++;
          }
          while (compare(h[j], k0[j], k1[j], ph, p0, p1) > 0) {
            j--;
          }
          if (i <= j) {
            swap(i++, j--);
          }
        }
        if (j - lo < hi - i) {
          sort(lo, j);
          lo = i;
        } else {
          sort(i, hi);
          hi = j;
        }
      }
      for (int i = lo + 1; i <= hi; i++) {
        for (int j = i; j > lo && compare(h[j - 1], k0[j - 1], k1[j - 1], h[j], k0[j], k1[j]) > 0; j--) {
          swap(j - 1, j);
        }
      }
    }

    private void swap(int a, int b) {
      long t = h[a]; h[a] = h[b]; h[b] = t;
      t = k0[a]; k0[a] = k0[b]; k0[b] = t;
      t = k1[a]; k1[a] = k1[b]; k1[b] = t;
      t = count[a]; count[a] = count[b]; count[b] = t;
      int l = length[a]; length[a] = length[b]; length[b] = l;
      l = tag[a]; tag[a] = tag[b]; tag[b] = l;
    }
  }

  /** Number of distinct fingerprints. */
  public long uniqueCount() {
    long n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.size;
      }
    }
    FingerprintTable odd = oddLengths;
    return odd == null ? n : n + odd.uniqueCount();
  }

  /** Bytes held by the table's arrays (keys, counts, lengths), including the side table. */
  public long memoryBytes() {
    FingerprintTable odd = oddLengths;
    return memory.get() + (odd == null ? 0 : odd.memoryBytes());
  }

  /** Receives each distinct fingerprint once. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * One distinct fingerprint.
     *
     * @param k0 first 64 bits
     * @param k1 next 64 bits, 0 for 64-bit keys
     * @param refcount how many times it was added (minus removed), at least 1
     * @param length the chunk's length
     */
    public void visit(long k0, long k1, long refcount, int length);
  }

  /** Visits every distinct fingerprint, in no particular order. Not concurrent with writers. */
  public void forEach(Visitor visitor) {
    for (Segment s : segments) {
      synchronized (s) {
        s.forEach(visitor);
      }
    }
    FingerprintTable odd = oddLengths;
    if (odd != null) {
      odd.forEach(visitor);
    }
  }

  private FingerprintTable oddLengths() {
    FingerprintTable odd = oddLengths;
    if (odd == null) {
      synchronized (this) {
        odd = oddLengths;
        if (odd == null) {
          odd = new FingerprintTable(keyBits(), 0, 4, maxInlineCount, 0, tagged);
          oddLengths = odd;
        }
      }
    }
    return odd;
  }

  private static long mix(long k0, long k1) {
    // Fingerprints are uniform for every serious hasher already; the multiply protects the table
    // from a plugin whose bits are not.
    return (k0 ^ Long.rotateLeft(k1, 29)) * GOLDEN;
  }

  private int segmentOf(long h) {
    return segmentBits == 0 ? 0 : (int) (h >>> (64 - segmentBits));
  }

  /**
   * One independently locked Robin Hood table. A slot is stored contiguously in a {@code byte[]}
   * (key, reference count, and the length when lengths vary) and read through VarHandles, so a
   * probe usually touches one cache line; parallel arrays would touch one line per array. The
   * entries are in hash order along the array (from any empty slot on, wrapping at the end): a
   * home slot monotone in the hash, and the hash deciding between entries of the same home.
   */
  private final class Segment {
    private final double phase; // where this segment's capacities fall within one growth factor
    public int step; // growths since the small start
    public int capacity;
    public byte[] slots;
    public int size;
    public int growAt;
    public Overflow overflow;

    public Segment(double phase, int presized) {
      this.phase = phase;
      if (presized > 0) {
        allocate(presized);
      } else {
        allocate((int) stepCapacity(0, phase));
      }
    }

    private void allocate(int slotCount) {
      slots = new byte[slotCount * stride];
      capacity = slotCount;
      growAt = (int) (slotCount * MAX_LOAD);
      memory.addAndGet(slots.length);
    }

    /** The hash bits after the segment bits, scaled to the capacity: monotone in the hash. */
    private int home(long h) {
      return (int) ((((h << segmentBits) >>> 32) * capacity) >>> 32);
    }

    private int next(int i) {
      return i + 1 == capacity ? 0 : i + 1;
    }

    private long k0(int i) {
      return (long) LONG.get(slots, i * stride);
    }

    private long k1(int i) {
      return wide ? (long) LONG.get(slots, i * stride + 8) : 0L;
    }

    private int ref(int i) {
      return (short) SHORT.get(slots, i * stride + refOffset) & 0xFFFF;
    }

    private void setRef(int i, int ref) {
      SHORT.set(slots, i * stride + refOffset, (short) ref);
    }

    private int length(int i) {
      return uniformLength != 0 ? uniformLength : (int) INT.get(slots, i * stride + lengthOffset);
    }

    private int tag(int i) {
      return tagged ? (int) INT.get(slots, i * stride + tagOffset) : GroupTags.NONE;
    }

    /** How far slot i is from the home of a resident whose hash is hr. */
    private int distance(int i, long hr) {
      int d = i - home(hr);
      return d < 0 ? d + capacity : d;
    }

    public boolean add(long h, long k0, long k1, int length, int tag) {
      if (size >= growAt) {
        grow();
      }
      int i = home(h);
      for (int dist = 0; ; dist++, i = next(i)) {
        int r = ref(i);
        if (r == 0) {
          store(i, k0, k1, 1, length, tag);
          size++;
          return true;
        }
        long a = k0(i);
        long b = k1(i);
        if (a == k0 && b == k1) {
          increment(i, h, r);
          if (tagged) {
            INT.set(slots, i * stride + tagOffset, GroupTags.merge(tag(i), tag));
          }
          return false;
        }
        long hr = mix(a, b);
        int residentDistance = distance(i, hr);
        if (residentDistance < dist
            || (residentDistance == dist && Long.compareUnsigned(hr, h) > 0)) {
          // Robin Hood: the new key is farther from home (or as far, with a smaller hash), so it
          // takes this slot and the resident moves on. The key cannot be later in the run, so it
          // is new.
          int rl = length(i);
          int rt = tag(i);
          store(i, k0, k1, 1, length, tag);
          size++;
          place(next(i), residentDistance + 1, a, b, r, rl, rt, hr);
          return true;
        }
      }
    }

    /** Inserts a key known to be absent, starting at slot i which is dist from its home. */
    private void place(int i, int dist, long k0, long k1, int ref, int length, int tag, long h) {
      for (; ; dist++, i = next(i)) {
        int r = ref(i);
        if (r == 0) {
          store(i, k0, k1, ref, length, tag);
          return;
        }
        long a = k0(i);
        long b = k1(i);
        long hr = mix(a, b);
        int residentDistance = distance(i, hr);
        if (residentDistance < dist
            || (residentDistance == dist && Long.compareUnsigned(hr, h) > 0)) {
          int rl = length(i);
          int rt = tag(i);
          store(i, k0, k1, ref, length, tag);
          k0 = a;
          k1 = b;
          ref = r;
          length = rl;
          tag = rt;
          h = hr;
          dist = residentDistance;
        }
      }
    }

    private void store(int i, long k0, long k1, int ref, int length, int tag) {
      int at = i * stride;
      LONG.set(slots, at, k0);
      if (wide) {
        LONG.set(slots, at + 8, k1);
      }
      SHORT.set(slots, at + refOffset, (short) ref);
      if (uniformLength == 0) {
        INT.set(slots, at + lengthOffset, length);
      }
      if (tagged) {
        INT.set(slots, at + tagOffset, tag);
      }
    }

    private void increment(int i, long h, int r) {
      if (r == SATURATED) {
        overflow.increment(h, k0(i), k1(i));
      } else if (r == maxInlineCount) {
        setRef(i, SATURATED);
        if (overflow == null) {
          overflow = new Overflow();
        }
        overflow.increment(h, k0(i), k1(i));
      } else {
        setRef(i, r + 1);
      }
    }

    /** Adds {@code more} to the count of the entry at slot i, past the inline maximum if need be. */
    private void addToCount(int i, long h, long more) {
      long total = count(i) + more;
      if (total <= maxInlineCount) {
        setRef(i, (int) total);
        return;
      }
      if (ref(i) != SATURATED) {
        setRef(i, SATURATED);
        if (overflow == null) {
          overflow = new Overflow();
        }
      }
      overflow.set(h, k0(i), k1(i), total - maxInlineCount);
    }

    private long count(int i) {
      int r = ref(i);
      if (r != SATURATED) {
        return r;
      }
      long a = k0(i);
      long b = k1(i);
      return maxInlineCount + overflow.get(mix(a, b), a, b);
    }

    /** The slot holding the key, or -1. */
    public int find(long h, long k0, long k1) {
      int i = home(h);
      for (int dist = 0; ; dist++, i = next(i)) {
        if (ref(i) == 0) {
          return -1;
        }
        long a = k0(i);
        long b = k1(i);
        if (a == k0 && b == k1) {
          return i;
        }
        long hr = mix(a, b);
        int residentDistance = distance(i, hr);
        if (residentDistance < dist
            || (residentDistance == dist && Long.compareUnsigned(hr, h) > 0)) {
          return -1;
        }
      }
    }

    /**
     * Moves every entry out and shrinks the segment back to the small start (a presized segment
     * too: a spilling counter drains a full table to get under its limit).
     */
    public void drainInto(Drained out) {
      for (int i = 0; i < capacity; i++) {
        if (ref(i) != 0) {
          long a = k0(i);
          long b = k1(i);
          out.add(mix(a, b), a, b, count(i), length(i), tag(i));
        }
      }
      long released = slots.length + (overflow == null ? 0 : overflow.bytes());
      step = 0;
      allocate((int) stepCapacity(0, phase));
      memory.addAndGet(-released);
      size = 0;
      overflow = null;
    }

    public boolean remove(long h, long k0, long k1) {
      int i = find(h, k0, k1);
      if (i < 0) {
        throw new IllegalStateException("fingerprint not in the table");
      }
      int r = ref(i);
      if (r == SATURATED) {
        if (overflow.decrement(h, k0, k1) == 0) {
          setRef(i, (int) maxInlineCount);
        }
        return false;
      }
      if (r != 1) {
        setRef(i, r - 1);
        return false;
      }
      // Backward-shift deletion keeps Robin Hood runs (and their hash order) without tombstones.
      int j = next(i);
      while (ref(j) != 0 && distance(j, mix(k0(j), k1(j))) > 0) {
        System.arraycopy(slots, j * stride, slots, i * stride, stride);
        i = j;
        j = next(j);
      }
      setRef(i, 0);
      size--;
      return true;
    }

    /** Grows by about 1.25x to the next capacity of this segment's phase. */
    private void grow() {
      if (capacity >= maxCapacity) {
        throw new IllegalStateException("fingerprint table segment full: " + size + " entries");
      }
      int target;
      do {
        target = (int) Math.min(stepCapacity(++step, phase), maxCapacity);
      } while (target < capacity * 1.1 && target < maxCapacity);
      byte[] old = slots;
      int oldCapacity = capacity;
      allocate(Math.max(target, capacity + 1));
      memory.addAndGet(-old.length);
      rehash(old, oldCapacity);
    }

    /**
     * Moves the entries of the old array into the new, empty one. The old array is in hash order
     * from any empty slot on, and so is the new one: each entry goes to its home or right after the
     * previous entry, a linear merge. Should the entries that wrap past the end meet the first ones,
     * the rest go in by Robin Hood insertion. That is a safeguard, not reached in the tests: the
     * larger array spreads a wrapped run over more slots, so it ends about where it did in the old
     * array, before the first entry of the merge.
     */
    private void rehash(byte[] old, int oldCapacity) {
      int s = 0;
      while (((short) SHORT.get(old, s * stride + refOffset)) != 0) {
        s++; // there is an empty slot: the load stays below 7/8
      }
      long prev = -1;
      int lastHome = -1;
      long offset = 0;
      boolean merge = true;
      for (int n = 1; n < oldCapacity; n++) {
        int i = s + n < oldCapacity ? s + n : s + n - oldCapacity;
        int at = i * stride;
        int r = (short) SHORT.get(old, at + refOffset) & 0xFFFF;
        if (r == 0) {
          continue;
        }
        long a = (long) LONG.get(old, at);
        long b = wide ? (long) LONG.get(old, at + 8) : 0L;
        int len = uniformLength != 0 ? uniformLength : (int) INT.get(old, at + lengthOffset);
        int tg = tagged ? (int) INT.get(old, at + tagOffset) : GroupTags.NONE;
        long hv = mix(a, b);
        int hm = home(hv);
        if (merge) {
          if (hm < lastHome) {
            offset = capacity; // the hash order wrapped around
          }
          lastHome = hm;
          long p = Math.max(hm + offset, prev + 1);
          long q = p;
          while (q >= capacity) {
            q -= capacity;
          }
          if (ref((int) q) == 0) {
            store((int) q, a, b, r, len, tg);
            prev = p;
            continue;
          }
          merge = false;
        }
        place(hm, 0, a, b, r, len, tg, hv);
      }
    }

    public void forEach(Visitor visitor) {
      for (int i = 0; i < capacity; i++) {
        if (ref(i) != 0) {
          visitor.visit(k0(i), k1(i), count(i), length(i));
        }
      }
    }
  }

  /**
   * The part of each count above the inline maximum, for the few fingerprints that pass it: linear
   * probing over a {@code long[]} of (k0, k1, extra) triples, extra 0 meaning empty. It allocates
   * only when it grows.
   */
  private final class Overflow {
    private long[] t = new long[3 * 8];
    private int bits = 3;
    private int size;

    Overflow() {
      memory.addAndGet(bytes());
    }

    long bytes() {
      return t.length * 8L;
    }

    private int slot(long h) {
      return (int) ((h << segmentBits) >>> (64 - bits));
    }

    private int find(long h, long a, long b) {
      int mask = (1 << bits) - 1;
      for (int i = slot(h); ; i = (i + 1) & mask) {
        if (t[3 * i + 2] == 0 || (t[3 * i] == a && t[3 * i + 1] == b)) {
          return i;
        }
      }
    }

    long get(long h, long a, long b) {
      return t[3 * find(h, a, b) + 2];
    }

    void increment(long h, long a, long b) {
      int i = find(h, a, b);
      if (t[3 * i + 2] != 0) {
        t[3 * i + 2]++;
        return;
      }
      if (size + 1 > (1 << bits) / 2) {
        grow();
        i = find(h, a, b);
      }
      t[3 * i] = a;
      t[3 * i + 1] = b;
      t[3 * i + 2] = 1;
      size++;
    }

    /** Sets the key's extra count (at least 1). */
    void set(long h, long a, long b, long extra) {
      int i = find(h, a, b);
      if (t[3 * i + 2] == 0) {
        if (size + 1 > (1 << bits) / 2) {
          grow();
          i = find(h, a, b);
        }
        t[3 * i] = a;
        t[3 * i + 1] = b;
        size++;
      }
      t[3 * i + 2] = extra;
    }

    /** Takes one off the key's extra count; at 0 the key leaves the map. Returns what is left. */
    long decrement(long h, long a, long b) {
      int i = find(h, a, b);
      long left = --t[3 * i + 2];
      if (left > 0) {
        return left;
      }
      // Backward-shift deletion for linear probing.
      int mask = (1 << bits) - 1;
      for (int j = (i + 1) & mask; t[3 * j + 2] != 0; j = (j + 1) & mask) {
        int k = slot(mix(t[3 * j], t[3 * j + 1]));
        boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
          System.arraycopy(t, 3 * j, t, 3 * i, 3);
          i = j;
        }
      }
      t[3 * i + 2] = 0;
      size--;
      return 0;
    }

    private void grow() {
      long[] old = t;
      t = new long[old.length * 2];
      bits++;
      memory.addAndGet(bytes() - old.length * 8L);
      for (int j = 0; j < old.length; j += 3) {
        if (old[j + 2] != 0) {
          int i = find(mix(old[j], old[j + 1]), old[j], old[j + 1]);
          System.arraycopy(old, j, t, 3 * i, 3);
        }
      }
    }
  }
}
