package org.dedup4j;

import java.util.List;
import java.util.Locale;
import org.dedup4j.spi.Sizes;

/**
 * The text form of every result, in one place: the original script's lines first, in the "2.34x"
 * style storage people read. Rendering reads the public values; it never builds them.
 */
final class ReportText {

  private ReportText() {}

  /** The most referenced chunks: a row each, its places below it. */
  static String topChunks(TopChunks t) {
    StringBuilder sb = new StringBuilder();
    if (t.chunks().isEmpty()) {
      return "Top duplicated chunks: none (no chunk occurs twice)" + System.lineSeparator();
    }
    sb.append(String.format(Locale.ROOT, "Top duplicated chunks (the first %d place%s of each; "
        + "%s read again to find them)%n", t.placesPerChunk(), t.placesPerChunk() == 1 ? "" : "s",
        Sizes.format(t.rereadBytes())));
    sb.append(String.format(Locale.ROOT, "%4s %12s %10s %12s  %s%n", "#", "References", "Length",
        "Referenced", "Chunk"));
    int rank = 0;
    for (TopChunks.Chunk c : t.chunks()) {
      sb.append(String.format(Locale.ROOT, "%4d %12d %10s %12s  %s%n", ++rank, c.count(),
          Sizes.format(c.length()), Sizes.format(c.referencedBytes()),
          c.zero() ? "zero chunk" : c.fingerprint()));
      for (TopChunks.Place p : c.places()) {
        sb.append(String.format(Locale.ROOT, "%4s at %s offset %d%n", "",
            TerminalText.escape(p.input()), p.offset()));
      }
    }
    if (t.stopped()) {
      sb.append("  note: the scan was stopped during the second read; places are missing\n");
    }
    return sb.toString();
  }

  static String report(DedupReport r) {
    StringBuilder sb = new StringBuilder();
    if (r.partial()) {
      sb.append(String.format(Locale.ROOT, "PARTIAL REPORT: the scan was stopped after %s; the "
          + "figures are of what was read (inputs not read to their end are listed below)%n%n",
          Sizes.format(r.bytes())));
    }
    line(sb, "Chunker",
        TerminalText.escape(r.chunker()) + ", hasher " + TerminalText.escape(r.hasher()));
    line(sb, "File blocks", String.valueOf(r.chunks()));
    line(sb, "Evaluated blocks", r.sampledChunks() + (r.isSampled()
        ? String.format(Locale.ROOT, " (%.4g%% sample, seed %d)", r.samplePercent(), r.sampleSeed())
        : ""));
    line(sb, "Total unique", String.valueOf(r.uniqueChunks()));
    line(sb, r.isSampled() ? "Dedupability (sample)" : "Dedupability",
        ratio(r.chunkRatio()) + ":1");
    line(sb, r.isSampled() ? "Dedupe ratio (sample)" : "Dedupe ratio",
        ratio(r.dedupeRatio()) + ":1  (" + Sizes.format(r.sampledBytes()) + " -> "
            + Sizes.format(r.uniqueBytes()) + " unique)");
    List<CompressionEstimate> compression = r.compressionEstimates();
    for (int i = 0; i < compression.size(); i++) {
      CompressionEstimate e = compression.get(i);
      line(sb, i == 0 ? "Compression" : "", e.spec() + "  " + describe(e, "unique chunks"));
    }
    if (!compression.isEmpty()) {
      CompressionEstimate e = compression.get(0);
      String range = e.exact() ? "exact compression" : String.format(Locale.ROOT, "%s..%s at %s%%",
          x(r.dataReductionRatioLow()), x(r.dataReductionRatioHigh()), percent(e.confidence()));
      line(sb, "Data reduction", x(r.dataReductionRatio()) + "  (" + range + "; dedupe x "
          + e.codec() + ")");
    }
    if (r.isSampled()) {
      sb.append("  note: a sample's ratio understates the whole: a duplicate counts only when its\n"
          + "        twin is sampled too.\n");
    }
    if (r.chunks() > 0) {
      line(sb, "Chunk sizes", String.format(Locale.ROOT, "mean %s, min %s, max %s",
          Sizes.format(Math.round(r.meanChunkSize())), Sizes.format(r.minChunkSize()),
          Sizes.format(r.maxChunkSize())));
    }
    line(sb, "Zero blocks", r.zeroChunks() + " (" + Sizes.format(r.zeroBytes()) + ")");
    line(sb, "Hashtable", String.format(Locale.ROOT, "%.2f MB", r.tableBytes() / 1e6)
        + (r.uniqueChunks() == 0 ? "" : String.format(Locale.ROOT,
            " (%.1f bytes per unique block)", (double) r.tableBytes() / r.uniqueChunks())));
    line(sb, "Time", String.format(Locale.ROOT,
        "%.3f s, %s/s over %s in %d input(s), %d thread(s), %s", r.elapsedSeconds(),
        Sizes.format(Math.round(r.bytesPerSecond())), Sizes.format(r.bytes()), r.files(),
        r.threads(), r.io()));
    if (!r.refcountHistogram().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nRefcount histogram (unique blocks by references)%n"));
      sb.append(String.format(Locale.ROOT, "%8s %12s %12s %12s %12s%n",
          "refcnt", "blocks", "bytes", "ref blocks", "ref bytes"));
      for (DedupReport.RefcountBucket b : r.refcountHistogram()) {
        sb.append(String.format(Locale.ROOT, "%8d %12d %12s %12d %12s%n", b.refcount(), b.chunks(),
            Sizes.format(b.bytes()), b.referencedChunks(), Sizes.format(b.referencedBytes())));
      }
    }
    counting(sb, r);
    if (r.attribution() != null) {
      sb.append('\n').append(r.attribution().toText());
    }
    if (r.target() != null) {
      sb.append('\n').append(r.target().toText());
    }
    skipped(sb, r.skipped());
    return sb.toString();
  }

