package org.dedup4j;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dedup4j.internal.report.CountingFigures;
import org.dedup4j.internal.report.ReportTotals;

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
 *   <li>{@link #compressionEstimates()}: when the scan was asked to compress, one {@link
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
 *
 * <p>Over 450 lines: each figure has a documented accessor; rendering lives in ReportJson and ReportText.
 */
public final class DedupReport {

  /**
   * One row of the reference-count histogram, as ZFS's {@code zdb -S} prints its dedup table.
   *
   * @param refcount how many times each chunk of the row occurs (a power of two: the row holds
   *     counts from it to twice it, less one)
   * @param chunks distinct chunks in the row
   * @param bytes their bytes, each counted once
   * @param referencedChunks chunks in the row counted at every occurrence
   * @param referencedBytes their bytes, counted at every occurrence
   */
  public record RefcountBucket(
      long refcount, long chunks, long bytes, long referencedChunks, long referencedBytes) {}

  /**
   * Chunks by size in power-of-two buckets: {@code size} to {@code 2 * size - 1} bytes.
   *
   * @param size the bucket's smallest chunk size, a power of two
   * @param chunks chunks in the bucket
   * @param bytes their bytes
   */
  public record SizeBucket(long size, long chunks, long bytes) {}

  private final String chunker;
  private final String hasher;
  private final int threads;
  private final String io;
  private final boolean partial;
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
  private final com.google.common.collect.ImmutableSortedMap<Integer, Long> zeroLengths;
  private final ImmutableList<CompressionEstimate> compression;
  // Estimation (counting modes, percent-mode estimates): see the block "Counting and estimates".
  private final CountingStats counting;
  private final ImmutableList<PercentEstimate> estimates;
  private final Attribution attribution;
  private final TargetCapacity target;

  /** The one way a report is made: from what the engine or a merge counted. */
  DedupReport(ReportTotals b) {
    this.chunker = requireNonNull(b.chunker, "chunker");
    this.hasher = requireNonNull(b.hasher, "hasher");
    this.threads = b.threads;
    this.io = b.io;
    this.partial = b.partial;
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
    this.zeroLengths = com.google.common.collect.ImmutableSortedMap.copyOf(b.zeroLengths);
    this.compression = b.compression.stream().map(CompressionEstimate::new)
        .collect(ImmutableList.toImmutableList());
    this.counting = new CountingStats(b.counting != null ? b.counting : exactCounting(b));
    this.estimates = b.estimates.stream().map(PercentEstimate::new)
        .collect(ImmutableList.toImmutableList());
    this.attribution = b.attribution;
    this.target = b.target == null || compression.size() < 2 ? null
        : TargetCapacity.of(this, b.target);
  }

  /**
   * What the target the scan sized for would need ({@link DedupScanner.Builder#target}).
   *
   * <pre>{@code
   * System.out.print(report.target().toText());
   * }</pre>
   *
   * @return the target's capacity and index, or null when the scan had no target
   */
  public TargetCapacity target() {
    return target;
  }

  /**
   * Where the space goes by group of inputs, when the scanner was asked to attribute ({@link
   * DedupScanner.Builder#attribute}).
   *
   * <pre>{@code
   * report.attribution().top(20).forEach(g -> System.out.println(g.name()));
   * }</pre>
   *
   * @return the attribution, or null when not asked for
   */
  public Attribution attribution() {
    return attribution;
  }

  /**
   * The chunker's canonical spec.
   *
   * @return the chunker's canonical spec
   */
  public String chunker() {
    return chunker;
  }

  /**
   * The hasher's canonical spec.
   *
   * @return the hasher's canonical spec
   */
  public String hasher() {
    return hasher;
  }

  /**
   * Threads the scan used.
   *
   * @return threads the scan used
   */
  public int threads() {
    return threads;
  }

  /**
   * How files were read: {@code read} or {@code mmap}.
   *
   * @return how files were read: {@code read} or {@code mmap}
   */
  public String io() {
    return io;
  }

  /**
   * Whether the scan was stopped before the end ({@code DedupScanner.Builder.stopWhen}, the
   * command's SIGINT or SIGTERM): the figures are of what was read, and every input not read to
   * its end is listed in {@link #skipped()} as failed.
   *
   * @return whether this report is of part of the inputs only
   */
  public boolean partial() {
    return partial;
  }

  /**
   * Inputs read (files, streams, buffers), including any read only in part.
   *
   * @return inputs read (files, streams, buffers), including any read only in part
   */
  public long files() {
    return files;
  }

  /**
   * Bytes read.
   *
   * @return bytes read
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Chunks cut.
   *
   * @return chunks cut
   */
  public long chunks() {
    return chunks;
  }

  /**
   * Chunks fingerprinted: all of them, or the sample in percent mode.
   *
   * @return chunks fingerprinted: all of them, or the sample in percent mode
   */
  public long sampledChunks() {
    return sampledChunks;
  }

  /**
   * Bytes of the chunks fingerprinted.
   *
   * @return bytes of the chunks fingerprinted
   */
  public long sampledBytes() {
    return sampledBytes;
  }

  /**
   * Distinct fingerprints among the sampled chunks.
   *
   * @return distinct fingerprints among the sampled chunks
   */
  public long uniqueChunks() {
    return uniqueChunks;
  }

  /**
   * Bytes of the distinct chunks, each counted once.
   *
   * @return bytes of the distinct chunks, each counted once
   */
  public long uniqueBytes() {
    return uniqueBytes;
  }

  /**
   * Sampled chunks whose bytes are all zero (counted with repetition).
   *
   * @return sampled chunks whose bytes are all zero (counted with repetition)
   */
  public long zeroChunks() {
    return zeroChunks;
  }

  /**
   * Bytes of the zero chunks.
   *
   * @return bytes of the zero chunks
   */
  public long zeroBytes() {
    return zeroBytes;
  }

  /**
   * Memory held by the fingerprint table at the end of the scan.
   *
   * @return memory held by the fingerprint table at the end of the scan
   */
  public long tableBytes() {
    return tableBytes;
  }

  /**
   * Wall-clock time of the scan in nanoseconds.
   *
   * @return wall-clock time of the scan in nanoseconds
   */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /**
   * Wall-clock time of the scan in seconds.
   *
   * @return wall-clock time of the scan in seconds
   */
  public double elapsedSeconds() {
    return elapsedNanos / 1e9;
  }

  /**
   * Bytes read per second of wall-clock time; 0 when nothing was read.
   *
   * @return bytes read per second of wall-clock time; 0 when nothing was read
   */
  public double bytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytes / elapsedSeconds();
  }

  /**
   * Whether the percent mode sampled chunks (samplePercent below 100).
   *
   * @return whether the percent mode sampled chunks (samplePercent below 100)
   */
  public boolean isSampled() {
    return samplePercent < 100;
  }

  /**
   * Percentage of chunks sampled: 100 for a full scan.
   *
   * @return percentage of chunks sampled: 100 for a full scan
   */
  public double samplePercent() {
    return samplePercent;
  }

  /**
   * Seed of the sample.
   *
   * @return seed of the sample
   */
  public long sampleSeed() {
    return sampleSeed;
  }

  /**
   * Sampled bytes / unique bytes; {@code NaN} when nothing was sampled.
   *
   * @return sampled bytes / unique bytes; {@code NaN} when nothing was sampled
   */
  public double dedupeRatio() {
    return uniqueBytes == 0 ? Double.NaN : (double) sampledBytes / uniqueBytes;
  }

  /**
   * Sampled chunks / unique chunks, the original script's "Dedupability"; {@code NaN} when empty.
   *
   * @return sampled chunks / unique chunks, the original script's "Dedupability"; {@code NaN} when empty
   */
  public double chunkRatio() {
    return uniqueChunks == 0 ? Double.NaN : (double) sampledChunks / uniqueChunks;
  }

  /**
   * Inputs not read, or read only in part, with reasons.
   *
   * @return inputs not read, or read only in part, with reasons
   */
  public List<Skipped> skipped() {
    return skipped;
  }

  /**
   * The {@link Skipped.Kind#FAILED} entries of {@link #skipped()}: inputs whose data is missing.
   *
   * @return the {@link Skipped.Kind#FAILED} entries of {@link #skipped()}: inputs whose data is missing
   */
  public List<Skipped> failures() {
    return skipped.stream().filter(Skipped::failed).toList();
  }

  /**
   * Unique chunks by reference count in power-of-two buckets as {@code zdb -S} prints them: a row
   * labelled {@code r} holds the chunks referenced {@code r} to {@code 2r - 1} times (1, 2-3, 4-7, ...).
   *
   * @return unique chunks by reference count in power-of-two buckets as {@code zdb -S} prints them: a row
   */
  public List<RefcountBucket> refcountHistogram() {
    return refcountHistogram;
  }

  /**
   * Sampled chunks (all chunks unless the percent mode sampled) by size, in power-of-two buckets.
   *
   * @return sampled chunks (all chunks unless the percent mode sampled) by size, in power-of-two buckets
   */
  public List<SizeBucket> chunkSizeHistogram() {
    return chunkSizeHistogram;
  }

  /**
   * Mean size of all chunks read; {@code NaN} when none were.
   *
   * @return mean size of all chunks read; {@code NaN} when none were
   */
  public double meanChunkSize() {
    return chunks == 0 ? Double.NaN : (double) bytes / chunks;
  }

  /**
   * Smallest sampled chunk; 0 when none.
   *
   * @return smallest sampled chunk; 0 when none
   */
  public long minChunkSize() {
    return minChunkSize;
  }

  /**
   * Largest sampled chunk; 0 when none.
   *
   * @return largest sampled chunk; 0 when none
   */
  public long maxChunkSize() {
    return maxChunkSize;
  }

  /**
   * Bytes of the unique all-zero chunks (one per distinct length), which storage systems do not
   * store. Of every scan (the percent mode's: of the sample); 0 in a report merged from summaries.
   *
   * @return bytes of the unique all-zero chunks
   */
  public long uniqueZeroBytes() {
    return uniqueZeroBytes;
  }

  /** Occurrences of all-zero chunks by length, for the summary of this scan. */
  java.util.SortedMap<Integer, Long> zeroLengths() {
    return zeroLengths;
  }

  /**
   * One estimate per compression the scan was asked for, in the order asked; empty when none.
   *
   * @return one estimate per compression the scan was asked for, in the order asked; empty when none
   */
  public List<CompressionEstimate> compressionEstimates() {
    return compression;
  }

  /**
   * Dedupe times compression under the first compression: sampled bytes / (unique non-zero bytes x
   * stored fraction); {@code NaN} when the scan did not compress or stored nothing.
   *
   * @return dedupe times compression under the first compression: sampled bytes / (unique non-zero bytes x
   */
  public double dataReductionRatio() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), 0);
  }

  /**
   * Lower end of the data reduction ratio's interval (from the stored fraction's upper end).
   *
   * @return lower end of the data reduction ratio's interval (from the stored fraction's upper end)
   */
  public double dataReductionRatioLow() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), 1);
  }

  /**
   * Upper end of the data reduction ratio's interval; infinite when unbounded.
   *
   * @return upper end of the data reduction ratio's interval; infinite when unbounded
   */
  public double dataReductionRatioHigh() {
    return compression.isEmpty() ? Double.NaN : dataReductionRatio(compression.get(0), -1);
  }

  /**
   * The data reduction ratio under one of this report's compressions.
   *
   * @param e one of {@link #compressionEstimates()}
   * @return sampled bytes / (unique non-zero bytes x its stored fraction)
   */
  public double dataReductionRatio(CompressionEstimate e) {
    return dataReductionRatio(e, 0);
  }

  /**
   * Lower end of the data reduction ratio's interval under one of this report's compressions.
   *
   * @param e one of {@link #compressionEstimates()}
   * @return the ratio at the stored fraction's upper end
   */
  public double dataReductionRatioLow(CompressionEstimate e) {
    return dataReductionRatio(e, 1);
  }

  /**
   * Upper end of the data reduction ratio's interval under one of this report's compressions.
   *
   * @param e one of {@link #compressionEstimates()}
   * @return the ratio at the stored fraction's lower end; infinite when unbounded
   */
  public double dataReductionRatioHigh(CompressionEstimate e) {
    return dataReductionRatio(e, -1);
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
   * The report as JSON with stable field names (README, "Output contracts"): unknown or unbounded
   * ratios are {@code null}.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    return ReportJson.pretty(w -> ReportJson.report(w, this));
  }

  /**
   * The report as text: the original script's lines first, then sizes, zero chunks, the
   * reference-count histogram and anything skipped.
   *
   * @return lines of text ending in a newline
   */
  public String toText() {
    return ReportText.report(this);
  }

  // ---- Counting and estimates ----------------------------------------------------------------

  /**
   * How the unique counts were obtained: the {@link CountingMode}, the counter's memory and spill,
   * and for the estimating modes the sampling rate and 95% intervals. In sample and sketch mode
   * {@link #uniqueChunks()}, {@link #uniqueBytes()}, {@link #refcountHistogram()} and the ratios are
   * the point estimates of these intervals.
   *
   * @return how the unique counts were obtained: the {@link CountingMode}, the counter's memory and spill,
   */
  public CountingStats countingStats() {
    return counting;
  }

  /**
   * Percent mode: estimates of the whole data's unique chunks from the sample's frequency counts,
   * GEE first, then Chao-Lee; empty for a full scan.
   *
   * @return percent mode: estimates of the whole data's unique chunks from the sample's frequency counts,
   */
  public List<PercentEstimate> percentEstimates() {
    return estimates;
  }

  /**
   * Percent mode: the GEE estimate of the whole data, or null for a full scan.
   *
   * @return percent mode: the GEE estimate of the whole data, or null for a full scan
   */
  public PercentEstimate percentEstimate() {
    return estimates.isEmpty() ? null : estimates.get(0);
  }

  private static CountingFigures exactCounting(ReportTotals b) {
    return new CountingFigures(CountingMode.EXACT, b.tableBytes, 0, 0, 0, 0, 1, b.uniqueChunks, 0,
        Interval.exact(b.uniqueChunks), Interval.exact(b.uniqueBytes),
        Interval.exact(b.uniqueBytes == 0 ? Double.NaN
            : (double) b.sampledBytes / b.uniqueBytes),
        b.refcountHistogram.stream().map(r -> Interval.exact(r.chunks())).toList(), 0, 0, null);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DedupReport[%s, %s, bytes=%d, unique=%d, ratio=%.4f]",
        chunker, hasher, bytes, uniqueBytes, dedupeRatio());
  }

  /**
   * Reports are equal when every figure, list and string is: a summary's report equals the report
   * of the scan that saved it (elapsed time included, as the summary keeps it).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DedupReport r)) {
      return false;
    }
    return threads == r.threads && files == r.files && bytes == r.bytes && chunks == r.chunks
        && sampledChunks == r.sampledChunks && sampledBytes == r.sampledBytes
        && uniqueChunks == r.uniqueChunks && uniqueBytes == r.uniqueBytes
        && zeroChunks == r.zeroChunks && zeroBytes == r.zeroBytes && tableBytes == r.tableBytes
        && elapsedNanos == r.elapsedNanos
        && Double.compare(samplePercent, r.samplePercent) == 0 && sampleSeed == r.sampleSeed
        && minChunkSize == r.minChunkSize && maxChunkSize == r.maxChunkSize
        && uniqueZeroBytes == r.uniqueZeroBytes && chunker.equals(r.chunker)
        && hasher.equals(r.hasher) && Objects.equals(io, r.io) && skipped.equals(r.skipped)
        && refcountHistogram.equals(r.refcountHistogram)
        && chunkSizeHistogram.equals(r.chunkSizeHistogram) && compression.equals(r.compression)
        && counting.equals(r.counting) && estimates.equals(r.estimates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chunker, hasher, bytes, chunks, sampledChunks, uniqueChunks, uniqueBytes,
        zeroBytes, elapsedNanos, skipped, refcountHistogram, compression, counting);
  }
}
