package org.dedup4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dedup4j.TerminalText;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.ScanSource;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dedup4j compare}: reads the data once and cuts it with several chunkers, then shows side by
 * side what each would gain. Standard output carries the table, or with {@code --json} a JSON array
 * of reports (one per chunker, each as {@code scan --json} prints it).
 */
@Command(
    name = "compare",
    description = {
      "Reads the data once and compares chunkers: chunks, unique chunks, dedupe ratio, table size.",
      "",
      "Every chunker sees the same bytes in the same pass; each counts on its own, exactly as "
          + "'dedup4j scan --chunker' would."
    },
    footer = {
      "",
      "Default chunkers: " + CompareCommand.DEFAULT_CHUNKERS
    })
final class CompareCommand implements Callable<Integer> {

  /** Fixed 4K to 32K and FastCDC 2020 at the same averages (min = avg/4, max = avg*8). */
  static final String DEFAULT_CHUNKERS = "fixed:size=4k;fixed:size=8k;fixed:size=16k;fixed:size=32k;"
      + "fastcdc2020:min=1k,avg=4k,max=32k;fastcdc2020:min=2k,avg=8k,max=64k;"
      + "fastcdc2020:min=4k,avg=16k,max=128k;fastcdc2020:min=8k,avg=32k,max=256k";

  private final Streams io;

  @Spec private CommandSpec spec;

  @Option(names = "--chunkers", paramLabel = "SPEC[;SPEC...]", converter = ChunkerList.class,
      defaultValue = DEFAULT_CHUNKERS,
      description = "Chunkers to compare, separated by ';' (default: fixed 4k-32k and fastcdc2020 "
          + "at avg 4k-32k). 'dedup4j list' shows every chunker and its options.")
  private List<Chunker> chunkers;

  @Option(names = "--hasher", paramLabel = "SPEC", converter = Converters.HasherSpec.class,
      defaultValue = org.dedup4j.Hashers.DEFAULT_SPEC,
      description = "How to fingerprint chunks (default: ${DEFAULT-VALUE}; xxh3-128 is faster).")
  private Hasher hasher;

  @Option(names = "--percent", paramLabel = "P", converter = Converters.Percent.class,
      description = "Fingerprint only a random P%% of the chunks, 0 < P <= 100 (default: all).")
  private Double percent;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the --percent sample (default: 0).")
  private Long seed;

  @Option(names = "--sweep",
      description = "Sweep a grid of chunkers (--sweep-chunkers x --sweep-sizes) in one read: per "
          + "point the dedupe ratio, the data reduction ratio with --compress, chunks and the "
          + "dedup index's memory (the --target's index, else dedup4j's exact table); marks the "
          + "points no other beats on both ratio and memory (the Pareto front) and, with "
          + "--ram-budget, recommends the best that fits.")
  private boolean sweep;

  @Option(names = "--sweep-chunkers", paramLabel = "NAME[,NAME...]", split = ",",
      description = "Chunkers of the sweep: fixed and any content-defined chunker taking min, avg "
          + "and max (min = avg/4, max = avg*8) (default: fixed,fastcdc2020).")
  private List<String> sweepChunkers = new ArrayList<>(List.of("fixed", "fastcdc2020"));

  @Option(names = "--sweep-sizes", paramLabel = "SIZE[,SIZE...]", split = ",",
      description = "Block sizes and average chunk sizes of the sweep (default: 4k,8k,16k,32k,64k,128k).")
  private List<String> sweepSizes = new ArrayList<>(List.of("4k", "8k", "16k", "32k", "64k", "128k"));

  @Option(names = "--ram-budget", paramLabel = "SIZE", converter = Converters.Size.class,
      description = "With --sweep: recommend the point of the best ratio whose index fits in SIZE.")
  private Long ramBudget;

  @Option(names = "--target", paramLabel = "SPEC",
      description = "With --sweep: the target whose dedup index memory the points are measured by "
          + "(its first index structure; 'dedup4j list' shows the targets).")
  private String target;

  @Option(names = "--compress", paramLabel = "SPEC", converter = Converters.CompressionSpec.class,
      description = "Also estimate compression of each point's unique chunks (e.g. "
          + "lz4:unit=chunk): the sweep then ranks by data reduction ratio.")
  private org.dedup4j.Compression compress;

  @Mixin private InputOptions input;

  @Mixin private IoOptions ioOptions;

  /** The JSON is an array of reports, one per chunker. */
  @Mixin private JsonOption output;

  @Mixin private ProgressOption progress;

  @Mixin private ScanPaths paths;

  CompareCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    // Stopped by SIGINT or SIGTERM: the partial table is printed, exit 130 or 143.
    return Interrupts.exitCode(compare());
  }

  private int compare() {
    PrintStream out = io.out();
    PrintStream err = io.err();
    DedupScanner.Builder b = ioOptions.applyTo(input.applyTo(DedupScanner.builder().hasher(hasher)));
    if (percent != null) {
      long sampleSeed = seed == null ? ScanCommand.DEFAULT_SEED : seed;
      Converters.check(spec, "--percent", () -> b.samplePercent(percent, sampleSeed));
    }
    if (compress != null) {
      b.compress(compress);
    }
    org.dedup4j.spi.Target sizedFor = null;
    if (target != null) {
      try {
        sizedFor = org.dedup4j.Targets.fromSpec(target);
      } catch (IllegalArgumentException e) {
        throw new Dedup4jCommand.UsageException("--target " + target + ": " + e.getMessage(), e);
      }
      if (sizedFor.index().isEmpty()) {
        throw new Dedup4jCommand.UsageException("--target " + target + ": the model gives no"
            + " dedup index figure; sweep without --target (dedup4j's own table)");
      }
    }
    if (!sweep && (ramBudget != null || target != null)) {
      throw new Dedup4jCommand.UsageException((ramBudget != null ? "--ram-budget" : "--target")
          + " needs --sweep");
    }
    if (sweep) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--chunkers")) {
        throw new Dedup4jCommand.UsageException("--sweep makes its own chunkers (--sweep-chunkers,"
            + " --sweep-sizes); drop --chunkers");
      }
      chunkers = Sweep.grid(sweepChunkers, sweepSizes);
    }
    List<ScanSource> sources = paths.sources(io);
    List<DedupReport> reports;
    Interrupts.install(err);
    try (Progress bar = Progress.create(progress.show(io), err, ioOptions.label("compare"), -1)) {
      reports = b.listener(bar).stopWhen(Interrupts::stopRequested).build()
          .compare(chunkers, sources);
    }
    DedupReport first = reports.get(0);
    if (sweep) {
      Sweep result = Sweep.of(reports, sizedFor, ramBudget == null ? -1 : ramBudget);
      out.print(output.json() ? result.toJson() : first.bytes() > 0 ? result.toText() : "");
    } else if (output.json()) {
      StringBuilder sb = new StringBuilder("[\n");
      for (int i = 0; i < reports.size(); i++) {
        sb.append(reports.get(i).toJson()).append(i + 1 < reports.size() ? ",\n" : "\n");
      }
      out.print(sb.append("]\n"));
    } else if (first.bytes() > 0) {
      out.print(table(reports));
    }
    out.flush();
    if (first.bytes() == 0) {
      ScanCommand.nothingRead(first.files(), first.skipped(), err);
      return Dedup4jCommand.USAGE;
    }
    if (!first.failures().isEmpty()) {
      int n = first.failures().size();
      err.println("dedup4j: " + n + (n == 1 ? " input was" : " inputs were")
          + " not read or read only in part:");
      first.failures().forEach(s -> err.println("dedup4j: " + TerminalText.escape(s.path()) + ": "
          + TerminalText.escape(s.reason())));
      return Dedup4jCommand.SKIPPED;
    }
    return Dedup4jCommand.OK;
  }

  /** The side-by-side table. */
  static String table(List<DedupReport> reports) {
    DedupReport first = reports.get(0);
    StringBuilder sb = new StringBuilder();
    if (first.partial()) {
      sb.append(String.format(Locale.ROOT, "PARTIAL: the compare was stopped after %s; the figures"
          + " are of the windows read whole%n%n", Sizes.format(first.bytes())));
    }
    sb.append(String.format(Locale.ROOT, "%s in %d input(s), hasher %s, one pass in %.2f s%s%n%n",
        Sizes.format(first.bytes()), first.files(), first.hasher(), first.elapsedSeconds(),
        first.isSampled() ? String.format(Locale.ROOT, ", %.4g%% sample (the sample's ratios)",
            first.samplePercent()) : ""));
    int width = Math.max(7, reports.stream().mapToInt(r -> r.chunker().length()).max().orElse(7));
    sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %12s %12s %12s %9s %12s%n",
        "chunker", "mean size", "chunks", "unique", "duplicate", "dedupe", "table"));
    for (DedupReport r : reports) {
      sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %12d %12d %12s %8.3f:1 %12s%n",
          r.chunker(), Sizes.format(Math.round(r.meanChunkSize())), r.chunks(), r.uniqueChunks(),
          Sizes.format(r.sampledBytes() - r.uniqueBytes()), r.dedupeRatio(),
          Sizes.format(r.tableBytes())));
    }
    sb.append(String.format(Locale.ROOT,
        "%nduplicate = bytes that dedupe removes (bytes - unique bytes); dedupe = bytes / unique bytes;%n"
            + "table = memory of the exact fingerprint table.%n"));
    return sb.toString();
  }

  /** {@code --chunkers}: specs separated by ';', each through {@link Chunkers#fromSpec}. */
  static final class ChunkerList implements picocli.CommandLine.ITypeConverter<List<Chunker>> {
    @Override
    public List<Chunker> convert(String value) {
      List<Chunker> out = new ArrayList<>();
      for (String part : value.split(";")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          out.add(Chunkers.fromSpec(part.trim()));
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new TypeConversionException(e.getMessage() + " (see: dedup4j list)");
        }
      }
      if (out.isEmpty()) {
        throw new TypeConversionException("no chunker given; separate specs with ';'");
      }
      return out;
    }
  }
}
