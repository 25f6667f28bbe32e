package org.dedup4j.internal.count;

import org.dedup4j.Interval;
import org.dedup4j.internal.report.PercentFigures;

/**
 * The estimators and their intervals; {@code docs/estimation.md} derives each one.
 *
 * <h2>Content-based sampling (sample and sketch modes)</h2>
 *
 * A distinct fingerprint is kept when its hash falls below {@code p * 2^64}, independently of every
 * other distinct fingerprint (the hash is a random function of the fingerprint), and with all its
 * copies. The kept count K of U distinct chunks is therefore Binomial(U, p); U is estimated by K/p,
 * and the 95% interval is the score interval that inverts the normal approximation of the binomial:
 * the U with {@code |K - pU| <= z sqrt(U p (1-p))}. Unique bytes are a Horvitz-Thompson sum
 * {@code sum(len)/p} with variance {@code (1-p)/p^2 * sum(len^2)}, estimated from the kept chunks.
 * Reference counts of kept chunks are exact, so each histogram row is binomial as above.
 *
 * <h2>Percent mode (random chunks by position)</h2>
 *
 * From the sample's frequency counts (f1 distinct chunks seen once, f2 twice, d distinct in all; r
 * chunks sampled of n): GEE (Charikar, Chaudhuri, Motwani, Narasayya, PODS 2000) estimates
 * {@code sqrt(n/r) f1 + (d - f1)}, whose expected ratio error is within a factor {@code sqrt(n/r)} on
 * any data. Its bounds: low is d (certain), high scales the singletons by {@code n/r} plus three
 * binomial standard deviations and the rest by {@code sqrt(n/r)} (each distinct chunk adds at least
 * one to it in expectation, whatever its multiplicity), capped at {@code n - r + d} (certain).
 * Chao-Lee is Chao and Lin's (2012) Chao1 for sampling without replacement, with Chao's (1987)
 * log-normal 95% interval; it is a lower-bound estimator under heterogeneity.
 */
public final class Estimators {

  /** The percent-mode estimator of Charikar et al. (2000). */
  public static final String GEE = "gee";

  /** The coverage estimator of Chao and Lee (1992), with its upper bound. */
  public static final String CHAO_LEE = "chao-lee";


  /** The normal quantile of a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  private Estimators() {}

  /**
   * The number of distinct items U from K kept, each kept independently with probability p.
   *
   * @return K/p with the 95% score interval, never below K
   */
  public static Interval binomialTotal(long kept, double p) {
    if (p >= 1) {
      return Interval.exact(kept);
    }
    double s = Math.sqrt(p * (1 - p));
    double root = Math.sqrt(Z95 * Z95 * s * s + 4 * p * kept);
    double xHigh = (Z95 * s + root) / (2 * p);
    double xLow = (-Z95 * s + root) / (2 * p);
    return new Interval(kept / p, Math.max(kept, xLow * xLow), xHigh * xHigh);
  }

  /**
   * Horvitz-Thompson total of lengths: {@code sum/p} with a 95% normal interval.
   *
   * @param sum sum of the kept lengths
   * @param sumSquares sum of their squares
   * @param p the keep probability
   * @return the interval, never below {@code sum}
   */
  public static Interval horvitzThompson(long sum, double sumSquares, double p) {
    if (p >= 1) {
      return Interval.exact(sum);
    }
    double est = sum / p;
    double sd = Math.sqrt((1 - p) / (p * p) * sumSquares);
    return new Interval(est, Math.max(sum, est - Z95 * sd), est + Z95 * sd);
  }

  /**
   * The ratio total / unique with its interval from the interval of unique.
   *
   * @return NaN-filled when unique is 0
   */
  public static Interval ratio(long total, Interval unique) {
    if (unique.estimate() <= 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }
    return new Interval(total / unique.estimate(), total / unique.high(),
        unique.low() <= 0 ? Double.POSITIVE_INFINITY : total / unique.low());
  }

  /**
   * GEE from a percent sample.
   *
   * @param n chunks in the data
   * @param r chunks sampled
   * @param d distinct fingerprints in the sample
   * @param f1 distinct fingerprints seen once in the sample
   * @param bytes bytes in the data
   * @param meanUniqueLength mean length of the sample's distinct chunks
   * @return the estimate with its bounds
   */
  public static PercentFigures gee(
      double n, double r, double d, double f1, long bytes, double meanUniqueLength) {
    double cap = n - r + d;
    double e = Math.sqrt(n / r);
    double est = Math.min(cap, e * f1 + (d - f1));
    double high = Math.min(cap, n / r * (f1 + 3 * Math.sqrt(f1)) + e * (d - f1));
    return percent(GEE, est, d, high, bytes, meanUniqueLength,
        "low: distinct chunks seen (certain); high: singletons x n/r + 3 sd, the rest x sqrt(n/r),"
            + " at most n - r + d; expected ratio error of the estimate within sqrt(n/r) = "
            + String.format(java.util.Locale.ROOT, "%.3g", e));
  }

  /**
   * Chao-Lee: Chao1 for sampling without replacement (Chao and Lin 2012), log-normal 95% interval.
   *
   * @return the estimate with its interval
   */
  public static PercentFigures chaoLee(
      double n, double r, double d, double f1, double f2, long bytes, double meanUniqueLength) {
    double cap = n - r + d;
    double q = r / n;
    double f2e = f2 > 0 ? f2 : 1;
    double f1e = f2 > 0 ? f1 * f1 : f1 * Math.max(0, f1 - 1);
    double denominator = (r > 1 ? r / (r - 1) : 1) * 2 * f2e + (q < 1 ? q / (1 - q) * f1 : 0);
    double f0 = q >= 1 || denominator == 0 ? 0 : f1e / denominator;
    double low = d;
    double high = d;
    if (f0 > 0) {
      double g = f1 / f2e;
      double variance = f2e * (0.5 * g * g + g * g * g + 0.25 * g * g * g * g);
      double k = Math.exp(Z95 * Math.sqrt(Math.log(1 + variance / (f0 * f0))));
      low = d + f0 / k;
      high = d + f0 * k;
    }
    return percent(CHAO_LEE, Math.min(cap, d + f0), Math.min(cap, low), Math.min(cap, high),
        bytes, meanUniqueLength,
        "95% log-normal interval of Chao1 for sampling without replacement; a lower-bound"
            + " estimator when chunk frequencies vary");
  }

  private static PercentFigures percent(
      String method, double est, double low, double high, long bytes, double meanLength,
      String bound) {
    double u = est * meanLength;
    return new PercentFigures(method, est, low, high,
        u > 0 ? bytes / u : Double.NaN,
        high > 0 ? bytes / (high * meanLength) : Double.NaN,
        low > 0 ? bytes / (low * meanLength) : Double.NaN,
        bound);
  }
}
