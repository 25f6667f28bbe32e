package org.dedup4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupSummary;
import org.dedup4j.spi.Sizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dedup4j scan} on a Spark cluster:
 *
 * <pre>
 * spark-submit --class org.dedup4j.spark.Main dedup4j-spark-all.jar scan --json hdfs://nn/data
 * java -Dspark.master=local[2] -cp ... org.dedup4j.spark.Main scan /data
 * </pre>
 *
 * The master comes from Spark's configuration ({@code spark-submit --master}, or {@code
 * -Dspark.master}). Exit codes as {@code dedup4j scan}: 0 done, 1 some input skipped, 2 bad usage
 * or nothing read.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Measures how far data shrinks under deduplication, on Apache Spark: the report"
        + " dedup4j scan gives on one machine.")
public final class Main implements Callable<Integer> {

  @Option(names = "--chunker", paramLabel = "SPEC", description = "The chunker, e.g. "
      + "fixed:size=4096 (the default) or fastcdc (dedup4j list shows them all).")
  private String chunker = "fixed:size=4096";

  @Option(names = "--hasher", paramLabel = "SPEC", description = "The fingerprint (default sha256).")
  private String hasher = "sha256";

  @Option(names = "--mode", paramLabel = "exact|sample|sketch", description = "Counting mode "
      + "(default exact; auto counts exactly).")
  private String mode = "exact";

  @Option(names = "--max-entries", paramLabel = "N", description = "Sample capacity.")
  private Integer maxEntries;

  @Option(names = "--percent", paramLabel = "P", description = "Fingerprint P percent of the chunks.")
  private Double percent;

  @Option(names = "--seed", paramLabel = "N", description = "The percent sample's seed.")
  private long seed;

  @Option(names = "--window", paramLabel = "SIZE", description = "The single-machine window "
      + "whose report this equals (default 32M).")
  private String window;

  @Option(names = "--split", paramLabel = "SIZE", description = "One task's part of a file "
      + "(default 128M), rounded down to a multiple of the window.")
  private String split = "128M";

  @Option(names = "--reducers", paramLabel = "N", description = "Fingerprint ranges an exact "
      + "count is reduced in, each held by one task (default two per slot, at least one per 8 GiB"
      + " of input).")
  private Integer reducers;

  @Option(names = "--compress", paramLabel = "SPEC", description = "Also estimate compression "
      + "of the unique chunks with this codec (repeatable), e.g. lz4 or zstd:level=3,unit=chunk, "
      + "and the data reduction ratio.")
  private List<String> compress = new java.util.ArrayList<>();

  @Option(names = "--compress-sample", paramLabel = "auto|N|all", description = "How many units "
      + "to compress (default auto: the ratio within +-1% at 95%).")
  private String compressSample;

  @Option(names = "--json", description = "Print the report as JSON.")
  private boolean json;

  @Option(names = "--save", paramLabel = "PATH", description = "Also write the summary to PATH on "
      + "any Hadoop file system (mergeable with dedup4j merge); an existing file is refused. An "
      + "exact count is then merged through the driver (about 30 bytes per distinct chunk).")
  private String save;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders, on any Hadoop "
      + "file system (hdfs://, s3a://, file:, or a path of the default file system).")
  private List<String> paths;

  private final PrintStream out;

  private Main(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs {@code scan ARGS}.
   *
   * @param args {@code scan} and its options
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs and returns the exit code; for tests. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("scan")) {
      err.println("dedup4j-spark: usage: scan [OPTIONS] PATH...");
      return 2;
    }
    CommandLine cl = new CommandLine(new Main(out));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, c, p) -> {
      if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
          || e instanceof org.apache.spark.SparkException) { // e.g. no master was given
        err.println("dedup4j-spark: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
  }

  @Override
  public Integer call() throws IOException {
    Dedup4jSpark.Options o = new Dedup4jSpark.Options().chunker(chunker).hasher(hasher)
        .counting(CountingMode.of(mode)).splitSize(Sizes.parse(split));
    if (maxEntries != null) {
      o.maxEntries(maxEntries);
    }
    if (percent != null) {
      o.samplePercent(percent, seed);
    }
    if (window != null) {
      o.windowSize(Sizes.parse(window));
    }
    if (reducers != null) {
      o.reducers(reducers);
    }
    if (!compress.isEmpty()) {
      o.compress(compress.toArray(new String[0]));
    }
    if (compressSample != null) {
      o.compressSample(compressSample);
    }
    SparkSession spark = SparkSession.builder().appName("dedup4j scan").getOrCreate();
    Path target = save == null ? null : new Path(save);
    if (target != null && target.getFileSystem(spark.sparkContext().hadoopConfiguration())
        .exists(target)) {
      throw new IllegalArgumentException("--save " + save + ": the file exists");
    }
    String[] roots = paths.toArray(new String[0]);
    // A summary to save keeps every fingerprint; a report alone is counted by fingerprint range.
    Dedup4jSpark.Counted kept = target == null ? null
        : Dedup4jSpark.summarizeAndReport(spark, o, roots);
    DedupSummary summary = kept == null ? null : kept.summary();
    DedupReport r = kept == null ? Dedup4jSpark.scan(spark, o, roots) : kept.report(o);
    if (target != null) {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path temp = target.suffix("." + Long.toUnsignedString(System.nanoTime(), 36) + ".tmp");
      try (OutputStream s = fs.create(temp, false)) {
        summary.writeTo(s);
      }
      if (!fs.rename(temp, target)) {
        fs.delete(temp, false);
        throw new IOException("--save " + save + ": the summary could not be renamed into place");
      }
    }
    out.print(json ? r.toJson() + System.lineSeparator() : r.toText());
    out.flush();
    if (out.checkError()) {
      throw new IOException("the report could not be written to standard output");
    }
    boolean nothing = r.bytes() == 0 && r.files() == 0;
    return nothing ? 2 : r.skipped().stream().anyMatch(org.dedup4j.Skipped::failed) ? 1 : 0;
  }
}
