package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What data sets share and what each adds or frees, from exact summaries saved apart (one summary
 * per set, in the order given): per set its logical size, its distinct chunks, those in no other
 * set (what deleting it frees), those in no earlier set (what storing it after the earlier ones
 * adds: the backup-series view) and the store's size after it; per pair of sets the distinct chunks
 * in both and their Jaccard index; and for a set of sets to keep, the stored bytes of their union
 * and what the others would free. Computed in one streaming pass over the summaries' sorted
 * fingerprints, in memory that does not grow with them.
 *
 * <pre>{@code
 * SetOverlap o = SetOverlap.of(List.of(Path.of("mon.d4js"), Path.of("tue.d4js")),
 *     List.of("mon", "tue"), List.of("tue"));
 * System.out.print(o.toText());
 * }</pre>
 */
public final class SetOverlap {

  /** The most sets: one bit of a 64-bit mask per distinct chunk while the summaries stream. */
  public static final int MAX_SETS = 64;

  /**
   * One data set's figures.
   *
   * @param name the set's name
   * @param bytes its logical bytes
   * @param chunks its chunks
   * @param uniqueBytes bytes of its distinct chunks (the set deduplicated alone)
   * @param uniqueChunks its distinct chunks
   * @param exclusiveBytes bytes of its distinct chunks in no other set (what deleting it frees)
   * @param exclusiveChunks those chunks
   * @param addedBytes bytes of its distinct chunks in no earlier set (what storing it adds)
   * @param addedChunks those chunks
   * @param storedBytes the store's distinct bytes after this set and the earlier ones
   */
  public record SetFigures(String name, long bytes, long chunks, long uniqueBytes,
      long uniqueChunks, long exclusiveBytes, long exclusiveChunks, long addedBytes,
      long addedChunks, long storedBytes) {}

  /**
   * What two sets share.
   *
   * @param a the first set's name (earlier in the order given)
   * @param b the second's
   * @param sharedBytes bytes of the distinct chunks in both
   * @param sharedChunks those chunks
   * @param jaccard shared chunks over the distinct chunks of either (0 when both are empty)
   */
  public record Pair(String a, String b, long sharedBytes, long sharedChunks, double jaccard) {}

  /**
   * The retention question: keep some sets, delete the others.
   *
   * @param kept the sets kept
   * @param storedBytes distinct bytes of the kept sets together
   * @param storedChunks their distinct chunks
   * @param freedBytes distinct bytes only the other sets hold (what deleting them frees)
   * @param freedChunks those chunks
   */
  public record Keep(List<String> kept, long storedBytes, long storedChunks, long freedBytes,
      long freedChunks) {}

  private final List<SetFigures> sets;
  private final List<Pair> pairs;
  private final Keep keep;

  private SetOverlap(List<SetFigures> sets, List<Pair> pairs, Keep keep) {
    this.sets = List.copyOf(sets);
    this.pairs = List.copyOf(pairs);
    this.keep = keep;
  }

