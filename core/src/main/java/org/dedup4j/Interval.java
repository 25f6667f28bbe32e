package org.dedup4j;

import java.util.Locale;

/**
 * An estimate with a confidence interval: {@code low <= estimate <= high}. Exact counts are
 * intervals of width zero. Immutable.
 *
 * <pre>{@code
 * Interval u = report.countingStats().uniqueChunks();
 * System.out.printf("%.0f (%.0f..%.0f)%n", u.estimate(), u.low(), u.high());
 * }</pre>
 *
 * @param estimate the point estimate
 * @param low the lower end
 * @param high the upper end
 */
public record Interval(double estimate, double low, double high) {

  /**
   * An exact value.
   *
   * @param value the value
   * @return the interval [value, value]
   */
  public static Interval exact(double value) {
    return new Interval(value, value, value);
  }

  /**
   * Whether the interval has width zero.
   *
   * @return whether the interval has width zero
   */
  public boolean isExact() {
    return low == high;
  }

  /**
   * Whether the interval holds a value.
   *
   * @param value the value
   * @return {@code low <= value <= high}
   */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }

  /**
   * Half the width relative to the estimate; 0 for an exact value or an estimate of 0.
   *
   * @return half the width relative to the estimate; 0 for an exact value or an estimate of 0
   */
  public double relativeHalfWidth() {
    return estimate == 0 ? 0 : (high - low) / 2 / estimate;
  }

  @Override
  public String toString() {
    return isExact()
        ? String.format(Locale.ROOT, "%.6g", estimate)
        : String.format(Locale.ROOT, "%.6g (%.6g..%.6g)", estimate, low, high);
  }
}
