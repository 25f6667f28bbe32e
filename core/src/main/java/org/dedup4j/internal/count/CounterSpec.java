package org.dedup4j.internal.count;

import java.nio.file.Path;
import org.dedup4j.Attribution;
import org.dedup4j.CountingMode;
import org.dedup4j.ScanPlan;

/**
 * How a scan counts: the mode (never {@code AUTO}: the scanner resolves it first), its budgets, and
 * whether the state must keep every entry (for a summary).
 *
 * @param mode exact, sample or sketch
 * @param memoryBudget exact: the table's budget before it spills ({@code Long.MAX_VALUE}: never)
 * @param maxEntries sample and sketch: the table's capacity
 * @param spillDirectory exact: where the private temp folder for runs is made
 * @param salt sample and sketch: mixed into the sample hash
 * @param keepEntries whether the state keeps every entry
 * @param plan the forecast that chose the mode, or null
 * @param streamEntries exact: the file to stream the final entries to (a summary of any size), or
 *     null
 * @param parts whether the scan is of file parts whose edges are corrected afterwards
 * @param attribute exact: how inputs are grouped for attribution (a group tag per table entry), or
 *     null
 */
public record CounterSpec(CountingMode mode, long memoryBudget, int maxEntries, Path spillDirectory,
    long salt, boolean keepEntries, ScanPlan plan, Path streamEntries, boolean parts,
    Attribution.By attribute) {

  /** Exact, in memory, no summary: the original behaviour. */
  public static CounterSpec exactInMemory() {
    return new CounterSpec(CountingMode.EXACT, Long.MAX_VALUE, SampleCounter.DEFAULT_MAX_ENTRIES,
        null, 0, false, null, null, false, null);
  }

  /**
   * A counter for one scan.
   *
   * @param keyBits the hasher's fingerprint bits
   * @param uniformLength the fixed chunk size, or 0
   * @param inputBytes the scan's inputs in all, or -1 if unknown (a stream)
   * @return a new counter
   */
  public ChunkCounter create(int keyBits, int uniformLength, long inputBytes) {
    return switch (mode) {
      case EXACT -> new ExactCounter(keyBits, uniformLength, memoryBudget, spillDirectory,
          expectedEntries(keyBits, uniformLength, inputBytes), attribute != null)
          .streamEntriesTo(streamEntries);
      case SAMPLE -> new SampleCounter(keyBits, maxEntries, salt, false).deferringFit(parts);
      case SKETCH -> new SampleCounter(keyBits, maxEntries, salt, true).deferringFit(parts);
      case AUTO -> throw new IllegalStateException("auto mode must be resolved before the scan");
    };
  }

  /** The most an exact table is presized to without a plan's estimate of the unique chunks. */
  public static final long UNPLANNED_PRESIZE_LIMIT = 64L << 20;

  /**
   * A bound on the distinct fingerprints of an exact table, for presizing it, or 0 (start small
   * and grow) for a stream or content-defined chunking, where only a loose bound is known. With
   * fixed-size chunking the input's chunk count bounds them. With a plan, the forecast's upper
   * bound on unique chunks is a tighter size when the quick sample was taken (a table that
   * receives more grows). Without one, the chunk count is used when its table takes at most
   * {@link #UNPLANNED_PRESIZE_LIMIT} and a sixteenth of the heap: a highly duplicated input then
   * wastes at most that much, and a small heap is not taken up front.
   */
  long expectedEntries(int keyBits, int uniformLength, long inputBytes) {
    if (uniformLength <= 0) {
      return 0;
    }
    if (plan != null) {
      if (plan.bytes() < 0 || plan.chunks() <= 0) {
        return 0;
      }
      double high = plan.uniqueChunks().high();
      return Double.isFinite(high) && high >= 0
          ? Math.min(plan.chunks(), (long) Math.ceil(high)) : plan.chunks();
    }
    if (inputBytes <= 0) {
      return 0;
    }
    long chunks = (inputBytes + uniformLength - 1) / uniformLength;
    long bytes = FingerprintTable.presizedBytes(keyBits, uniformLength,
        FingerprintTable.SCAN_SEGMENT_BITS, chunks);
    return bytes <= UNPLANNED_PRESIZE_LIMIT && bytes <= Runtime.getRuntime().maxMemory() / 16
        ? chunks : 0;
  }

  /**
   * The same with another mode and the plan that chose it.
   *
   * @param m the mode
   * @param p the plan
   * @return a copy
   */
  public CounterSpec resolved(CountingMode m, ScanPlan p) {
    return new CounterSpec(m, memoryBudget, maxEntries, spillDirectory, salt, keepEntries, p,
        streamEntries, parts, attribute);
  }

  /**
   * The same, keeping entries or not.
   *
   * @param keep whether to keep entries
   * @return a copy
   */
  public CounterSpec keepingEntries(boolean keep) {
    return new CounterSpec(mode, memoryBudget, maxEntries, spillDirectory, salt, keep, plan,
        streamEntries, parts, attribute);
  }

  /**
   * For a scan of file parts whose edges are corrected afterwards: a sample keeps its whole table
   * at the end (the correction settles the fit, see {@code CountState.corrected}).
   */
  public CounterSpec forParts() {
    return new CounterSpec(mode, memoryBudget, maxEntries, spillDirectory, salt, keepEntries, plan,
        streamEntries, true, attribute);
  }

  /**
   * The same, attributing by {@code by} (null: not).
   *
   * @param by the grouping
   * @return a copy
   */
  public CounterSpec attributing(Attribution.By by) {
    return new CounterSpec(mode, memoryBudget, maxEntries, spillDirectory, salt, keepEntries, plan,
        streamEntries, parts, by);
  }

  /**
   * The same, streaming exact entries to a file.
   *
   * @param file the file
   * @return a copy
   */
  public CounterSpec streamingTo(Path file) {
    return new CounterSpec(mode, memoryBudget, maxEntries, spillDirectory, salt, false, plan, file,
        parts, attribute);
  }
}
