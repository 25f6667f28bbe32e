/**
 * Compression: the sampler a scan feeds with unique chunks ({@code CompressionSampler}), the
 * standalone run over fixed units ({@code CompressionRun}, the engine behind {@code
 * CompressibilityEstimator}) and the ratio estimator with its interval ({@code RatioStats}).
 *
 * <p>Enters: chunks or units. Leaves: {@code CompressionFigures} (and for a run, {@code
 * CompressionRunTotals}).
 */
package org.dedup4j.internal.compress;
