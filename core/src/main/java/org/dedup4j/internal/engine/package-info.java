/**
 * Stage 2, the scan: {@code ScanEngine} plans windows, runs them on a {@code ParallelWork} pool ({@code internal.parallel})
 * (whose first fatal error ends the wait), and per thread a {@code Worker} chunks, fingerprints and
 * counts (the hot loop; {@code ReadLoop} feeds it in positioned-read mode). {@code WindowChain}
 * reconciles content-defined cuts across window edges. {@code ScanConfig} is everything a scan is
 * told.
 *
 * <p>Enters: a {@code ScanConfig} and the inputs. Leaves: one {@code ReportTotals} and counter
 * state per chunker.
 */
package org.dedup4j.internal.engine;
