package org.dedup4j.internal.report;


/**
 * The figures of a {@link org.dedup4j.PercentEstimate}, as the internal stages compute them; the public
 * class reads them, callers never see this record (see {@code org.dedup4j.PercentEstimate} for each
 * component's meaning).
 *
 * @param method see {@code PercentEstimate.method()}
 * @param uniqueChunks see {@code PercentEstimate.uniqueChunks()}
 * @param uniqueChunksLow see {@code PercentEstimate.uniqueChunksLow()}
 * @param uniqueChunksHigh see {@code PercentEstimate.uniqueChunksHigh()}
 * @param dedupeRatio see {@code PercentEstimate.dedupeRatio()}
 * @param dedupeRatioLow see {@code PercentEstimate.dedupeRatioLow()}
 * @param dedupeRatioHigh see {@code PercentEstimate.dedupeRatioHigh()}
 * @param bound see {@code PercentEstimate.bound()}
 */
public record PercentFigures(
    String method,
    double uniqueChunks,
    double uniqueChunksLow,
    double uniqueChunksHigh,
    double dedupeRatio,
    double dedupeRatioLow,
    double dedupeRatioHigh,
    String bound) {
}
