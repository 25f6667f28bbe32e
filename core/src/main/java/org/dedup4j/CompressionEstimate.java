package org.dedup4j;

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
 * @param spec the compression's canonical spec, e.g. {@code zstd:level=3,unit=32k,grain=1}
 * @param codec the codec's canonical spec, e.g. {@code zstd:level=3}
 * @param unit the unit in bytes, or {@link Compression#PER_CHUNK}
 * @param grain the allocation grain in bytes
 * @param sampledUnits units examined (compressed, or found all-zero)
 * @param totalUnits units in the data; in a scan, unique non-zero chunks
 * @param zeroUnits all-zero units among those examined; in a scan, unique all-zero chunks
 * @param failedUnits examined units the codec failed on (counted as stored raw)
 * @param rawBytes bytes of the examined non-zero units
 * @param storedBytes what those units occupy compressed
 * @param storedFraction estimated stored bytes / raw bytes of all non-zero units; {@code NaN} when
 *     no non-zero unit was examined
 * @param storedFractionLow lower end of its interval
 * @param storedFractionHigh upper end of its interval
 * @param confidence the interval's confidence; 1 when exact
 * @param exact whether every unit was compressed
 */
public record CompressionEstimate(
    String spec,
    String codec,
    int unit,
    int grain,
    long sampledUnits,
    long totalUnits,
    long zeroUnits,
    long failedUnits,
    long rawBytes,
    long storedBytes,
    double storedFraction,
    double storedFractionLow,
    double storedFractionHigh,
    double confidence,
    boolean exact) {

  /** Raw / stored: how many times smaller the non-zero units get; {@code NaN} when unknown. */
  public double ratio() {
    return 1 / storedFraction;
  }

  /** Lower end of the ratio's interval. */
  public double ratioLow() {
    return 1 / storedFractionHigh;
  }

  /** Upper end of the ratio's interval; infinite when the stored fraction's interval reaches 0. */
  public double ratioHigh() {
    return storedFractionLow <= 0 ? Double.POSITIVE_INFINITY : 1 / storedFractionLow;
  }

  /** The half-width of the stored fraction's interval (the precision reached). */
  public double halfWidth() {
    return (storedFractionHigh - storedFractionLow) / 2;
  }

  /** The unit as a spec writes it: {@code 32k} or {@code chunk}. */
  public String unitText() {
    return unit == Compression.PER_CHUNK ? "chunk" : Compression.sizeText(unit);
  }
}
