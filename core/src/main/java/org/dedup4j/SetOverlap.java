package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.dedup4j.internal.count.Estimators;
import org.dedup4j.spi.Sizes;

/**
 * What data sets share and what each adds or frees, from summaries saved apart (one summary per
 * set, in the order given): per set its logical size, its distinct chunks, those in no other set
 * (what deleting it frees), those in no earlier set (what storing it after the earlier ones adds:
 * the backup-series view) and the store's size after it; per pair of sets the distinct chunks in
 * both and their Jaccard index; and for a set of sets to keep, the stored bytes of their union and
 * what the others would free. Computed in one streaming pass over the summaries' sorted
 * fingerprints, in memory that does not grow with them.
 *
 * <p>From exact summaries every figure is exact. When any summary is a sample (sample mode, or the
 * sample a sketch keeps beside its sketch), every figure but a set's {@code bytes} and {@code
 * chunks} (totals, exact) is estimated from the distinct chunks that the strictest of the
 * summaries' thresholds keeps: each is kept with probability {@code p = 2^-level}, independently
 * of the others and in every set alike (the threshold is on a hash of its content), so a figure's
 * kept chunks are a Binomial sample of its chunks and its bytes a Horvitz-Thompson sum, with the
 * 95% intervals the sample report gives its unique chunks and bytes; the Jaccard index is the
 * share of the pair's kept chunks that both hold, with a Wilson score interval. The sketch itself
 * is not used: a distinct-count sketch estimates the distinct chunks of unions (of the sets, of any
 * sets merged), and intersections only loosely, by inclusion-exclusion of unions whose errors are
 * those of the unions, large against a small intersection. Immutable and thread-safe.
 *
 * <pre>{@code
 * SetOverlap o = SetOverlap.of(List.of(Path.of("mon.d4js"), Path.of("tue.d4js")),
 *     List.of("tue"));
 * System.out.print(o.toText());
 * }</pre>
 */
public final class SetOverlap {

  /** The most sets: one bit of a 64-bit mask per distinct chunk while the summaries stream. */
  public static final int MAX_SETS = 64;

  /** The confidence of the intervals of a sampled overlap. */
  public static final double CONFIDENCE = 0.95;

  /**
   * One data set's figures: exact, or (from samples) the point estimates of {@link #intervals}.
   *
   * @param name the set's name
   * @param bytes its logical bytes (exact)
   * @param chunks its chunks (exact)
   * @param uniqueBytes bytes of its distinct chunks (the set deduplicated alone)
   * @param uniqueChunks its distinct chunks
   * @param exclusiveBytes bytes of its distinct chunks in no other set (what deleting it frees)
   * @param exclusiveChunks those chunks
   * @param addedBytes bytes of its distinct chunks in no earlier set (what storing it adds)
   * @param addedChunks those chunks
   * @param storedBytes the store's distinct bytes after this set and the earlier ones
   * @param intervals the estimated figures with their intervals (of width zero when exact)
   */
  public record SetFigures(String name, long bytes, long chunks, long uniqueBytes,
      long uniqueChunks, long exclusiveBytes, long exclusiveChunks, long addedBytes,
      long addedChunks, long storedBytes, SetIntervals intervals) {}

  /**
   * A set's figures as intervals ({@link SetFigures} has their estimates, rounded).
   *
   * @param uniqueBytes see {@link SetFigures#uniqueBytes}
   * @param uniqueChunks see {@link SetFigures#uniqueChunks}
   * @param exclusiveBytes see {@link SetFigures#exclusiveBytes}
   * @param exclusiveChunks see {@link SetFigures#exclusiveChunks}
   * @param addedBytes see {@link SetFigures#addedBytes}
   * @param addedChunks see {@link SetFigures#addedChunks}
   * @param storedBytes see {@link SetFigures#storedBytes}
   */
  public record SetIntervals(Interval uniqueBytes, Interval uniqueChunks, Interval exclusiveBytes,
      Interval exclusiveChunks, Interval addedBytes, Interval addedChunks, Interval storedBytes) {}

  /**
   * What two sets share.
   *
   * @param a the first set's name (earlier in the order given)
   * @param b the second's
   * @param sharedBytes bytes of the distinct chunks in both
   * @param sharedChunks those chunks
   * @param jaccard shared chunks over the distinct chunks of either (0 when both are empty)
   * @param intervals the figures as intervals (of width zero when exact)
   */
  public record Pair(String a, String b, long sharedBytes, long sharedChunks, double jaccard,
      PairIntervals intervals) {}

