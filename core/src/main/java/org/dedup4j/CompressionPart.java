package org.dedup4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dedup4j.internal.compress.CompressionSampler;

/**
 * The compression sample of a scan of file parts ({@link DedupScanner#summarizeParts} with {@code
 * compress}), to merge with the other parts' and report with their merged summary ({@link
 * DedupScanner#report(DedupSummary, CompressionPart)}): the unique chunks of lowest rank (a keyed
 * hash of the fingerprint), each with its references and compressed sizes. Merging keeps the
 * lowest ranks of the union, whose references are exact: a chunk among the k lowest of the union
 * is among the k lowest of every part that holds it, so no part dropped it.
 *
 * <pre>{@code
 * CompressionPart sample = a.compression().merge(b.compression()).corrected(edges);
 * DedupReport r = scanner.report(a.summary().merge(b.summary()).corrected(edges), sample);
 * }</pre>
 *
 * <p>Immutable and serializable (it travels from a cluster's tasks to its driver).
 */
public final class CompressionPart implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Unsigned: ranks below it are sampled. */
  private final long threshold;
  /** Sample size. */
  private final int k;
  /** Entries of lowest rank kept: k plus a margin for take-backs. */
  private final long keep;
  /** The rank's key. */
  private final long seed;
  /** How many compressions each entry has sizes for. */
  private final int compressions;
  /** Per entry: fingerprint, rank, raw bytes, references, and per compression stored bytes and failure. */
  private final long[] k0;
  /** Second 64 bits of each fingerprint. */
  private final long[] k1;
  /** Each entry's rank. */
  private final long[] rank;
  /** Each entry's bytes. */
  private final long[] raw;
  /** Each entry's references. */
  private final long[] refs;
  /** Each entry's stored bytes per compression. */
  private final long[][] stored;
  /** Whether each entry's compression failed, per compression. */
  private final boolean[][] failed;

  private CompressionPart(long threshold, int k, long keep, long seed, int compressions,
      long[] k0, long[] k1, long[] rank, long[] raw, long[] refs, long[][] stored,
      boolean[][] failed) {
    this.threshold = threshold;
    this.k = k;
    this.keep = keep;
    this.seed = seed;
    this.compressions = compressions;
    this.k0 = k0;
    this.k1 = k1;
    this.rank = rank;
    this.raw = raw;
    this.refs = refs;
    this.stored = stored;
    this.failed = failed;
  }

  static CompressionPart of(CompressionSampler.Snapshot s) {
    return new CompressionPart(s.threshold(), s.k(), s.keep(), s.seed(), s.compressions(), s.k0(),
        s.k1(), s.rank(), s.raw(), s.refs(), s.stored(), s.failed());
  }

  private record Key(long k0, long k1) {}

  /**
   * This sample and another part's, as one: the lowest ranks of both, references summed.
   *
   * @param o the other part's sample, of the same scanner settings
   * @return the merged sample
   * @throws IllegalArgumentException if the samples are of different settings
   */
  public CompressionPart merge(CompressionPart o) {
    if (o.k != k || o.seed != seed || o.compressions != compressions) {
      throw new IllegalArgumentException("compression samples of different settings cannot merge");
    }
    long t = Long.compareUnsigned(threshold, o.threshold) <= 0 ? threshold : o.threshold;
    Map<Key, Integer> at = new HashMap<>();
    Builder b = new Builder(compressions);
    for (CompressionPart p : List.of(this, o)) {
      for (int i = 0; i < p.rank.length; i++) {
        if (Long.compareUnsigned(p.rank[i], t) >= 0) {
          continue;
        }
        Key key = new Key(p.k0[i], p.k1[i]);
        Integer j = at.get(key);
        if (j != null) {
          b.refs[j] += p.refs[i];
        } else {
          at.put(key, b.add(p.k0[i], p.k1[i], p.rank[i], p.raw[i], p.refs[i], p.stored[i],
              p.failed[i]));
        }
      }
    }
    return b.build(t, k, keep, seed);
  }

  /**
   * This sample with an edge correction's compressed chunks applied: references move as the
   * correction's rows say, a chunk added that the sample wants joins it with its sizes.
   *
   * @param c the corrections of every edge between the parts
   * @return the corrected sample
   */
  public CompressionPart corrected(EdgeCorrection c) {
    if (c.compressionRows().length == 0) {
      return this;
    }
    Map<Key, Integer> at = new HashMap<>();
    Builder b = new Builder(compressions);
    for (int i = 0; i < rank.length; i++) {
      at.put(new Key(k0[i], k1[i]), b.add(k0[i], k1[i], rank[i], raw[i], refs[i], stored[i],
          failed[i]));
    }
    Map<Key, Integer> sized = new HashMap<>();
    EdgeCorrection.CompressedChunks sizes = c.compressedChunks();
    for (int i = 0; i < sizes.k0().length; i++) {
      sized.put(new Key(sizes.k0()[i], sizes.k1()[i]), i);
    }
    for (long[] row : c.compressionRows()) {
      long r = rank(row[0], row[1]);
      if (Long.compareUnsigned(r, threshold) >= 0) {
        continue; // as the part's sampler: a chunk above the threshold is not in the sample
      }
      Key key = new Key(row[0], row[1]);
      Integer j = at.get(key);
      if (j != null) {
        b.refs[j] += row[2];
      } else if (row[2] > 0) {
        Integer s = sized.get(key);
        if (s == null) {
          throw new IllegalStateException("an edge correction adds a chunk without its sizes");
        }
        at.put(key, b.add(row[0], row[1], r, sizes.raw()[s], 1, sizes.stored()[s],
            sizes.failed()[s]));
      }
    }
    return b.build(threshold, k, keep, seed);
  }

  /** The estimates, for the report of the merged summary. */
  List<org.dedup4j.internal.report.CompressionFigures> finish(List<Compression> list,
      long population, long zeroChunks, double confidence) {
    if (list.size() != compressions) {
      throw new IllegalArgumentException("a compression sample of " + compressions
          + " compressions reported with " + list.size());
    }
    return CompressionSampler.finish(list, k, rank, raw, refs, stored, failed, population,
        zeroChunks, confidence);
  }

  /** Unsigned: every chunk of the part's data whose rank is below it is in the sample. */
  long threshold() {
    return threshold;
  }

  /** The seed of the ranks. */
  long seed() {
    return seed;
  }

  /** Receives a sampled chunk: fingerprint, raw bytes and stored bytes under one compression. */
  interface Visitor {
    void accept(long k0, long k1, long raw, long stored);
  }

  /**
   * Visits the referenced entries whose rank is below {@code t} (unsigned), with their stored
   * bytes under compression {@code c}: for {@code t} at or below {@link #threshold()}, every
   * chunk of the part's data of such a rank, each once.
   */
  void visit(long t, int c, Visitor v) {
    for (int i = 0; i < rank.length; i++) {
      if (refs[i] > 0 && Long.compareUnsigned(rank[i], t) < 0) {
        v.accept(k0[i], k1[i], raw[i], stored[i][c]);
      }
    }
  }

  private long rank(long a, long b) {
    return CompressionSampler.rank(seed, a, b);
  }

  /**
   * Entries in the sample.
   *
   * @return how many
   */
  public int entries() {
    return rank.length;
  }

  private static final class Builder {
    final int compressions;
    long[] k0 = new long[16];
    long[] k1 = new long[16];
    long[] rank = new long[16];
    long[] raw = new long[16];
    long[] refs = new long[16];
    List<long[]> stored = new ArrayList<>();
    List<boolean[]> failed = new ArrayList<>();
    int n;

    Builder(int compressions) {
      this.compressions = compressions;
    }

    int add(long a, long b, long r, long w, long f, long[] s, boolean[] x) {
      if (n == k0.length) {
        k0 = Arrays.copyOf(k0, 2 * n);
        k1 = Arrays.copyOf(k1, 2 * n);
        rank = Arrays.copyOf(rank, 2 * n);
        raw = Arrays.copyOf(raw, 2 * n);
        refs = Arrays.copyOf(refs, 2 * n);
      }
      k0[n] = a;
      k1[n] = b;
      rank[n] = r;
      raw[n] = w;
      refs[n] = f;
      stored.add(s);
      failed.add(x);
      return n++;
    }

    /**
     * Keeps the referenced entries, and of them the {@code keep} of lowest rank, as the sampler's
     * prune does. Entries without references go: their part took them back (window edges), and
     * counting them towards {@code keep} would push live ones out.
     */
    CompressionPart build(long threshold, int k, long keep, long seed) {
      Integer[] order = new Integer[n];
      int live = 0;
      for (int i = 0; i < n; i++) {
        if (refs[i] > 0) {
          order[live++] = i;
        }
      }
      order = Arrays.copyOf(order, live);
      long t = threshold;
      if (k != Integer.MAX_VALUE && live > keep) {
        Arrays.sort(order, (x, y) -> Long.compareUnsigned(rank[x], rank[y]));
        t = rank[order[(int) keep]];
        order = Arrays.copyOf(order, (int) keep);
      }
      int m = (int) Math.min(order.length, k == Integer.MAX_VALUE ? order.length : keep);
      long[][] s = new long[m][];
      boolean[][] f = new boolean[m][];
      long[] a = new long[m];
      long[] b = new long[m];
      long[] r = new long[m];
      long[] w = new long[m];
      long[] c = new long[m];
      for (int i = 0; i < m; i++) {
        int j = order[i];
        a[i] = k0[j];
        b[i] = k1[j];
        r[i] = rank[j];
        w[i] = raw[j];
        c[i] = refs[j];
        s[i] = stored.get(j);
        f[i] = failed.get(j);
      }
      return new CompressionPart(t, k, keep, seed, compressions, a, b, r, w, c, s, f);
    }
  }
}
