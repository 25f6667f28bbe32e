package org.dedup4j.internal.count;

import java.util.ArrayList;
import java.util.List;
import org.dedup4j.CountingMode;
import org.dedup4j.Interval;
import org.dedup4j.ScanPlan;
import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import org.dedup4j.internal.report.ReportTotals;
import org.dedup4j.internal.report.CountingFigures;

/**
 * Fills a report from a {@link CountState}: the same code for a scan and for merged summaries, so
 * both report alike.
 */
public final class Reporting {

  /**
   * Relative standard error of the UltraLogLog estimate at {@link CountState#SKETCH_PRECISION}:
   * {@code sqrt(4.94 / (8 m))} for m registers of 8 bits (the memory-variance product of hash4j's
   * default estimator, Ertl 2024).
   */
  public static final double SKETCH_RSE = Math.sqrt(4.94 / (8.0 * (1 << CountState.SKETCH_PRECISION)));

  private Reporting() {}

  /**
   * Writes unique counts, histograms, the counting statistics and (percent mode) the estimates of
   * the whole data.
   *
   * @param report the report being built
   * @param s what was counted
   * @param bytes bytes read
   * @param chunks chunks cut
   * @param sampledChunks chunks fingerprinted
   * @param sampledBytes their bytes
   * @param samplePercent the percent mode's share, 100 for all
   * @param plan the auto mode's forecast, or null
   */
  public static void fill(ReportTotals report, CountState s, long bytes, long chunks,
      long sampledChunks, long sampledBytes, double samplePercent, ScanPlan plan) {
    Tally t = s.tally;
    double p = s.samplingRate();
    Interval uniqueChunks;
    Interval uniqueBytes;
    List<Interval> rows = new ArrayList<>();
    if (s.mode == CountingMode.EXACT) {
      uniqueChunks = Interval.exact(t.unique);
      uniqueBytes = Interval.exact(t.uniqueBytes);
      for (long c : t.bucketCounts()) {
        rows.add(Interval.exact(c));
      }
    } else {
      // Certain limits: at least what was kept, at most every chunk (byte) counted.
      uniqueChunks = clamp(Estimators.binomialTotal(t.unique, p), t.unique, sampledChunks);
      if (s.mode == CountingMode.SKETCH && p < 1) { // at rate 1 the sample is complete: exact
        double est = UltraLogLog.wrap(s.sketch.clone()).getDistinctCountEstimate();
        uniqueChunks = clamp(new Interval(est, est * (1 - Estimators.Z95 * SKETCH_RSE),
            est * (1 + Estimators.Z95 * SKETCH_RSE)), t.unique, sampledChunks);
      }
      uniqueBytes = clamp(Estimators.horvitzThompson(t.uniqueBytes, t.uniqueBytesSquared, p),
          t.uniqueBytes, sampledBytes);
      for (long c : t.bucketCounts()) {
        rows.add(Estimators.binomialTotal(c, p));
      }
    }
    Interval ratio = Estimators.ratio(sampledBytes, uniqueBytes);
    report.uniqueChunks = Math.round(uniqueChunks.estimate());
    report.uniqueBytes = Math.round(uniqueBytes.estimate());
    report.tableBytes = s.counterBytes;
    // Rows scale to the unique estimate (1/p unless it was clipped to the chunks counted, or comes
    // from the sketch), so that they add up to it.
    report.refcountHistogram =
        t.refcountBuckets(t.unique == 0 ? 1 : uniqueChunks.estimate() / t.unique);
    report.chunkSizeHistogram = Tally.sizeBuckets(s.sizeChunks, s.sizeBytes);
    report.minChunkSize = s.minLength;
    report.maxChunkSize = s.maxLength;
    report.counting = new CountingFigures(s.mode, s.counterBytes, s.memoryBudget, s.spillRuns,
        s.spillBytes, s.spillNanos, p, t.unique, s.maxEntries, uniqueChunks, uniqueBytes, ratio,
        rows, s.mode == CountingMode.SKETCH ? CountState.SKETCH_PRECISION : 0,
        s.mode == CountingMode.SKETCH ? SKETCH_RSE : 0, plan);
    if (samplePercent < 100 && sampledChunks > 0 && t.unique > 0) {
      double d = uniqueChunks.estimate();
      double f1 = t.f1 / p;
      double f2 = t.f2 / p;
      double meanLength = uniqueBytes.estimate() / d;
      report.estimates = List.of(
          Estimators.gee(chunks, sampledChunks, d, f1, bytes, meanLength),
          Estimators.chaoLee(chunks, sampledChunks, d, f1, f2, bytes, meanLength));
    }
  }

  private static Interval clamp(Interval i, double min, double max) {
    double hi = Math.max(min, max);
    return new Interval(Math.min(hi, Math.max(min, i.estimate())), Math.min(hi, Math.max(min, i.low())),
        Math.min(hi, Math.max(min, i.high())));
  }
}
