package org.dedup4j.internal.report;

import java.util.List;
import org.dedup4j.CountingMode;
import org.dedup4j.Interval;
import org.dedup4j.ScanPlan;

/**
 * The figures of a {@link org.dedup4j.CountingStats}, as the internal stages compute them; the public
 * class reads them, callers never see this record (see {@code org.dedup4j.CountingStats} for each
 * component's meaning).
 *
 * @param mode see {@code CountingStats.mode()}
 * @param counterBytes see {@code CountingStats.counterBytes()}
 * @param memoryBudget see {@code CountingStats.memoryBudget()}
 * @param spillRuns see {@code CountingStats.spillRuns()}
 * @param spillBytes see {@code CountingStats.spillBytes()}
 * @param spillNanos see {@code CountingStats.spillNanos()}
 * @param samplingRate see {@code CountingStats.samplingRate()}
 * @param keptEntries see {@code CountingStats.keptEntries()}
 * @param maxEntries see {@code CountingStats.maxEntries()}
 * @param uniqueChunks see {@code CountingStats.uniqueChunks()}
 * @param uniqueBytes see {@code CountingStats.uniqueBytes()}
 * @param dedupeRatio see {@code CountingStats.dedupeRatio()}
 * @param refcountHistogram see {@code CountingStats.refcountHistogram()}
 * @param sketchPrecision see {@code CountingStats.sketchPrecision()}
 * @param sketchRelativeStandardError see {@code CountingStats.sketchRelativeStandardError()}
 * @param plan see {@code CountingStats.plan()}
 */
public record CountingFigures(
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

  /** Copies the lists. */
  public CountingFigures {
    refcountHistogram = List.copyOf(refcountHistogram);
  }
}
