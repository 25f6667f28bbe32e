package org.dedup4j;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.dedup4j.spi.Sizes;

/**
 * The result of a scan: how many bytes and chunks were read, how many were unique, and the ratios
 * that follow. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().build().scan(Path.of("disk.img"));
 * System.out.printf("%.2f:1 over %d bytes%n", r.dedupeRatio(), r.bytes());
 * System.out.println(r.toJson());
 * }</pre>
 *
 * <h2>What the numbers mean</h2>
 *
 * <ul>
 *   <li>{@link #bytes()}, {@link #chunks()}: everything read.
 *   <li>{@link #sampledChunks()}, {@link #sampledBytes()}: the chunks that were fingerprinted; all of
 *       them unless the percent mode sampled.
 *   <li>{@link #uniqueChunks()}, {@link #uniqueBytes()}: distinct fingerprints among the sampled
 *       chunks, and their bytes counted once.
 *   <li>{@link #dedupeRatio()} = sampled bytes / unique bytes; {@link #chunkRatio()} = sampled
 *       chunks / unique chunks (the original script's "Dedupability"). In percent mode these are the
 *       <em>sample's</em> ratios, which understate the whole data's ratio: a duplicate is only seen
 *       when its twin is sampled too.
 *   <li>{@link #compression()}: when the scan was asked to compress, one {@link
 *       CompressionEstimate} per compression over the unique non-zero chunks (a sample chosen by
 *       fingerprint, or all of them), with its interval.
 *   <li>{@link #dataReductionRatio()} = sampled bytes / (unique non-zero bytes x the first
 *       compression's stored fraction): dedupe times compression, as arrays report it; all-zero
 *       chunks are not stored. Its interval comes from the stored fraction's; the dedupe part is
 *       exact.
 * </ul>
 *
 * <p>JSON field names are stable; new fields may be added, none are renamed or removed within a
 * major version.
 */
public final class DedupReport {

  /** One row of the reference-count histogram, as ZFS's {@code zdb -S} prints its dedup table. */
  public record RefcountBucket(
      long refcount, long chunks, long bytes, long referencedChunks, long referencedBytes) {}

  /** Chunks by size in power-of-two buckets: {@code size} to {@code 2 * size - 1} bytes. */
  public record SizeBucket(long size, long chunks, long bytes) {}

  /**
   * An input that was not read, or not read completely, and why.
   *
   * @param path the input
   * @param reason why, in a few words
   * @param kind whether data was lost ({@link Kind#FAILED}) or left out by the rules of the scan
   */
  public record Skipped(String path, String reason, Kind kind) {

    /** Whether a skipped input means data is missing from the counts. */
    public enum Kind {
      /** It could not be read, or not completely: the counts lack some of its data. */
      FAILED,
      /**
       * Left out on purpose, no data lost: a symbolic link not followed, a special file met inside a
       * directory, a file reached a second time (named twice, or through a link).
       */
      EXCLUDED
    }

    /**
     * A failure.
     *
     * @param path the input
     * @param reason why
     */
    public Skipped(String path, String reason) {
      this(path, reason, Kind.FAILED);
    }

    /** Whether this is a {@link Kind#FAILED} entry: data is missing from the counts. */
    public boolean failed() {
      return kind == Kind.FAILED;
    }
  }

  private final String chunker;
  private final String hasher;
  private final int threads;
  private final String io;
  private final long files;
  private final long bytes;
  private final long chunks;
  private final long sampledChunks;
  private final long sampledBytes;
  private final long uniqueChunks;
  private final long uniqueBytes;
  private final long zeroChunks;
  private final long zeroBytes;
  private final long tableBytes;
  private final long elapsedNanos;
  private final double samplePercent;
  private final long sampleSeed;
  private final ImmutableList<Skipped> skipped;
  private final ImmutableList<RefcountBucket> refcountHistogram;
  private final ImmutableList<SizeBucket> chunkSizeHistogram;
  private final long minChunkSize;
  private final long maxChunkSize;
  private final long uniqueZeroBytes;
  private final ImmutableList<CompressionEstimate> compression;
  // Estimation (counting modes, percent-mode estimates): see the block "Counting and estimates".
  private final CountingStats counting;
  private final ImmutableList<PercentEstimate> estimates;

