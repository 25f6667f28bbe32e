package org.dedup4j;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Locale;

/**
 * How far one {@link Compression} shrinks the data, exact or estimated from a sample, with its
 * interval. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * CompressionEstimate e = report.compression().get(0);
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

  /**
   * Writes this estimate's fields into the JSON object being written (without begin/end).
   *
   * @param w the writer, inside an object
   * @throws IOException if the writer fails
   */
  void writeFields(JsonWriter w) throws IOException {
    w.name("codec").value(codec);
    w.name("spec").value(spec);
    if (unit == Compression.PER_CHUNK) {
      w.name("unit").value("chunk");
    } else {
      w.name("unit").value(unit);
    }
    w.name("grain").value(grain);
    w.name("sampledUnits").value(sampledUnits);
    w.name("totalUnits").value(totalUnits);
    w.name("zeroUnits").value(zeroUnits);
    w.name("failedUnits").value(failedUnits);
    w.name("exact").value(exact);
    json(w.name("ratio"), ratio());
    json(w.name("ratioLow"), ratioLow());
    json(w.name("ratioHigh"), ratioHigh());
    json(w.name("storedFraction"), storedFraction);
    json(w.name("storedFractionLow"), storedFractionLow);
    json(w.name("storedFractionHigh"), storedFractionHigh);
    w.name("confidence").value(confidence);
    w.name("rawBytes").value(rawBytes);
    w.name("storedBytes").value(storedBytes);
  }

  /** A ratio or fraction rounded to 6 decimals; {@code null} when unknown or unbounded. */
  static void json(JsonWriter w, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      w.nullValue();
    } else {
      w.value(Math.round(v * 1e6) / 1e6);
    }
  }

  /** "2.34x" as storage people read it; "n/a" when unknown, "inf" when unbounded. */
  static String x(double r) {
    if (Double.isNaN(r)) {
      return "n/a";
    }
    return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.2fx", r);
  }

  /** One line: the ratio, its interval and where it came from. */
  String describe(String units) {
    if (Double.isNaN(storedFraction)) {
      return "n/a (no non-zero " + units + ")";
    }
    String range = exact
        ? "exact"
        : String.format(Locale.ROOT, "%s..%s at %s%%", x(ratioLow()), x(ratioHigh()),
            percent(confidence));
    return String.format(Locale.ROOT, "%s  (%s; stored %.2f%%; %d of %d %s%s%s)", x(ratio()), range,
        100 * storedFraction, sampledUnits, totalUnits, units,
        zeroUnits > 0 ? ", " + zeroUnits + " zero" : "",
        failedUnits > 0 ? ", " + failedUnits + " FAILED" : "");
  }

  /** 0.95 as "95", 0.995 as "99.5". */
  static String percent(double fraction) {
    double v = Math.round(fraction * 1e6) / 1e4;
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
