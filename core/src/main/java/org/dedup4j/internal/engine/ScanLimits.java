package org.dedup4j.internal.engine;

/**
 * How far and how fast a scan may read (hardening, issue 13).
 *
 * @param maxBytesPerSecond a cap on the read rate over all threads, or 0 for none
 * @param maxStreamBytes how many bytes each stream input (a pipe, a device, standard input) is read
 *     at most before it is reported as limited, or {@link Long#MAX_VALUE} for no bound
 * @param stopWhen asked by every thread about once a mebibyte: once true, the scan stops and
 *     reports what it counted, marked partial
 */
public record ScanLimits(long maxBytesPerSecond, long maxStreamBytes,
    java.util.function.BooleanSupplier stopWhen) {

  /** No cap, no bound, no stop. */
  public static final ScanLimits NONE = new ScanLimits(0, Long.MAX_VALUE, () -> false);

  /** Checks the components. */
  public ScanLimits {
    if (maxBytesPerSecond < 0) {
      throw new IllegalArgumentException("maxBytesPerSecond " + maxBytesPerSecond + " < 0");
    }
    java.util.Objects.requireNonNull(stopWhen, "stopWhen");
    if (maxStreamBytes < 1) {
      throw new IllegalArgumentException("maxStreamBytes " + maxStreamBytes + " < 1");
    }
  }
}
