/**
 * The public API of dedup4j: the front doors and the results they return.
 *
 * <p>Enters: what the caller names ({@link org.dedup4j.ScanSource}, paths, buffers, streams) and the
 * settings of {@link org.dedup4j.DedupScanner#builder()} and {@link
 * org.dedup4j.CompressibilityEstimator#builder()}. Leaves: immutable results that callers read but
 * never build ({@link org.dedup4j.DedupReport}, {@link org.dedup4j.DedupSummary}, {@link
 * org.dedup4j.CompressionReport} and their parts), each with a text and a JSON form.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().build().scan(Path.of("disk.img"));
 * System.out.println(r.toText());
 * }</pre>
 *
 * <p>The way is one direction: the internal stages fill internal totals ({@code internal.report}),
 * and only this package turns them into results ({@code DedupReport}'s constructor and its peers);
 * rendering ({@code ReportJson}, {@code ReportText}) reads the results and never builds them.
 */
package org.dedup4j;