  private DedupReport(Builder b) {
    this.chunker = requireNonNull(b.chunker, "chunker");
    this.hasher = requireNonNull(b.hasher, "hasher");
    this.threads = b.threads;
    this.io = b.io;
    this.files = b.files;
    this.bytes = b.bytes;
    this.chunks = b.chunks;
    this.sampledChunks = b.sampledChunks;
    this.sampledBytes = b.sampledBytes;
    this.uniqueChunks = b.uniqueChunks;
    this.uniqueBytes = b.uniqueBytes;
    this.zeroChunks = b.zeroChunks;
    this.zeroBytes = b.zeroBytes;
    this.tableBytes = b.tableBytes;
    this.elapsedNanos = b.elapsedNanos;
    this.samplePercent = b.samplePercent;
    this.sampleSeed = b.sampleSeed;
    this.skipped = ImmutableList.copyOf(b.skipped);
    this.refcountHistogram = ImmutableList.copyOf(b.refcountHistogram);
    this.chunkSizeHistogram = ImmutableList.copyOf(b.chunkSizeHistogram);
    this.minChunkSize = b.minChunkSize;
    this.maxChunkSize = b.maxChunkSize;
    this.uniqueZeroBytes = b.uniqueZeroBytes;
    this.compression = ImmutableList.copyOf(b.compression);
    this.counting = b.counting != null ? b.counting : exactCounting(b);
    this.estimates = ImmutableList.copyOf(b.estimates);
  }

  /** A builder, for engines and tools that assemble reports (merging, tests). */
  public static Builder builder() {
    return new Builder();
  }

  /** The chunker's canonical spec. */
  public String chunker() {
    return chunker;
  }

  /** The hasher's canonical spec. */
  public String hasher() {
    return hasher;
  }

  /** Threads the scan used. */
  public int threads() {
    return threads;
  }

  /** How files were read: {@code read} or {@code mmap}. */
  public String io() {
    return io;
  }

  /** Inputs read (files, streams, buffers), including any read only in part. */
  public long files() {
    return files;
  }

  /** Bytes read. */
  public long bytes() {
    return bytes;
  }

  /** Chunks cut. */
  public long chunks() {
    return chunks;
  }

  /** Chunks fingerprinted: all of them, or the sample in percent mode. */
  public long sampledChunks() {
    return sampledChunks;
  }

  /** Bytes of the chunks fingerprinted. */
  public long sampledBytes() {
    return sampledBytes;
  }

  /** Distinct fingerprints among the sampled chunks. */
  public long uniqueChunks() {
    return uniqueChunks;
  }

  /** Bytes of the distinct chunks, each counted once. */
  public long uniqueBytes() {
    return uniqueBytes;
  }

  /** Sampled chunks whose bytes are all zero (counted with repetition). */
  public long zeroChunks() {
    return zeroChunks;
  }

  /** Bytes of the zero chunks. */
  public long zeroBytes() {
    return zeroBytes;
  }

  /** Memory held by the fingerprint table at the end of the scan. */
  public long tableBytes() {
    return tableBytes;
  }

  /** Wall-clock time of the scan in nanoseconds. */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Wall-clock time of the scan in seconds. */
  public double elapsedSeconds() {
    return elapsedNanos / 1e9;
  }

