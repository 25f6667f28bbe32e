package org.dedup4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.dedup4j.Chunkers;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.CompressionPart;
import org.dedup4j.CompressionSample;
import org.dedup4j.DedupSummary;
import org.dedup4j.EdgeCorrection;
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
 * 128 MiB, {@link Options#splitSize}); each task (two per slot, preferring the hosts of its blocks)
 * scans consecutive parts with one {@link DedupScanner} through {@link ScanSource#ofRange} and
 * returns their {@link DedupSummary}; the summaries are merged with {@code treeReduce}, which is
 * exact for exact summaries and, for samples and sketches, gives the least sampling level at which
 * the union fits, as one machine does. Under content-defined chunking each task also walks the
 * edge where its part of a file ends and the next task's begins ({@link DedupScanner#walkEdge}),
 * and the driver applies the sum of these {@link EdgeCorrection}s, so the report is that of one
 * sequential pass. An exact count goes through Spark's shuffle by fingerprint range ({@code
 * ExactShuffle}), so no machine holds every fingerprint; a summary to keep ({@link #summarize})
 * is merged through the driver (about 30 bytes per distinct chunk in its memory). Compression
 * samples ({@link Options#compress}) merge by lowest rank, as {@link CompressionPart} says.
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
    private int reducers;
    private ArrayList<String> compress = new ArrayList<>();
    private String compressSample;

    /**
     * The chunker, as {@code --chunker} takes it: fixed-size or content-defined.
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

    /**
     * How many fingerprint ranges an exact count is reduced in, each by one task that holds its
     * range (about 28 bytes per distinct chunk over the ranges); default two per slot, and at
     * least one per 8 GiB of input.
     *
     * @param ranges the ranges, 1 or more
     * @return these options
     */
    public Options reducers(int ranges) {
      if (ranges < 1 || ranges > 1 << 20) {
        throw new IllegalArgumentException("reducers " + ranges + " is out of range; allowed 1 to "
            + (1 << 20));
      }
      this.reducers = ranges;
      return this;
    }

    int reducers() {
      return reducers;
    }

    /** These options without compression (a job that only needs the chains of cuts). */
    Options withoutCompression() {
      Options o = new Options().chunker(chunker).hasher(hasher).counting(mode)
          .maxEntries(maxEntries).samplePercent(percent, seed).splitSize(splitSize);
      o.window = window;
      o.reducers = reducers;
      return o;
    }

    /**
     * Estimates compression of the unique chunks with these compressions, as {@code --compress}
     * (for example {@code lz4}, {@code zstd:level=3,unit=chunk}), and the data reduction ratio.
     *
     * @param specs the compressions
     * @return these options
     */
    public Options compress(String... specs) {
      this.compress = new ArrayList<>(List.of(specs));
      return this;
    }

    /**
     * The compression sample, as {@code --compress-sample} takes it: {@code auto}, a number of
     * units, or {@code all}.
     *
     * @param sample the sample
     * @return these options
     */
    public Options compressSample(String sample) {
      CompressionSample.parse(sample); // checks it
      this.compressSample = sample;
      return this;
    }

    long splitSize() {
      return splitSize;
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
      if (!compress.isEmpty()) {
        b.compress(compress.toArray(new String[0]));
      }
      if (compressSample != null) {
        b.compressSample(CompressionSample.parse(compressSample));
      }
      return b.build();
    }

    /** The window the parts' bounds are multiples of, as the engine sizes it. */
    long window(Chunker c) {
      long w = window != null ? window : DedupScanner.DEFAULT_WINDOW_SIZE;
      int size = c.fixedChunkSize();
      return size > 0 ? Math.max(size, w / size * size) : Math.max(w, c.maxChunkSize());
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
   * @throws IllegalArgumentException if an option is out of range
   */
  public static DedupReport scan(SparkSession spark, Options options, String... paths) {
    return count(spark, options, false, paths).report(options);
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
    return count(spark, options, true, paths).summary();
  }

  /** A job's summary and (with compression) its merged compression sample. */
  record Counted(DedupSummary summary, CompressionPart compression) {
    DedupReport report(Options options) {
      return options.scanner().report(summary, compression);
    }
  }

  /** The summary and the report of one job, for a command that saves the first and prints both. */
  static Counted summarizeAndReport(SparkSession spark, Options options, String... paths) {
    return count(spark, options, true, paths);
  }

  /**
   * The job. An exact count that is not kept ({@code keep} false) goes by fingerprint range through
   * Spark's shuffle, so that no machine holds every fingerprint; a kept one (a summary to save and
   * merge) and samples merge their summaries with {@code treeReduce}.
   */
  private static Counted count(SparkSession spark, Options options, boolean keep,
      String... paths) {
    long started = System.nanoTime();
    DedupScanner scanner = options.scanner(); // checks every option before the job
    Chunker chunker = scanner.chunker();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    SplitPlanner.Plan plan;
    try {
      plan = SplitPlanner.plan(hadoop, Arrays.asList(paths), options.window(chunker),
          options.splitSize);
    } catch (IOException e) {
      throw new UncheckedIOException("listing the inputs failed: " + e.getMessage(), e);
    }
    // Broadcast: each executor deserializes the Hadoop configuration once, not once per task.
    org.apache.spark.broadcast.Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    DedupSummary total;
    CompressionPart compression = null;
    if (plan.splits().isEmpty()) {
      DedupScanner.PartsSummary none = scanner.summarizeParts(List.of());
      total = none.summary();
      compression = none.compression();
    } else {
      boolean shuffle = !keep && scanner.countingMode() == CountingMode.EXACT;
      if (shuffle) {
        Counted c = ExactShuffle.count(jsc, options, scanner, plan.splits(), conf, hadoop);
        total = c.summary();
        compression = c.compression();
      } else {
        // Parts in file order, a few tasks per slot: each task counts its parts with one counter
        // (one summary per task, not per part), which is where the time of many small merges
        // went.
        List<TaskPlan> tasks = TaskPlan.of(plan.splits(), 2 * jsc.defaultParallelism());
        TaskResult all = located(jsc, tasks)
            .map(t -> scanTask(options, t, conf.value().value()))
            .treeReduce(TaskResult::merge, 2);
        EdgeCorrection c = settle(scanner, all.own, all.edges, hadoop);
        total = read(all.summary).corrected(c);
        compression = all.compression == null ? null : all.compression.corrected(c);
      }
    }
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
      DedupSummary listed = scanner.summarize(missing);
      total = total.isFiguresOnly()
          ? DedupSummary.mergeDisjoint(List.of(total, listed.totalsOnly()))
          : DedupSummary.merge(List.of(total, listed));
    }
    return new Counted(total.ran(System.nanoTime() - started, jsc.defaultParallelism()),
        compression);
  }

  /**
   * Every chunk of the paths as a row, for SQL of one's own: {@code path} (as reports name it),
   * {@code offset}, {@code length} and {@code fingerprint} (the hasher's first 64 or 128 bits,
   * big-endian), the chunks one sequential pass over each file cuts, content-defined chunks across
   * part edges included. Lazy, as Datasets are; under content-defined chunking a counting job runs
   * first to find where each part's true chain starts. Percent and counting options do not apply:
   * every chunk is a row.
   *
   * <pre>{@code
   * Dataset<Row> chunks = Dedup4jSpark.chunks(spark, new Dedup4jSpark.Options(), "hdfs://nn/vm");
   * chunks.groupBy("fingerprint").count().where("count > 100").show();
   * }</pre>
   *
   * @param spark the session
   * @param options the chunker, hasher, window and split size
   * @param paths files or folders on any Hadoop file system
   * @return the rows
   */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> chunks(SparkSession spark,
      Options options, String... paths) {
    options.scanner(); // checks the options
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    SplitPlanner.Plan plan;
    try {
      plan = SplitPlanner.plan(hadoop, Arrays.asList(paths), options.window(
          options.scanner().chunker()), options.splitSize);
    } catch (IOException e) {
      throw new UncheckedIOException("listing the inputs failed: " + e.getMessage(), e);
    }
    if (!plan.skipped().isEmpty()) {
      throw new IllegalArgumentException(plan.skipped().get(0).path() + ": "
          + plan.skipped().get(0).reason());
    }
    return ChunkRows.of(spark, options, plan.splits(),
        jsc.broadcast(new SerializableConfiguration(hadoop)), hadoop);
  }

  /** The tasks as an RDD of one plan per partition, each preferring the hosts of its blocks. */
  static JavaRDD<TaskPlan> located(JavaSparkContext jsc, List<TaskPlan> tasks) {
    List<scala.Tuple2<TaskPlan, scala.collection.immutable.Seq<String>>> located =
        new ArrayList<>();
    for (TaskPlan t : tasks) {
      located.add(new scala.Tuple2<>(t,
          scala.jdk.javaapi.CollectionConverters.asScala(t.hosts()).toList()));
    }
    scala.reflect.ClassTag<TaskPlan> tag = scala.reflect.ClassTag$.MODULE$.apply(TaskPlan.class);
    return jsc.sc().makeRDD(scala.jdk.javaapi.CollectionConverters.asScala(located).toList(), tag)
        .toJavaRDD();
  }

  /** What one task sends back: its summary, and what its edges owe (content-defined chunking). */
  record TaskResult(byte[] summary, EdgeCorrection own, List<Edge> edges,
      CompressionPart compression) implements Serializable {
    TaskResult merge(TaskResult o) {
      List<Edge> e = new ArrayList<>(edges);
      e.addAll(o.edges);
      return new TaskResult(Dedup4jSpark.merge(summary, o.summary), own.plus(o.own), e,
          compression == null ? o.compression : compression.merge(o.compression));
    }
  }

  /**
   * The walk of the edge where a task's range of a file ends and the next task's begins.
   *
   * @param next the next task's range (its start is the edge)
   * @param from where the true chain's next chunk started when the walk began: the true chain's
   *     first chunk in the next range
   * @param met whether the true chain met the next range's own chain inside it
   * @param chainEnd where the true chain stood after the walk
   * @param correction what the walk added and took back
   */
  record Edge(TaskPlan.Range next, long from, boolean met, long chainEnd,
      EdgeCorrection correction)
      implements Serializable {}

  /** On an executor: a task's ranges, counted together, and the walks of its end edges. */
  private static TaskResult scanTask(Options options, TaskPlan task, Configuration conf)
      throws IOException {
    TaskScan t = scanRanges(options, task, conf);
    return new TaskResult(bytes(t.summary), t.own, t.edges, t.compression);
  }

  /** What a task counted and what its edges owe. */
  record TaskScan(DedupSummary summary, EdgeCorrection own, List<Edge> edges,
      CompressionPart compression) {}

  /** On an executor: a task's ranges, counted together, and the walks of its end edges. */
  static TaskScan scanRanges(Options options, TaskPlan task, Configuration conf)
      throws IOException {
    Map<String, HadoopRangeReader> readers = new LinkedHashMap<>();
    try {
      List<ScanSource> sources = new ArrayList<>();
      for (TaskPlan.Range r : task.ranges()) {
        sources.add(source(r.file(), r.start(), r.end(), reader(readers, r.file(), conf)));
      }
      DedupScanner scanner = options.scanner();
      DedupScanner.PartsSummary parts = scanner.summarizeParts(sources);
      List<Edge> edges = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        TaskPlan.Range r = task.ranges().get(i);
        long chainEnd = parts.chainEnds()[i];
        if (r.nextEnd() > 0 && chainEnd >= 0) { // a range that failed is listed as failed
          TaskPlan.Range next = new TaskPlan.Range(r.file(), r.end(), r.nextEnd(), -1);
          DedupScanner.EdgeWalk w = scanner.walkEdge(source(r.file(), r.end(), r.nextEnd(),
              reader(readers, r.file(), conf)), chainEnd);
          edges.add(new Edge(next, chainEnd, w.met(), w.chainEnd(), w.correction()));
        }
      }
      return new TaskScan(parts.summary(), parts.correction(), edges, parts.compression());
    } finally {
      for (HadoopRangeReader r : readers.values()) {
        r.close();
      }
    }
  }

  /**
   * On the driver: the sum of every edge's correction. An edge whose walk did not meet inside the
   * next range took back all of that range, so the range's own end edge, walked from its own chain
   * by its task, is walked again here from where the true chain stands; rarely needed (long zero
   * runs at offsets that are not a multiple of the largest chunk), and then file by file, in order.
   */
  static EdgeCorrection settle(DedupScanner scanner, EdgeCorrection own, List<Edge> all,
      Configuration conf) {
    return settled(scanner, own, all, conf).correction();
  }

  /** The edges as finally walked, and the sum of their corrections. */
  record Settled(EdgeCorrection correction, List<Edge> edges) {}

  static Settled settled(DedupScanner scanner, EdgeCorrection own, List<Edge> all,
      Configuration conf) {
    List<Edge> walked = new ArrayList<>();
    Map<String, List<Edge>> byFile = new LinkedHashMap<>();
    for (Edge e : all) {
      byFile.computeIfAbsent(e.next().file().uri(), k -> new ArrayList<>()).add(e);
    }
    EdgeCorrection sum = own;
    Map<String, HadoopRangeReader> readers = new LinkedHashMap<>();
    try {
      for (List<Edge> edges : byFile.values()) {
        edges.sort(java.util.Comparator.comparingLong(e -> e.next().start()));
        Edge previous = null;
        for (Edge e : edges) {
          if (previous != null && !previous.met() && previous.next().end() == e.next().start()) {
            TaskPlan.Range n = e.next();
            DedupScanner.EdgeWalk w = scanner.walkEdge(source(n.file(), n.start(), n.end(),
                reader(readers, n.file(), conf)), previous.chainEnd());
            e = new Edge(n, previous.chainEnd(), w.met(), w.chainEnd(), w.correction());
          }
          sum = sum.plus(e.correction());
          walked.add(e);
          previous = e;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("walking a part edge again on the driver failed: "
          + e.getMessage(), e);
    } finally {
      for (HadoopRangeReader r : readers.values()) {
        try {
          r.close();
        } catch (IOException e) {
          // read-only: nothing is lost
        }
      }
    }
    return new Settled(sum, walked);
  }

  private static ScanSource.RangeSource source(Split file, long start, long end,
      HadoopRangeReader reader) {
    return (ScanSource.RangeSource) ScanSource.ofRange(file.name(), file.sampleName(), file.size(),
        start, end, reader);
  }

  private static HadoopRangeReader reader(Map<String, HadoopRangeReader> open, Split file,
      Configuration conf) throws IOException {
    HadoopRangeReader r = open.get(file.uri());
    if (r == null) {
      r = new HadoopRangeReader(file, conf);
      open.put(file.uri(), r);
    }
    return r;
  }

  private static byte[] merge(byte[] a, byte[] b) {
    return bytes(read(a).merge(read(b)));
  }

  static byte[] bytes(DedupSummary s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      s.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a byte array
    }
    return out.toByteArray();
  }

  static DedupSummary read(byte[] b) {
    try {
      return DedupSummary.readFrom(new ByteArrayInputStream(b));
    } catch (IOException e) {
      throw new UncheckedIOException("a part's summary could not be read: " + e.getMessage(), e);
    }
  }
}
