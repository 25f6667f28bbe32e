package org.dedup4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scan throughput by counting mode on the same in-memory data (fixed 4 KiB chunks, SHA-256, two
 * threads): sample and sketch against exact. Score is one scan of {@code mib} MiB; divide for MB/s.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EstimationBenchmark -f 1 -wi 2 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class EstimationBenchmark {

  /** The counting mode. */
  @Param({"exact", "sample", "sketch"})
  public String mode;

  /** Data size in MiB: 4 KiB blocks, 1 in 3 a repeat of an earlier one. */
  @Param({"512"})
  public int mib;

  private ByteBuffer data;
  private DedupScanner scanner;

  /** Builds the data and the scanner. */
  @Setup(Level.Trial)
  public void setup() {
    byte[] bytes = new byte[mib << 20];
    byte[] b = new byte[4096];
    EstimationData.SplitMix r = new EstimationData.SplitMix(1);
    for (int i = 0; i < bytes.length / 4096; i++) {
      long id = i % 3 == 2 ? Math.floorMod(r.next(), i) : i;
      EstimationData.block(0xBE7L, id, b);
      System.arraycopy(b, 0, bytes, i * 4096, 4096);
    }
    data = ByteBuffer.wrap(bytes);
    scanner = DedupScanner.builder().counting(CountingMode.of(mode)).threads(2).build();
  }

  /**
   * One scan.
   *
   * @return the report (consumed by JMH)
   */
  @Benchmark
  public DedupReport scan() {
    return scanner.scan(data.duplicate());
  }
}
