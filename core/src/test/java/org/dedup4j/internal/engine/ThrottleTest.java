package org.dedup4j.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The read-rate cap against its definition, on a simulated clock: in every interval of T seconds
 * at most {@code rate * (T + burst)} bytes start, plus one request; a demand above the rate is
 * served at the rate.
 */
class ThrottleTest {

  /** A clock that moves only when told. */
  private static final class FakeClock implements Throttle.Clock {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @Test
  void everyIntervalStaysUnderTheCapPlusOneBurst() {
    Seeds.qt("ThrottleTest.everyInterval").withExamples(60)
        .forAll(longs().all(), integers().between(1, 1000))
        .checkAssert((seed, mbPerSecond) -> {
          SplitMix64 rnd = new SplitMix64(seed);
          long rate = mbPerSecond * 1_000_000L;
          FakeClock clock = new FakeClock();
          Throttle t = new Throttle(rate, clock);
          List<long[]> starts = new ArrayList<>(); // {start nanos, bytes}
          long arrival = clock.now;
          long maxRequest = 0;
          for (int i = 0; i < 400; i++) {
            arrival += rnd.below(4) == 0 ? rnd.below(200_000_000) : rnd.below(2_000_000);
            long bytes = 1 + rnd.below(2 << 20);
            maxRequest = Math.max(maxRequest, bytes);
            clock.now = Math.max(clock.now, arrival); // several threads: arrivals interleave
            long wait = t.reserve(bytes);
            starts.add(new long[] {clock.now + wait, bytes});
          }
          starts.sort((a, b) -> Long.compare(a[0], b[0]));
          for (int i = 0; i < starts.size(); i++) {
            long sum = 0;
            for (int j = i; j < starts.size(); j++) {
              sum += starts.get(j)[1];
              double seconds = (starts.get(j)[0] - starts.get(i)[0]) / 1e9;
              double allowed = rate * (seconds + Throttle.BURST_NANOS / 1e9) + maxRequest;
              assertTrue(sum <= allowed, () -> "interval from start " + starts.get(0)[0]
                  + " holds more than the cap allows");
            }
          }
        });
  }

  @Test
  void aDemandAboveTheRateIsServedAtTheRate() {
    FakeClock clock = new FakeClock();
    Throttle t = new Throttle(100_000_000L, clock); // 100 MB/s
    long begin = clock.now;
    long bytes = 0;
    while (clock.now - begin < 20_000_000_000L) { // 20 simulated seconds, always asking
      t.acquire(1 << 20);
      bytes += 1 << 20;
    }
    double rate = bytes / ((clock.now - begin) / 1e9);
    assertEquals(100e6, rate, 100e6 * 0.01, "served " + rate + " B/s");
  }

  @Test
  void aRateBelowOneByteIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Throttle(0, new FakeClock()));
    assertEquals(200_000_000L, new Throttle(200_000_000L, new FakeClock()).bytesPerSecond());
  }
}
