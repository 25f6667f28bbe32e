package org.dedup4j.internal.count;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the scan puts chunk fingerprints: the exact table ({@link ExactCounter}, which spills to
 * disk past its budget) or a memory-bounded estimator ({@link SampleCounter}). Called from every scan
 * thread; implementations are thread-safe. What it counts must depend only on the multiset of
 * {@link #add} and {@link #remove} calls, not on their order.
 *
 * <p>The seam returns a {@link CountState} rather than filling a report itself: the same value
 * feeds the report, the summary file and merges, so a merged summary reports exactly as a scan does.
 */
public interface ChunkCounter extends AutoCloseable {

  /**
   * One occurrence of a chunk.
   *
   * @param k0 first 64 bits of the fingerprint
   * @param k1 next 64 bits, 0 for 64-bit hashers
   * @param length the chunk's length
   * @throws CountingFailedException if the counter cannot go on (a spill to disk failed)
   */
  void add(long k0, long k1, int length);

  /**
   * One occurrence of a chunk from a group of inputs (attribution). Counters that do not attribute
   * ignore the group.
   *
   * @param group the group's id, 0 or more
   */
  default void add(long k0, long k1, int length, int group) {
    add(k0, k1, length);
  }

  /** Takes back one occurrence added before (window reconciliation, rolled-back mapped windows). */
  void remove(long k0, long k1, int length);

  /** Memory the counter holds now, in bytes. */
  long memoryBytes();

  /**
   * Ends counting. Not concurrent with {@link #add}/{@link #remove}.
   *
   * @param keepEntries whether the state must hold every entry (for a summary); an exact counter
   *     otherwise only tallies them
   * @return what was counted
   * @throws CountingFailedException if merging spilled runs failed
   */
  CountState finish(boolean keepEntries);

  /**
   * Writes everything needed to go on counting (a checkpoint). Not concurrent with {@link #add} or
   * {@link #remove}: the scan is quiesced.
   *
   * @param out where the state goes
   * @param runs a folder for what is on disk already (an exact counter's spilled runs, hard-linked
   *     there, not copied: a run never changes once written)
   */
  void writeState(DataOutputStream out, Path runs) throws IOException;

  /**
   * Restores, into this new counter of the same configuration, a state {@link #writeState}
   * wrote: counting then goes on as if it had never stopped.
   *
   * @param in the state
   * @param runs the folder given to {@link #writeState}
   * @throws IOException if the state cannot be read or does not fit this counter
   */
  void restoreState(DataInputStream in, Path runs) throws IOException;

  /** Releases what the counter holds outside the heap (spill files). Idempotent. */
  @Override
  default void close() {}
}
