package org.dedup4j.internal.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.dedup4j.internal.count.CountingFailedException;
import org.junit.jupiter.api.Test;

/** The pool under every scan: a fatal failure of one item ends the wait, never a hang (D2). */
class ParallelWorkTest {

  private static final List<Integer> ITEMS = IntStream.range(0, 1000).boxed().toList();

  @Test
  void everyItemRunsOnceWhenNothingFails() {
    AtomicInteger sum = new AtomicInteger();
    try (ParallelWork work = new ParallelWork(2)) {
      work.forEach(ITEMS, sum::addAndGet);
      assertTrue(work.settled());
    }
    assertEquals(999 * 1000 / 2, sum.get());
  }

  @Test
  void anOutOfMemoryErrorStopsTheItemsNotYetBegunAndReachesTheCaller() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    AtomicInteger ran = new AtomicInteger();
    try (ParallelWork work = new ParallelWork(1)) {
      OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> work.forEach(ITEMS, i -> {
        ran.incrementAndGet();
        if (i == 10) {
          throw oom;
        }
      }));
      assertSame(oom, thrown);
      assertTrue(work.failed());
    }
    assertTrue(ran.get() < ITEMS.size(), "items after the failure were skipped: " + ran.get());
  }

  @Test
  void aCounterThatCannotGoOnReachesTheCallerAsItself() {
    CountingFailedException failure =
        new CountingFailedException("spill failed", new IOException("disk full"));
    try (ParallelWork work = new ParallelWork(2)) {
      assertSame(failure, assertThrows(CountingFailedException.class,
          () -> work.forEach(ITEMS, i -> {
            throw failure;
          })));
    }
  }

  @Test
  void aWorkerThatNeverReturnsDoesNotHoldTheCallerPastTheGracePeriod() {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(1);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (ParallelWork work = new ParallelWork(2, TimeUnit.MILLISECONDS.toNanos(300))) {
        assertThrows(OutOfMemoryError.class, () -> work.forEach(List.of(0, 1), i -> {
          if (i == 0) {
            stuck.countDown();
            awaitUninterruptibly(never); // a worker that never reports back
          } else {
            awaitUninterruptibly(stuck);
            throw new OutOfMemoryError("test");
          }
        }));
        assertFalse(work.settled(), "the stuck worker was abandoned");
      }
    });
    never.countDown();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // shutdownNow interrupts; a worker stuck in a read would not notice either
      }
    }
  }
}
