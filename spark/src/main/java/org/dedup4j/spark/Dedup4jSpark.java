package org.dedup4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.dedup4j.Chunkers;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.DedupSummary;
import org.dedup4j.Hashers;
import org.dedup4j.ScanSource;
import org.dedup4j.spi.Chunker;

/**
 * A dedupe scan on Apache Spark: the same report as {@link DedupScanner} on one machine, for data
 * on any Hadoop file system (HDFS, S3A, GCS, ADLS, local), scanned in parts by the cluster.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().getOrCreate();
 * DedupReport r = Dedup4jSpark.scan(spark,
 *     new Dedup4jSpark.Options().chunker("fixed:size=4096").counting(CountingMode.SAMPLE),
 *     "hdfs://nn/backups");
 * System.out.print(r.toText());
 * }</pre>
 *
 * <h2>How</h2>
 *
 * The driver lists the files and cuts them into parts on the single-machine window bounds (default
 * 128 MiB, {@link Options#splitSize}); each task (two per slot) scans its parts with one {@link
 * DedupScanner} through {@link ScanSource#ofRange} and returns their {@link DedupSummary}; the
 * summaries are merged
 * with {@code treeReduce}, which is exact for exact summaries and, for samples and sketches, gives
 * the least sampling level at which the union fits, as one machine does. This first version takes
 * fixed-size chunkers only and merges exact summaries through the driver (about 30 bytes per
 * distinct chunk in its memory); content-defined chunking across part edges, a shuffle for exact
 * counts of any size and compression estimates are not built yet (issue 14).
 */
public final class Dedup4jSpark {

  private Dedup4jSpark() {}

  /** What a distributed scan counts and how it cuts the work; serializable, sent to the tasks. */
  public static final class Options implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The default part size: 128 MiB, a common HDFS block. */
    public static final long DEFAULT_SPLIT_SIZE = 128L << 20;

    private String chunker = Chunkers.fixed(4096).spec();
    private String hasher = Hashers.DEFAULT_SPEC;
    private CountingMode mode = CountingMode.EXACT;
    private int maxEntries = DedupScanner.DEFAULT_MAX_ENTRIES;
    private double percent = 100;
    private long seed;
    private Long window;
    private long splitSize = DEFAULT_SPLIT_SIZE;

    /**
     * The chunker, as {@code --chunker} takes it; fixed-size only in this version.
     *
     * @param spec the spec
     * @return these options
     */
    public Options chunker(String spec) {
      this.chunker = spec;
      return this;
    }

    /**
     * The hasher, as {@code --hasher} takes it.
     *
     * @param spec the spec
     * @return these options
     */
    public Options hasher(String spec) {
      this.hasher = spec;
      return this;
    }

    /**
     * The counting mode; {@code AUTO} counts exactly, as {@code compare} does.
     *
     * @param m the mode
     * @return these options
     */
    public Options counting(CountingMode m) {
      this.mode = m;
      return this;
    }

    /**
     * The sample's capacity (sample and sketch modes).
     *
     * @param entries the capacity
     * @return these options
     */
    public Options maxEntries(int entries) {
      this.maxEntries = entries;
      return this;
    }

    /**
     * Percent mode: fingerprint this share of the chunks, keyed by the seed, as {@code --percent}.
     *
     * @param p the percent
     * @param s the seed
     * @return these options
     */
    public Options samplePercent(double p, long s) {
      this.percent = p;
      this.seed = s;
      return this;
    }

    /**
     * The window of the single-machine scan whose report this one equals (its parts are cut into
     * the same windows); default the scanner's.
     *
     * @param bytes the window
     * @return these options
     */
    public Options windowSize(long bytes) {
      this.window = bytes;
      return this;
    }

