package org.dedup4j.chunkers;

import java.util.Locale;
import org.dedup4j.spi.Options;

/** Checks shared by the providers; every message names the chunker, the option, the value and the range. */
final class OptionChecks {

  private OptionChecks() {}

  static String where(String chunker, String option) {
    return "chunker " + chunker + ": option " + option + ": ";
  }

  /** Chunk size limits of one algorithm: each of min, avg and max has its own range. */
  record Limits(
      int minimumMin, int minimumMax, int averageMin, int averageMax, int maximumMin, int maximumMax) {

    /**
     * Reads {@code min}, {@code avg} and {@code max}, each checked against its range, then checks
     * {@code min <= avg <= max}.
     *
     * @throws IllegalArgumentException naming the option, the value and the allowed range
     */
    Sizes read(Options options, String chunker) {
      int min = options.size("min", minimumMin, minimumMax);
      int avg = options.size("avg", averageMin, averageMax);
      int max = options.size("max", maximumMin, maximumMax);
      if (min > avg) {
        throw new IllegalArgumentException(
            where(chunker, "min")
                + min
                + " is greater than avg "
                + avg
                + "; min <= avg <= max is required, so min is allowed in "
                + minimumMin
                + ".."
                + Math.min(minimumMax, avg));
      }
      if (avg > max) {
        throw new IllegalArgumentException(
            where(chunker, "avg")
                + avg
                + " is greater than max "
                + max
                + "; min <= avg <= max is required, so avg is allowed in "
                + Math.max(averageMin, min)
                + ".."
                + Math.min(averageMax, max));
      }
      return new Sizes(min, avg, max);
    }
  }

  /** Checked chunk sizes. */
  record Sizes(int min, int avg, int max) {}

  /**
   * An integer option in {@code [min, max]}; unlike {@link Options#integer}, a value that is not a
   * number is reported with the allowed range too.
   *
   * @throws IllegalArgumentException if not a number or out of range
   */
  static int integer(Options options, String key, int min, int max) {
    try {
      return options.integer(key, min, max);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("allowed")) {
        throw e;
      }
      throw new IllegalArgumentException(e.getMessage() + "; allowed " + min + ".." + max, e);
    }
  }

  /**
   * An unsigned integer option: decimal, or hexadecimal with {@code 0x}; 64-bit values above {@link
   * Long#MAX_VALUE} come back as negative longs (unsigned bit pattern).
   *
   * @param maxUnsigned the largest allowed value, compared unsigned ({@code -1L} for any 64-bit value)
   * @throws IllegalArgumentException if not a number or out of range
   */
  static long unsigned(Options options, String chunker, String key, long maxUnsigned) {
    String text = options.text(key).trim();
    String range =
        "allowed 0.."
            + Long.toUnsignedString(maxUnsigned)
            + " (decimal) or 0x0..0x"
            + Long.toHexString(maxUnsigned);
    long value;
    try {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.startsWith("0x")) {
        value = Long.parseUnsignedLong(lower.substring(2), 16);
      } else {
        value = Long.parseUnsignedLong(text);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where(chunker, key) + "'" + text + "' is not a number; " + range, e);
    }
    if (Long.compareUnsigned(value, maxUnsigned) > 0) {
      throw new IllegalArgumentException(
          where(chunker, key) + text + " is out of range; " + range);
    }
    return value;
  }
}
