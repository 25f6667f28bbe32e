/**
 * Stage 1, the inputs: what the caller named becomes {@code Input}s (regular files, stream-like
 * paths, streams, buffers) by {@code InputCollector}, which walks directories and lists everything
 * it leaves out with the reason; {@code Region} reads bytes by position for the CDC reconciliation.
 *
 * <p>Enters: {@code ScanSource}s. Leaves: inputs and {@code Skipped} entries, for the engine.
 */
package org.dedup4j.internal.source;