    /**
     * The size of one task's part of a file, rounded down to a multiple of the window.
     *
     * @param bytes the size
     * @return these options
     */
    public Options splitSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("split size " + bytes + " is out of range; allowed 1"
            + " byte or more (it is rounded down to a multiple of the window, at least one)");
      }
      this.splitSize = bytes;
      return this;
    }

    /** A scanner of these settings for one task (one thread: Spark runs the tasks in parallel). */
    DedupScanner scanner() {
      DedupScanner.Builder b = DedupScanner.builder().chunker(chunker).hasher(hasher).threads(1)
          .counting(mode == CountingMode.AUTO ? CountingMode.EXACT : mode);
      if (mode != CountingMode.EXACT && mode != CountingMode.AUTO) {
        b.maxEntries(maxEntries);
      }
      if (percent < 100) {
        b.samplePercent(percent, seed);
      }
      if (window != null) {
        b.windowSize(window);
      }
      return b.build();
    }

    /** The window the parts' bounds are multiples of, as the engine sizes it for fixed chunks. */
    long window(Chunker c) {
      long w = window != null ? window : DedupScanner.DEFAULT_WINDOW_SIZE;
      int size = c.fixedChunkSize();
      return Math.max(size, w / size * size);
    }
  }

  /**
   * Scans the paths on the session's cluster.
   *
   * @param spark the session
   * @param options what to count
   * @param paths files or folders on any Hadoop file system
   * @return the report, equal to {@link DedupScanner#scan} of the same data on one machine (except
   *     how it ran: elapsed time and threads)
   * @throws IllegalArgumentException if an option is out of range or the chunker is not fixed-size
   */
  public static DedupReport scan(SparkSession spark, Options options, String... paths) {
    return summarize(spark, options, paths).report();
  }

  /**
   * Scans the paths on the session's cluster into a summary (to save with {@link
   * DedupSummary#writeTo} on any file system, and merge with other summaries, local ones too).
   *
   * @param spark the session
   * @param options what to count
   * @param paths files or folders
   * @return the summary
   */
  public static DedupSummary summarize(SparkSession spark, Options options, String... paths) {
    long started = System.nanoTime();
    DedupScanner scanner = options.scanner(); // checks every option before the job
    Chunker chunker = scanner.chunker();
    if (chunker.fixedChunkSize() <= 0) {
      throw new IllegalArgumentException("chunker " + chunker.spec() + " is content-defined:"
          + " this version of dedup4j-spark takes fixed-size chunkers only (content-defined"
          + " chunking across part edges is not built yet); scan it with dedup4j scan");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    SplitPlanner.Plan plan;
    try {
      plan = SplitPlanner.plan(hadoop, Arrays.asList(paths), options.window(chunker),
          options.splitSize);
    } catch (IOException e) {
      throw new UncheckedIOException("listing the inputs failed: " + e.getMessage(), e);
    }
    List<Split> splits = new ArrayList<>(plan.splits());
    // Broadcast: each executor deserializes the Hadoop configuration once, not once per task.
    org.apache.spark.broadcast.Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    byte[] merged;
    if (splits.isEmpty()) {
      merged = bytes(scanner.summarize(List.of()));
    } else {
      // Parts in file order, a few tasks per slot: each task counts its parts with one counter
      // (one summary per task, not per part), which is where the time of many small merges went.
      int tasks = Math.min(splits.size(), Math.max(1, 2 * jsc.defaultParallelism()));
      JavaRDD<Split> rdd = jsc.parallelize(splits, tasks);
      merged = rdd.mapPartitions(parts -> java.util.List.of(scanParts(options, parts,
              conf.value().value())).iterator())
          .treeReduce(Dedup4jSpark::merge, 2);
    }
    DedupSummary total = read(merged);
    if (!plan.skipped().isEmpty()) {
      // Missing roots of the local file system are listed as a scan lists them; elsewhere the
      // job cannot say it in the same words, so it refuses.
      List<ScanSource> missing = new ArrayList<>();
      for (org.dedup4j.Skipped s : plan.skipped()) {
        if (new org.apache.hadoop.fs.Path(s.path()).toUri().getScheme() != null) {
          throw new IllegalArgumentException(s.path() + ": " + s.reason());
        }
        missing.add(ScanSource.of(java.nio.file.Path.of(s.path())));
      }
      total = DedupSummary.merge(List.of(total, scanner.summarize(missing)));
    }
    return total.ran(System.nanoTime() - started, jsc.defaultParallelism());
  }

  /** On an executor: a task's parts, counted together, as one summary's bytes. */
  private static byte[] scanParts(Options options, java.util.Iterator<Split> parts,
      Configuration conf) throws IOException {
    List<HadoopRangeReader> readers = new ArrayList<>();
    try {
      List<ScanSource> sources = new ArrayList<>();
      while (parts.hasNext()) {
        Split s = parts.next();
        HadoopRangeReader reader = new HadoopRangeReader(s, conf);
        readers.add(reader);
        sources.add(ScanSource.ofRange(s.name(), s.sampleName(), s.size(), s.start(), s.end(),
            reader));
      }
      return bytes(options.scanner().summarize(sources));
    } finally {
      for (HadoopRangeReader r : readers) {
        r.close();
      }
    }
  }

  private static byte[] merge(byte[] a, byte[] b) {
    return bytes(read(a).merge(read(b)));
  }

  private static byte[] bytes(DedupSummary s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      s.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a byte array
    }
    return out.toByteArray();
  }

  private static DedupSummary read(byte[] b) {
    try {
      return DedupSummary.readFrom(new ByteArrayInputStream(b));
    } catch (IOException e) {
      throw new UncheckedIOException("a part's summary could not be read: " + e.getMessage(), e);
    }
  }
}