  /**
   * Reads exact summaries, one per set, and computes their overlap.
   *
   * @param files the summaries (scan --save), in the order of the series
   * @param names their sets' names, as many and in the same order, distinct
   * @param keep names of sets to keep for the retention answer, or empty
   * @return the overlap
   * @throws IOException if a summary is unreadable, corrupt or truncated (the message names it)
   * @throws IllegalArgumentException if a summary is not exact, they do not match (chunker, hasher,
   *     percent sample), there are more than {@value #MAX_SETS}, names repeat, or a kept name is
   *     not one of them
   */
  public static SetOverlap of(List<Path> files, List<String> names, Collection<String> keep)
      throws IOException {
    checkArgument(!files.isEmpty(), "no summaries");
    checkArgument(files.size() <= MAX_SETS, "%s summaries; at most %s sets (one bit each while the"
        + " fingerprints stream)", files.size(), MAX_SETS);
    checkArgument(names.size() == files.size(), "%s names for %s summaries", names.size(),
        files.size());
    checkArgument(names.stream().distinct().count() == names.size(),
        "two sets have the same name: %s; give each summary its own name", names);
    long keepMask = 0;
    for (String k : keep) {
      int i = names.indexOf(k);
      checkArgument(i >= 0, "--keep %s: no set of that name (the sets are %s)", k, names);
      keepMask |= 1L << i;
    }
    int n = files.size();
    Acc acc = new Acc(n, keepMask);
    List<DedupSummary> tops = DedupSummary.members(files, acc::accept);
    List<SetFigures> sets = new ArrayList<>();
    long stored = 0;
    for (int i = 0; i < n; i++) {
      stored += acc.addedBytes[i];
      sets.add(new SetFigures(names.get(i), tops.get(i).bytes(), tops.get(i).chunks(),
          acc.uniqueBytes[i], acc.uniqueChunks[i], acc.exclusiveBytes[i], acc.exclusiveChunks[i],
          acc.addedBytes[i], acc.addedChunks[i], stored));
    }
    List<Pair> pairs = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        long shared = acc.sharedChunks[a][b];
        long either = acc.uniqueChunks[a] + acc.uniqueChunks[b] - shared;
        pairs.add(new Pair(names.get(a), names.get(b), acc.sharedBytes[a][b], shared,
            either == 0 ? 0 : (double) shared / either));
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if ((keepMask >>> i & 1) != 0) {
        kept.add(names.get(i));
      }
    }
    Keep k = keep.isEmpty() ? null : new Keep(kept, acc.keptBytes, acc.keptChunks,
        acc.freedBytes, acc.freedChunks);
    return new SetOverlap(sets, pairs, k);
  }

  /** Sums per set and per pair as the fingerprints stream by. */
  private static final class Acc {
    final long keepMask;
    final long[] uniqueBytes;
    final long[] uniqueChunks;
    final long[] exclusiveBytes;
    final long[] exclusiveChunks;
    final long[] addedBytes;
    final long[] addedChunks;
    final long[][] sharedBytes;
    final long[][] sharedChunks;
    long keptBytes;
    long keptChunks;
    long freedBytes;
    long freedChunks;

    Acc(int n, long keepMask) {
      this.keepMask = keepMask;
      uniqueBytes = new long[n];
      uniqueChunks = new long[n];
      exclusiveBytes = new long[n];
      exclusiveChunks = new long[n];
      addedBytes = new long[n];
      addedChunks = new long[n];
      sharedBytes = new long[n][n];
      sharedChunks = new long[n][n];
    }

    void accept(long mask, int length) {
      int first = Long.numberOfTrailingZeros(mask);
      addedBytes[first] += length;
      addedChunks[first]++;
      if (Long.bitCount(mask) == 1) {
        exclusiveBytes[first] += length;
        exclusiveChunks[first]++;
      }
      for (long m = mask; m != 0; m &= m - 1) {
        int a = Long.numberOfTrailingZeros(m);
        uniqueBytes[a] += length;
        uniqueChunks[a]++;
        for (long r = m & (m - 1); r != 0; r &= r - 1) {
          int b = Long.numberOfTrailingZeros(r);
          sharedBytes[a][b] += length;
          sharedChunks[a][b]++;
        }
      }
      if ((mask & keepMask) != 0) {
        keptBytes += length;
        keptChunks++;
      } else {
        freedBytes += length;
        freedChunks++;
      }
    }
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
   * Pair}'s) and, with sets to keep, {@code keep}.
   *
   * @return the JSON text
   */
  public String toJson() {
    Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    JsonObject o = new JsonObject();
    JsonArray s = new JsonArray();
    sets.forEach(x -> s.add(gson.toJsonTree(x)));
    o.add("sets", s);
    JsonArray p = new JsonArray();
    for (Pair x : pairs) {
      JsonObject j = new JsonObject();
      j.addProperty("a", x.a());
      j.addProperty("b", x.b());
      j.addProperty("sharedBytes", x.sharedBytes());
      j.addProperty("sharedChunks", x.sharedChunks());
      j.addProperty("jaccard", Math.round(x.jaccard() * 1e6) / 1e6);
      p.add(j);
    }
    o.add("overlap", p);
    if (keep != null) {
      o.add("keep", gson.toJsonTree(keep));
    }
    return gson.toJson(o);
  }

  /**
   * As text: a table of the sets, the matrix of shared bytes, the retention answer.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-16s %12s %12s %12s %12s %12s%n", "Set", "Bytes",
        "Unique", "Exclusive", "Added", "Stored"));
    for (SetFigures s : sets) {
      b.append(String.format(Locale.ROOT, "%-16s %12s %12s %12s %12s %12s%n", s.name(),
          org.dedup4j.spi.Sizes.format(s.bytes()), org.dedup4j.spi.Sizes.format(s.uniqueBytes()),
          org.dedup4j.spi.Sizes.format(s.exclusiveBytes()), org.dedup4j.spi.Sizes.format(s.addedBytes()),
          org.dedup4j.spi.Sizes.format(s.storedBytes())));
    }
    if (!pairs.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%nShared (bytes of distinct chunks in both; Jaccard)%n"));
      for (Pair p : pairs) {
        b.append(String.format(Locale.ROOT, "%-16s %-16s %12s  %.4f%n", p.a(), p.b(),
            org.dedup4j.spi.Sizes.format(p.sharedBytes()), p.jaccard()));
      }
    }
    if (keep != null) {
      b.append(String.format(Locale.ROOT, "%nKeeping %s: %s stored; deleting the others frees %s%n",
          String.join(", ", keep.kept()), org.dedup4j.spi.Sizes.format(keep.storedBytes()),
          org.dedup4j.spi.Sizes.format(keep.freedBytes())));
    }
    return b.toString();
  }
}
