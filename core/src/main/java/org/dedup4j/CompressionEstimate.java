package org.dedup4j;

import java.util.Objects;
import org.dedup4j.internal.report.CompressionFigures;

/**
 * How far one {@link Compression} shrinks the data, exact or estimated from a sample, with its
 * interval. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * CompressionEstimate e = report.compressionEstimates().get(0);
 * System.out.printf("%s: %.2fx (%.2fx..%.2fx at %.0f%%) from %d of %d units%n", e.spec(),
 *     e.ratio(), e.ratioLow(), e.ratioHigh(), 100 * e.confidence(), e.sampledUnits(), e.totalUnits());
 * }</pre>
 *
 * <h2>What is measured</h2>
 *
 * Each non-zero unit is stored as min(compressed size rounded up to the grain, unit size); all-zero
 * units are counted apart ({@link #zeroUnits()}) and left out. The stored fraction is stored bytes /
 * raw bytes of the non-zero units, the {@link #ratio()} its inverse. In a dedupe scan the units are
 * the unique non-zero chunks (each compressed whole, or in pieces of at most the unit). From a
 * sample, {@link #storedFraction()} is the sample's ratio estimate and [{@link
 * #storedFractionLow()}, {@link #storedFractionHigh()}] its interval at {@link #confidence()}; an
 * exact pass has a zero-width interval and confidence 1.
 *
 * <p>Results are read, not built: a scan or a merge makes them. Equal when every figure is.
 */
public final class CompressionEstimate {

  private final CompressionFigures f;

  CompressionEstimate(CompressionFigures figures) {
    this.f = Objects.requireNonNull(figures, "figures");
  }

  /**
   * The compression's canonical spec, e.g. {@code zstd:level=3,unit=32k,grain=1}.
   *
   * @return the value
   */
  public String spec() {
    return f.spec();
  }

  /**
   * The codec's canonical spec, e.g. {@code zstd:level=3}.
   *
   * @return the value
   */
  public String codec() {
    return f.codec();
  }

  /**
   * The unit in bytes, or {@link Compression#PER_CHUNK}.
   *
   * @return the value
   */
  public int unit() {
    return f.unit();
  }

  /**
   * The allocation grain in bytes.
   *
   * @return the value
   */
  public int grain() {
    return f.grain();
  }

  /**
   * Units examined (compressed, or found all-zero).
   *
   * @return the value
   */
  public long sampledUnits() {
    return f.sampledUnits();
  }

  /**
   * Units in the data; in a scan, unique non-zero chunks.
   *
   * @return the value
   */
  public long totalUnits() {
    return f.totalUnits();
  }

  /**
   * All-zero units among those examined; in a scan, unique all-zero chunks.
   *
   * @return the value
   */
  public long zeroUnits() {
    return f.zeroUnits();
  }

  /**
   * Examined units the codec failed on (counted as stored raw).
   *
   * @return the value
   */
  public long failedUnits() {
    return f.failedUnits();
  }

  /**
   * Bytes of the examined non-zero units.
   *
   * @return the value
   */
  public long rawBytes() {
    return f.rawBytes();
  }

  /**
   * What those units occupy compressed.
   *
   * @return the value
   */
  public long storedBytes() {
    return f.storedBytes();
  }

  /**
   * Estimated stored bytes / raw bytes of all non-zero units; {@code NaN} when no non-zero unit was examined.
   *
   * @return the value
   */
  public double storedFraction() {
    return f.storedFraction();
  }

  /**
   * Lower end of its interval.
   *
   * @return the value
   */
  public double storedFractionLow() {
    return f.storedFractionLow();
  }

  /**
   * Upper end of its interval.
   *
   * @return the value
   */
  public double storedFractionHigh() {
    return f.storedFractionHigh();
  }

  /**
   * The interval's confidence; 1 when exact.
   *
   * @return the value
   */
  public double confidence() {
    return f.confidence();
  }

  /**
   * Whether every unit was compressed.
   *
   * @return the value
   */
  public boolean exact() {
    return f.exact();
  }

  /**
   * Raw / stored: how many times smaller the non-zero units get; {@code NaN} when unknown.
   *
   * @return raw / stored: how many times smaller the non-zero units get; {@code NaN} when unknown
   */
  public double ratio() {
    return 1 / f.storedFraction();
  }

  /**
   * Lower end of the ratio's interval.
   *
   * @return lower end of the ratio's interval
   */
  public double ratioLow() {
    return 1 / f.storedFractionHigh();
  }

  /**
   * Upper end of the ratio's interval; infinite when the stored fraction's interval reaches 0.
   *
   * @return upper end of the ratio's interval; infinite when the stored fraction's interval reaches 0
   */
  public double ratioHigh() {
    return f.storedFractionLow() <= 0 ? Double.POSITIVE_INFINITY : 1 / f.storedFractionLow();
  }

  /**
   * The half-width of the stored fraction's interval (the precision reached).
   *
   * @return the half-width of the stored fraction's interval (the precision reached)
   */
  public double halfWidth() {
    return (f.storedFractionHigh() - f.storedFractionLow()) / 2;
  }

  /**
   * The unit as a spec writes it: {@code 32k} or {@code chunk}.
   *
   * @return the unit as a spec writes it: {@code 32k} or {@code chunk}
   */
  public String unitText() {
    return f.unit() == Compression.PER_CHUNK ? "chunk" : Compression.sizeText(f.unit());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressionEstimate other && f.equals(other.f);
  }

  @Override
  public int hashCode() {
    return f.hashCode();
  }

  @Override
  public String toString() {
    return f.toString().replace("CompressionFigures", "CompressionEstimate");
  }
}
