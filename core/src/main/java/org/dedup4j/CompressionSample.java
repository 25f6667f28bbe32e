package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * How many units the compressibility estimate compresses: {@link #auto()} sizes a uniform random
 * sample for a requested precision, {@link #units(long)} takes a fixed number, {@link #all()}
 * compresses every unit (an exact pass). The seed makes a sample reproducible.
 *
 * <pre>{@code
 * CompressionSample.auto();                    // +-1% absolute on the stored fraction, 95% confidence
 * CompressionSample.auto(0.005, 0.99);         // +-0.5% at 99%
 * CompressionSample.parse("20000").seed(7);    // 20000 units, seed 7
 * CompressionSample.all();                     // exact
 * }</pre>
 *
 * <p>See {@code docs/compression.md} for what is exact, what is estimated and how the sample is
 * sized. Immutable and thread-safe.
 */
public final class CompressionSample {

  /** Default precision: the stored fraction's 95% interval is at most this wide on each side. */
  public static final double DEFAULT_HALF_WIDTH = 0.01;

  /** Default confidence of the interval. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /** Smallest precision {@link #auto(double, double)} accepts. */
  public static final double MIN_HALF_WIDTH = 0.0005;

  /** Largest precision {@link #auto(double, double)} accepts. */
  public static final double MAX_HALF_WIDTH = 0.25;

  /** Lowest confidence accepted. */
  public static final double MIN_CONFIDENCE = 0.5;

  /** Highest confidence accepted. */
  public static final double MAX_CONFIDENCE = 0.9999;

  /** Most units {@link #units(long)} accepts. */
  public static final long MAX_UNITS = 1L << 24;

  /** What kind of sample. */
  public enum Mode {
    /** Sized for a precision. */
    AUTO,
    /** A fixed number of units. */
    UNITS,
    /** Every unit. */
    ALL
  }

  private final Mode mode;
  private final double halfWidth;
  private final double confidence;
  private final long units;
  private final long seed;

  private CompressionSample(Mode mode, double halfWidth, double confidence, long units, long seed) {
    this.mode = mode;
    this.halfWidth = halfWidth;
    this.confidence = confidence;
    this.units = units;
    this.seed = seed;
  }

  /**
   * The default: sized for +-1% absolute on the stored fraction at 95% confidence, seed 0.
   *
   * @return the default: sized for +-1% absolute on the stored fraction at 95% confidence, seed 0
   */
  public static CompressionSample auto() {
    return new CompressionSample(Mode.AUTO, DEFAULT_HALF_WIDTH, DEFAULT_CONFIDENCE, 0, 0);
  }

  /**
   * A sample sized so that the stored fraction's interval at {@code confidence} is at most {@code
   * halfWidth} on each side.
   *
   * @param halfWidth {@link #MIN_HALF_WIDTH} to {@link #MAX_HALF_WIDTH}, absolute (0.01 = 1 point)
   * @param confidence {@link #MIN_CONFIDENCE} to {@link #MAX_CONFIDENCE}
   * @return the sample
   * @throws IllegalArgumentException if out of range
   */
  public static CompressionSample auto(double halfWidth, double confidence) {
    checkArgument(halfWidth >= MIN_HALF_WIDTH && halfWidth <= MAX_HALF_WIDTH,
        "compression sample precision %s is out of range; allowed %s..%s", halfWidth,
        MIN_HALF_WIDTH, MAX_HALF_WIDTH);
    checkConfidence(confidence);
    return new CompressionSample(Mode.AUTO, halfWidth, confidence, 0, 0);
  }

  /**
   * A fixed number of units (all of them when there are fewer), with a 95% interval.
   *
   * @param units 1 to {@link #MAX_UNITS}
   * @return the sample
   * @throws IllegalArgumentException if out of range
   */
  public static CompressionSample units(long units) {
    checkArgument(units >= 1 && units <= MAX_UNITS,
        "compression sample %s is out of range; allowed auto, 1..%s units, or all", units,
        MAX_UNITS);
    return new CompressionSample(Mode.UNITS, 0, DEFAULT_CONFIDENCE, units, 0);
  }

  /**
   * Every unit: the exact ratio.
   *
   * @return every unit: the exact ratio
   */
  public static CompressionSample all() {
    return new CompressionSample(Mode.ALL, 0, 1, 0, 0);
  }

  /**
   * Parses {@code auto}, a number of units, or {@code all}, as the command line writes it.
   *
   * @param text the text
   * @return the sample
   * @throws IllegalArgumentException if it is none of those or the number is out of range
   */
  public static CompressionSample parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return auto();
    }
    if (t.equals("all")) {
      return all();
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("compression sample '" + text
          + "' is not auto, a number of units (1.." + MAX_UNITS + ") or all", e);
    }
    return units(n);
  }

  /**
   * The same sample with another seed.
   *
   * @param seed the seed
   * @return a sample with that seed
   */
  public CompressionSample seed(long seed) {
    return new CompressionSample(mode, halfWidth, confidence, units, seed);
  }

  /**
   * The same sample with another confidence for its interval (not for {@link #all()}, which is
   * exact).
   *
   * @param confidence {@link #MIN_CONFIDENCE} to {@link #MAX_CONFIDENCE}
   * @return a sample with that confidence
   * @throws IllegalArgumentException if out of range, or the sample is {@link #all()}
   */
  public CompressionSample confidence(double confidence) {
    checkConfidence(confidence);
    checkArgument(mode != Mode.ALL, "an exact pass (all) has no confidence to set");
    return new CompressionSample(mode, halfWidth, confidence, units, seed);
  }

  private static void checkConfidence(double confidence) {
    checkArgument(confidence >= MIN_CONFIDENCE && confidence <= MAX_CONFIDENCE,
        "confidence %s is out of range; allowed %s..%s", confidence, MIN_CONFIDENCE,
        MAX_CONFIDENCE);
  }

  /**
   * The kind of sample.
   *
   * @return the kind of sample
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The requested half-width of the stored fraction's interval (auto only; else 0).
   *
   * @return the requested half-width of the stored fraction's interval (auto only; else 0)
   */
  public double halfWidth() {
    return halfWidth;
  }

  /**
   * The interval's confidence; 1 for an exact pass.
   *
   * @return the interval's confidence; 1 for an exact pass
   */
  public double confidence() {
    return confidence;
  }

  /**
   * The number of units requested (units mode only; else 0).
   *
   * @return the number of units requested (units mode only; else 0)
   */
  public long units() {
    return units;
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /** As {@link #parse} reads it: {@code auto}, a number, or {@code all}; plus the settings. */
  @Override
  public String toString() {
    return switch (mode) {
      case AUTO -> String.format(Locale.ROOT, "auto (+-%s%% at %s%%), seed %d",
          trim(halfWidth * 100), trim(confidence * 100), seed);
      case UNITS -> units + " units, seed " + seed;
      case ALL -> "all";
    };
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressionSample s && s.mode == mode && s.halfWidth == halfWidth
        && s.confidence == confidence && s.units == units && s.seed == seed;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(mode, halfWidth, confidence, units, seed);
  }
}
