package org.dedup4j.internal.compress;

import org.dedup4j.Compression;
import org.dedup4j.internal.report.CompressionFigures;

/**
 * The estimator's arithmetic: the ratio estimate of the stored fraction from a uniform sample of
 * units drawn without replacement, its CLT interval with the finite-population correction, and the
 * sample size a precision needs. See {@code docs/compression.md}.
 *
 * <p>With y_i the stored and x_i the raw bytes of sampled unit i (both 0 for an all-zero unit), n
 * units sampled of N, the estimate is F = sum(y) / sum(x), and its standard error by linearisation is
 * sqrt((1 - n/N) * s_d^2 / n) / mean(x) with d_i = y_i - F x_i and s_d^2 their sample variance
 * (Cochran, Sampling Techniques, 3rd ed., 6.4; the usual survey-sampling ratio estimator). The
 * interval is F +- max(z * SE, (1 - n/N) * ln(1/alpha) / m), m the non-zero units sampled: the second
 * term is the rule-of-three floor, so a sample in which every unit compressed alike (all
 * incompressible, say) still admits the units it may have missed.
 */
public final class RatioStats {

  private RatioStats() {}

  /** Units of the pilot sample in auto mode, and the least an auto sample compresses. */
  public static final int PILOT_UNITS = 1000;

  /**
   * The two-sided standard normal quantile: z with P(|Z| <= z) = confidence (1.96 at 0.95).
   *
   * @param confidence in (0, 1)
   * @return z
   */
  public static double z(double confidence) {
    return inverseNormal(1 - (1 - confidence) / 2);
  }

