package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.Input.BufferInput;
import org.dedup4j.internal.source.Input.FileInput;
import org.dedup4j.internal.source.InputCollector;
import org.dedup4j.internal.source.Region;
import org.dedup4j.spi.Chunker;

/**
 * The windows of one input under content-defined chunking, and their reconciliation with the one
 * sequential chain of cuts after they were chunked in parallel.
 *
 * <h2>Windows and the chain of cuts</h2>
 *
 * Fixed-size chunking splits files into windows aligned to the chunk size, so windows are
 * independent. Content-defined chunking cannot know where the sequential chain of cuts enters a
 * window, so each window is first chunked as if a chunk started at its first byte (its own chain),
 * counting the chunks that start inside it. Then, per input and in order, the window edges are
 * reconciled: from where the true chain's last chunk before the edge ends, the true chain is cut
 * forward while the window's own chain is walked in step, until both cut at the same offset; the
 * true chain's chunks up to there are added, the window's own chunks before it are taken back.
 * After the meeting point both chains are the same (a cut depends only on the bytes since the
 * chunk's start), so the window's counts stand. Typically they meet within a chunk or two; on data
 * where they never meet (long runs of zeros at offsets that are not a multiple of the maximum chunk)
 * the true chain is cut through the whole window, which costs time but never correctness. Streams
 * are read as one chain.
 */
final class WindowChain {

  final long[] starts;
  /** Where the last window ends: the input's size, or a range's end. */
  final long end;
  /** Where each window's own chain's next chunk starts after its last counted one. */
  final long[] ends;
  /** Whether each window was chunked to its end (a failed window leaves its edges unreconciled). */
  final boolean[] done;

  /** Whether every window was chunked to its end. */
  boolean allDone() {
    for (boolean d : done) {
      if (!d) {
        return false;
      }
    }
    return true;
  }

  WindowChain(long[] starts, long end) {
    this.starts = starts;
    this.end = end;
    this.ends = new long[starts.length];
    this.done = new boolean[starts.length];
  }

  /**
   * Re-synchronises every window edge of the input with its true chain of cuts, adding and taking
   * back chunks through the worker.
   *
   * @param chunker the lane's chunker
   * @param w the calling thread's worker of that lane
   * @param in the input
   * @param problems where an input that could not be reconciled is reported
   * @param stopped the caller stopped the scan, and windows not done were taken back whole: each
   *     run of consecutive done windows is then reconciled as one chain from its first window's
   *     start (as if the input began there), and edges next to a window not done need nothing
   * @return where the chain's next chunk starts after the last one that starts before the last
   *     window's end, or -1 if the edges could not be reconciled
   */
  long reconcile(Chunker chunker, Worker w, Input in, BiConsumer<Input, String> problems,
      boolean stopped) {
    if (!stopped && !allDone()) {
      problems.accept(in, "window edges not reconciled because a window failed, so chunks near"
          + " them may be counted twice by " + chunker.spec());
      return -1;
    }
    long size = in.size();
    try (Region region = in instanceof FileInput f
        ? Region.of(FileChannel.open(f.path, StandardOpenOption.READ), chunker.maxChunkSize())
        : in instanceof Input.RangeInput r ? Region.of(r.reader, chunker.maxChunkSize())
        : Region.of(((BufferInput) in).data)) {
      long t = ends[0]; // the true chain's next chunk start; window 0's chain is the true one
      for (int k = 1; k < starts.length; k++) {
        if (!done[k - 1] || !done[k]) {
          t = ends[k]; // a stopped scan: window k starts a run (its own chain), or is not counted
          continue;
        }
        long next = k + 1 < starts.length ? starts[k + 1] : end;
        long a = t;          // true chain
        long b = starts[k];  // the window's own chain
        while (a != b) {
          if (a < b) {
            if (a >= next) {
              break;
            }
            a = w.reconcile(in, region, a, size, true);
          } else {
            if (b >= next) {
              break;
            }
            b = w.reconcile(in, region, b, size, false);
          }
        }
        // Met inside the window: its own chain's counts stand from there. Otherwise every chunk
        // of its own chain is taken back and the true chain has been cut past the window.
        t = a == b && a < next ? ends[k] : a;
      }
      return stopped ? -1 : t;
    } catch (IOException e) {
      problems.accept(in, "window edges not reconciled: " + InputCollector.describe(e)
          + "; chunks near them may be counted twice");
      return -1;
    }
  }
}
