package org.dedup4j.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dedup4j.Chunkers;
import org.dedup4j.CountingMode;
import org.dedup4j.CountingStats;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.PercentEstimate;
import org.dedup4j.ScanSource;
import org.dedup4j.spi.Chunker;

/**
 * End-to-end checks of the estimation targets (not JMH: accuracy needs whole scans, and the
 * throughput figures are medians of alternating whole scans). See benchmarks/estimation.sh and the
 * "Estimation at scale" section of benchmarks/README.md.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.EstimationCheck \
 *     WORKDIR [--scale N] [--reps N] [--real FILE]... [--only accuracy,percent,spill]
 * </pre>
 */
public final class EstimationCheck {

  private EstimationCheck() {}

  /**
   * Runs the checks.
   *
   * @param args work folder, then options
   * @throws IOException if data cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    int scale = 1;
    int reps = 3;
    List<Path> real = new ArrayList<>();
    List<String> only = List.of("accuracy", "percent", "spill");
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--real" -> real.add(Path.of(args[++i]));
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<EstimationData.DataSet> sets = new ArrayList<>(EstimationData.synthetic(work, scale));
    for (Path p : real) {
      sets.add(new EstimationData.DataSet(p.getFileName().toString(), List.of(p)));
    }
    System.out.printf(Locale.ROOT, "# %s, %d cores, max heap %d MiB, JDK %s%n",
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    if (only.contains("accuracy")) {
      accuracy(sets, reps);
    }
    if (only.contains("percent")) {
      percent(sets);
    }
    if (only.contains("spill")) {
      spill(work);
    }
  }

  private static List<ScanSource> sources(EstimationData.DataSet set) {
    return set.files().stream().map(ScanSource::of).toList();
  }

  private static DedupReport scan(Chunker chunker, CountingMode mode, List<ScanSource> s) {
    return DedupScanner.builder().chunker(chunker).counting(mode).build().scan(s);
  }

  /** Process CPU time in nanoseconds (all threads), less sensitive to a shared machine than wall time. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Scans and returns {wall bytes/s, bytes per CPU-second}. */
  private static double[] timed(Chunker chunker, CountingMode mode, List<ScanSource> s,
      DedupReport[] out) {
    long cpu = cpuNanos();
    DedupReport r = scan(chunker, mode, s);
    long used = cpuNanos() - cpu;
    out[0] = r;
    return new double[] {r.bytesPerSecond(), used == 0 ? 0 : r.bytes() / (used / 1e9)};
  }

  private static void accuracy(List<EstimationData.DataSet> sets, int reps) {
    System.out.println();
    System.out.println("## sample and sketch vs exact (default budgets), throughput = median of "
        + reps + " alternating whole scans");
    System.out.printf(Locale.ROOT, "%-14s %-6s %-7s %10s %10s %9s %9s %11s %9s %8s %8s %9s %8s%n",
        "data", "chunk", "mode", "size MiB", "ratio", "ratio err", "in 95%CI", "uniq err", "counter",
        "MB/s", "vs exact", "MB/cpu-s", "vs exact");
    for (EstimationData.DataSet set : sets) {
      for (Chunker chunker : List.of(Chunkers.fixed(4096), new EstimationData.GearChunker())) {
        if (chunker.fixedChunkSize() == 0 && set.name().startsWith("dup2x")) {
          continue;
        }
        List<ScanSource> s = sources(set);
        DedupReport exact = scan(chunker, CountingMode.EXACT, s); // warms the page cache too
        CountingMode[] modes = {CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH};
        double[][] wall = new double[3][reps];
        double[][] cpu = new double[3][reps];
        DedupReport[] last = new DedupReport[3];
        for (int r = 0; r < reps; r++) {
          for (int m = 0; m < 3; m++) {
            DedupReport[] one = new DedupReport[1];
            double[] t = timed(chunker, modes[m], s, one);
            last[m] = one[0];
            wall[m][r] = t[0];
            cpu[m][r] = t[1];
          }
        }
        String kind = chunker.fixedChunkSize() > 0 ? "4k" : "cdc8k";
        for (int m = 0; m < 3; m++) {
          row(set.name(), kind, modes[m].label(), m == 0 ? exact : last[m], exact,
              median(wall[m]), median(wall[0]), median(cpu[m]), median(cpu[0]));
        }
      }
    }
  }

