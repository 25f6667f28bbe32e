package org.dedup4j.internal.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A cap on the read rate shared by every scan thread (hardening, {@code --max-rate}): a token
 * bucket kept as the time at which the next byte may be read (the generic cell rate algorithm).
 * Each thread asks for the bytes it is about to process, about a mebibyte at a time, and waits
 * until the schedule reaches them, so that over any interval of T seconds at most {@code rate * T
 * + burst} bytes pass, and the rate is smooth at the scale of {@code burst / rate} (a twentieth
 * of a second).
 */
final class Throttle {

  /** What lets a test drive the clock. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos);
  }

  static final Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) {
      LockSupport.parkNanos(nanos);
    }
  };

  /**
   * The burst: a twentieth of a second's bytes. With each thread a mebibyte ahead of its booking,
   * a 1-second window then stays within 10% of the cap at 100 MB/s (benchmarks/max-rate.py; a
   * tenth of a second reached 1.10).
   */
  static final long BURST_NANOS = 50_000_000L;

  private final double nanosPerByte;
  private final long burstNanos;
  private final Clock clock;
  private long next; // when the next byte is due, in clock nanos

  /**
   * A cap of {@code bytesPerSecond}, allowing bursts of a twentieth of a second's bytes.
   *
   * @param bytesPerSecond the cap, at least 1
   * @param clock the clock ({@link #SYSTEM})
   */
  Throttle(long bytesPerSecond, Clock clock) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1 byte per second: " + bytesPerSecond);
    }
    this.nanosPerByte = 1e9 / bytesPerSecond;
    this.burstNanos = BURST_NANOS;
    this.clock = clock;
    this.next = clock.nanoTime() - burstNanos;
  }

  /** The bytes per second this throttle allows. */
  long bytesPerSecond() {
    return Math.round(1e9 / nanosPerByte);
  }

  /** Waits until {@code bytes} more may be read (returns at once while within the burst). */
  void acquire(long bytes) {
    long wait = reserve(bytes);
    long until = clock.nanoTime() + wait;
    for (long left = wait; left > 0; left = until - clock.nanoTime()) {
      clock.sleepNanos(left);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt(); // the scan is being stopped: do not hold it up
        return;
      }
    }
  }

  /** Books the bytes; returns how long the caller must wait before reading them. */
  synchronized long reserve(long bytes) {
    long now = clock.nanoTime();
    if (next < now - burstNanos) {
      next = now - burstNanos; // idle time earns at most one burst
    }
    long wait = next - now;
    next += (long) Math.ceil(bytes * nanosPerByte);
    return Math.max(0, wait);
  }
}
