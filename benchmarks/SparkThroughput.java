import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.spark.Dedup4jSpark;

/**
 * dedup4j-spark in local[2] against DedupScanner with 2 threads, in one JVM, in alternating pairs
 * on the same warm file: the job's wall time (planning, tasks, merge) without the session's start.
 * Run by benchmarks/spark.sh; args: FILE PAIRS MODE SPLIT [CHUNKER].
 */
public class SparkThroughput {
  public static void main(String[] args) throws InterruptedException {
    Path file = Path.of(args[0]);
    int pairs = Integer.parseInt(args[1]);
    CountingMode mode = CountingMode.of(args[2]);
    long split = Long.parseLong(args[3]);
    String chunker = args.length > 4 ? args[4] : "fixed:size=4096";
    SparkSession spark = SparkSession.builder().master("local[2]").appName("throughput")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    // What moves: shuffle bytes written and task results sent to the driver, per scan.
    java.util.concurrent.atomic.AtomicLong shuffled = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong results = new java.util.concurrent.atomic.AtomicLong();
    spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          shuffled.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
          results.addAndGet(end.taskMetrics().resultSize());
        }
      }
    });
    DedupScanner one = DedupScanner.builder().threads(2).counting(mode).chunker(chunker).build();
    Dedup4jSpark.Options options = new Dedup4jSpark.Options().counting(mode).splitSize(split)
        .chunker(chunker);
    Dedup4jSpark.scan(spark, options, file.toString()); // warm: Spark's first job, the JIT
    one.scan(file);
    for (int i = 1; i <= pairs; i++) {
      shuffled.set(0);
      results.set(0);
      long t0 = System.nanoTime();
      DedupReport a = one.scan(file);
      long t1 = System.nanoTime();
      DedupReport b = Dedup4jSpark.scan(spark, options, file.toString());
      long t2 = System.nanoTime();
      if (a.uniqueChunks() != b.uniqueChunks()) {
        throw new AssertionError("different counts: " + a.uniqueChunks() + " " + b.uniqueChunks());
      }
      Thread.sleep(500); // the listener's events arrive asynchronously; after the timing
      System.out.printf("pair %d: one machine %.3f s, spark %.3f s, spark throughput / one machine"
          + " %.3f (shuffle %,d bytes, results %,d bytes)%n", i, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          (double) (t1 - t0) / (t2 - t1), shuffled.get(), results.get());
    }
    spark.stop();
  }
}
