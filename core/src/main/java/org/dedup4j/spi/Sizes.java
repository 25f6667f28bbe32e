package org.dedup4j.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes as users write them: {@code 4096}, {@code 4k}, {@code 64KiB},
 * {@code 1.5G}. Every unit is binary: {@code k}, {@code K}, {@code KB} and {@code KiB} all mean 1024
 * bytes (storage tools disagree on {@code KB}; a chunk size is always a power-of-two multiple in
 * practice, so we pick the binary meaning everywhere and say so).
 *
 * <pre>{@code
 * long bytes = Sizes.parse("64KiB");   // 65536
 * String text = Sizes.format(65536);   // "64 KiB"
 * }</pre>
 */
public final class Sizes {

  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgtpe]?)(?:i?b)?\\s*", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "kmgtpe";

  private Sizes() {}

  /**
   * Parses a size.
   *
   * @param text digits with an optional binary unit: {@code b}, {@code k}/{@code KB}/{@code KiB},
   *     {@code m}, {@code g}, {@code t}, {@code p}, {@code e}; a fraction is allowed when the result
   *     is a whole number of bytes ({@code 1.5k})
   * @return the size in bytes
   * @throws IllegalArgumentException if the text is not a size or the size exceeds {@link
   *     Long#MAX_VALUE}
   */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("size must not be null");
    }
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (examples: 4096, 4k, 64KiB, 1M, 2G)");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    int shift = unit.isEmpty() ? 0 : 10 * (UNITS.indexOf(unit.charAt(0)) + 1);
    java.math.BigDecimal value =
        new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(2).pow(shift));
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a whole number of bytes below 8 EiB", e);
    }
  }

  /**
   * Formats a size with the largest binary unit that keeps it short: {@code 4096} gives {@code
   * "4 KiB"}, {@code 1536} gives {@code "1.5 KiB"}, {@code 100} gives {@code "100 B"}.
   *
   * @param bytes a size
   * @return the text
   */
  public static String format(long bytes) {
    if (Math.abs(bytes) < 1024) {
      return bytes + " B";
    }
    int unit = (63 - Long.numberOfLeadingZeros(Math.abs(bytes))) / 10;
    double value = bytes / Math.pow(1024, unit);
    String number =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    return number + " " + Character.toUpperCase(UNITS.charAt(unit - 1)) + "iB";
  }
}