  /**
   * A pair's figures as intervals.
   *
   * @param sharedBytes see {@link Pair#sharedBytes}
   * @param sharedChunks see {@link Pair#sharedChunks}
   * @param jaccard see {@link Pair#jaccard}
   */
  public record PairIntervals(Interval sharedBytes, Interval sharedChunks, Interval jaccard) {}

  /**
   * The retention question: keep some sets, delete the others.
   *
   * @param kept the sets kept
   * @param storedBytes distinct bytes of the kept sets together
   * @param storedChunks their distinct chunks
   * @param freedBytes distinct bytes only the other sets hold (what deleting them frees)
   * @param freedChunks those chunks
   * @param intervals the figures as intervals (of width zero when exact)
   */
  public record Keep(List<String> kept, long storedBytes, long storedChunks, long freedBytes,
      long freedChunks, KeepIntervals intervals) {}

  /**
   * The retention answer as intervals.
   *
   * @param storedBytes see {@link Keep#storedBytes}
   * @param storedChunks see {@link Keep#storedChunks}
   * @param freedBytes see {@link Keep#freedBytes}
   * @param freedChunks see {@link Keep#freedChunks}
   */
  public record KeepIntervals(Interval storedBytes, Interval storedChunks, Interval freedBytes,
      Interval freedChunks) {}

  private final List<SetFigures> sets;
  private final List<Pair> pairs;
  private final Keep keep;
  private final CountingMode mode;
  private final double samplingRate;
  private final long keptEntries;

  private SetOverlap(List<SetFigures> sets, List<Pair> pairs, Keep keep, CountingMode mode,
      double samplingRate, long keptEntries) {
    this.sets = List.copyOf(sets);
    this.pairs = List.copyOf(pairs);
    this.keep = keep;
    this.mode = mode;
    this.samplingRate = samplingRate;
    this.keptEntries = keptEntries;
  }

  /**
   * Reads summaries, one per set, and computes their overlap, naming each set by the name saved in
   * its summary ({@link DedupSummary#named}), else by its file name without {@code .d4js}.
   *
   * @param files the summaries (scan --save), in the order of the series
   * @param keep names of sets to keep for the retention answer, or empty
   * @return the overlap
   * @throws IOException if a summary is unreadable, corrupt or truncated (the message names it)
   * @throws IllegalArgumentException if the summaries do not match (chunker, hasher, percent
   *     sample, sample salt), there are more than {@value #MAX_SETS}, two name the same set (the
   *     message names both files), or a kept name is not one of them
   */
  public static SetOverlap of(List<Path> files, Collection<String> keep) throws IOException {
    return compute(files, null, keep);
  }

  /**
   * Reads summaries, one per set, and computes their overlap, under names given here (the names
   * saved in the summaries are not used).
   *
   * @param files the summaries (scan --save), in the order of the series
   * @param names their sets' names, as many and in the same order, distinct
   * @param keep names of sets to keep for the retention answer, or empty
   * @return the overlap
   * @throws IOException if a summary is unreadable, corrupt or truncated (the message names it)
   * @throws IllegalArgumentException if the summaries do not match (chunker, hasher, percent
   *     sample, sample salt), there are more than {@value #MAX_SETS}, names repeat, or a kept name
   *     is not one of them
   */
  public static SetOverlap of(List<Path> files, List<String> names, Collection<String> keep)
      throws IOException {
    checkArgument(names.size() == files.size(), "%s names for %s summaries", names.size(),
        files.size());
    checkArgument(names.stream().distinct().count() == names.size(),
        "two sets have the same name: %s; give each summary its own name", names);
    return compute(files, List.copyOf(names), keep);
  }