  /** Bytes read per second of wall-clock time; 0 when nothing was read. */
  public double bytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytes / elapsedSeconds();
  }

  /** Whether the percent mode sampled chunks (samplePercent below 100). */
  public boolean isSampled() {
    return samplePercent < 100;
  }

  /** Percentage of chunks sampled: 100 for a full scan. */
  public double samplePercent() {
    return samplePercent;
  }

  /** Seed of the sample. */
  public long sampleSeed() {
    return sampleSeed;
  }

  /** Sampled bytes / unique bytes; {@code NaN} when nothing was sampled. */
  public double dedupeRatio() {
    return uniqueBytes == 0 ? Double.NaN : (double) sampledBytes / uniqueBytes;
  }

  /** Sampled chunks / unique chunks, the original script's "Dedupability"; {@code NaN} when empty. */
  public double chunkRatio() {
    return uniqueChunks == 0 ? Double.NaN : (double) sampledChunks / uniqueChunks;
  }

  /** Inputs not read, or read only in part, with reasons. */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** The {@link Skipped.Kind#FAILED} entries of {@link #skipped()}: inputs whose data is missing. */
  public List<Skipped> failures() {
    return skipped.stream().filter(Skipped::failed).toList();
  }

  /**
   * Unique chunks by reference count in power-of-two buckets as {@code zdb -S} prints them: a row
   * labelled {@code r} holds the chunks referenced {@code r} to {@code 2r - 1} times (1, 2-3, 4-7, ...).
   */
  public List<RefcountBucket> refcountHistogram() {
    return refcountHistogram;
  }

  /**
   * Sampled chunks (all chunks unless the percent mode sampled) by size, in power-of-two buckets.
   */
  public List<SizeBucket> chunkSizeHistogram() {
    return chunkSizeHistogram;
  }

  /** Mean size of all chunks read; {@code NaN} when none were. */
  public double meanChunkSize() {
    return chunks == 0 ? Double.NaN : (double) bytes / chunks;
  }

  /** Smallest sampled chunk; 0 when none. */
  public long minChunkSize() {
    return minChunkSize;
  }

  /** Largest sampled chunk; 0 when none. */
  public long maxChunkSize() {
    return maxChunkSize;
  }

  /**
   * Bytes of the unique all-zero chunks (one per distinct length), which storage systems do not
   * store; known when the scan compressed, else 0.
   */
  public long uniqueZeroBytes() {
    return uniqueZeroBytes;
  }

  /** One estimate per compression the scan was asked for; empty when none. */
  public List<CompressionEstimate> compression() {
    return compression;
  }

  /**
   * Dedupe times compression under the first compression: sampled bytes / (unique non-zero bytes x
   * stored fraction); {@code NaN} when the scan did not compress or stored nothing.
   */
  public double dataReductionRatio() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), 0);
  }

  /** Lower end of the data reduction ratio's interval (from the stored fraction's upper end). */
  public double dataReductionRatioLow() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), 1);
  }

  /** Upper end of the data reduction ratio's interval; infinite when unbounded. */
  public double dataReductionRatioHigh() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), -1);
  }

  /**
   * The data reduction ratio under one of this report's compressions.
   *
   * @param e one of {@link #compression()}
   * @return sampled bytes / (unique non-zero bytes x its stored fraction)
   */
  public double dataReductionRatio(CompressionEstimate e) {
    return dataReductionRatio(e, 0);
  }

  /** end: 0 the estimate, 1 the low ratio (high fraction), -1 the high ratio (low fraction). */
  private double dataReductionRatio(CompressionEstimate e, int end) {
    double f = end == 0 ? e.storedFraction()
        : end > 0 ? e.storedFractionHigh() : e.storedFractionLow();
    long stored = uniqueBytes - uniqueZeroBytes;
    if (sampledBytes == 0) {
      return Double.NaN;
    }
    if (stored == 0) {
      return Double.POSITIVE_INFINITY; // only zeros: nothing is stored
    }
    if (Double.isNaN(f)) {
      return Double.NaN;
    }
    return f <= 0 ? Double.POSITIVE_INFINITY : sampledBytes / (stored * f);
  }

  /**
   * The report as JSON with stable field names.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      writeJson(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the report as one JSON object.
   *
   * @param w the writer, positioned where a value may start
   * @throws IOException if the writer fails
   */
  public void writeJson(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("bytes").value(bytes);
    w.name("chunks").value(chunks);
    w.name("uniqueChunks").value(uniqueChunks);
    w.name("uniqueBytes").value(uniqueBytes);
    w.name("zeroChunks").value(zeroChunks);
    w.name("zeroBytes").value(zeroBytes);
    ratio(w.name("dedupeRatio"), dedupeRatio());
    ratio(w.name("chunkRatio"), chunkRatio());
    CompressionEstimate.json(w.name("dataReductionRatio"), dataReductionRatio());
    CompressionEstimate.json(w.name("dataReductionRatioLow"), dataReductionRatioLow());
    CompressionEstimate.json(w.name("dataReductionRatioHigh"), dataReductionRatioHigh());
    w.name("compression").beginArray();
    for (CompressionEstimate e : compression) {
      w.beginObject();
      e.writeFields(w);
      CompressionEstimate.json(w.name("dataReductionRatio"), dataReductionRatio(e, 0));
      CompressionEstimate.json(w.name("dataReductionRatioLow"), dataReductionRatio(e, 1));
      CompressionEstimate.json(w.name("dataReductionRatioHigh"), dataReductionRatio(e, -1));
      w.endObject();
    }
    w.endArray();
    w.name("uniqueZeroBytes").value(uniqueZeroBytes);
    w.name("sampledChunks").value(sampledChunks);
    w.name("sampledBytes").value(sampledBytes);
    w.name("samplePercent").value(samplePercent);
    if (isSampled()) {
      w.name("sampleSeed").value(sampleSeed);
    }
    w.name("tableBytes").value(tableBytes);
    w.name("elapsedSeconds").value(elapsedSeconds());
    w.name("bytesPerSecond").value(Math.round(bytesPerSecond()));
    w.name("chunker").value(chunker);
    w.name("hasher").value(hasher);
    w.name("threads").value(threads);
    w.name("io").value(io);
    w.name("files").value(files);
    writeSkipped(w, skipped);
    w.name("refcountHistogram").beginArray();
    for (RefcountBucket b : refcountHistogram) {
      w.beginObject()
          .name("refcount").value(b.refcount())
          .name("chunks").value(b.chunks())
          .name("bytes").value(b.bytes())
          .name("referencedChunks").value(b.referencedChunks())
          .name("referencedBytes").value(b.referencedBytes())
          .endObject();
    }
    w.endArray();
    ratio(w.name("meanChunkSize"), meanChunkSize());
    w.name("minChunkSize").value(minChunkSize);
    w.name("maxChunkSize").value(maxChunkSize);
    w.name("chunkSizeHistogram").beginArray();
    for (SizeBucket b : chunkSizeHistogram) {
      w.beginObject()
          .name("size").value(b.size())
          .name("chunks").value(b.chunks())
          .name("bytes").value(b.bytes())
          .endObject();
    }
    w.endArray();
    writeCountingJson(w);
    w.endObject();
  }

  private static void ratio(JsonWriter w, double r) throws IOException {
    if (Double.isNaN(r)) {
      w.nullValue();
    } else {
      w.value(Math.round(r * 1e6) / 1e6);
    }
  }

  /**
   * The report as text: the original script's lines first, then sizes, zero chunks, the
   * reference-count histogram and anything skipped.
   *
   * @return lines of text ending in a newline
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    line(sb, "Chunker", chunker + ", hasher " + hasher);
    line(sb, "File blocks", String.valueOf(chunks));
    line(
        sb,
        "Evaluated blocks",
        sampledChunks + (isSampled()
            ? String.format(Locale.ROOT, " (%.4g%% sample, seed %d)", samplePercent, sampleSeed)
            : ""));
    line(sb, "Total unique", String.valueOf(uniqueChunks));
    line(sb, isSampled() ? "Dedupability (sample)" : "Dedupability", ratioText(chunkRatio()) + ":1");
    line(
        sb,
        isSampled() ? "Dedupe ratio (sample)" : "Dedupe ratio",
        ratioText(dedupeRatio()) + ":1  (" + Sizes.format(sampledBytes) + " -> "
            + Sizes.format(uniqueBytes) + " unique)");
    for (int i = 0; i < compression.size(); i++) {
      CompressionEstimate e = compression.get(i);
      line(sb, i == 0 ? "Compression" : "", e.spec() + "  " + e.describe("unique chunks"));
    }
    if (!compression.isEmpty()) {
      CompressionEstimate e = compression.get(0);
      String range = e.exact() ? "exact compression" : String.format(Locale.ROOT, "%s..%s at %s%%",
          CompressionEstimate.x(dataReductionRatioLow()),
          CompressionEstimate.x(dataReductionRatioHigh()), CompressionEstimate.percent(e.confidence()));
      line(sb, "Data reduction", CompressionEstimate.x(dataReductionRatio()) + "  (" + range
          + "; dedupe x " + e.codec() + ")");
    }
    if (isSampled()) {
      sb.append("  note: a sample's ratio understates the whole: a duplicate counts only when its\n"
          + "        twin is sampled too.\n");
    }
    if (chunks > 0) {
      line(sb, "Chunk sizes", String.format(Locale.ROOT, "mean %s, min %s, max %s",
          Sizes.format(Math.round(meanChunkSize())), Sizes.format(minChunkSize),
          Sizes.format(maxChunkSize)));
    }
    line(sb, "Zero blocks", zeroChunks + " (" + Sizes.format(zeroBytes) + ")");
    line(sb, "Hashtable", String.format(Locale.ROOT, "%.2f MB", tableBytes / 1e6)
        + (uniqueChunks == 0 ? "" : String.format(Locale.ROOT, " (%.1f bytes per unique block)",
            (double) tableBytes / uniqueChunks)));
    line(sb, "Time", String.format(Locale.ROOT, "%.3f s, %s/s over %s in %d input(s), %d thread(s), %s",
        elapsedSeconds(), Sizes.format(Math.round(bytesPerSecond())), Sizes.format(bytes), files,
        threads, io));
    if (!refcountHistogram.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nRefcount histogram (unique blocks by references)%n"));
      sb.append(String.format(Locale.ROOT, "%8s %12s %12s %12s %12s%n",
          "refcnt", "blocks", "bytes", "ref blocks", "ref bytes"));
      for (RefcountBucket b : refcountHistogram) {
        sb.append(String.format(Locale.ROOT, "%8d %12d %12s %12d %12s%n", b.refcount(), b.chunks(),
            Sizes.format(b.bytes()), b.referencedChunks(), Sizes.format(b.referencedBytes())));
      }
    }
    appendCountingText(sb);
    appendSkipped(sb, skipped);
    return sb.toString();
  }

  /** The {@code skipped} array, with each entry's kind. */
  static void writeSkipped(JsonWriter w, List<Skipped> skipped) throws IOException {
    w.name("skipped").beginArray();
    for (Skipped s : skipped) {
      w.beginObject()
          .name("path").value(s.path())
          .name("reason").value(s.reason())
          .name("kind").value(s.kind().name().toLowerCase(Locale.ROOT))
          .endObject();
    }
    w.endArray();
  }

  /** Failures first, then what was left out on purpose (the first 20 of those). */
  static void appendSkipped(StringBuilder sb, List<Skipped> skipped) {
    List<Skipped> failures = skipped.stream().filter(Skipped::failed).toList();
    if (!failures.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nNot read, or read in part (%d)%n", failures.size()));
      for (Skipped s : failures) {
        sb.append("  ").append(s.path()).append(": ").append(s.reason()).append('\n');
      }
    }
    List<Skipped> excluded = skipped.stream().filter(s -> !s.failed()).toList();
    if (!excluded.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nLeft out, no data lost (%d)%n", excluded.size()));
      int shown = Math.min(excluded.size(), 20);
      for (Skipped s : excluded.subList(0, shown)) {
        sb.append("  ").append(s.path()).append(": ").append(s.reason()).append('\n');
      }
      if (shown < excluded.size()) {
        sb.append(String.format(Locale.ROOT, "  ... and %d more (all of them are in the JSON report)%n",
            excluded.size() - shown));
      }
    }
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-22s %s%n", label.isEmpty() ? "" : label + ":", value));
  }

  private static String ratioText(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }

  // ---- Counting and estimates ----------------------------------------------------------------

  /**
   * How the unique counts were obtained: the {@link CountingMode}, the counter's memory and spill,
   * and for the estimating modes the sampling rate and 95% intervals. In sample and sketch mode
   * {@link #uniqueChunks()}, {@link #uniqueBytes()}, {@link #refcountHistogram()} and the ratios are
   * the point estimates of these intervals.
   */
  public CountingStats counting() {
    return counting;
  }

  /**
   * Percent mode: estimates of the whole data's unique chunks from the sample's frequency counts,
   * GEE first, then Chao-Lee; empty for a full scan.
   */
  public List<PercentEstimate> estimates() {
    return estimates;
  }

  /** Percent mode: the GEE estimate of the whole data, or null for a full scan. */
  public PercentEstimate estimate() {
    return estimates.isEmpty() ? null : estimates.get(0);
  }

  private static CountingStats exactCounting(Builder b) {
    return new CountingStats(CountingMode.EXACT, b.tableBytes, 0, 0, 0, 0, 1, b.uniqueChunks, 0,
        Interval.exact(b.uniqueChunks), Interval.exact(b.uniqueBytes),
        Interval.exact(b.uniqueBytes == 0 ? Double.NaN : (double) b.sampledBytes / b.uniqueBytes),
        b.refcountHistogram.stream().map(r -> Interval.exact(r.chunks())).toList(), 0, 0, null);
  }

  private void writeCountingJson(JsonWriter w) throws IOException {
    CountingStats c = counting;
    w.name("mode").value(c.mode().label());
    w.name("counting").beginObject();
    w.name("mode").value(c.mode().label());
    w.name("counterBytes").value(c.counterBytes());
    if (c.mode() == CountingMode.EXACT) {
      w.name("memoryBudget").value(c.memoryBudget());
      w.name("spillRuns").value(c.spillRuns());
      w.name("spillBytes").value(c.spillBytes());
      w.name("spillSeconds").value(c.spillNanos() / 1e9);
    } else {
      w.name("samplingRate").value(c.samplingRate());
      w.name("keptEntries").value(c.keptEntries());
      w.name("maxEntries").value(c.maxEntries());
      interval(w, "uniqueChunks", c.uniqueChunks());
      interval(w, "uniqueBytes", c.uniqueBytes());
      interval(w, "dedupeRatio", c.dedupeRatio());
      w.name("refcountHistogram").beginArray();
      for (int i = 0; i < c.refcountHistogram().size(); i++) {
        Interval r = c.refcountHistogram().get(i);
        w.beginObject().name("refcount").value(refcountHistogram.get(i).refcount());
        interval(w, "chunks", r);
        w.endObject();
      }
      w.endArray();
      if (c.mode() == CountingMode.SKETCH) {
        w.name("sketchPrecision").value(c.sketchPrecision());
        w.name("sketchRelativeStandardError").value(c.sketchRelativeStandardError());
      }
    }
    if (c.plan() != null) {
      ScanPlan p = c.plan();
      w.name("plan").beginObject()
          .name("bytes").value(p.bytes())
          .name("chunks").value(p.chunks());
      interval(w, "uniqueChunks", p.uniqueChunks());
      w.name("exactMemoryBytes").value(p.exactMemoryBytes())
          .name("exactMemoryHighBytes").value(p.exactMemoryHighBytes())
          .name("memoryBudget").value(p.memoryBudget())
          .name("samplePercent").value(p.samplePercent())
          .name("choice").value(p.choice().label())
          .name("reason").value(p.reason())
          .endObject();
    }
    w.endObject();
    if (!estimates.isEmpty()) {
      w.name("estimate");
      writeEstimate(w, estimates.get(0));
      w.name("estimates").beginArray();
      for (PercentEstimate e : estimates) {
        writeEstimate(w, e);
      }
      w.endArray();
    }
  }

  private static void writeEstimate(JsonWriter w, PercentEstimate e) throws IOException {
    w.beginObject().name("method").value(e.method());
    w.name("uniqueChunks").value(Math.round(e.uniqueChunks()));
    w.name("uniqueChunksLow").value(Math.round(e.uniqueChunksLow()));
    w.name("uniqueChunksHigh").value(Math.round(e.uniqueChunksHigh()));
    ratio(w.name("dedupeRatio"), e.dedupeRatio());
    ratio(w.name("dedupeRatioLow"), e.dedupeRatioLow());
    ratio(w.name("dedupeRatioHigh"), e.dedupeRatioHigh());
    w.name("bound").value(e.bound());
    w.endObject();
  }

  private static void interval(JsonWriter w, String name, Interval i) throws IOException {
    ratio(w.name(name), i.estimate());
    ratio(w.name(name + "Low"), i.low());
    ratio(w.name(name + "High"), i.high());
  }

  private void appendCountingText(StringBuilder sb) {
    CountingStats c = counting;
    if (c.plan() != null) {
      sb.append('\n').append(c.plan().toText());
    }
    if (c.mode() == CountingMode.EXACT) {
      if (c.spillRuns() > 0) {
        line(sb, "Counting", String.format(Locale.ROOT,
            "exact, spilled %d sorted run(s), %s to disk in %.3f s (memory budget %s)",
            c.spillRuns(), Sizes.format(c.spillBytes()), c.spillNanos() / 1e9,
            Sizes.format(c.memoryBudget())));
      }
    } else if (c.samplingRate() == 1) {
      line(sb, "Counting", String.format(Locale.ROOT,
          "%s: every distinct chunk fit the table (%d of %d), so the counts are exact",
          c.mode().label(), c.keptEntries(), c.maxEntries()));
    } else {
      line(sb, "Counting", String.format(Locale.ROOT,
          "%s: kept %d distinct chunks at rate 1/%.0f in %s; figures above are estimates",
          c.mode().label(), c.keptEntries(), 1 / c.samplingRate(), Sizes.format(c.counterBytes())));
      line(sb, "Unique chunks (95%)", range(c.uniqueChunks(), "%.0f")
          + (c.mode() == CountingMode.SKETCH ? String.format(Locale.ROOT,
              " (sketch, relative standard error %.2f%%)", 100 * c.sketchRelativeStandardError())
              : ""));
      line(sb, "Unique bytes (95%)", range(c.uniqueBytes(), "%.0f"));
      line(sb, "Dedupe ratio (95%)", range(c.dedupeRatio(), "%.3f"));
    }
    if (!estimates.isEmpty()) {
      sb.append(String.format(Locale.ROOT,
          "%nWhole data, estimated from the %.4g%% sample's frequency counts:%n", samplePercent));
      for (PercentEstimate e : estimates) {
        line(sb, "  " + e.method(), String.format(Locale.ROOT,
            "%.0f unique chunks (%.0f..%.0f), dedupe %s:1 (%s..%s)", e.uniqueChunks(),
            e.uniqueChunksLow(), e.uniqueChunksHigh(), ratioText(e.dedupeRatio()),
            ratioText(e.dedupeRatioLow()), ratioText(e.dedupeRatioHigh())));
      }
      sb.append("  note: random block samples bound dedupe only loosely; for a tight answer in\n"
          + "        bounded memory scan everything in sample mode.\n");
    }
  }

  private static String range(Interval i, String format) {
    return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", i.estimate(),
        i.low(), i.high());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DedupReport[%s, %s, bytes=%d, unique=%d, ratio=%.4f]",
        chunker, hasher, bytes, uniqueBytes, dedupeRatio());
  }

  /** Assembles a report. Not thread-safe. */
  public static final class Builder {
    private String chunker;
    private String hasher;
    private int threads = 1;
    private String io = IoMode.READ.name().toLowerCase(Locale.ROOT);
    private long files;
    private long bytes;
    private long chunks;
    private long sampledChunks;
    private long sampledBytes;
    private long uniqueChunks;
    private long uniqueBytes;
    private long zeroChunks;
    private long zeroBytes;
    private long tableBytes;
    private long elapsedNanos;
    private double samplePercent = 100;
    private long sampleSeed;
    private List<Skipped> skipped = List.of();
    private List<RefcountBucket> refcountHistogram = List.of();
    private List<SizeBucket> chunkSizeHistogram = List.of();
    private long minChunkSize;
    private long maxChunkSize;
    private long uniqueZeroBytes;
    private List<CompressionEstimate> compression = List.of();
    private CountingStats counting;
    private List<PercentEstimate> estimates = List.of();

    private Builder() {}

    public Builder chunker(String v) { chunker = v; return this; }
    public Builder hasher(String v) { hasher = v; return this; }
    public Builder threads(int v) { threads = v; return this; }
    public Builder io(String v) { io = v; return this; }
    public Builder files(long v) { files = v; return this; }
    public Builder bytes(long v) { bytes = v; return this; }
    public Builder chunks(long v) { chunks = v; return this; }
    public Builder sampledChunks(long v) { sampledChunks = v; return this; }
    public Builder sampledBytes(long v) { sampledBytes = v; return this; }
    public Builder uniqueChunks(long v) { uniqueChunks = v; return this; }
    public Builder uniqueBytes(long v) { uniqueBytes = v; return this; }
    public Builder zeroChunks(long v) { zeroChunks = v; return this; }
    public Builder zeroBytes(long v) { zeroBytes = v; return this; }
    public Builder tableBytes(long v) { tableBytes = v; return this; }
    public Builder elapsedNanos(long v) { elapsedNanos = v; return this; }
    public Builder sample(double percent, long seed) { samplePercent = percent; sampleSeed = seed; return this; }
    public Builder skipped(List<Skipped> v) { skipped = v; return this; }
    public Builder refcountHistogram(List<RefcountBucket> v) { refcountHistogram = v; return this; }
    public Builder chunkSizeHistogram(List<SizeBucket> v) { chunkSizeHistogram = v; return this; }
    public Builder minChunkSize(long v) { minChunkSize = v; return this; }
    public Builder maxChunkSize(long v) { maxChunkSize = v; return this; }
    public Builder uniqueZeroBytes(long v) { uniqueZeroBytes = v; return this; }
    public Builder compression(List<CompressionEstimate> v) { compression = v; return this; }
    public Builder counting(CountingStats v) { counting = v; return this; }
    public Builder estimates(List<PercentEstimate> v) { estimates = v; return this; }

    /** Builds the immutable report. */
    public DedupReport build() {
      return new DedupReport(this);
    }
  }
}
