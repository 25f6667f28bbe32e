package org.dedup4j.internal.compress;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.internal.count.SampleCounter;
import org.dedup4j.spi.Compressor;
import org.dedup4j.internal.report.CompressionFigures;

/**
 * The compression sample of a dedupe scan: a uniform sample of the unique non-zero chunks, chosen
 * by their fingerprints, compressed where the scan reads them.
 *
 * <h2>Which chunks</h2>
 *
 * A chunk's rank is a keyed hash of its fingerprint; the sample is the {@code k} unique chunks of
 * lowest rank that are still counted at the end (bottom-k sampling), a uniform sample of the unique
 * chunks that depends on nothing but the data and the seed. The scan compresses a chunk when its
 * rank is below a threshold that starts open and falls as ranks come in, so it compresses about
 * {@code k (1 + ln(N / k))} chunks for N unique ones, and only first sightings: later occurrences
 * only count references. The hot loop's cost for every other chunk is a hash, a volatile read and a
 * compare; allocation (a key, and the sizes of a new entry) happens only for chunks below the
 * threshold.
 *
 * <h2>Exact under take-backs</h2>
 *
 * Window reconciliation and rolled-back mapped windows take chunks back. Every entry keeps its own
 * reference count, moved by the same adds and removes as the fingerprint table, and the final
 * sample keeps only entries still referenced. A chunk whose rank is below the final threshold was
 * below it at each of its occurrences (the threshold only falls), so all of them were seen and its
 * count is exact; entries above it may be dropped at any time. Compressed sizes are a function of
 * the bytes, so which occurrence was compressed, by which thread, does not matter.
 *
 * <p>A prune keeps k plus a margin (k/8, at least 64) of the lowest ranks, so the final k lowest
 * referenced ranks are all below the threshold as long as fewer sampled chunks than the margin are
 * taken back for good. Take-backs come from the few chunks near each window edge and from mapped
 * windows that faulted, so in practice they are a handful against a margin in the thousands; more
 * than the margin would let the sample depend on timing (the interval would still hold).
 */
public final class CompressionSampler {

  private final List<Compression> compressions;
  private final int k;
  private final long keep;    // entries of lowest rank a prune keeps: k plus a margin for take-backs
  private final long pruneAt; // entries that trigger a prune
  private final long seed;
  private volatile long threshold = -1L; // unsigned: a rank below it is sampled
  private final Map<Key, Entry> entries = new HashMap<>();
  /** An edge walk's recorder: every add and take-back is a row (see {@link #recording}). */
  private final boolean recording;
  private final List<long[]> rows = new ArrayList<>(); // k0, k1, sign

  private record Key(long k0, long k1) {}

  private static final class Entry {
    public final long rank;
    public final long raw;
    public final long[] stored;
    public final boolean[] failed;
    public long refs;

    public Entry(long rank, long raw, long[] stored, boolean[] failed) {
      this.rank = rank;
      this.raw = raw;
      this.stored = stored;
      this.failed = failed;
    }
  }

  /**
   * A sampler for one scan.
   *
   * @param compressions the compressions
   * @param sample the sample setting
   * @param equalChunks whether chunks are all of one size (fixed-size chunking)
   */
  public CompressionSampler(List<Compression> compressions, CompressionSample sample, boolean equalChunks) {
    this(compressions, sample, equalChunks, false);
  }

  private CompressionSampler(List<Compression> compressions, CompressionSample sample,
      boolean equalChunks, boolean recording) {
    this.recording = recording;
    this.compressions = compressions;
    this.seed = sample.seed();
    this.k = switch (sample.mode()) {
      case ALL -> Integer.MAX_VALUE;
      case UNITS -> (int) Math.min(Integer.MAX_VALUE, sample.units());
      // Chunks are sampled as the scan meets them, before their spread is known: take the
      // worst-case size for the precision (a stored fraction in [0, 1] has variance at most 1/4),
      // twice that for chunks of unequal size (content-defined chunking).
      case AUTO -> (int) Math.ceil((equalChunks ? 1 : 2) * Math.pow(RatioStats.z(
          sample.confidence()) / sample.halfWidth(), 2) / 4);
    };
    this.keep = k + Math.max(64, k / 8);
    this.pruneAt = keep + keep / 2;
  }

  /**
   * A recorder for an edge walk: it wants every chunk, compresses each added one once, and keeps
   * every add and take-back as a row, for the sample of the parts to apply (the chunks a walk
   * takes back were sampled by another part's scan).
   */
  public static CompressionSampler recording(List<Compression> compressions) {
    return new CompressionSampler(compressions, CompressionSample.all(), false, true);
  }

