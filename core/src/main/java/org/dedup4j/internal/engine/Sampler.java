package org.dedup4j.internal.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static org.dedup4j.internal.count.SampleCounter.splitMix64;

/**
 * Decides which chunks the percent mode evaluates: a chunk is kept when a keyed hash of (seed,
 * input, chunk offset) falls below {@code percent / 100} of the 64-bit range. The decision is a pure
 * function of those three values, so it does not depend on threads, windows or the order of inputs,
 * and the same seed gives the same sample.
 */
public final class Sampler {

  private final long seed;
  private final long threshold; // unsigned: keep when hash < threshold
  private final boolean all;

  public Sampler(double percent, long seed) {
    checkArgument(percent > 0 && percent <= 100, "percent must be in (0, 100]: %s", percent);
    this.seed = seed;
    this.all = percent == 100;
    // percent/100 * 2^64, computed in two halves to stay exact in double range
    double fraction = percent / 100.0;
    this.threshold = all ? -1L : (long) (fraction * 0x1p63) << 1;
  }

  public boolean keeps(long inputKey, long offset) {
    if (all) {
      return true;
    }
    long h = splitMix64(seed ^ inputKey ^ splitMix64(offset + 0x632BE59BD9B4E019L));
    return Long.compareUnsigned(h, threshold) < 0;
  }
}