  private static void counting(StringBuilder sb, DedupReport r) {
    CountingStats c = r.countingStats();
    if (c.plan() != null) {
      sb.append('\n').append(c.plan().toText());
    }
    if (c.mode() == CountingMode.EXACT) {
      if (c.spillRuns() > 0) {
        line(sb, "Counting", String.format(Locale.ROOT,
            "exact, spilled %d sorted run(s), %s to disk in %.3f s (memory budget %s)",
            c.spillRuns(), Sizes.format(c.spillBytes()), c.spillNanos() / 1e9,
            Sizes.format(c.memoryBudget())));
      }
    } else if (c.samplingRate() == 1) {
      line(sb, "Counting", String.format(Locale.ROOT,
          "%s: every distinct chunk fit the table (%d of %d), so the counts are exact",
          c.mode().label(), c.keptEntries(), c.maxEntries()));
    } else {
      line(sb, "Counting", String.format(Locale.ROOT,
          "%s: kept %d distinct chunks at rate 1/%.0f in %s; figures above are estimates",
          c.mode().label(), c.keptEntries(), 1 / c.samplingRate(), Sizes.format(c.counterBytes())));
      line(sb, "Unique chunks (95%)", range(c.uniqueChunks(), "%.0f")
          + (c.mode() == CountingMode.SKETCH ? String.format(Locale.ROOT,
              " (sketch, relative standard error %.2f%%)", 100 * c.sketchRelativeStandardError())
              : ""));
      line(sb, "Unique bytes (95%)", range(c.uniqueBytes(), "%.0f"));
      line(sb, "Dedupe ratio (95%)", range(c.dedupeRatio(), "%.3f"));
    }
    if (!r.percentEstimates().isEmpty()) {
      sb.append(String.format(Locale.ROOT,
          "%nWhole data, estimated from the %.4g%% sample's frequency counts:%n", r.samplePercent()));
      for (PercentEstimate e : r.percentEstimates()) {
        line(sb, "  " + e.method(), String.format(Locale.ROOT,
            "%.0f unique chunks (%.0f..%.0f), dedupe %s:1 (%s..%s)", e.uniqueChunks(),
            e.uniqueChunksLow(), e.uniqueChunksHigh(), ratio(e.dedupeRatio()),
            ratio(e.dedupeRatioLow()), ratio(e.dedupeRatioHigh())));
      }
      if (r.sampledChunks() > 0 && r.countingStats().keptEntries() == r.sampledChunks()) {
        // GEE scales the singletons by sqrt(n/r): on all-unique data its estimate is far off.
        sb.append("  note: no chunk of the sample was seen twice: nothing in it shows a duplicate,\n"
            + "        and the data may hold none (1.00:1); the estimates only bound it.\n");
      }
      sb.append("  note: random block samples bound dedupe only loosely; for a tight answer in\n"
          + "        bounded memory scan everything in sample mode.\n");
    }
  }

