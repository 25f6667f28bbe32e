package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a scan counts distinct chunks: exactly, or within a fixed memory with stated error. See
 * {@code docs/estimation.md} for what each mode counts exactly, what it estimates and how well.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder()
 *     .counting(CountingMode.SAMPLE)     // about 2 MiB of counter memory at any data size
 *     .build()
 *     .scan(Path.of("/srv/backups"));
 * System.out.println(r.countingStats().dedupeRatio()); // estimate with a 95% interval
 * }</pre>
 */
public enum CountingMode {
  /**
   * Every distinct fingerprint with its reference count. Past the memory budget the table is
   * spilled to sorted runs on disk and merged at the end, so counts stay exact at any size.
   */
  EXACT,
  /**
   * Content-based sampling: only chunks whose fingerprint hashes below a threshold are kept, with
   * every copy of them, in a table of at most {@code maxEntries}; the threshold halves when the table
   * is full. Estimates unique chunks, unique bytes, the dedupe ratio and the reference-count
   * histogram with 95% intervals.
   */
  SAMPLE,
  /**
   * An UltraLogLog sketch for the number of unique chunks (a few KiB, relative standard error about
   * 1.2%), beside the {@link #SAMPLE} for unique bytes and the histogram.
   */
  SKETCH,
  /**
   * Forecasts the memory an exact run needs from a quick sample and runs {@link #EXACT} when it fits
   * the memory budget, else {@link #SAMPLE}. The report carries the forecast and the choice.
   */
  AUTO;

  /**
   * The lowercase name used in reports, JSON and on the command line.
   *
   * @return the lowercase name used in reports, JSON and on the command line
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@link #label()}.
   *
   * @param label {@code exact}, {@code sample}, {@code sketch} or {@code auto}, any case
   * @return the mode
   * @throws IllegalArgumentException for any other text
   */
  public static CountingMode of(String label) {
    for (CountingMode m : values()) {
      if (m.label().equalsIgnoreCase(label.trim())) {
        return m;
      }
    }
    checkArgument(false, "counting mode '%s' is unknown; allowed %s", label,
        Arrays.stream(values()).map(CountingMode::label).toList());
    throw new AssertionError();
  }
}
