package org.dedup4j;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The result of a {@link CompressibilityEstimator} run: one {@link CompressionEstimate} per
 * compression, how much was read to get them, and any input that could not be read. Immutable and
 * safe to share between threads.
 *
 * <pre>{@code
 * CompressionReport r = CompressibilityEstimator.builder().compress("deflate").build()
 *     .estimate(Path.of("disk.img"));
 * System.out.println(r.toText());
 * double ratio = r.compressionEstimates().get(0).ratio();
 * }</pre>
 *
 * @param compressionEstimates one estimate per compression, in the order they were given
 * @param files inputs estimated
 * @param bytes bytes in those inputs
 * @param readBytes bytes read to estimate (all of them for an exact pass; compressions of
 *     different unit sizes read their samples separately)
 * @param elapsedNanos wall-clock time
 * @param threads threads used
 * @param sample the sample setting, as text
 * @param seed the sample's seed
 * @param skipped inputs not read, or read only in part, with reasons
 */
public record CompressionReport(
    List<CompressionEstimate> compressionEstimates,
    long files,
    long bytes,
    long readBytes,
    long elapsedNanos,
    int threads,
    String sample,
    long seed,
    List<Skipped> skipped) {

  /** Copies the lists. */
  public CompressionReport {
    compressionEstimates = ImmutableList.copyOf(compressionEstimates);
    skipped = ImmutableList.copyOf(skipped);
  }

  /** Wall-clock time in seconds. */
  public double elapsedSeconds() {
    return elapsedNanos / 1e9;
  }

  /**
   * The report as JSON: {@code compression} (an array with one object per compression: {@code
   * codec, spec, unit, grain, sampledUnits, totalUnits, zeroUnits, failedUnits, exact, ratio,
   * ratioLow, ratioHigh, storedFraction, storedFractionLow, storedFractionHigh, confidence,
   * rawBytes, storedBytes}), then {@code files, bytes, readBytes, elapsedSeconds, threads, sample,
   * seed, skipped}.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    return ReportJson.pretty(w -> ReportJson.compressionReport(w, this));
  }

  /**
   * The report as text: a line per compression in the "2.34x" style, then what was read.
   *
   * @return lines of text ending in a newline
   */
  public String toText() {
    return ReportText.compressionReport(this);
  }
}
