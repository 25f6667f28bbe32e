package org.dedup4j.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dedup4j.CompressibilityEstimator;
import org.dedup4j.Compression;
import org.dedup4j.CompressionEstimate;
import org.dedup4j.CompressionReport;
import org.dedup4j.CompressionSample;
import org.dedup4j.ScanSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dedup4j compress}: the compression ratio alone, estimated from a random sample of
 * compression units ({@link CompressibilityEstimator}). Reads only the sampled units, by position,
 * so it takes about as long on a terabyte as on a gigabyte: the quick look before a long dedupe
 * scan.
 *
 * <p>Standard output carries the result only ({@link CompressionReport#toText()}, or with {@code
 * --json} {@link CompressionReport#toJson()}); notes and errors go to standard error. Exit codes as
 * for {@code scan}.
 */
@Command(
    name = "compress",
    description = {
      "Estimates how far files would shrink under compression, from a random sample of units.",
      "",
      "Each non-zero unit is stored as its compressed size rounded up to the grain, or raw when "
          + "that is not smaller; all-zero units are counted apart. The ratio comes from a "
          + "uniform random sample of units (reproducible with --seed) with its 95%% interval, or "
          + "from every unit with --compress-sample all. Only the sampled units are read."
    },
    footer = {
      "",
      "Default: --compress lz4 --compress zstd:level=3 (deflate:level=6 where zstd's native "
          + "library cannot load). docs/compression.md says what is exact and what is estimated."
    })
final class CompressCommand implements Callable<Integer> {

  private final Streams io;

  @Spec private CommandSpec spec;

  @Option(names = "--compress", paramLabel = "SPEC", converter = Converters.CompressionSpec.class,
      description = "A codec with its unit and grain, e.g. zstd:level=3,unit=32k or "
          + "lz4:unit=8k,grain=512; repeatable. 'dedup4j list' shows the codecs.")
  private List<Compression> compress = new ArrayList<>();

  @Option(names = "--compress-sample", paramLabel = "auto|N|all",
      converter = Converters.CompressSample.class,
      description = "auto (sized for +-1%% absolute on the stored fraction at 95%%, the "
          + "default), a number of units, or all (an exact pass that reads everything).")
  private CompressionSample sample = CompressionSample.auto();

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the sample (default: " + ScanCommand.DEFAULT_SEED + ").")
  private long seed = ScanCommand.DEFAULT_SEED;

  @Mixin private InputOptions input;

  @Mixin private JsonOption output;

  /** Accepted as by every command that reads input; the estimator reports no progress to draw. */
  @Mixin private ProgressOption progress;

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "Regular files, directories and block devices (units are read by "
          + "position, so not standard input, FIFOs or character devices: use 'dedup4j scan "
          + "--compress' for those).")
  private List<String> paths;

  CompressCommand(Streams io) {
    this.io = io;
  }

  /** lz4 and zstd:level=3, or deflate:level=6 in zstd's place where zstd cannot load. */
  static List<Compression> defaults(PrintStream err) {
    List<Compression> out = new ArrayList<>();
    out.add(Compression.parse("lz4"));
    try {
      out.add(Compression.parse("zstd:level=3"));
    } catch (IllegalArgumentException e) {
      err.println("dedup4j: note: " + e.getMessage() + "; using deflate:level=6 instead");
      out.add(Compression.parse("deflate:level=6"));
    }
    return out;
  }

  @Override
  public Integer call() {
    PrintStream out = io.out();
    PrintStream err = io.err();
    CompressibilityEstimator.Builder b = input.applyTo(CompressibilityEstimator.builder());
    List<ScanSource> sources = new ArrayList<>();
    for (String p : paths) {
      if (p.equals(ScanCommand.STDIN)) {
        throw new ParameterException(spec.commandLine(), "standard input (-) cannot be read by "
            + "position; use 'dedup4j scan --compress SPEC -' for a stream");
      }
      try {
        sources.add(ScanSource.of(Path.of(p)));
      } catch (InvalidPathException e) {
        throw new ParameterException(spec.commandLine(), "not a valid path: " + e.getMessage());
      }
    }
    List<Compression> compressions = compress.isEmpty() ? defaults(err) : compress;
    CompressionReport report = b.compress(compressions.toArray(new Compression[0]))
        .sample(sample.seed(seed))
        .build()
        .estimate(sources);
    boolean nothingRead = report.readBytes() == 0;
    ScanCommand.print(output.json() ? report.toJson() + System.lineSeparator()
        : nothingRead ? "" : report.toText(), out);
    return ScanCommand.exitCode(nothingRead, report.files(), report.skipped(),
        report.compressionEstimates(), err, () -> { });
  }

  /** Says on standard error which codecs failed on some units; returns how many did. */
  static int failedUnits(List<CompressionEstimate> estimates, PrintStream err) {
    int failing = 0;
    for (CompressionEstimate e : estimates) {
      if (e.failedUnits() > 0) {
        failing++;
        err.println("dedup4j: " + e.codec() + " failed on " + e.failedUnits() + " of "
            + e.sampledUnits() + " units (counted as stored raw)");
      }
    }
    return failing;
  }
}