  /** Acklam's rational approximation of the normal quantile (relative error below 1.2e-9). */
  static double inverseNormal(double p) {
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  /** What the sample holds: per non-zero unit its raw and stored bytes, plus counts. */
  public static final class Sample {
    long[] raw = new long[64];
    long[] stored = new long[64];
    int size;
    /** Units examined, zero ones included. */
    public long units;
    public long zeroUnits;
    public long failedUnits;
    public long rawBytes;
    public long storedBytes;

    /** One non-zero unit. */
    public void add(long rawBytes, long storedBytes) {
      if (size == raw.length) {
        raw = java.util.Arrays.copyOf(raw, size * 2);
        stored = java.util.Arrays.copyOf(stored, size * 2);
      }
      raw[size] = rawBytes;
      stored[size++] = storedBytes;
      units++;
      this.rawBytes += rawBytes;
      this.storedBytes += storedBytes;
    }

    /** One non-zero unit whose pairs are not kept (exact passes need only the sums). */
    public void addSumOnly(long rawBytes, long storedBytes) {
      units++;
      this.rawBytes += rawBytes;
      this.storedBytes += storedBytes;
    }

    /** One all-zero unit. */
    public void addZero() {
      units++;
      zeroUnits++;
    }

    /** Adds another sample's counts and sums (not its pairs: for exact passes, which keep none). */
    public void addSums(Sample o) {
      units += o.units;
      zeroUnits += o.zeroUnits;
      failedUnits += o.failedUnits;
      rawBytes += o.rawBytes;
      storedBytes += o.storedBytes;
    }

    /** Non-zero units examined. */
    public long nonZero() {
      return units - zeroUnits;
    }

    /** Standard error of F and the estimate F; {@code {NaN, NaN}} without non-zero units. */
    double[] standardError(long population) {
      if (rawBytes == 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double f = (double) storedBytes / rawBytes;
      if (units < 2) {
        return new double[] {f, Double.POSITIVE_INFINITY};
      }
      double ss = 0;
      for (int i = 0; i < size; i++) {
        double dev = stored[i] - f * raw[i];
        ss += dev * dev;
      }
      double variance = ss / (units - 1); // zero units contribute d = 0
      double meanRaw = (double) rawBytes / units;
      double fpc = fpc(units, population);
      return new double[] {f, Math.sqrt(fpc * variance / units) / meanRaw};
    }
  }

  static double fpc(long n, long population) {
    return population <= 0 ? 1 : Math.max(0, 1 - (double) n / population);
  }

  /** The interval's half-width: CLT, floored by the rule of three. */
  static double halfWidth(Sample s, long population, double confidence) {
    double[] fse = s.standardError(population);
    double clt = z(confidence) * fse[1];
    double floor = fpc(s.units, population) * -Math.log(1 - confidence) / Math.max(1, s.nonZero());
    return Math.max(clt, floor);
  }

  /**
   * Units a sample needs for the half-width, judged from a pilot sample; at least the pilot's.
   *
   * @param pilot the sample so far
   * @param population units in the data
   * @param halfWidth the precision wanted on the stored fraction
   * @param confidence the confidence wanted
   * @return the units to sample in all, at most {@code population}
   */
  public static long requiredUnits(Sample pilot, long population, double halfWidth,
      double confidence) {
    if (pilot.rawBytes == 0) {
      return Math.min(population, Math.max(pilot.units, 2L * pilot.units)); // all zero so far
    }
    double[] fse = pilot.standardError(0); // without the correction: the infinite-population SE
    double z = z(confidence);
    double n0 = Math.pow(z * fse[1] / halfWidth, 2) * pilot.units;
    // the rule-of-three floor needs m >= ln(1/alpha) / h non-zero units
    double nonZeroShare = (double) pilot.nonZero() / pilot.units;
    n0 = Math.max(n0, -Math.log(1 - confidence) / halfWidth / nonZeroShare);
    double n = n0 / (1 + n0 / population);
    return Math.min(population, Math.max(pilot.units, (long) Math.ceil(n)));
  }

  /**
   * A sample of non-zero units kept as moment sums (count, sum x, sum y, sum x^2, sum xy, sum
   * y^2) rather than as pairs, so that samples of overlapping categories (the sets' stored bytes,
   * one per set) add up without holding their units: the same ratio estimator and interval as
   * {@link #estimate}, with sum(d^2) = Syy - 2 F Sxy + F^2 Sxx (clipped at 0).
   */
  public static final class Sums {
    /** Units. */
    public long units;
    /** Sum of their raw bytes. */
    public long raw;
    /** Sum of their stored bytes. */
    public long stored;
    double xx;
    double xy;
    double yy;

    /** One non-zero unit. */
    public void add(long rawBytes, long storedBytes) {
      units++;
      raw += rawBytes;
      stored += storedBytes;
      double x = rawBytes;
      double y = storedBytes;
      xx += x * x;
      xy += x * y;
      yy += y * y;
    }

    /** Adds another sample's units (disjoint from these). */
    public void addAll(Sums o) {
      units += o.units;
      raw += o.raw;
      stored += o.stored;
      xx += o.xx;
      xy += o.xy;
      yy += o.yy;
    }

    /**
     * The stored fraction and its interval, as {@link #estimate} gives them: {@code {F, low,
     * high}}, {@code NaN}s without units; of width zero when {@code exact} or every unit of the
     * population was sampled.
     *
     * @param population units in the population sampled (for the finite-population correction)
     * @param confidence the interval's confidence
     * @param exact whether every unit was sampled
     * @return {F, low, high}
     */
    public double[] fraction(long population, double confidence, boolean exact) {
      if (raw == 0) {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
      }
      double f = (double) stored / raw;
      if (exact || (population > 0 && units >= population)) {
        return new double[] {f, f, f};
      }
      double clt;
      if (units < 2) {
        clt = Double.POSITIVE_INFINITY;
      } else {
        double ss = Math.max(0, yy - 2 * f * xy + f * f * xx);
        double variance = ss / (units - 1);
        double meanRaw = (double) raw / units;
        clt = z(confidence) * Math.sqrt(fpc(units, population) * variance / units) / meanRaw;
      }
      double floor = fpc(units, population) * -Math.log(1 - confidence) / Math.max(1, units);
      double hw = Math.max(clt, floor);
      return new double[] {f, Math.max(0, f - hw), Math.min(1, f + hw)};
    }
  }

  /**
   * The estimate from a sample.
   *
   * @param c the compression
   * @param s the sample
   * @param population units in the data (non-zero chunks in a scan)
   * @param zeroUnits all-zero units to report
   * @param confidence the interval's confidence
   * @param exact whether every unit was examined
   * @return the estimate
   */
  public static CompressionFigures estimate(Compression c, Sample s, long population,
      long zeroUnits, double confidence, boolean exact) {
    double f = s.rawBytes == 0 ? Double.NaN : (double) s.storedBytes / s.rawBytes;
    double low = f;
    double high = f;
    boolean isExact = exact || (population > 0 && s.units >= population);
    if (!isExact && !Double.isNaN(f)) {
      double hw = halfWidth(s, population, confidence);
      low = Math.max(0, f - hw);
      high = Math.min(1, f + hw);
    }
    return new CompressionFigures(c.spec(), c.codec().spec(), c.unit(), c.grain(), s.units,
        population, zeroUnits, s.failedUnits, s.rawBytes, s.storedBytes, f, low, high,
        isExact ? 1 : confidence, isExact);
  }
}
