/**
 * Stage 3, counting: the exact counter ({@code ExactCounter} over the {@code FingerprintTable},
 * spilling sorted runs through {@code SpillStore}), the content-based sample and sketch ({@code
 * SampleCounter}), their end state ({@code CountState}), the estimators ({@code Estimators}), the
 * summary file's counting part ({@code SummaryCodec}) and {@code Reporting}, which turns a state
 * into the figures of a report. The table's memory forecast ({@code
 * FingerprintTable.typicalBytesPerEntry}) lives with the table.
 *
 * <p>Enters: fingerprints, reference counts and lengths from the workers. Leaves: a {@code
 * CountState}, and the counting figures written into {@code ReportTotals}.
 */
package org.dedup4j.internal.count;
