package org.dedup4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of a test JVM: {@code local[2]}, bound to loopback only, no UI,
 * {@value #PARTITIONS} shuffle partitions and default parallelism, its scratch space under {@code
 * target/}. Started on first use (about 3 s warm), shared by every test class of the JVM (surefire
 * forks one for this module) and stopped when the JVM exits, so tests must not stop it.
 *
 * <pre>{@code
 * long n = LocalSpark.context().parallelize(List.of(1, 2, 3)).count();
 * Dataset<Row> ids = LocalSpark.session().range(10).toDF();
 * }</pre>
 *
 * <p>Surefire also sets {@code SPARK_LOCAL_IP=127.0.0.1}, so that nothing Spark starts looks up the
 * machine's own address.
 */
public final class LocalSpark {

  /** The master URL: two task threads in this JVM. */
  public static final String MASTER = "local[2]";

  /** The only address the driver binds to and advertises. */
  public static final String LOOPBACK = "127.0.0.1";

  /** {@code spark.sql.shuffle.partitions} and {@code spark.default.parallelism}. */
  public static final int PARTITIONS = 4;

  private LocalSpark() {}

  /**
   * The session, started on first call.
   *
   * @return the session of this JVM
   */
  public static SparkSession session() {
    return Holder.SESSION;
  }

  /**
   * The Java view of the session's context, for RDDs.
   *
   * @return the context of {@link #session()}
   */
  public static JavaSparkContext context() {
    return Holder.CONTEXT;
  }

  /** Lazy: the session starts when a test first asks for it, once, thread-safely. */
  private static final class Holder {
    static final SparkSession SESSION = start();
    static final JavaSparkContext CONTEXT =
        JavaSparkContext.fromSparkContext(SESSION.sparkContext());

    private Holder() {}
  }

  private static SparkSession start() {
    Path target = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    Path localDir;
    try {
      Files.createDirectories(target.resolve("spark-local"));
      localDir = Files.createTempDirectory(target.resolve("spark-local"), "run-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a spark.local.dir under " + target, e);
    }
    SparkSession session =
        SparkSession.builder()
            .master(MASTER)
            .appName("dedup4j-spark-tests")
            .config("spark.driver.host", LOOPBACK)
            .config("spark.driver.bindAddress", LOOPBACK)
            .config("spark.ui.enabled", false)
            .config("spark.ui.showConsoleProgress", false)
            .config("spark.sql.shuffle.partitions", PARTITIONS)
            .config("spark.default.parallelism", PARTITIONS)
            .config("spark.local.dir", localDir.toString())
            .config("spark.sql.warehouse.dir", target.resolve("spark-warehouse").toUri().toString())
            .getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    // Spark's own shutdown hook stops the context too; stopping twice is a no-op.
    Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "LocalSpark-stop"));
    return session;
  }
}