  /** The compressors one worker needs: one per distinct codec, shared by its compressions. */
  public Compressor[] newCompressors() {
    Compressor[] out = new Compressor[compressions.size()];
    Map<String, Compressor> bySpec = new HashMap<>();
    for (int i = 0; i < out.length; i++) {
      Compression c = compressions.get(i);
      out[i] = bySpec.computeIfAbsent(c.codec().spec(), s -> c.codec().newCompressor());
    }
    return out;
  }

  public static void close(Compressor[] compressors) {
    java.util.Set<Compressor> done = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    for (Compressor c : compressors) {
      if (done.add(c)) {
        c.close();
      }
    }
  }

  /** The chunk's rank: a keyed hash of its fingerprint. */
  public long rank(long k0, long k1) {
    return rank(seed, k0, k1);
  }

  /** A chunk's rank under a seed: what every sample of that seed ranks it by. */
  public static long rank(long seed, long k0, long k1) {
    return SampleCounter.splitMix64(k0 ^ seed ^ SampleCounter.splitMix64(k1 + 0x5851F42D4C957F2DL));
  }

  /** Whether a chunk of this rank may be in the sample. A volatile read and a compare. */
  public boolean wants(long rank) {
    return Long.compareUnsigned(rank, threshold) < 0;
  }

  /** One occurrence of a non-zero chunk whose rank {@link #wants} took. */
  public void add(long rank, long k0, long k1, ByteBuffer buf, int offset, int length,
      Compressor[] compressors) {
    Key key = new Key(k0, k1);
    synchronized (this) {
      if (recording) {
        rows.add(new long[] {k0, k1, 1});
      }
      Entry e = entries.get(key);
      if (e != null) {
        e.refs++;
        return;
      }
    }
    long[] stored = new long[compressions.size()];
    boolean[] failed = new boolean[compressions.size()];
    for (int i = 0; i < stored.length; i++) {
      Compression c = compressions.get(i);
      int piece = c.isPerChunk() ? length : c.unit();
      for (int p = 0; p < length; p += piece) {
        int len = Math.min(piece, length - p);
        try {
          stored[i] += c.stored(len, compressors[i].compress(buf, offset + p, len));
        } catch (RuntimeException ex) {
          stored[i] += len; // stored raw, and counted as failed
          failed[i] = true;
        }
      }
    }
    synchronized (this) {
      Entry e = entries.computeIfAbsent(key, x -> new Entry(rank, length, stored, failed));
      e.refs++;
      if (k != Integer.MAX_VALUE && entries.size() > pruneAt) {
        prune();
      }
    }
  }

  /**
   * Drops every entry, for a scan that failed: its threads may outlive it (a pool thread that ran
   * out of memory while ending keeps what it reaches), and the heap the entries take is what the
   * failure's message needs.
   */
  public synchronized void discard() {
    entries.clear();
  }

  /** Takes back one occurrence (reconciliation, rollback); entries never added are ignored. */
  public void remove(long rank, long k0, long k1) {
    if (!wants(rank)) {
      return;
    }
    synchronized (this) {
      if (recording) {
        rows.add(new long[] {k0, k1, -1});
        return;
      }
      Entry e = entries.get(new Key(k0, k1));
      if (e != null) {
        e.refs--;
      }
    }
  }

  /** Keeps the {@link #keep} entries of lowest rank and lowers the threshold to match. */
  private void prune() {
    // Entries taken back to no references go first: counted towards `keep` they would push
    // referenced ones above the threshold (periodic data, whose window edges take many back). A
    // chunk added again later is compressed again; its references restart from that add, which is
    // its net count (take-backs only follow their adds).
    entries.values().removeIf(e -> e.refs <= 0);
    if (entries.size() <= keep) {
      return;
    }
    long[] ranks = new long[entries.size()];
    int i = 0;
    for (Entry e : entries.values()) {
      ranks[i++] = e.rank ^ Long.MIN_VALUE; // unsigned order as signed
    }
    Arrays.sort(ranks);
    long t = ranks[(int) keep] ^ Long.MIN_VALUE;
    threshold = t;
    entries.values().removeIf(e -> Long.compareUnsigned(e.rank, t) >= 0);
  }

  /**
   * Writes the sample (a checkpoint): the threshold and every entry with its compressed sizes and
   * references. The scan is quiesced.
   *
   * @param out where it goes
   */
  public synchronized void writeState(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeLong(threshold);
    out.writeInt(compressions.size());
    out.writeInt(entries.size());
    for (Map.Entry<Key, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      out.writeLong(me.getKey().k0());
      out.writeLong(me.getKey().k1());
      out.writeLong(e.rank);
      out.writeLong(e.raw);
      out.writeLong(e.refs);
      for (int i = 0; i < e.stored.length; i++) {
        out.writeLong(e.stored[i]);
        out.writeBoolean(e.failed[i]);
      }
    }
  }