  /** A set's name from its summary file's name. */
  private static String fileName(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".d4js") && n.length() > 5 ? n.substring(0, n.length() - 5) : n;
  }

  private static SetOverlap compute(List<Path> files, List<String> given, Collection<String> keep)
      throws IOException {
    checkArgument(!files.isEmpty(), "no summaries");
    checkArgument(files.size() <= MAX_SETS, "%s summaries; at most %s sets (one bit each while the"
        + " fingerprints stream)", files.size(), MAX_SETS);
    int n = files.size();
    List<String> names = new ArrayList<>();
    Acc[] acc = new Acc[1];
    long[] keepMask = new long[1];
    DedupSummary.Members m = DedupSummary.members(files, tops -> {
      if (given != null) {
        names.addAll(given);
      } else {
        for (int i = 0; i < n; i++) {
          String name = tops.get(i).name() != null ? tops.get(i).name() : fileName(files.get(i));
          int j = names.indexOf(name);
          if (j >= 0) {
            boolean saved = tops.get(i).name() != null;
            String how = saved && tops.get(j).name() != null ? "the names saved in them"
                : !saved && tops.get(j).name() == null ? "their file names"
                : "a saved name and a file name";
            throw new IllegalArgumentException(files.get(j) + " and " + files.get(i)
                + " both name the set '" + name + "' (" + how + "): each set needs its own"
                + " name; save one under another (scan --save FILE --name NAME)");
          }
          names.add(name);
        }
      }
      for (String k : keep) {
        int i = names.indexOf(k);
        checkArgument(i >= 0, "--keep %s: no set of that name (the sets are %s)", k, names);
        keepMask[0] |= 1L << i;
      }
      acc[0] = new Acc(n, keepMask[0]);
      return acc[0]::accept;
    });
    Acc a = acc[0];
    List<DedupSummary> tops = m.tops();
    double p = Math.scalb(1.0, -m.level());
    Est est = new Est(p);
    long[] capBytes = new long[n];
    long[] capChunks = new long[n];
    for (int i = 0; i < n; i++) {
      capBytes[i] = tops.get(i).sampledBytes();
      capChunks[i] = tops.get(i).sampledChunks();
    }
    List<SetFigures> sets = new ArrayList<>();
    long stored = 0;
    double storedSq = 0;
    long storedCap = 0;
    for (int i = 0; i < n; i++) {
      stored += a.addedBytes[i];
      storedSq += a.addedSq[i];
      storedCap += capBytes[i];
      SetIntervals iv = new SetIntervals(est.bytes(a.uniqueBytes[i], a.uniqueSq[i], capBytes[i]),
          est.chunks(a.uniqueChunks[i], capChunks[i]),
          est.bytes(a.exclusiveBytes[i], a.exclusiveSq[i], capBytes[i]),
          est.chunks(a.exclusiveChunks[i], capChunks[i]),
          est.bytes(a.addedBytes[i], a.addedSq[i], capBytes[i]),
          est.chunks(a.addedChunks[i], capChunks[i]),
          est.bytes(stored, storedSq, storedCap));
      sets.add(new SetFigures(names.get(i), tops.get(i).bytes(), tops.get(i).chunks(),
          round(iv.uniqueBytes()), round(iv.uniqueChunks()), round(iv.exclusiveBytes()),
          round(iv.exclusiveChunks()), round(iv.addedBytes()), round(iv.addedChunks()),
          round(iv.storedBytes()), iv));
    }
    List<Pair> pairs = new ArrayList<>();
    for (int x = 0; x < n; x++) {
      for (int y = x + 1; y < n; y++) {
        long shared = a.sharedChunks[x][y];
        long either = a.uniqueChunks[x] + a.uniqueChunks[y] - shared;
        PairIntervals iv = new PairIntervals(
            est.bytes(a.sharedBytes[x][y], a.sharedSq[x][y], Math.min(capBytes[x], capBytes[y])),
            est.chunks(shared, Math.min(capChunks[x], capChunks[y])), est.share(shared, either));
        pairs.add(new Pair(names.get(x), names.get(y), round(iv.sharedBytes()),
            round(iv.sharedChunks()), iv.jaccard().estimate(), iv));
      }
    }
    List<String> kept = new ArrayList<>();
    long keptCap = 0;
    long keptChunkCap = 0;
    for (int i = 0; i < n; i++) {
      if ((keepMask[0] >>> i & 1) != 0) {
        kept.add(names.get(i));
        keptCap += capBytes[i];
        keptChunkCap += capChunks[i];
      }
    }
    Keep k = null;
    if (!keep.isEmpty()) {
      long allCap = Arrays.stream(capBytes).sum();
      long allChunkCap = Arrays.stream(capChunks).sum();
      KeepIntervals iv = new KeepIntervals(est.bytes(a.keptBytes, a.keptSq, keptCap),
          est.chunks(a.keptChunks, keptChunkCap),
          est.bytes(a.freedBytes, a.freedSq, allCap - keptCap),
          est.chunks(a.freedChunks, allChunkCap - keptChunkCap));
      k = new Keep(kept, round(iv.storedBytes()), round(iv.storedChunks()),
          round(iv.freedBytes()), round(iv.freedChunks()), iv);
    }
    return new SetOverlap(sets, pairs, k, m.mode(), p, a.entries);
  }

  private static long round(Interval i) {
    return Math.round(i.estimate());
  }

  /** The estimators at one keep probability (1: exact). */
  private record Est(double p) {

    /** Distinct chunks from those kept: a Binomial total, between the kept and the cap. */
    Interval chunks(long kept, long cap) {
      return clamp(Estimators.binomialTotal(kept, p), kept, cap);
    }

    /** Their bytes: a Horvitz-Thompson sum, between the kept bytes and the cap. */
    Interval bytes(long kept, double squares, long cap) {
      return clamp(Estimators.horvitzThompson(kept, squares, p), kept, cap);
    }

    /**
     * A share of the kept chunks (shared of either): given how many of either were kept, each is
     * a shared one with the share's probability, so the Wilson score interval holds it.
     */
    Interval share(long hits, long of) {
      double j = of == 0 ? 0 : (double) hits / of;
      if (p >= 1) {
        return Interval.exact(j);
      }
      if (of == 0) {
        return new Interval(0, 0, 1);
      }
      double z = Estimators.Z95;
      double z2 = z * z;
      double centre = (hits + z2 / 2) / (of + z2);
      double half = z / (of + z2) * Math.sqrt((double) hits * (of - hits) / of + z2 / 4);
      return new Interval(j, Math.max(0, Math.min(j, centre - half)),
          Math.min(1, Math.max(j, centre + half)));
    }

    private static Interval clamp(Interval i, double min, double max) {
      double hi = Math.max(min, max);
      return new Interval(Math.min(hi, Math.max(min, i.estimate())),
          Math.min(hi, Math.max(min, i.low())), Math.min(hi, Math.max(min, i.high())));
    }
  }

  /** Sums per set and per pair (of lengths, their squares and counts) as the fingerprints stream. */
  private static final class Acc {
    final long keepMask;
    final long[] uniqueBytes;
    final double[] uniqueSq;
    final long[] uniqueChunks;
    final long[] exclusiveBytes;
    final double[] exclusiveSq;
    final long[] exclusiveChunks;
    final long[] addedBytes;
    final double[] addedSq;
    final long[] addedChunks;
    final long[][] sharedBytes;
    final double[][] sharedSq;
    final long[][] sharedChunks;
    long keptBytes;
    double keptSq;
    long keptChunks;
    long freedBytes;
    double freedSq;
    long freedChunks;
    long entries;

    Acc(int n, long keepMask) {
      this.keepMask = keepMask;
      uniqueBytes = new long[n];
      uniqueSq = new double[n];
      uniqueChunks = new long[n];
      exclusiveBytes = new long[n];
      exclusiveSq = new double[n];
      exclusiveChunks = new long[n];
      addedBytes = new long[n];
      addedSq = new double[n];
      addedChunks = new long[n];
      sharedBytes = new long[n][n];
      sharedSq = new double[n][n];
      sharedChunks = new long[n][n];
    }

    void accept(long mask, int length) {
      double sq = (double) length * length;
      entries++;
      int first = Long.numberOfTrailingZeros(mask);
      addedBytes[first] += length;
      addedSq[first] += sq;
      addedChunks[first]++;
      if (Long.bitCount(mask) == 1) {
        exclusiveBytes[first] += length;
        exclusiveSq[first] += sq;
        exclusiveChunks[first]++;
      }
      for (long m = mask; m != 0; m &= m - 1) {
        int a = Long.numberOfTrailingZeros(m);
        uniqueBytes[a] += length;
        uniqueSq[a] += sq;
        uniqueChunks[a]++;
        for (long r = m & (m - 1); r != 0; r &= r - 1) {
          int b = Long.numberOfTrailingZeros(r);
          sharedBytes[a][b] += length;
          sharedSq[a][b] += sq;
          sharedChunks[a][b]++;
        }
      }
      if ((mask & keepMask) != 0) {
        keptBytes += length;
        keptSq += sq;
        keptChunks++;
      } else {
        freedBytes += length;
        freedSq += sq;
        freedChunks++;
      }
    }
  }

  /**
   * Exact when every summary was exact, else sample (the figures are estimates from the sample;
   * see {@link #isEstimate}).
   *
   * @return the counting mode of the figures
   */
  public CountingMode mode() {
    return mode;
  }

  /**
   * Whether the figures are estimates: some summary was a sample that did not keep every chunk.
   *
   * @return whether the figures are estimates
   */
  public boolean isEstimate() {
    return mode != CountingMode.EXACT && samplingRate < 1;
  }

  /**
   * The share of distinct chunks the figures are counted from: {@code 2^-level} at the strictest
   * of the samples' levels, 1 when exact.
   *
   * @return the sampling rate
   */
  public double samplingRate() {
    return samplingRate;
  }

  /**
   * The distinct chunks the figures are counted from (over all sets): every one when exact, else
   * those the sample kept.
   *
   * @return the distinct chunks counted
   */
  public long keptEntries() {
    return keptEntries;
  }

  /**
   * The sets, in the order given.
   *
   * @return the sets
   */
  public List<SetFigures> sets() {
    return sets;
  }

  /**
   * Every pair of sets, a before b in the order given.
   *
   * @return the pairs
   */
  public List<Pair> pairs() {
    return pairs;
  }

  /**
   * The retention answer, or null when no set was named to keep.
   *
   * @return the answer
   */
  public Keep keep() {
    return keep;
  }

  /**
   * As JSON: {@code sets} (objects of {@link SetFigures}' fields), {@code overlap} (of {@link
   * Pair}'s), with sets to keep {@code keep}, and {@code setCounting} (mode, whether the figures
   * are estimates, and for a sample its rate, kept entries and confidence). Estimated figures are
   * followed by their interval's ends, {@code uniqueBytesLow} and {@code uniqueBytesHigh} after
   * {@code uniqueBytes} and so on; exact ones stand alone.
   *
   * @return the JSON text
   */
  public String toJson() {
    Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    boolean e = isEstimate();
    JsonObject o = new JsonObject();
    JsonArray s = new JsonArray();
    for (SetFigures x : sets) {
      SetIntervals iv = x.intervals();
      JsonObject j = new JsonObject();
      j.addProperty("name", x.name());
      j.addProperty("bytes", x.bytes());
      j.addProperty("chunks", x.chunks());
      count(j, "uniqueBytes", x.uniqueBytes(), iv.uniqueBytes(), e);
      count(j, "uniqueChunks", x.uniqueChunks(), iv.uniqueChunks(), e);
      count(j, "exclusiveBytes", x.exclusiveBytes(), iv.exclusiveBytes(), e);
      count(j, "exclusiveChunks", x.exclusiveChunks(), iv.exclusiveChunks(), e);
      count(j, "addedBytes", x.addedBytes(), iv.addedBytes(), e);
      count(j, "addedChunks", x.addedChunks(), iv.addedChunks(), e);
      count(j, "storedBytes", x.storedBytes(), iv.storedBytes(), e);
      s.add(j);
    }
    o.add("sets", s);
    JsonArray p = new JsonArray();
    for (Pair x : pairs) {
      JsonObject j = new JsonObject();
      j.addProperty("a", x.a());
      j.addProperty("b", x.b());
      count(j, "sharedBytes", x.sharedBytes(), x.intervals().sharedBytes(), e);
      count(j, "sharedChunks", x.sharedChunks(), x.intervals().sharedChunks(), e);
      j.addProperty("jaccard", round6(x.jaccard()));
      if (e) {
        j.addProperty("jaccardLow", round6(x.intervals().jaccard().low()));
        j.addProperty("jaccardHigh", round6(x.intervals().jaccard().high()));
      }
      p.add(j);
    }
    o.add("overlap", p);
    if (keep != null) {
      JsonObject j = new JsonObject();
      j.add("kept", gson.toJsonTree(keep.kept()));
      KeepIntervals iv = keep.intervals();
      count(j, "storedBytes", keep.storedBytes(), iv.storedBytes(), e);
      count(j, "storedChunks", keep.storedChunks(), iv.storedChunks(), e);
      count(j, "freedBytes", keep.freedBytes(), iv.freedBytes(), e);
      count(j, "freedChunks", keep.freedChunks(), iv.freedChunks(), e);
      o.add("keep", j);
    }
    JsonObject c = new JsonObject();
    c.addProperty("mode", mode.label());
    c.addProperty("estimated", e);
    if (mode != CountingMode.EXACT) {
      c.addProperty("samplingRate", samplingRate);
      c.addProperty("keptEntries", keptEntries);
      c.addProperty("confidence", CONFIDENCE);
    }
    o.add("setCounting", c);
    return gson.toJson(o);
  }

  private static void count(JsonObject j, String name, long value, Interval i, boolean estimate) {
    j.addProperty(name, value);
    if (estimate) {
      j.addProperty(name + "Low", (long) Math.floor(i.low()));
      j.addProperty(name + "High", (long) Math.ceil(i.high()));
    }
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /**
   * As text: a table of the sets, the matrix of shared bytes, the retention answer; estimates are
   * said to be, with each figure's 95% interval as a relative half-width under it.
   *
   * @return the text
   */
  public String toText() {
    boolean e = isEstimate();
    StringBuilder b = new StringBuilder();
    if (e) {
      b.append(String.format(Locale.ROOT, "Estimates from a content-based sample of %s of the"
          + " distinct chunks (%,d kept); under each, its 95%% interval as +-%% of it%n",
          rate(samplingRate), keptEntries));
    }
    String row = "%-16s %12s %12s %12s %12s %12s%n";
    b.append(String.format(Locale.ROOT, row, "Set", "Bytes", "Unique", "Exclusive", "Added",
        "Stored"));
    for (SetFigures s : sets) {
      b.append(String.format(Locale.ROOT, row, s.name(), Sizes.format(s.bytes()),
          Sizes.format(s.uniqueBytes()), Sizes.format(s.exclusiveBytes()),
          Sizes.format(s.addedBytes()), Sizes.format(s.storedBytes())));
      if (e) {
        SetIntervals iv = s.intervals();
        b.append(String.format(Locale.ROOT, row, "", "", pm(iv.uniqueBytes()),
            pm(iv.exclusiveBytes()), pm(iv.addedBytes()), pm(iv.storedBytes())));
      }
    }
    if (!pairs.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%nShared (bytes of distinct chunks in both; Jaccard)%n"));
      for (Pair p : pairs) {
        b.append(String.format(Locale.ROOT, "%-16s %-16s %12s  %.4f", p.a(), p.b(),
            Sizes.format(p.sharedBytes()), p.jaccard()));
        if (e) {
          b.append(String.format(Locale.ROOT, "  (%s; Jaccard %.4f..%.4f)",
              pm(p.intervals().sharedBytes()).trim(), p.intervals().jaccard().low(),
              p.intervals().jaccard().high()));
        }
        b.append(System.lineSeparator());
      }
    }
    if (keep != null) {
      b.append(String.format(Locale.ROOT, "%nKeeping %s: %s stored; deleting the others frees %s%n",
          String.join(", ", keep.kept()), Sizes.format(keep.storedBytes()),
          Sizes.format(keep.freedBytes())));
      if (e) {
        b.append(String.format(Locale.ROOT, "  (stored %s, freed %s)%n",
            pm(keep.intervals().storedBytes()).trim(), pm(keep.intervals().freedBytes()).trim()));
      }
    }
    return b.toString();
  }

  /** An interval as +-% of its estimate (the larger side). */
  private static String pm(Interval i) {
    if (i.estimate() <= 0) {
      return i.high() <= 0 ? "+-0" : "<= " + Sizes.format(Math.round(i.high()));
    }
    double r = Math.max(i.high() - i.estimate(), i.estimate() - i.low()) / i.estimate();
    return String.format(Locale.ROOT, "+-%.1f%%", 100 * r);
  }

  /** A rate 2^-k as "1/2^k" (or "all"). */
  private static String rate(double p) {
    return p >= 1 ? "all" : String.format(Locale.ROOT, "1/%d", Math.round(1 / p));
  }
}
