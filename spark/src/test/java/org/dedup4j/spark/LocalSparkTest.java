package org.dedup4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.Hashers;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The shared local session starts on loopback, shuffles right, and runs dedup4j in its tasks. */
class LocalSparkTest {

  @Test
  void sessionIsLocalOnLoopbackWithoutUi() {
    SparkSession spark = LocalSpark.session();
    assertEquals(LocalSpark.MASTER, spark.sparkContext().master());
    assertEquals(LocalSpark.LOOPBACK, spark.conf().get("spark.driver.host"));
    assertEquals(LocalSpark.LOOPBACK, spark.conf().get("spark.driver.bindAddress"));
    // what the block manager advertises, i.e. where the driver really listens
    assertEquals(LocalSpark.LOOPBACK, SparkEnv.get().blockManager().blockManagerId().host());
    assertTrue(spark.sparkContext().uiWebUrl().isEmpty(), "the UI is off");
    assertEquals("4", spark.conf().get("spark.sql.shuffle.partitions"));
    assertEquals(LocalSpark.PARTITIONS, spark.sparkContext().defaultParallelism());
    assertTrue(
        spark.sparkContext().getConf().get("spark.local.dir").contains("target"),
        "scratch space under target/");
  }

  @Test
  void reduceByKeyShufflesOneThousandNumbersInFourPartitions() {
    JavaSparkContext sc = LocalSpark.context();
    List<Integer> numbers = IntStream.rangeClosed(1, 1000).boxed().collect(Collectors.toList());
    JavaPairRDD<Integer, Long> sums =
        sc.parallelize(numbers, 4)
            .mapToPair(i -> new Tuple2<>(i % 10, (long) i))
            .reduceByKey(Long::sum);
    assertEquals(4, sums.getNumPartitions());
    Map<Integer, Long> expected = new TreeMap<>();
    for (int i = 1; i <= 1000; i++) {
      expected.merge(i % 10, (long) i, Long::sum);
    }
    assertEquals(expected, new TreeMap<>(sums.collectAsMap()));
    long viaDataset = LocalSpark.session().range(1, 1001).groupBy().sum("id").first().getLong(0);
    assertEquals(500_500L, viaDataset);
  }

  @Test
  void dedupScannerAndPluginsWorkInsideExecutorTasks() {
    List<String> fromTasks =
        LocalSpark.context().parallelize(List.of(0, 1, 2, 3), 4).map(LocalSparkTest::scan)
            .collect();
    List<String> here =
        IntStream.range(0, 4).mapToObj(LocalSparkTest::scan).collect(Collectors.toList());
    assertEquals(here, fromTasks);
    assertTrue(fromTasks.get(0).startsWith("fastcdc2020"), fromTasks.get(0));
  }

  /**
   * Scans 4 copies of 64 KiB of seeded random bytes with a chunker and a hasher found by
   * ServiceLoader (dedup4j-chunkers, dedup4j-hashers); in a task or here.
   */
  private static String scan(int seed) {
    byte[] block = new byte[64 << 10];
    new SplittableRandom(seed).nextBytes(block);
    byte[] data = new byte[4 * block.length];
    for (int copy = 0; copy < 4; copy++) {
      System.arraycopy(block, 0, data, copy * block.length, block.length);
    }
    DedupReport report =
        DedupScanner.builder()
            .chunker(Chunkers.fromSpec("fastcdc2020"))
            .hasher(Hashers.fromSpec("xxh64"))
            .threads(1)
            .build()
            .scan(data);
    assertTrue(report.dedupeRatio() > 2, () -> "dedupe ratio " + report.dedupeRatio());
    return report.chunker() + " " + report.hasher() + " " + report.chunks() + " "
        + report.uniqueChunks();
  }
}
