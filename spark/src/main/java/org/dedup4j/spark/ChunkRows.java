package org.dedup4j.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.dedup4j.DedupScanner;
import org.dedup4j.EdgeCorrection;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Digester;

/**
 * Every chunk as a row, for users' own SQL: the chunks one sequential pass over each file cuts,
 * with their fingerprints. Under content-defined chunking the true chain's position at each task's
 * first byte comes from a counting job's edge walks (see {@link Dedup4jSpark}); each task then cuts
 * its range from there.
 */
final class ChunkRows {

  private ChunkRows() {}

  /** The rows' columns. */
  static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("offset", DataTypes.LongType, false)
      .add("length", DataTypes.IntegerType, false)
      .add("fingerprint", DataTypes.BinaryType, false);

  static Dataset<Row> of(SparkSession spark, Dedup4jSpark.Options options, List<Split> splits,
      Broadcast<SerializableConfiguration> conf, Configuration hadoop) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DedupScanner scanner = options.scanner();
    List<TaskPlan> tasks = TaskPlan.of(splits, Math.max(1, splits.size()));
    // Where the true chain's first chunk in each range starts (its start under fixed-size
    // chunking; under content-defined chunking as the settled edge walks say).
    Map<String, Long> from = new HashMap<>();
    if (scanner.chunker().fixedChunkSize() == 0 && !tasks.isEmpty()) {
      List<Dedup4jSpark.Edge> edges = new ArrayList<>();
      Dedup4jSpark.Options chains = options.withoutCompression();
      for (List<Dedup4jSpark.Edge> e : Dedup4jSpark.located(jsc, tasks)
          .map(t -> Dedup4jSpark.scanRanges(chains, t, conf.value().value()).edges())
          .collect()) {
        edges.addAll(e);
      }
      for (Dedup4jSpark.Edge e : Dedup4jSpark.settled(chains.scanner(), EdgeCorrection.none(),
          edges, hadoop).edges()) {
        from.put(key(e.next().file().uri(), e.next().start()), e.from());
      }
    }
    Broadcast<Map<String, Long>> starts = jsc.broadcast(from);
    JavaRDD<Row> rows = Dedup4jSpark.located(jsc, tasks).flatMap(t -> rows(options, t,
        conf.value().value(), starts.value()));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static String key(String uri, long start) {
    return start + "@" + uri;
  }

  /** On an executor: the task's ranges cut from the true chain, one row per chunk. */
  private static Iterator<Row> rows(Dedup4jSpark.Options options, TaskPlan task,
      Configuration conf, Map<String, Long> starts) throws IOException {
    DedupScanner scanner = options.scanner();
    Chunker chunker = scanner.chunker();
    Digester digester = scanner.hasher().newDigester();
    int bytes = scanner.hasher().fingerprintBits() / 8;
    int max = chunker.maxChunkSize();
    List<Row> out = new ArrayList<>();
    for (TaskPlan.Range r : task.ranges()) {
      long pos = starts.getOrDefault(key(r.file().uri(), r.start()), r.start());
      long size = r.file().size();
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(4L << 20, 2L * max)));
      long base = pos;
      int filled = 0;
      long[] fp = new long[2];
      try (HadoopRangeReader reader = new HadoopRangeReader(r.file(), conf)) {
        while (pos < r.end()) {
          // Keep at least a largest chunk in view, or the file's end.
          int from = (int) (pos - base);
          if (filled - from < max && base + filled < size) {
            buf.limit(buf.capacity());
            System.arraycopy(buf.array(), from, buf.array(), 0, filled - from);
            base = pos;
            filled -= from;
            from = 0;
            while (filled < buf.capacity() && base + filled < size) {
              buf.position(filled);
              int n = reader.read(base + filled, buf);
              if (n < 0) {
                throw new IOException(r.file().name() + ": ended at " + (base + filled)
                    + " of " + size + " bytes");
              }
              filled += n;
            }
          }
          buf.position(0).limit(filled);
          int cut = chunker.nextCut(buf, from, filled);
          digester.digest(buf, from, cut - from, fp);
          byte[] f = new byte[bytes];
          for (int i = 0; i < bytes; i++) {
            f[i] = (byte) (fp[i / 8] >>> (56 - 8 * (i % 8)));
          }
          out.add(RowFactory.create(r.file().name(), pos, cut - from, f));
          pos = base + cut;
        }
      }
    }
    return out.iterator();
  }
}
