package org.dedup4j;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of every result, in one place: field names and order are a contract (README,
 * "Output contracts"); numbers are written by {@link #number} alone. Rendering reads the public
 * values; it never builds them.
 */
final class ReportJson {

  private ReportJson() {}

  /** Something that writes one JSON value. */
  @FunctionalInterface
  interface Body {
    void write(JsonWriter w) throws IOException;
  }

  /** One value, pretty-printed with two-space indents. */
  static String pretty(Body body) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * A ratio, fraction or mean rounded to 6 decimals; {@code null} when unknown (NaN) or unbounded
   * (infinite): the one way every result writes a real number.
   */
  static void number(JsonWriter w, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      w.nullValue();
    } else {
      w.value(Math.round(v * 1e6) / 1e6);
    }
  }

  static void report(JsonWriter w, DedupReport r) throws IOException {
    w.beginObject();
    w.name("bytes").value(r.bytes());
    w.name("chunks").value(r.chunks());
    w.name("uniqueChunks").value(r.uniqueChunks());
    w.name("uniqueBytes").value(r.uniqueBytes());
    w.name("zeroChunks").value(r.zeroChunks());
    w.name("zeroBytes").value(r.zeroBytes());
    number(w.name("dedupeRatio"), r.dedupeRatio());
    number(w.name("chunkRatio"), r.chunkRatio());
    number(w.name("dataReductionRatio"), r.dataReductionRatio());
    number(w.name("dataReductionRatioLow"), r.dataReductionRatioLow());
    number(w.name("dataReductionRatioHigh"), r.dataReductionRatioHigh());
    w.name("compression").beginArray();
    for (CompressionEstimate e : r.compressionEstimates()) {
      w.beginObject();
      compressionFields(w, e);
      number(w.name("dataReductionRatio"), r.dataReductionRatio(e));
      number(w.name("dataReductionRatioLow"), r.dataReductionRatioLow(e));
      number(w.name("dataReductionRatioHigh"), r.dataReductionRatioHigh(e));
      w.endObject();
    }
    w.endArray();
    w.name("uniqueZeroBytes").value(r.uniqueZeroBytes());
    w.name("sampledChunks").value(r.sampledChunks());
    w.name("sampledBytes").value(r.sampledBytes());
    w.name("samplePercent").value(r.samplePercent());
    if (r.isSampled()) {
      w.name("sampleSeed").value(r.sampleSeed());
    }
    w.name("tableBytes").value(r.tableBytes());
    w.name("elapsedSeconds").value(r.elapsedSeconds());
    w.name("bytesPerSecond").value(Math.round(r.bytesPerSecond()));
    w.name("chunker").value(r.chunker());
    w.name("hasher").value(r.hasher());
    w.name("threads").value(r.threads());
    w.name("io").value(r.io());
    w.name("partial").value(r.partial());
    w.name("files").value(r.files());
    skipped(w, r.skipped());
    w.name("refcountHistogram").beginArray();
    for (DedupReport.RefcountBucket b : r.refcountHistogram()) {
      w.beginObject()
          .name("refcount").value(b.refcount())
          .name("chunks").value(b.chunks())
          .name("bytes").value(b.bytes())
          .name("referencedChunks").value(b.referencedChunks())
          .name("referencedBytes").value(b.referencedBytes())
          .endObject();
    }
    w.endArray();
    number(w.name("meanChunkSize"), r.meanChunkSize());
    w.name("minChunkSize").value(r.minChunkSize());
    w.name("maxChunkSize").value(r.maxChunkSize());
    w.name("chunkSizeHistogram").beginArray();
    for (DedupReport.SizeBucket b : r.chunkSizeHistogram()) {
      w.beginObject()
          .name("size").value(b.size())
          .name("chunks").value(b.chunks())
          .name("bytes").value(b.bytes())
          .endObject();
    }
    w.endArray();
    counting(w, r);
    if (r.attribution() != null) {
      attribution(w, r.attribution());
    }
    if (r.target() != null) {
      target(w, r.target());
    }
    w.endObject();
  }

  /**
   * {@code target: {spec, chunker, codec, copies, logicalBytes, ..., netBytes, ratios, steps,
   * index}}: every byte figure with {@code Low}/{@code High} ends.
   */
  static void target(JsonWriter w, TargetCapacity t) throws IOException {
    w.name("target").beginObject();
    w.name("spec").value(t.target().spec());
    w.name("chunker").value(t.target().chunker());
    w.name("codec").value(t.target().codec());
    w.name("storesZeroChunks").value(t.target().storesZeroChunks());
    w.name("copies").value(t.target().copies());
    w.name("overheadPerChunk").value(t.target().overheadPerChunk());
    w.name("logicalBytes").value(Math.round(t.step("logical").estimate()));
    w.name("storedBytes").value(Math.round(t.net().estimate()));
    interval(w, "netBytes", t.net());
    w.name("ratios").beginObject();
    number(w.name("thin"), t.thinRatio());
    interval(w, "dedupe", t.dedupeRatio());
    interval(w, "compression", t.compressionRatio());
    interval(w, "combined", t.combinedRatio());
    w.endObject();
    w.name("steps").beginArray();
    for (TargetCapacity.Step s : t.steps()) {
      w.beginObject().name("name").value(s.name());
      w.name("bytes").value(Math.round(s.bytes().estimate()));
      w.name("bytesLow").value(Math.round(s.bytes().low()));
      w.name("bytesHigh").value(Math.round(s.bytes().high()));
      w.endObject();
    }
    w.endArray();
    interval(w, "uniqueChunks", t.uniqueChunks());
    w.name("index").beginArray();
    for (TargetCapacity.Index i : t.index()) {
      w.beginObject().name("name").value(i.name());
      number(w.name("bytesPerEntry"), i.bytesPerEntry());
      w.name("bytes").value(Math.round(i.bytes().estimate()));
      w.name("bytesLow").value(Math.round(i.bytes().low()));
      w.name("bytesHigh").value(Math.round(i.bytes().high()));
      w.name("source").value(i.source());
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  /** {@code attribution: {by, groupCount, groups: [...], total, sharedChunks, sharedBytes}}. */
  static void attribution(JsonWriter w, Attribution a) throws IOException {
    w.name("attribution").beginObject();
    w.name("by").value(a.by().label());
    w.name("groupCount").value(a.groups().size());
    w.name("groups").beginArray();
    for (Attribution.Group g : a.listed()) {
      group(w, g);
    }
    w.endArray();
    w.name("total");
    group(w, a.total());
    w.name("sharedChunks").value(a.sharedChunks());
    w.name("sharedBytes").value(a.sharedBytes());
    w.endObject();
  }

  private static void group(JsonWriter w, Attribution.Group g) throws IOException {
    w.beginObject()
        .name("name").value(g.name())
        .name("files").value(g.files())
        .name("bytes").value(g.bytes())
        .name("exclusiveChunks").value(g.exclusiveChunks())
        .name("exclusiveBytes").value(g.exclusiveBytes())
        .name("exclusiveReferencedBytes").value(g.exclusiveReferencedBytes())
        .name("sharedReferencedBytes").value(g.sharedReferencedBytes())
        .endObject();
  }

  /** The counting mode, its statistics, the auto mode's plan and the percent mode's estimates. */
  private static void counting(JsonWriter w, DedupReport r) throws IOException {
    CountingStats c = r.countingStats();
    // "mode" stands at the top level and inside "counting": scripts read both.
    w.name("mode").value(c.mode().label());
    w.name("counting").beginObject();
    w.name("mode").value(c.mode().label());
    w.name("counterBytes").value(c.counterBytes());
    if (c.mode() == CountingMode.EXACT) {
      w.name("memoryBudget").value(c.memoryBudget());
      w.name("spillRuns").value(c.spillRuns());
      w.name("spillBytes").value(c.spillBytes());
      w.name("spillSeconds").value(c.spillNanos() / 1e9);
    } else {
      w.name("samplingRate").value(c.samplingRate());
      w.name("keptEntries").value(c.keptEntries());
      w.name("maxEntries").value(c.maxEntries());
      interval(w, "uniqueChunks", c.uniqueChunks());
      interval(w, "uniqueBytes", c.uniqueBytes());
      interval(w, "dedupeRatio", c.dedupeRatio());
      w.name("refcountHistogram").beginArray();
      for (int i = 0; i < c.refcountHistogram().size(); i++) {
        w.beginObject().name("refcount").value(r.refcountHistogram().get(i).refcount());
        interval(w, "chunks", c.refcountHistogram().get(i));
        w.endObject();
      }
      w.endArray();
      if (c.mode() == CountingMode.SKETCH) {
        w.name("sketchPrecision").value(c.sketchPrecision());
        w.name("sketchRelativeStandardError").value(c.sketchRelativeStandardError());
      }
    }
    if (c.plan() != null) {
      w.name("plan");
      plan(w, c.plan(), true);
    }
    w.endObject();
    if (!r.percentEstimates().isEmpty()) {
      w.name("estimate");
      estimate(w, r.percentEstimates().get(0));
      w.name("estimates").beginArray();
      for (PercentEstimate e : r.percentEstimates()) {
        estimate(w, e);
      }
      w.endArray();
    }
  }

  /**
   * The auto mode's forecast. Inside a report its unique chunks are an interval of reals; printed
   * alone ({@code scan --plan --json}) they are rounded counts, and left out while unknown.
   */
  static void plan(JsonWriter w, ScanPlan p, boolean inReport) throws IOException {
    w.beginObject()
        .name("bytes").value(p.bytes())
        .name("chunks").value(p.chunks());
    if (inReport) {
      interval(w, "uniqueChunks", p.uniqueChunks());
    } else if (!Double.isNaN(p.uniqueChunks().estimate())) {
      w.name("uniqueChunks").value(Math.round(p.uniqueChunks().estimate()));
      w.name("uniqueChunksLow").value(Math.round(p.uniqueChunks().low()));
      w.name("uniqueChunksHigh").value(Math.round(p.uniqueChunks().high()));
    }
    w.name("exactMemoryBytes").value(p.exactMemoryBytes())
        .name("exactMemoryHighBytes").value(p.exactMemoryHighBytes())
        .name("memoryBudget").value(p.memoryBudget())
        .name("samplePercent").value(p.samplePercent())
        .name("choice").value(p.choice().label())
        .name("reason").value(p.reason());
    if (!inReport) { // in a report, the report's own files and skipped say it
      w.name("files").value(p.files());
      skipped(w, p.skipped());
    }
    w.endObject();
  }

  private static void estimate(JsonWriter w, PercentEstimate e) throws IOException {
    w.beginObject().name("method").value(e.method());
    w.name("uniqueChunks").value(Math.round(e.uniqueChunks()));
    w.name("uniqueChunksLow").value(Math.round(e.uniqueChunksLow()));
    w.name("uniqueChunksHigh").value(Math.round(e.uniqueChunksHigh()));
    number(w.name("dedupeRatio"), e.dedupeRatio());
    number(w.name("dedupeRatioLow"), e.dedupeRatioLow());
    number(w.name("dedupeRatioHigh"), e.dedupeRatioHigh());
    w.name("bound").value(e.bound());
    w.endObject();
  }

  private static void interval(JsonWriter w, String name, Interval i) throws IOException {
    number(w.name(name), i.estimate());
    number(w.name(name + "Low"), i.low());
    number(w.name(name + "High"), i.high());
  }

  /** One compression estimate's fields, inside the object being written. */
  static void compressionFields(JsonWriter w, CompressionEstimate e) throws IOException {
    w.name("codec").value(e.codec());
    w.name("spec").value(e.spec());
    if (e.unit() == Compression.PER_CHUNK) {
      w.name("unit").value("chunk");
    } else {
      w.name("unit").value(e.unit());
    }
    w.name("grain").value(e.grain());
    w.name("sampledUnits").value(e.sampledUnits());
    w.name("totalUnits").value(e.totalUnits());
    w.name("zeroUnits").value(e.zeroUnits());
    w.name("failedUnits").value(e.failedUnits());
    w.name("exact").value(e.exact());
    number(w.name("ratio"), e.ratio());
    number(w.name("ratioLow"), e.ratioLow());
    number(w.name("ratioHigh"), e.ratioHigh());
    number(w.name("storedFraction"), e.storedFraction());
    number(w.name("storedFractionLow"), e.storedFractionLow());
    number(w.name("storedFractionHigh"), e.storedFractionHigh());
    w.name("confidence").value(e.confidence());
    w.name("rawBytes").value(e.rawBytes());
    w.name("storedBytes").value(e.storedBytes());
  }

  static void compressionReport(JsonWriter w, CompressionReport r) throws IOException {
    w.beginObject();
    w.name("compression").beginArray();
    for (CompressionEstimate e : r.compressionEstimates()) {
      w.beginObject();
      compressionFields(w, e);
      w.endObject();
    }
    w.endArray();
    w.name("files").value(r.files());
    w.name("bytes").value(r.bytes());
    w.name("readBytes").value(r.readBytes());
    w.name("elapsedSeconds").value(r.elapsedSeconds());
    w.name("threads").value(r.threads());
    w.name("sample").value(r.sample());
    w.name("seed").value(r.seed());
    skipped(w, r.skipped());
    w.endObject();
  }

  /** The most referenced chunks ({@link TopChunks#toJson}). */
  static void topChunks(JsonWriter w, TopChunks t) throws IOException {
    w.beginObject();
    w.name("placesPerChunk").value(t.placesPerChunk());
    w.name("rereadBytes").value(t.rereadBytes());
    w.name("stopped").value(t.stopped());
    w.name("chunks").beginArray();
    for (TopChunks.Chunk c : t.chunks()) {
      w.beginObject()
          .name("fingerprint").value(c.fingerprint())
          .name("length").value(c.length())
          .name("count").value(c.count())
          .name("referencedBytes").value(c.referencedBytes())
          .name("zero").value(c.zero());
      w.name("places").beginArray();
      for (TopChunks.Place p : c.places()) {
        w.beginObject().name("input").value(p.input()).name("offset").value(p.offset()).endObject();
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  /** The {@code skipped} array, with each entry's kind. */
  private static void skipped(JsonWriter w, List<Skipped> skipped) throws IOException {
    w.name("skipped").beginArray();
    for (Skipped s : skipped) {
      w.beginObject()
          .name("path").value(s.path())
          .name("reason").value(s.reason())
          .name("kind").value(s.kind().name().toLowerCase(Locale.ROOT))
          .endObject();
    }
    w.endArray();
  }
}