  static String compressionReport(CompressionReport r) {
    StringBuilder sb = new StringBuilder();
    for (CompressionEstimate e : r.compressionEstimates()) {
      sb.append(String.format(Locale.ROOT, "%-34s %s%n", e.spec() + ":", describe(e, "units")));
    }
    sb.append(String.format(Locale.ROOT, "%-34s %s read for %s of data in %d input(s), %.3f s, %d"
        + " thread(s)%n", "Read:", Sizes.format(r.readBytes()), Sizes.format(r.bytes()), r.files(),
        r.elapsedSeconds(), r.threads()));
    sb.append(String.format(Locale.ROOT, "%-34s %s%n", "Sample:", r.sample()));
    skipped(sb, r.skipped());
    return sb.toString();
  }

  /** One line for a compression estimate: the ratio, its interval and where it came from. */
  static String describe(CompressionEstimate e, String units) {
    if (Double.isNaN(e.storedFraction())) {
      return "n/a (no non-zero " + units + ")";
    }
    String range = e.exact()
        ? "exact"
        : String.format(Locale.ROOT, "%s..%s at %s%%", x(e.ratioLow()), x(e.ratioHigh()),
            percent(e.confidence()));
    return String.format(Locale.ROOT, "%s  (%s; stored %.2f%%; %d of %d %s%s%s)", x(e.ratio()),
        range, 100 * e.storedFraction(), e.sampledUnits(), e.totalUnits(), units,
        e.zeroUnits() > 0 ? ", " + e.zeroUnits() + " zero" : "",
        e.failedUnits() > 0 ? ", " + e.failedUnits() + " FAILED" : "");
  }

  /**
   * Failures first, then streams read to a bound, then what was left out on purpose (the first 20
   * of those).
   */
  private static void skipped(StringBuilder sb, List<Skipped> skipped) {
    List<Skipped> failures = skipped.stream().filter(Skipped::failed).toList();
    if (!failures.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nNot read, or read in part (%d)%n", failures.size()));
      for (Skipped s : failures) {
        sb.append("  ").append(TerminalText.escape(s.path())).append(": ")
            .append(TerminalText.escape(s.reason())).append('\n');
      }
    }
    List<Skipped> limited = skipped.stream().filter(s -> s.kind() == Skipped.Kind.LIMITED).toList();
    if (!limited.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nRead to the bound that was set (%d)%n", limited.size()));
      for (Skipped s : limited) {
        sb.append("  ").append(TerminalText.escape(s.path())).append(": ")
            .append(TerminalText.escape(s.reason())).append('\n');
      }
    }
    List<Skipped> excluded = skipped.stream().filter(s -> s.kind() == Skipped.Kind.EXCLUDED)
        .toList();
    if (!excluded.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nLeft out, no data lost (%d)%n", excluded.size()));
      int shown = Math.min(excluded.size(), 20);
      for (Skipped s : excluded.subList(0, shown)) {
        sb.append("  ").append(TerminalText.escape(s.path())).append(": ")
            .append(TerminalText.escape(s.reason())).append('\n');
      }
      if (shown < excluded.size()) {
        sb.append(String.format(Locale.ROOT,
            "  ... and %d more (all of them are in the JSON report)%n", excluded.size() - shown));
      }
    }
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-22s %s%n", label.isEmpty() ? "" : label + ":", value));
  }

  /** "2.34" for a dedupe ratio; "n/a" when unknown. */
  private static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }

  /** "2.34x" as storage people read it; "n/a" when unknown, "inf" when unbounded. */
  static String x(double r) {
    if (Double.isNaN(r)) {
      return "n/a";
    }
    return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.2fx", r);
  }

  /** 0.95 as "95", 0.995 as "99.5". */
  static String percent(double fraction) {
    double v = Math.round(fraction * 1e6) / 1e4;
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String range(Interval i, String format) {
    return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", i.estimate(),
        i.low(), i.high());
  }
}
