package org.dedup4j.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Sizes;
import org.dedup4j.spi.Target;

/**
 * {@code compare --sweep}: a grid of chunkers read in one pass, each point's ratio against its
 * dedup index's memory, the points no other beats on both (the Pareto front), and under a RAM
 * budget the best point that fits.
 */
final class Sweep {

  /**
   * One point of the sweep.
   *
   * @param report its scan
   * @param ratio the data reduction ratio when compression was estimated, else the dedupe ratio
   * @param indexBytes the dedup index's memory for its unique chunks
   * @param pareto whether no other point has at least its ratio and at most its memory, one of
   *     them strictly
   */
  record Point(DedupReport report, double ratio, double indexBytes, boolean pareto) {}

  private final List<Point> points;
  private final String index;
  private final long budget;
  private final Point recommended;
  private final boolean compressed;

  private Sweep(List<Point> points, String index, long budget, Point recommended,
      boolean compressed) {
    this.points = points;
    this.index = index;
    this.budget = budget;
    this.recommended = recommended;
    this.compressed = compressed;
  }

  /**
   * The grid: each chunker name at each size; {@code fixed} takes the size as its block, a
   * content-defined chunker as its average (min a quarter, max eight times).
   *
   * @throws Dedup4jCommand.UsageException naming a chunker or size that is refused
   */
  static List<Chunker> grid(List<String> names, List<String> sizes) {
    List<Chunker> out = new ArrayList<>();
    for (String name : names) {
      for (String size : sizes) {
        long avg;
        try {
          avg = Sizes.parse(size.trim());
        } catch (IllegalArgumentException e) {
          throw new Dedup4jCommand.UsageException("--sweep-sizes " + size + ": " + e.getMessage(), e);
        }
        String spec = name.trim().equals("fixed") ? "fixed:size=" + avg
            : String.format(Locale.ROOT, "%s:min=%d,avg=%d,max=%d", name.trim(),
                Math.max(64, avg / 4), avg, avg * 8);
        try {
          out.add(Chunkers.fromSpec(spec));
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new Dedup4jCommand.UsageException("--sweep-chunkers " + name + " at " + size + ": "
              + e.getMessage() + " (see: dedup4j list)", e);
        }
      }
    }
    return out;
  }

  /**
   * The sweep's points from the compare's reports, in the same order.
   *
   * @param target whose first index structure measures the memory, or null for dedup4j's table
   * @param budget the RAM budget in bytes, or -1
   */
  static Sweep of(List<DedupReport> reports, Target target, long budget) {
    boolean compressed = !reports.get(0).compressionEstimates().isEmpty();
    double[] ratio = new double[reports.size()];
    double[] memory = new double[reports.size()];
    for (int i = 0; i < reports.size(); i++) {
      DedupReport r = reports.get(i);
      ratio[i] = compressed ? r.dataReductionRatio() : r.dedupeRatio();
      double perEntry = target != null ? target.index().get(0).bytesPerEntry()
          : org.dedup4j.ScanPlan.exactBytesPerEntry(
              org.dedup4j.Hashers.fromSpec(r.hasher()).fingerprintBits(),
              Chunkers.fromSpec(r.chunker()).fixedChunkSize());
      memory[i] = r.countingStats().uniqueChunks().estimate() * perEntry;
    }
    List<Point> points = new ArrayList<>();
    Point best = null;
    for (int i = 0; i < reports.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < reports.size() && !dominated; j++) {
        dominated = j != i && ratio[j] >= ratio[i] && memory[j] <= memory[i]
            && (ratio[j] > ratio[i] || memory[j] < memory[i]);
      }
      Point p = new Point(reports.get(i), ratio[i], memory[i], !dominated);
      points.add(p);
      if (budget >= 0 && memory[i] <= budget && (best == null || ratio[i] > best.ratio()
          || (ratio[i] == best.ratio() && memory[i] < best.indexBytes()))) {
        best = p;
      }
    }
    String index = target == null
        ? "dedup4j's exact table (unique chunks x its typical bytes per entry)"
        : target.spec() + ": " + target.index().get(0).name() + ", "
            + target.index().get(0).bytesPerEntry() + " bytes per entry";
    return new Sweep(points, index, budget, best, compressed);
  }

  String toText() {
    DedupReport first = points.get(0).report();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s in %d input(s), hasher %s, %d points in one pass of"
        + " %.2f s (%s/s)%n", Sizes.format(first.bytes()), first.files(), first.hasher(),
        points.size(), first.elapsedSeconds(), Sizes.format(Math.round(first.bytesPerSecond()))));
    sb.append("index: ").append(index).append(System.lineSeparator()).append(System.lineSeparator());
    int width = Math.max(7, points.stream().mapToInt(p -> p.report().chunker().length()).max()
        .orElse(7));
    String ratioName = compressed ? "reduction" : "dedupe";
    sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %12s %12s %10s %12s  %s%n",
        "chunker", "mean size", "chunks", "unique", ratioName, "index", "front"));
    for (Point p : points) {
      DedupReport r = p.report();
      sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %12d %12d %8.3f:1 %12s  %s%n",
          r.chunker(), Sizes.format(Math.round(r.meanChunkSize())), r.chunks(), r.uniqueChunks(),
          p.ratio(), Sizes.format(Math.round(p.indexBytes())), p.pareto() ? "*" : ""));
    }
    sb.append(String.format(Locale.ROOT, "%n* = on the Pareto front: no other point has at least"
        + " its %s ratio with at most its index memory.%n", ratioName));
    if (budget >= 0) {
      sb.append(recommended == null
          ? String.format(Locale.ROOT, "No point's index fits in %s.%n", Sizes.format(budget))
          : String.format(Locale.ROOT, "Recommended under %s: %s (%.3f:1, index %s).%n",
              Sizes.format(budget), recommended.report().chunker(), recommended.ratio(),
              Sizes.format(Math.round(recommended.indexBytes()))));
    }
    return sb.toString();
  }

  String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("index", index);
    o.addProperty("ratio", compressed ? "dataReductionRatio" : "dedupeRatio");
    o.addProperty("bytes", points.get(0).report().bytes());
    o.addProperty("elapsedSeconds", points.get(0).report().elapsedSeconds());
    o.addProperty("bytesPerSecond", Math.round(points.get(0).report().bytesPerSecond()));
    JsonArray a = new JsonArray();
    for (Point p : points) {
      DedupReport r = p.report();
      JsonObject q = new JsonObject();
      q.addProperty("chunker", r.chunker());
      q.addProperty("meanChunkSize", r.meanChunkSize());
      q.addProperty("chunks", r.chunks());
      q.addProperty("uniqueChunks", r.uniqueChunks());
      q.addProperty("dedupeRatio", r.dedupeRatio());
      if (compressed) {
        q.addProperty("dataReductionRatio", r.dataReductionRatio());
      }
      q.addProperty("indexBytes", Math.round(p.indexBytes()));
      q.addProperty("pareto", p.pareto());
      a.add(q);
    }
    o.add("points", a);
    if (budget >= 0) {
      o.addProperty("ramBudget", budget);
      o.addProperty("recommended", recommended == null ? null : recommended.report().chunker());
    }
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o)
        + System.lineSeparator();
  }
}
