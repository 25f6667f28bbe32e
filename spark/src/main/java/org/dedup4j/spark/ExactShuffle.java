package org.dedup4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.dedup4j.CompressionPart;
import org.dedup4j.DedupScanner;
import org.dedup4j.DedupSummary;
import org.dedup4j.EdgeCorrection;
import scala.Tuple2;

/**
 * An exact count of any size: tasks send their distinct fingerprints, with reference count and
 * length, through Spark's shuffle to the reducer that owns their range ({@link
 * DedupSummary#bucketOf}); each reducer sums its range, applies its share of the part edges'
 * corrections and sends back only its figures (a few kilobytes: {@link DedupSummary#figuresOnly});
 * the driver adds the figures of the ranges and the tasks' totals ({@link
 * DedupSummary#mergeDisjoint}). No machine holds every fingerprint: a reducer holds its range,
 * about {@code 28 x distinct chunks / reducers} bytes.
 *
 * <p>Under content-defined chunking two jobs share one shuffle: the first runs the map stage (the
 * scan, which writes the rows to the shuffle) and reads only the partition where the tasks' totals
 * and edge walks went; the driver settles the edges; the second reads the fingerprint ranges, whose
 * map stage Spark skips (its shuffle files are there). Fixed-size chunks owe no corrections: one
 * job does both.
 */
final class ExactShuffle {

  private ExactShuffle() {}

  /** Bytes of one row in the shuffle: k0, k1, count, length. */
  static final int ROW_BYTES = 28;

  /** The default ranges: two per slot, and at least one per 8 GiB of input (~60 MB each). */
  static int reducers(JavaSparkContext jsc, List<Split> splits, Dedup4jSpark.Options options) {
    if (options.reducers() > 0) {
      return options.reducers();
    }
    return (int) Math.min(1 << 20, Math.max(2L * jsc.defaultParallelism(),
        (bytes(splits) + (8L << 30) - 1) / (8L << 30)));
  }

  private static long bytes(List<Split> splits) {
    long bytes = 0;
    for (Split s : splits) {
      bytes += s.end() - s.start();
    }
    return bytes;
  }

  static Dedup4jSpark.Counted count(JavaSparkContext jsc, Dedup4jSpark.Options options,
      DedupScanner scanner, List<Split> splits, Broadcast<SerializableConfiguration> conf,
      Configuration hadoop) {
    int ranges = reducers(jsc, splits, options);
    // Two tasks per slot, and at least one per 8 GiB of input: a task holds only the distinct
    // chunks of its share (about 60 MB per 8 GiB of distinct 4 KiB chunks).
    int tasks = (int) Math.min(splits.size(), Math.max(2L * jsc.defaultParallelism(),
        (bytes(splits) + (8L << 30) - 1) / (8L << 30)));
    JavaPairRDD<Integer, byte[]> shuffled = Dedup4jSpark.located(jsc, TaskPlan.of(splits, tasks))
        .flatMapToPair(t -> rows(options, t, conf.value().value(), ranges))
        .partitionBy(new Ranges(ranges));
    DedupSummary template = scanner.summarize(List.of());
    byte[] templateBytes = Dedup4jSpark.bytes(template);
    List<byte[]> figures;
    List<Meta> metas = new ArrayList<>();
    Broadcast<List<EdgeCorrection>> corrections = null;
    if (scanner.chunker().fixedChunkSize() > 0) {
      // Fixed-size chunks never cross a part edge: nothing to correct, so one job reduces the
      // ranges and reads the tasks' totals (partition `ranges`, after the figures in order).
      List<byte[]> all = shuffled.mapPartitionsWithIndex((i, it) -> i < ranges
          ? List.of(range(Dedup4jSpark.read(templateBytes), it, EdgeCorrection.none()))
              .iterator()
          : values(it), true).collect();
      figures = all.subList(0, ranges);
      for (byte[] b : all.subList(ranges, all.size())) {
        metas.add(Meta.of(b));
      }
    } else {
      // Job 1: the scan; only the last partition (the tasks' totals and edges) is read.
      for (byte[] b : shuffled.mapPartitionsWithIndex((i, it) -> i == ranges ? values(it)
          : java.util.Collections.<byte[]>emptyIterator(), true).collect()) {
        metas.add(Meta.of(b));
      }
      figures = null;
    }
    List<DedupSummary> totals = new ArrayList<>();
    EdgeCorrection own = EdgeCorrection.none();
    List<Dedup4jSpark.Edge> edges = new ArrayList<>();
    CompressionPart compression = null;
    for (Meta m : metas) {
      totals.add(Dedup4jSpark.read(m.totals));
      own = own.plus(m.own);
      edges.addAll(m.edges);
      if (m.compression != null) {
        compression = compression == null ? m.compression : compression.merge(m.compression);
      }
    }
    EdgeCorrection all = Dedup4jSpark.settle(scanner, own, edges, hadoop);
    if (figures == null) {
      corrections = jsc.broadcast(all.byFingerprint(ranges, template.fingerprintBits()));
      Broadcast<List<EdgeCorrection>> c = corrections;
      // Job 2: each range summed, corrected and reduced to its figures; Spark skips the map
      // stage, whose shuffle files are there.
      figures = shuffled.mapPartitionsWithIndex((i, it) -> i < ranges
          ? List.of(range(Dedup4jSpark.read(templateBytes), it, c.value().get(i))).iterator()
          : java.util.Collections.<byte[]>emptyIterator(), true).collect();
    } else if (all.rows() != 0) {
      throw new IllegalStateException("fixed-size chunks owe an edge correction: " + all);
    }
    List<DedupSummary> parts = new ArrayList<>(totals.size() + figures.size() + 1);
    parts.add(DedupSummary.mergeDisjoint(totals.isEmpty() ? List.of(template.totalsOnly())
        : totals).corrected(all.withoutRows()));
    for (byte[] f : figures) {
      parts.add(Dedup4jSpark.read(f));
    }
    if (corrections != null) {
      corrections.destroy();
    }
    return new Dedup4jSpark.Counted(DedupSummary.mergeDisjoint(parts),
        compression == null ? null : compression.corrected(all));
  }

