package org.dedup4j;

import java.util.List;

/**
 * How a scan counted, and how sure its unique counts are: the {@link CountingMode}, the counter's
 * memory, disk spilled by an exact run, and for the estimating modes the sampling rate and 95%
 * intervals. Immutable.
 *
 * <pre>{@code
 * CountingStats c = report.counting();
 * if (c.mode() == CountingMode.EXACT) {
 *   System.out.println(c.spillRuns() + " runs, " + c.spillBytes() + " bytes spilled");
 * } else {
 *   System.out.println("dedupe " + c.dedupeRatio());   // estimate (low..high)
 * }
 * }</pre>
 *
 * @param mode the mode that counted ({@link CountingMode#AUTO} resolves to exact or sample)
 * @param counterBytes memory the counter held at the end (the exact table, or the sample and sketch)
 * @param memoryBudget exact mode: the table's budget before it spills; 0 otherwise
 * @param spillRuns exact mode: sorted runs written to disk (0 when the table fit)
 * @param spillBytes exact mode: bytes written to the temp folder, merge passes included
 * @param spillNanos exact mode: time spent writing and merging runs
 * @param samplingRate share of distinct fingerprints kept: 1 for exact, 2^-level for sample and sketch
 * @param keptEntries distinct fingerprints the counter held at the end
 * @param maxEntries sample and sketch: the table's capacity; 0 for exact
 * @param uniqueChunks unique chunks with a 95% interval (exact: width zero)
 * @param uniqueBytes unique bytes with a 95% interval
 * @param dedupeRatio the dedupe ratio with a 95% interval
 * @param refcountHistogram per row of {@link DedupReport#refcountHistogram()}: its chunk count with
 *     a 95% interval
 * @param sketchPrecision sketch mode: log2 of the sketch's registers; 0 otherwise
 * @param sketchRelativeStandardError sketch mode: the sketch's relative standard error; 0 otherwise
 * @param plan auto mode: the forecast that chose the mode; null otherwise
 */
public record CountingStats(
    CountingMode mode,
    long counterBytes,
    long memoryBudget,
    int spillRuns,
    long spillBytes,
    long spillNanos,
    double samplingRate,
    long keptEntries,
    long maxEntries,
    Interval uniqueChunks,
    Interval uniqueBytes,
    Interval dedupeRatio,
    List<Interval> refcountHistogram,
    int sketchPrecision,
    double sketchRelativeStandardError,
    ScanPlan plan) {

  /** Copies the list. */
  public CountingStats {
    refcountHistogram = List.copyOf(refcountHistogram);
  }

  /** Whether the unique counts are exact. */
  public boolean isExact() {
    return mode == CountingMode.EXACT;
  }

  /**
   * The same with the forecast that chose the mode.
   *
   * @param p the plan
   * @return a copy holding {@code p}
   */
  public CountingStats withPlan(ScanPlan p) {
    return new CountingStats(mode, counterBytes, memoryBudget, spillRuns, spillBytes, spillNanos,
        samplingRate, keptEntries, maxEntries, uniqueChunks, uniqueBytes, dedupeRatio,
        refcountHistogram, sketchPrecision, sketchRelativeStandardError, p);
  }
}
