package org.dedup4j;

import java.util.List;
import java.util.Objects;
import org.dedup4j.internal.report.CompressionRunTotals;

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
 * <p>Results are read, not built: a run makes them. Equal when every figure is.
 */
public final class CompressionReport {

  private final CompressionRunTotals t;
  private final List<CompressionEstimate> estimates;

  CompressionReport(CompressionRunTotals totals) {
    this.t = Objects.requireNonNull(totals, "totals");
    this.estimates = totals.compression().stream().map(CompressionEstimate::new).toList();
  }

  /**
   * One estimate per compression, in the order they were given.
   *
   * @return the value
   */
  public List<CompressionEstimate> compressionEstimates() {
    return estimates;
  }

  /**
   * Inputs estimated.
   *
   * @return the value
   */
  public long files() {
    return t.files();
  }

  /**
   * Bytes in those inputs.
   *
   * @return the value
   */
  public long bytes() {
    return t.bytes();
  }

  /**
   * Bytes read to estimate (all of them for an exact pass; compressions of different unit sizes read their samples separately).
   *
   * @return the value
   */
  public long readBytes() {
    return t.readBytes();
  }

  /**
   * Wall-clock time.
   *
   * @return the value
   */
  public long elapsedNanos() {
    return t.elapsedNanos();
  }

  /**
   * Threads used.
   *
   * @return the value
   */
  public int threads() {
    return t.threads();
  }

  /**
   * The sample setting, as text.
   *
   * @return the value
   */
  public String sample() {
    return t.sample();
  }

  /**
   * The sample's seed.
   *
   * @return the value
   */
  public long seed() {
    return t.seed();
  }

  /**
   * Inputs not read, or read only in part, with reasons.
   *
   * @return the value
   */
  public List<Skipped> skipped() {
    return t.skipped();
  }

  /**
   * Wall-clock time in seconds.
   *
   * @return wall-clock time in seconds
   */
  public double elapsedSeconds() {
    return t.elapsedNanos() / 1e9;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressionReport other && t.equals(other.t);
  }

  @Override
  public int hashCode() {
    return t.hashCode();
  }

  @Override
  public String toString() {
    return "CompressionReport[" + estimates + ", bytes=" + t.bytes() + "]";
  }
}
