package org.dedup4j;

import com.google.common.collect.ImmutableList;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.dedup4j.DedupReport.Skipped;
import org.dedup4j.spi.Sizes;

/**
 * The result of a {@link CompressibilityEstimator} run: one {@link CompressionEstimate} per
 * compression, how much was read to get them, and any input that could not be read. Immutable and
 * safe to share between threads.
 *
 * <pre>{@code
 * CompressionReport r = CompressibilityEstimator.builder().compress("deflate").build()
 *     .estimate(Path.of("disk.img"));
 * System.out.println(r.toText());
 * double ratio = r.compression().get(0).ratio();
 * }</pre>
 *
 * @param compression one estimate per compression, in the order they were given
 * @param files inputs estimated
 * @param bytes bytes in those inputs
 * @param readBytes bytes read to estimate (all of them for an exact pass; compressions of
 *     different unit sizes read their samples separately)
 * @param elapsedNanos wall-clock time
 * @param threads threads used
 * @param sample the sample setting, as text
 * @param seed the sample's seed
 * @param skipped inputs not read, or read only in part, with reasons
 */
public record CompressionReport(
    List<CompressionEstimate> compression,
    long files,
    long bytes,
    long readBytes,
    long elapsedNanos,
    int threads,
    String sample,
    long seed,
    List<Skipped> skipped) {

  /** Copies the lists. */
  public CompressionReport {
    compression = ImmutableList.copyOf(compression);
    skipped = ImmutableList.copyOf(skipped);
  }

  /** Wall-clock time in seconds. */
  public double elapsedSeconds() {
    return elapsedNanos / 1e9;
  }

  /**
   * The report as JSON: {@code compression} (an array with one object per compression: {@code
   * codec, spec, unit, grain, sampledUnits, totalUnits, zeroUnits, failedUnits, exact, ratio,
   * ratioLow, ratioHigh, storedFraction, storedFractionLow, storedFractionHigh, confidence,
   * rawBytes, storedBytes}), then {@code files, bytes, readBytes, elapsedSeconds, threads, sample,
   * seed, skipped}.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      writeJson(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the report as one JSON object.
   *
   * @param w the writer, positioned where a value may start
   * @throws IOException if the writer fails
   */
  public void writeJson(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("compression").beginArray();
    for (CompressionEstimate e : compression) {
      w.beginObject();
      e.writeFields(w);
      w.endObject();
    }
    w.endArray();
    w.name("files").value(files);
    w.name("bytes").value(bytes);
    w.name("readBytes").value(readBytes);
    w.name("elapsedSeconds").value(elapsedSeconds());
    w.name("threads").value(threads);
    w.name("sample").value(sample);
    w.name("seed").value(seed);
    DedupReport.writeSkipped(w, skipped);
    w.endObject();
  }

  /**
   * The report as text: a line per compression in the "2.34x" style, then what was read.
   *
   * @return lines of text ending in a newline
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (CompressionEstimate e : compression) {
      sb.append(String.format(Locale.ROOT, "%-34s %s%n", e.spec() + ":", e.describe("units")));
    }
    sb.append(String.format(Locale.ROOT, "%-34s %s read for %s of data in %d input(s), %.3f s, %d"
        + " thread(s)%n", "Read:", Sizes.format(readBytes), Sizes.format(bytes), files,
        elapsedSeconds(), threads));
    sb.append(String.format(Locale.ROOT, "%-34s %s%n", "Sample:", sample));
    DedupReport.appendSkipped(sb, skipped);
    return sb.toString();
  }
}
