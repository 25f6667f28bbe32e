package org.dedup4j.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts bytes processed, which JMH reports as a secondary "bytes" result normalised by time: in a
 * benchmark whose output unit is seconds that is bytes per second (divide by 10^9 for GB/s).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BytesCounter {

  /** Bytes processed in this iteration. */
  public long bytes;

  /** Starts each iteration at zero. */
  @Setup(Level.Iteration)
  public void reset() {
    bytes = 0;
  }
}
