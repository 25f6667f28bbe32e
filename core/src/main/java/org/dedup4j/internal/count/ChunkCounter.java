package org.dedup4j.internal.count;

import org.dedup4j.DedupReport;

/**
 * Where the scan puts chunk fingerprints: the exact table, or (later) a memory-bounded estimator.
 * Called from every scan thread; implementations are thread-safe. What it counts must depend only
 * on the multiset of {@link #add} and {@link #remove} calls, not on their order.
 */
public interface ChunkCounter {

  /**
   * One occurrence of a chunk.
   *
   * @param k0 first 64 bits of the fingerprint
   * @param k1 next 64 bits, 0 for 64-bit hashers
   * @param length the chunk's length
   */
  void add(long k0, long k1, int length);

  /** Takes back one occurrence added before (window reconciliation, rolled-back mapped windows). */
  void remove(long k0, long k1, int length);

  /** Memory the counter holds now, in bytes. */
  long memoryBytes();

  /**
   * Writes what it counted into the report: unique chunks and bytes, histograms, table memory.
   *
   * @param report the report being assembled
   */
  void finish(DedupReport.Builder report);
}
