package org.dedup4j;

import java.util.List;
import java.util.Objects;
import org.dedup4j.internal.report.CountingFigures;

/**
 * How a scan counted, and how sure its unique counts are: the {@link CountingMode}, the counter's
 * memory, disk spilled by an exact run, and for the estimating modes the sampling rate and 95%
 * intervals. Immutable.
 *
 * <pre>{@code
 * CountingStats c = report.countingStats();
 * if (c.mode() == CountingMode.EXACT) {
 *   System.out.println(c.spillRuns() + " runs, " + c.spillBytes() + " bytes spilled");
 * } else {
 *   System.out.println("dedupe " + c.dedupeRatio());   // estimate (low..high)
 * }
 * }</pre>
 *
 * <p>Results are read, not built: a scan or a merge makes them. Equal when every figure is.
 */
public final class CountingStats {

  private final CountingFigures f;

  CountingStats(CountingFigures figures) {
    this.f = Objects.requireNonNull(figures, "figures");
  }

  /**
   * The mode that counted ({@link CountingMode#AUTO} resolves to exact or sample).
   *
   * @return the value
   */
  public CountingMode mode() {
    return f.mode();
  }

  /**
   * Memory the counter held at the end (the exact table, or the sample and sketch).
   *
   * @return the value
   */
  public long counterBytes() {
    return f.counterBytes();
  }

  /**
   * Exact mode: the table's budget before it spills; 0 otherwise.
   *
   * @return the value
   */
  public long memoryBudget() {
    return f.memoryBudget();
  }

  /**
   * Exact mode: sorted runs written to disk (0 when the table fit).
   *
   * @return the value
   */
  public int spillRuns() {
    return f.spillRuns();
  }

  /**
   * Exact mode: bytes written to the temp folder, merge passes included.
   *
   * @return the value
   */
  public long spillBytes() {
    return f.spillBytes();
  }

  /**
   * Exact mode: time spent writing and merging runs.
   *
   * @return the value
   */
  public long spillNanos() {
    return f.spillNanos();
  }

  /**
   * Share of distinct fingerprints kept: 1 for exact, 2^-level for sample and sketch.
   *
   * @return the value
   */
  public double samplingRate() {
    return f.samplingRate();
  }

  /**
   * Distinct fingerprints the counter held at the end.
   *
   * @return the value
   */
  public long keptEntries() {
    return f.keptEntries();
  }

  /**
   * Sample and sketch: the table's capacity; 0 for exact.
   *
   * @return the value
   */
  public long maxEntries() {
    return f.maxEntries();
  }

  /**
   * Unique chunks with a 95% interval (exact: width zero).
   *
   * @return the value
   */
  public Interval uniqueChunks() {
    return f.uniqueChunks();
  }

  /**
   * Unique bytes with a 95% interval.
   *
   * @return the value
   */
  public Interval uniqueBytes() {
    return f.uniqueBytes();
  }

  /**
   * The dedupe ratio with a 95% interval.
   *
   * @return the value
   */
  public Interval dedupeRatio() {
    return f.dedupeRatio();
  }

  /**
   * Per row of {@link DedupReport#refcountHistogram()}: its chunk count with a 95% interval.
   *
   * @return the value
   */
  public List<Interval> refcountHistogram() {
    return f.refcountHistogram();
  }

  /**
   * Sketch mode: log2 of the sketch's registers; 0 otherwise.
   *
   * @return the value
   */
  public int sketchPrecision() {
    return f.sketchPrecision();
  }

  /**
   * Sketch mode: the sketch's relative standard error; 0 otherwise.
   *
   * @return the value
   */
  public double sketchRelativeStandardError() {
    return f.sketchRelativeStandardError();
  }

  /**
   * Auto mode: the forecast that chose the mode; null otherwise.
   *
   * @return the value
   */
  public ScanPlan plan() {
    return f.plan();
  }

  /**
   * Whether the unique counts are exact.
   *
   * @return whether the unique counts are exact
   */
  public boolean isExact() {
    return f.mode() == CountingMode.EXACT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountingStats other && f.equals(other.f);
  }

  @Override
  public int hashCode() {
    return f.hashCode();
  }

  @Override
  public String toString() {
    return f.toString().replace("CountingFigures", "CountingStats");
  }
}
