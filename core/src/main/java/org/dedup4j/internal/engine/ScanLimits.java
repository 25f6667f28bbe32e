package org.dedup4j.internal.engine;

/**
 * How far and how fast a scan may read (hardening, issue 13).
 *
 * @param maxBytesPerSecond a cap on the read rate over all threads, or 0 for none
 * @param maxStreamBytes how many bytes each stream input (a pipe, a device, standard input) is read
 *     at most before it is reported as limited, or {@link Long#MAX_VALUE} for no bound
 */
public record ScanLimits(long maxBytesPerSecond, long maxStreamBytes) {

  /** No cap and no bound. */
  public static final ScanLimits NONE = new ScanLimits(0, Long.MAX_VALUE);

  /** Checks the components. */
  public ScanLimits {
    if (maxBytesPerSecond < 0) {
      throw new IllegalArgumentException("maxBytesPerSecond " + maxBytesPerSecond + " < 0");
    }
    if (maxStreamBytes < 1) {
      throw new IllegalArgumentException("maxStreamBytes " + maxStreamBytes + " < 1");
    }
  }
}