  /**
   * Restores, into this new sampler of the same compressions and sample, what {@link #writeState}
   * wrote.
   *
   * @param in the state
   * @throws java.io.IOException if it cannot be read or is not this sampler's
   */
  public synchronized void restoreState(java.io.DataInputStream in) throws java.io.IOException {
    threshold = in.readLong();
    int codecs = in.readInt();
    if (codecs != compressions.size()) {
      throw new java.io.IOException("a compression sample of " + codecs + " compressions, not "
          + compressions.size());
    }
    int n = in.readInt();
    if (n < 0 || (k != Integer.MAX_VALUE && n > pruneAt)) {
      throw new java.io.IOException("a compression sample of " + n + " entries");
    }
    entries.clear();
    for (int j = 0; j < n; j++) {
      Key key = new Key(in.readLong(), in.readLong());
      long rank = in.readLong();
      long raw = in.readLong();
      long refs = in.readLong();
      long[] stored = new long[codecs];
      boolean[] failed = new boolean[codecs];
      for (int i = 0; i < codecs; i++) {
        stored[i] = in.readLong();
        failed[i] = in.readBoolean();
      }
      if (rank != rank(key.k0(), key.k1()) || raw < 1) {
        throw new java.io.IOException("a compression sample entry that is not this sample's");
      }
      Entry e = new Entry(rank, raw, stored, failed);
      e.refs = refs;
      entries.put(key, e);
    }
  }

  /**
   * The sample as it stands, to merge with other parts' (see {@code CompressionPart}): threshold,
   * then per entry k0, k1, rank, raw, refs, and per compression stored and failed (1 or 0); and,
   * for a recorder, its rows.
   */
  public synchronized Snapshot snapshot() {
    int n = entries.size();
    int c = compressions.size();
    long[] k0 = new long[n];
    long[] k1 = new long[n];
    long[] rank = new long[n];
    long[] raw = new long[n];
    long[] refs = new long[n];
    long[][] stored = new long[n][];
    boolean[][] failed = new boolean[n][];
    int i = 0;
    for (Map.Entry<Key, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      k0[i] = me.getKey().k0();
      k1[i] = me.getKey().k1();
      rank[i] = e.rank;
      raw[i] = e.raw;
      refs[i] = e.refs;
      stored[i] = e.stored.clone();
      failed[i++] = e.failed.clone();
    }
    return new Snapshot(recording ? -1 : threshold, k, keep, seed, c, k0, k1, rank, raw, refs,
        stored, failed, rows.toArray(new long[0][]));
  }

  /** What {@link #snapshot} returns. */
  public record Snapshot(long threshold, int k, long keep, long seed, int compressions, long[] k0,
      long[] k1, long[] rank, long[] raw, long[] refs, long[][] stored, boolean[][] failed,
      long[][] rows) {}

  /**
   * The estimates of a sample given as entries (a merged {@code CompressionPart}): the k
   * referenced entries of lowest rank.
   */
  public static List<CompressionFigures> finish(List<Compression> compressions, int k, long[] rank,
      long[] raw, long[] refs, long[][] stored, boolean[][] failed, long population,
      long zeroChunks, double confidence) {
    Integer[] order = new Integer[rank.length];
    int n = 0;
    for (int i = 0; i < rank.length; i++) {
      if (refs[i] > 0) {
        order[n++] = i;
      }
    }
    Integer[] live = Arrays.copyOf(order, n);
    Arrays.sort(live, (a, b) -> Long.compareUnsigned(rank[a], rank[b]));
    int size = Math.min(n, k);
    boolean exact = size >= population;
    List<CompressionFigures> out = new ArrayList<>();
    for (int c = 0; c < compressions.size(); c++) {
      RatioStats.Sample s = new RatioStats.Sample();
      for (int j = 0; j < size; j++) {
        int e = live[j];
        s.add(raw[e], stored[e][c]);
        if (failed[e][c]) {
          s.failedUnits++;
        }
      }
      out.add(RatioStats.estimate(compressions.get(c), s, population, zeroChunks, confidence,
          exact));
    }
    return out;
  }

  /**
   * The estimates: the k referenced entries of lowest rank, in rank order.
   *
   * @param population unique non-zero chunks
   * @param zeroChunks unique all-zero chunks
   * @param confidence the interval's confidence
   */
  public synchronized List<CompressionFigures> finish(long population, long zeroChunks,
      double confidence) {
    Snapshot s = snapshot();
    return finish(compressions, k, s.rank(), s.raw(), s.refs(), s.stored(), s.failed(), population,
        zeroChunks, confidence);
  }
}
