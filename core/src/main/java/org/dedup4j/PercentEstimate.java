package org.dedup4j;

import java.util.Objects;
import org.dedup4j.internal.report.PercentFigures;

/**
 * An estimate of the whole data's unique chunks and dedupe ratio from a percent sample's frequency
 * counts ({@code f1} distinct chunks seen once in the sample, {@code f2} seen twice, ...), with the
 * bounds its method states. Random block samples bound deduplication loosely: a duplicate is seen
 * only when its twin is sampled too, so at 1% the bounds span a wide range. Immutable.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().samplePercent(5, 42).build().scan(path);
 * PercentEstimate e = r.percentEstimate();   // GEE, the method with a guaranteed error factor
 * System.out.printf("%.2f:1 (%.2f..%.2f)%n", e.dedupeRatio(), e.dedupeRatioLow(), e.dedupeRatioHigh());
 * }</pre>
 *
 * <p>Results are read, not built: a scan or a merge makes them. Equal when every figure is.
 */
public final class PercentEstimate {

  private final PercentFigures f;

  PercentEstimate(PercentFigures figures) {
    this.f = Objects.requireNonNull(figures, "figures");
  }

  /**
   * {@code gee} (Charikar et al., PODS 2000) or {@code chao-lee} (Chao and Lin's finite-population Chao1).
   *
   * @return the value
   */
  public String method() {
    return f.method();
  }

  /**
   * The point estimate of the whole data's unique chunks.
   *
   * @return the value
   */
  public double uniqueChunks() {
    return f.uniqueChunks();
  }

  /**
   * The lower bound.
   *
   * @return the value
   */
  public double uniqueChunksLow() {
    return f.uniqueChunksLow();
  }

  /**
   * The upper bound.
   *
   * @return the value
   */
  public double uniqueChunksHigh() {
    return f.uniqueChunksHigh();
  }

  /**
   * The dedupe ratio that follows (bytes / estimated unique bytes).
   *
   * @return the value
   */
  public double dedupeRatio() {
    return f.dedupeRatio();
  }

  /**
   * The lower bound (from {@code uniqueChunksHigh}).
   *
   * @return the value
   */
  public double dedupeRatioLow() {
    return f.dedupeRatioLow();
  }

  /**
   * The upper bound (from {@code uniqueChunksLow}).
   *
   * @return the value
   */
  public double dedupeRatioHigh() {
    return f.dedupeRatioHigh();
  }

  /**
   * What the bounds are, in words.
   *
   * @return the value
   */
  public String bound() {
    return f.bound();
  }


  @Override
  public boolean equals(Object o) {
    return o instanceof PercentEstimate other && f.equals(other.f);
  }

  @Override
  public int hashCode() {
    return f.hashCode();
  }

  @Override
  public String toString() {
    return f.toString().replace("PercentFigures", "PercentEstimate");
  }
}
