package org.dedup4j.internal.report;


/**
 * The figures of a {@link org.dedup4j.CompressionEstimate}, as the internal stages compute them; the public
 * class reads them, callers never see this record (see {@code org.dedup4j.CompressionEstimate} for each
 * component's meaning).
 *
 * @param spec see {@code CompressionEstimate.spec()}
 * @param codec see {@code CompressionEstimate.codec()}
 * @param unit see {@code CompressionEstimate.unit()}
 * @param grain see {@code CompressionEstimate.grain()}
 * @param sampledUnits see {@code CompressionEstimate.sampledUnits()}
 * @param totalUnits see {@code CompressionEstimate.totalUnits()}
 * @param zeroUnits see {@code CompressionEstimate.zeroUnits()}
 * @param failedUnits see {@code CompressionEstimate.failedUnits()}
 * @param rawBytes see {@code CompressionEstimate.rawBytes()}
 * @param storedBytes see {@code CompressionEstimate.storedBytes()}
 * @param storedFraction see {@code CompressionEstimate.storedFraction()}
 * @param storedFractionLow see {@code CompressionEstimate.storedFractionLow()}
 * @param storedFractionHigh see {@code CompressionEstimate.storedFractionHigh()}
 * @param confidence see {@code CompressionEstimate.confidence()}
 * @param exact see {@code CompressionEstimate.exact()}
 */
public record CompressionFigures(
    String spec,
    String codec,
    int unit,
    int grain,
    long sampledUnits,
    long totalUnits,
    long zeroUnits,
    long failedUnits,
    long rawBytes,
    long storedBytes,
    double storedFraction,
    double storedFractionLow,
    double storedFractionHigh,
    double confidence,
    boolean exact) {
}
