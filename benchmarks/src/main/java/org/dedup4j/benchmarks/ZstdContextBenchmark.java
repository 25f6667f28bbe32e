package org.dedup4j.benchmarks;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the zstd codec keeps one {@link ZstdCompressCtx} per thread: zstd-jni's static {@code
 * Zstd.compressByteArray} builds and frees a context on every call. Same data and scoring as {@link
 * CompressionBenchmark} (text-like, 1 MiB per invocation, <b>ops/ns = GB/s</b>).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ZstdContextBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ZstdContextBenchmark {

  /** zstd level. */
  @Param({"1", "3"})
  public int level;

  /** Unit size in bytes. */
  @Param({"4096", "32768"})
  public int unit;

  private byte[] data;
  private byte[] out;
  private ZstdCompressCtx ctx;
  private int offset;

  /** Makes the data, the output buffer and the context. */
  @Setup
  public void setup() {
    data = CompressionFiles.text(CompressionBenchmark.REGION);
    out = new byte[(int) Zstd.compressBound(unit)];
    ctx = new ZstdCompressCtx().setLevel(level);
  }

  /** Frees the context. */
  @TearDown
  public void tearDown() {
    ctx.close();
  }

  /**
   * One reused context, as the codec does.
   *
   * @return compressed bytes
   */
  @Benchmark
  @OperationsPerInvocation(CompressionBenchmark.STEP)
  public long reusedContext() {
    long total = 0;
    for (int p = 0; p < CompressionBenchmark.STEP; p += unit) {
      total += ctx.compressByteArray(out, 0, out.length, data, offset + p, unit);
    }
    offset = (offset + CompressionBenchmark.STEP) % CompressionBenchmark.REGION;
    return total;
  }

  /**
   * zstd-jni's static call: a context per unit.
   *
   * @return compressed bytes
   */
  @Benchmark
  @OperationsPerInvocation(CompressionBenchmark.STEP)
  public long staticCall() {
    long total = 0;
    for (int p = 0; p < CompressionBenchmark.STEP; p += unit) {
      total += Zstd.compressByteArray(out, 0, out.length, data, offset + p, unit, level);
    }
    offset = (offset + CompressionBenchmark.STEP) % CompressionBenchmark.REGION;
    return total;
  }
}
