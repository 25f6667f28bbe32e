package org.dedup4j.internal.count;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact multiset of chunk fingerprints with a reference count per distinct fingerprint: a primitive
 * open-addressing table, split into independently locked segments so that scan threads rarely
 * meet.
 *
 * <h2>Layout and memory</h2>
 *
 * Each segment is a Robin Hood hash table (linear probing, the entry farther from its home slot
 * keeps the slot), which keeps probe sequences short up to a load of 7/8. A slot holds the key (one
 * or two {@code long}s) and an {@code int} reference count, contiguously; tables for variable-size
 * chunks add an {@code int} length. With 128-bit keys and uniform chunk lengths a slot is 20 bytes, so a table
 * just below its 7/8 growth threshold uses 22.9 bytes per unique chunk (64-bit keys: 13.7). Chunks
 * whose length differs from the table's uniform length (the short last block of a file) go to a small
 * side table that stores lengths.
 *
 * <p>Reference counts are unsigned 32-bit in the slot; a count that would pass 2^32 - 2 continues in
 * a per-segment overflow map, so counts are exact at any size (2^32 references of one 4 KiB block
 * are 16 TiB: a zero block on a large device gets there).
 *
 * <p>The final content is a function of the multiset of {@link #add}/{@link #remove} calls only, not
 * of their order or of the number of threads. Thread-safe.
 *
 * <p>Over 450 lines: probe, insert, growth and drain of the segments stay in one class so the JIT inlines the hot path.
 */
public final class FingerprintTable {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int SATURATED = -1; // 0xFFFFFFFF: the count continues in the overflow map
  private static final long MAX_INLINE_COUNT = 0xFFFFFFFEL;
  private static final int INITIAL_SLOT_BITS = 4;
  private static final int MAX_SLOT_BITS = 26; // 2^26 slots of at most 24 bytes fit a byte[]
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final boolean wide;
  private final int uniformLength;
  private final int segmentBits;
  private final Segment[] segments;
  private final long maxInlineCount;
  private final int stride; // bytes per slot: key, count, and the length when lengths vary
  private final int refOffset;
  private final int lengthOffset;
  private final AtomicLong memory = new AtomicLong();
  private volatile FingerprintTable oddLengths;

  /**
   * Creates a table.
   *
   * @param keyBits 64 or 128
   * @param uniformLength the length of almost every chunk (fixed-size chunking), or 0 to store a
   *     length per entry
   * @param segmentBits log2 of the number of segments, 0..16
   */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits) {
    this(keyBits, uniformLength, segmentBits, MAX_INLINE_COUNT);
  }

  /** As above, with a lower inline count limit so that tests reach the overflow path. */
  public FingerprintTable(int keyBits, int uniformLength, int segmentBits, long maxInlineCount) {
    checkArgument(maxInlineCount >= 1 && maxInlineCount <= MAX_INLINE_COUNT,
        "max inline count 1..%s: %s", MAX_INLINE_COUNT, maxInlineCount);
    this.maxInlineCount = maxInlineCount;
    checkArgument(keyBits == 64 || keyBits == 128, "key bits must be 64 or 128: %s", keyBits);
    checkArgument(uniformLength >= 0, "uniform length must be >= 0: %s", uniformLength);
    checkArgument(segmentBits >= 0 && segmentBits <= 16, "segment bits 0..16: %s", segmentBits);
    this.wide = keyBits == 128;
    this.uniformLength = uniformLength;
    this.segmentBits = segmentBits;
    this.refOffset = wide ? 16 : 8;
    this.lengthOffset = refOffset + 4;
    this.stride = slotBytes(keyBits, uniformLength);
    this.segments = new Segment[1 << segmentBits];
    for (int i = 0; i < segments.length; i++) {
      segments[i] = new Segment();
    }
  }

  /**
   * Bytes of one slot: the key, a 32-bit reference count and, unless every chunk has the same
   * length, a 32-bit length.
   *
   * @param keyBits 64 or 128
   * @param uniformLength as in the constructor
   * @return bytes per slot
   */
  public static int slotBytes(int keyBits, int uniformLength) {
    return (keyBits == 128 ? 16 : 8) + 4 + (uniformLength == 0 ? 4 : 0);
  }

  /**
   * Forecast of the table's bytes per unique chunk, typically: segments grow one by one, so their
   * load averages about 0.65 between the half and the 7/8 of a doubling.
   */
  public static double typicalBytesPerEntry(int keyBits, int uniformLength) {
    return slotBytes(keyBits, uniformLength) / 0.65;
  }

  /** Forecast of the table's bytes per unique chunk at worst: every segment just doubled (7/16). */
  public static double worstBytesPerEntry(int keyBits, int uniformLength) {
    return slotBytes(keyBits, uniformLength) * 16.0 / 7;
  }

  /** A table sized for a scan: 1024 segments (growth of one segment never stalls the others long). */
  public static FingerprintTable forScan(int keyBits, int uniformLength) {
    return new FingerprintTable(keyBits, uniformLength, 10);
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
    if (uniformLength != 0 && length != uniformLength) {
      return oddLengths().add(k0, k1, length);
    }
    if (!wide) {
      k1 = 0;
    }
    long h = mix(k0, k1);
    Segment s = segments[segmentOf(h)];
    synchronized (s) {
      return s.add(h, k0, k1, length);
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
          visitor.visit(odd.k0[o], odd.k1[o], odd.count[o], odd.length[o]);
          o++;
        }
        visitor.visit(seg.k0[i], seg.k1[i], seg.count[i], seg.length[i]);
      }
    }
    for (; o < odd.size; o++) {
      visitor.visit(odd.k0[o], odd.k1[o], odd.count[o], odd.length[o]);
    }
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
    public int size;

    public void clear() {
      size = 0;
    }

    public void add(long hv, long a, long b, long c, int len) {
      if (size == h.length) {
        int n = size * 2;
        h = Arrays.copyOf(h, n);
        k0 = Arrays.copyOf(k0, n);
        k1 = Arrays.copyOf(k1, n);
        count = Arrays.copyOf(count, n);
        length = Arrays.copyOf(length, n);
      }
      h[size] = hv;
      k0[size] = a;
      k1[size] = b;
      count[size] = c;
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
          odd = new FingerprintTable(keyBits(), 0, 4, maxInlineCount);
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
   * probe usually touches one cache line; parallel arrays would touch one line per array.
   */
  private final class Segment {
    public int slotBits;
    public int mask;
    public byte[] slots;
    public int size;
    public int growAt;
    public Map<Key, Long> overflow;

    public Segment() {
      allocate(INITIAL_SLOT_BITS);
    }

    private void allocate(int bits) {
      if (bits > MAX_SLOT_BITS) {
        throw new IllegalStateException("fingerprint table segment full: " + size + " entries");
      }
      int capacity = 1 << bits;
      slots = new byte[capacity * stride];
      slotBits = bits;
      mask = capacity - 1;
      growAt = capacity - (capacity >>> 3);
      memory.addAndGet(slots.length);
    }

    private int home(long h) {
      return (int) ((h << segmentBits) >>> (64 - slotBits));
    }

    private long k0(int i) {
      return (long) LONG.get(slots, i * stride);
    }

    private long k1(int i) {
      return wide ? (long) LONG.get(slots, i * stride + 8) : 0L;
    }

    private int ref(int i) {
      return (int) INT.get(slots, i * stride + refOffset);
    }

    private void setRef(int i, int ref) {
      INT.set(slots, i * stride + refOffset, ref);
    }

    private int length(int i) {
      return uniformLength != 0 ? uniformLength : (int) INT.get(slots, i * stride + lengthOffset);
    }

    private int distance(int i) {
      return (i - home(mix(k0(i), k1(i)))) & mask;
    }

    public boolean add(long h, long k0, long k1, int length) {
      if (size >= growAt) {
        grow();
      }
      int i = home(h);
      for (int dist = 0; ; dist++, i = (i + 1) & mask) {
        int r = ref(i);
        if (r == 0) {
          store(i, k0, k1, 1, length);
          size++;
          return true;
        }
        if (k0(i) == k0 && k1(i) == k1) {
          increment(i);
          return false;
        }
        int residentDistance = distance(i);
        if (residentDistance < dist) {
          // Robin Hood: the new key is farther from home, so it takes this slot and the resident
          // moves on. The key cannot be later in the run, so it is new.
          long r0 = k0(i);
          long r1 = k1(i);
          int rl = length(i);
          store(i, k0, k1, 1, length);
          size++;
          place((i + 1) & mask, residentDistance + 1, r0, r1, r, rl);
          return true;
        }
      }
    }

    /** Inserts a key known to be absent, starting at slot i which is dist from its home. */
    private void place(int i, int dist, long k0, long k1, int ref, int length) {
      for (; ; dist++, i = (i + 1) & mask) {
        if (ref(i) == 0) {
          store(i, k0, k1, ref, length);
          return;
        }
        int residentDistance = distance(i);
        if (residentDistance < dist) {
          long r0 = k0(i);
          long r1 = k1(i);
          int rr = ref(i);
          int rl = length(i);
          store(i, k0, k1, ref, length);
          k0 = r0;
          k1 = r1;
          ref = rr;
          length = rl;
          dist = residentDistance;
        }
      }
    }

    private void store(int i, long k0, long k1, int ref, int length) {
      int at = i * stride;
      LONG.set(slots, at, k0);
      if (wide) {
        LONG.set(slots, at + 8, k1);
      }
      INT.set(slots, at + refOffset, ref);
      if (uniformLength == 0) {
        INT.set(slots, at + lengthOffset, length);
      }
    }

    private void increment(int i) {
      int r = ref(i);
      if (r == SATURATED) {
        overflow.merge(new Key(k0(i), k1(i)), 1L, Long::sum);
      } else if ((r & 0xFFFFFFFFL) == maxInlineCount) {
        setRef(i, SATURATED);
        if (overflow == null) {
          overflow = new HashMap<>();
        }
        overflow.put(new Key(k0(i), k1(i)), 1L);
      } else {
        setRef(i, r + 1);
      }
    }

    private long count(int i) {
      int r = ref(i);
      return r == SATURATED ? maxInlineCount + overflow.get(new Key(k0(i), k1(i))) : r & 0xFFFFFFFFL;
    }

    /** The slot holding the key, or -1. */
    public int find(long h, long k0, long k1) {
      int i = home(h);
      for (int dist = 0; ; dist++, i = (i + 1) & mask) {
        if (ref(i) == 0 || distance(i) < dist) {
          return -1;
        }
        if (k0(i) == k0 && k1(i) == k1) {
          return i;
        }
      }
    }

    /** Moves every entry out and shrinks the segment back to its initial size. */
    public void drainInto(Drained out) {
      int capacity = 1 << slotBits;
      for (int i = 0; i < capacity; i++) {
        if (ref(i) != 0) {
          long a = k0(i);
          long b = k1(i);
          out.add(mix(a, b), a, b, count(i), length(i));
        }
      }
      long released = slots.length;
      allocate(INITIAL_SLOT_BITS);
      memory.addAndGet(-released);
      size = 0;
      overflow = null;
    }

    public boolean remove(long h, long k0, long k1) {
      int i = home(h);
      for (int dist = 0; ; dist++, i = (i + 1) & mask) {
        if (ref(i) == 0 || distance(i) < dist) {
          throw new IllegalStateException("fingerprint not in the table");
        }
        if (k0(i) == k0 && k1(i) == k1) {
          break;
        }
      }
      int r = ref(i);
      if (r == SATURATED) {
        Key key = new Key(k0, k1);
        long extra = overflow.get(key);
        if (extra > 1) {
          overflow.put(key, extra - 1);
        } else {
          overflow.remove(key);
          setRef(i, (int) maxInlineCount);
        }
        return false;
      }
      if (r != 1) {
        setRef(i, r - 1);
        return false;
      }
      // Backward-shift deletion keeps Robin Hood runs without tombstones.
      int j = (i + 1) & mask;
      while (ref(j) != 0 && distance(j) > 0) {
        System.arraycopy(slots, j * stride, slots, i * stride, stride);
        i = j;
        j = (j + 1) & mask;
      }
      setRef(i, 0);
      size--;
      return true;
    }

    private void grow() {
      byte[] old = slots;
      int oldCapacity = 1 << slotBits;
      allocate(slotBits + 1);
      memory.addAndGet(-old.length);
      byte[] fresh = slots;
      for (int i = 0; i < oldCapacity; i++) {
        slots = old;
        if (ref(i) != 0) {
          long a = k0(i);
          long b = k1(i);
          int r = ref(i);
          int len = length(i);
          slots = fresh;
          place(home(mix(a, b)), 0, a, b, r, len);
        }
      }
      slots = fresh;
    }

    public void forEach(Visitor visitor) {
      int capacity = 1 << slotBits;
      for (int i = 0; i < capacity; i++) {
        if (ref(i) != 0) {
          visitor.visit(k0(i), k1(i), count(i), length(i));
        }
      }
    }
  }

  private record Key(long k0, long k1) {}
}