  private static void row(String name, String kind, String mode, DedupReport r, DedupReport exact,
      double speed, double exactSpeed, double cpuSpeed, double exactCpuSpeed) {
    CountingStats c = r.countingStats();
    double ratioErr = r.dedupeRatio() / exact.dedupeRatio() - 1;
    double uniqueErr = (double) r.uniqueChunks() / exact.uniqueChunks() - 1;
    System.out.printf(Locale.ROOT,
        "%-14s %-6s %-7s %10d %10.4f %+8.3f%% %9s %+10.3f%% %8dK %8.0f %7.1f%% %9.0f %7.1f%%%n",
        name, kind, mode, r.bytes() >> 20, r.dedupeRatio(), 100 * ratioErr,
        c.dedupeRatio().contains(exact.dedupeRatio()) ? "yes" : "NO", 100 * uniqueErr,
        c.counterBytes() >> 10, speed / 1e6, 100 * speed / exactSpeed, cpuSpeed / 1e6,
        100 * cpuSpeed / exactCpuSpeed);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void percent(List<EstimationData.DataSet> sets) {
    System.out.println();
    System.out.println("## percent mode: whole-data estimates and their bounds vs the exact count"
        + " (fixed 4 KiB)");
    System.out.printf(Locale.ROOT, "%-14s %5s %9s %10s %-9s %10s %10s %10s %6s %9s%n", "data", "pct",
        "true uniq", "sample r.", "method", "estimate", "low", "high", "holds", "ratio est");
    for (EstimationData.DataSet set : sets) {
      List<ScanSource> s = sources(set);
      DedupReport exact = scan(Chunkers.fixed(4096), CountingMode.EXACT, s);
      for (double pct : new double[] {1, 5, 10}) {
        DedupReport r = DedupScanner.builder().samplePercent(pct, 1).build().scan(s);
        for (PercentEstimate e : r.percentEstimates()) {
          boolean holds = e.uniqueChunksLow() <= exact.uniqueChunks()
              && exact.uniqueChunks() <= e.uniqueChunksHigh();
          System.out.printf(Locale.ROOT, "%-14s %4.0f%% %9d %10.3f %-9s %10.0f %10.0f %10.0f %6s %9.3f%n",
              set.name(), pct, exact.uniqueChunks(), r.dedupeRatio(), e.method(), e.uniqueChunks(),
              e.uniqueChunksLow(), e.uniqueChunksHigh(), holds ? "yes" : "NO", e.dedupeRatio());
        }
      }
    }
  }

  /** Exact with a 64 MiB budget on data whose table needs about 1 GiB: identical counts. */
  private static void spill(Path work) throws IOException {
    Path f = work.resolve("spill-64b.bin");
    long size = 2L << 30;
    if (!Files.exists(f)) {
      Path tmp = work.resolve("spill-64b.tmp");
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        byte[] b = new byte[4096];
        for (long i = 0; i < size / 4096; i++) {
          // 7 of 8 blocks fresh, 1 in 8 a repeat: most 64-byte chunks unique
          EstimationData.block(0x5B1L, i % 8 == 7 ? i / 2 : i, b);
          out.write(b);
        }
      }
      Files.move(tmp, f);
    }
    Chunker chunker = Chunkers.fixed(64);
    List<ScanSource> s = List.of(ScanSource.of(f));
    System.out.println();
    System.out.println("## exact: in memory vs a 64 MiB budget (fixed 64 B chunks over 2 GiB)");
    DedupReport memory = DedupScanner.builder().chunker(chunker).memoryBudget(Long.MAX_VALUE / 4)
        .build().scan(s);
    DedupReport spilled = DedupScanner.builder().chunker(chunker).memoryBudget(64L << 20)
        .spillDirectory(work).build().scan(s);
    for (DedupReport r : List.of(memory, spilled)) {
      CountingStats c = r.countingStats();
      System.out.printf(Locale.ROOT, "%-9s unique %d, unique bytes %d, ratio %.6f, table %d MiB,"
              + " runs %d, spilled %d MiB in %.1f s, scan %.1f s (%.0f MB/s)%n",
          c.spillRuns() > 0 ? "budget" : "in-memory", r.uniqueChunks(), r.uniqueBytes(),
          r.dedupeRatio(), r.tableBytes() >> 20, c.spillRuns(), c.spillBytes() >> 20,
          c.spillNanos() / 1e9, r.elapsedSeconds(), r.bytesPerSecond() / 1e6);
    }
    boolean same = memory.uniqueChunks() == spilled.uniqueChunks()
        && memory.uniqueBytes() == spilled.uniqueBytes()
        && memory.refcountHistogram().equals(spilled.refcountHistogram())
        && memory.chunkSizeHistogram().equals(spilled.chunkSizeHistogram());
    System.out.println("identical counts and histograms: " + (same ? "yes" : "NO"));
  }
}
