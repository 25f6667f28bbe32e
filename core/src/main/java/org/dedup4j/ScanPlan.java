package org.dedup4j;

import java.util.Locale;
import org.dedup4j.spi.Sizes;

/**
 * The forecast of {@link CountingMode#AUTO}: how much memory an exact run would need, and the mode
 * chosen. The unique share is estimated from a quick percent sample (fingerprints of a few percent
 * of the chunks) with the Chao-Lee estimator; the forecast uses its upper bound. Immutable.
 *
 * <pre>{@code
 * ScanPlan plan = DedupScanner.builder().memoryBudget(1L << 30).build().plan(List.of(ScanSource.of(path)));
 * System.out.print(plan.toText());
 * }</pre>
 *
 * @param bytes bytes to scan; -1 when a source's size is unknown (a stream)
 * @param chunks chunks the data holds (counted by the quick sample's pass)
 * @param uniqueChunks the estimated unique chunks with bounds
 * @param exactMemoryBytes forecast memory of an exact table for the estimate (typical load)
 * @param exactMemoryHighBytes forecast for the upper bound at the table's worst load (just grown)
 * @param memoryBudget the budget the forecast is compared with
 * @param samplePercent percent of chunks the quick sample fingerprinted; 0 if none was needed
 * @param choice {@link CountingMode#EXACT} or {@link CountingMode#SAMPLE}
 * @param reason why, in words
 */
public record ScanPlan(
    long bytes,
    long chunks,
    Interval uniqueChunks,
    long exactMemoryBytes,
    long exactMemoryHighBytes,
    long memoryBudget,
    double samplePercent,
    CountingMode choice,
    String reason) {

  /**
   * The forecast as lines of text.
   *
   * @return text ending in a newline
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s %s in %d chunks%n", "Plan:",
        bytes < 0 ? "unknown size" : Sizes.format(bytes), chunks));
    sb.append(String.format(Locale.ROOT, "%-22s %.0f (%.0f..%.0f)%s%n", "Unique chunks (est.):",
        uniqueChunks.estimate(), uniqueChunks.low(), uniqueChunks.high(),
        samplePercent > 0 ? String.format(Locale.ROOT, " from a %.3g%% sample", samplePercent) : ""));
    sb.append(String.format(Locale.ROOT, "%-22s %s (up to %s); budget %s%n", "Exact table (est.):",
        Sizes.format(exactMemoryBytes), Sizes.format(exactMemoryHighBytes), Sizes.format(memoryBudget)));
    sb.append(String.format(Locale.ROOT, "%-22s %s: %s%n", "Choice:", choice.label(), reason));
    return sb.toString();
  }

  /**
   * The forecast as JSON, as {@code dedup4j scan --plan --json} prints it: the unique chunks
   * rounded, and left out while unknown.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    return ReportJson.pretty(w -> ReportJson.plan(w, this, false));
  }
}
