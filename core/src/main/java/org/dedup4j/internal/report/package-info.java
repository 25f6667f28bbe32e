/**
 * What crosses from the internal stages to the public package: {@code ReportTotals} (a scan's or a
 * merge's figures, filled by the engine and the counters) and the figures records behind each public
 * result. Only {@code org.dedup4j} turns them into results; nothing here renders or is seen by
 * callers.
 */
package org.dedup4j.internal.report;
