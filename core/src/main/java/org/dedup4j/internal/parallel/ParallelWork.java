package org.dedup4j.internal.parallel;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dedup4j.internal.count.CountingFailedException;

/**
 * A fork-join pool whose work can never leave its caller waiting: the first fatal failure of any
 * item (an {@link Error} such as {@link OutOfMemoryError}, or a counter that cannot go on) stops
 * the items not yet begun, and the caller's wait ends with that failure at most {@link #GRACE_NANOS}
 * after it, even if a worker thread died in a way the pool never reports (an out-of-memory error
 * inside the pool's own bookkeeping). Failures that concern one input are the action's to record;
 * only what makes every number wrong is fatal.
 */
public final class ParallelWork implements AutoCloseable {

  /** How long the caller waits for items in flight once a fatal failure is known. */
  public static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final long graceNanos;
  private final ForkJoinPool pool;
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private volatile long fatalAt;
  private volatile boolean abandoned;

  public ParallelWork(int threads) {
    this(threads, GRACE_NANOS);
  }

  /** With another grace period (tests). */
  public ParallelWork(int threads, long graceNanos) {
    this.graceNanos = graceNanos;
    this.pool = new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory,
        (thread, e) -> fail(e), false);
  }

  /** Whether a fatal failure was recorded: work in progress may stop early. */
  public boolean failed() {
    return fatal.get() != null;
  }

  private void fail(Throwable e) {
    if (fatal.compareAndSet(null, e)) {
      fatalAt = System.nanoTime();
    }
  }

  /**
   * Runs the action on every item in parallel and waits.
   *
   * @throws Error the first fatal failure of an item (typically {@link OutOfMemoryError}), once
   *     the items in flight have ended or the grace period is over
   * @throws CountingFailedException likewise, when that was the first fatal failure
   * @throws IllegalStateException if the caller is interrupted or the pool fails otherwise
   */
  public <T> void forEach(List<T> items, Consumer<T> action) {
    ForkJoinTask<?> task = pool.submit(() -> items.parallelStream().forEach(item -> {
      if (fatal.get() != null) {
        return; // the scan is over: skip what has not begun
      }
      try {
        action.accept(item);
      } catch (Error | CountingFailedException e) {
        fail(e); // no allocation here: the heap may be full
      }
    }));
    try {
      while (true) {
        try {
          task.get(100, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          if (fatal.get() != null && System.nanoTime() - fatalAt > graceNanos) {
            abandoned = true;
            break; // a worker that never reports back: do not wait for it
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      // Only the pool's own failures reach here (the action's fatal ones are caught above).
      if (e.getCause() instanceof Error err) {
        fail(err);
      } else {
        throw new IllegalStateException("parallel work failed: " + e.getCause(), e.getCause());
      }
    }
    Throwable f = fatal.get();
    if (f instanceof Error err) {
      throw err;
    }
    if (f instanceof RuntimeException r) {
      throw r;
    }
  }

  /** Whether every item has ended: no worker was left running past the grace period. */
  public boolean settled() {
    return !abandoned;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
