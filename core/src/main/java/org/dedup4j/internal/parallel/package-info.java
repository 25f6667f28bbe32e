/**
 * The pool both pipelines run on: {@code ParallelWork} runs a list of items on a fork-join pool
 * and ends its caller's wait at the first fatal failure (an out-of-memory error, a counter that
 * cannot go on), so no error leaves a scan or a compression run hanging.
 *
 * <p>Used by: {@code internal.engine} (the scan) and {@code internal.compress} (the standalone
 * compression run). It depends on nothing of theirs, which keeps the two stages free of a cycle.
 */
package org.dedup4j.internal.parallel;