  private static Iterator<byte[]> values(Iterator<Tuple2<Integer, byte[]>> it) {
    List<byte[]> out = new ArrayList<>();
    it.forEachRemaining(t -> out.add(t._2()));
    return out.iterator();
  }

  /**
   * On an executor: a task's ranges counted, its entries as rows packed per fingerprint range
   * (key = range), and its totals and edge walks (key -1).
   */
  private static Iterator<Tuple2<Integer, byte[]>> rows(Dedup4jSpark.Options options,
      TaskPlan task, Configuration conf, int ranges) throws IOException {
    Dedup4jSpark.TaskScan scan = Dedup4jSpark.scanRanges(options, task, conf);
    DedupSummary s = scan.summary();
    int bits = s.fingerprintBits();
    ByteArrayOutputStream[] buffers = new ByteArrayOutputStream[ranges];
    DataOutputStream[] outs = new DataOutputStream[ranges];
    try {
      s.forEachEntry((k0, k1, count, length) -> {
        int r = DedupSummary.bucketOf(k0, k1, bits, ranges);
        if (outs[r] == null) {
          buffers[r] = new ByteArrayOutputStream(1024);
          outs[r] = new DataOutputStream(buffers[r]);
        }
        try {
          outs[r].writeLong(k0);
          outs[r].writeLong(k1);
          outs[r].writeLong(count);
          outs[r].writeInt(length);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // not thrown by a byte array
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<Tuple2<Integer, byte[]>> out = new ArrayList<>();
    for (int r = 0; r < ranges; r++) {
      if (buffers[r] != null) {
        out.add(new Tuple2<>(r, buffers[r].toByteArray()));
      }
    }
    out.add(new Tuple2<>(-1, new Meta(Dedup4jSpark.bytes(s.totalsOnly()), scan.own(),
        scan.edges(), scan.compression()).toBytes()));
    return out.iterator();
  }

  /** On a reducer: its range's rows summed, corrected, as figures. */
  private static byte[] range(DedupSummary template, Iterator<Tuple2<Integer, byte[]>> it,
      EdgeCorrection correction) throws IOException {
    int n = 0;
    long[] k0 = new long[1024];
    long[] k1 = new long[1024];
    long[] count = new long[1024];
    int[] length = new int[1024];
    while (it.hasNext()) {
      byte[] b = it.next()._2();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      for (int i = 0; i < b.length / ROW_BYTES; i++) {
        if (n == k0.length) {
          int m = Math.multiplyExact(n, 2);
          k0 = Arrays.copyOf(k0, m);
          k1 = Arrays.copyOf(k1, m);
          count = Arrays.copyOf(count, m);
          length = Arrays.copyOf(length, m);
        }
        k0[n] = in.readLong();
        k1[n] = in.readLong();
        count[n] = in.readLong();
        length[n++] = in.readInt();
      }
    }
    return Dedup4jSpark.bytes(template.withEntries(k0, k1, count, length, n)
        .corrected(correction).figuresOnly());
  }

  /** Fingerprint ranges 0..n-1 by key; the tasks' totals and edges (key -1) in partition n. */
  static final class Ranges extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int ranges;

    Ranges(int ranges) {
      this.ranges = ranges;
    }

    @Override
    public int numPartitions() {
      return ranges + 1;
    }

    @Override
    public int getPartition(Object key) {
      int k = (Integer) key;
      return k < 0 ? ranges : k;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ranges r && r.ranges == ranges;
    }

    @Override
    public int hashCode() {
      return ranges;
    }
  }

  /** A task's totals (a summary without figures) and what its edges owe. */
  record Meta(byte[] totals, EdgeCorrection own, List<Dedup4jSpark.Edge> edges,
      CompressionPart compression) implements Serializable {
    byte[] toBytes() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (ObjectOutputStream o = new ObjectOutputStream(b)) {
        o.writeObject(this);
      }
      return b.toByteArray();
    }

    static Meta of(byte[] b) {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
        return (Meta) in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalStateException("a task's totals could not be read: " + e, e);
      }
    }
  }
}
