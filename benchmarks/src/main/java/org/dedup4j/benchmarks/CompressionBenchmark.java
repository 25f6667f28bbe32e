package org.dedup4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dedup4j.Compression;
import org.dedup4j.spi.Compressor;
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
 * Single-thread throughput of {@link Compressor#compress}, the call the compressibility estimate
 * makes per unit, with one compressor (and its context and buffers) reused for every unit, as the
 * estimator and the scan's workers do.
 *
 * <p>Each invocation compresses 1 MiB unit by unit (256 units of 4 KiB or 32 of 32 KiB), moving
 * through an 8 MiB region so that consecutive invocations see different units. One JMH "operation"
 * is one byte and the output unit is nanoseconds, so <b>the score in ops/ns is GB/s</b> (10^9 bytes
 * per second) of input.
 *
 * <ul>
 *   <li>{@code codec}: a codec spec, resolved through {@code Compression.parse}.
 *   <li>{@code unit}: 4096 or 32768 bytes.
 *   <li>{@code data}: {@code text} (the text-like words of {@link CompressionFiles}) or {@code random}
 *       (incompressible: the codec's worst case for time, its best for giving up).
 * </ul>
 *
 * <p>Run (about 5 minutes for every combination):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CompressionBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * java -jar benchmarks/target/benchmarks.jar CompressionBenchmark -p codec=zstd:level=3 -p unit=4096
 * </pre>
 *
 * {@link ZstdContextBenchmark} compares the reused zstd context with zstd-jni's static call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CompressionBenchmark {

  /** Bytes compressed per invocation. */
  static final int STEP = 1 << 20;

  /** Bytes of data the invocations move through. */
  static final int REGION = 8 << 20;

  /** Codec spec. */
  @Param({"lz4", "lz4hc:level=9", "zstd:level=1", "zstd:level=3", "deflate:level=1",
      "deflate:level=6"})
  public String codec;

  /** Unit size in bytes. */
  @Param({"4096", "32768"})
  public int unit;

  /** {@code text} or {@code random}. */
  @Param({"text", "random"})
  public String data;

  private ByteBuffer buffer;
  private Compressor compressor;
  private int offset;

  /** Makes the data and the compressor. */
  @Setup
  public void setup() {
    compressor = Compression.parse(codec).codec().newCompressor();
    byte[] bytes = data.equals("text") ? CompressionFiles.text(REGION) : random(REGION);
    buffer = ByteBuffer.wrap(bytes);
  }

  /** Releases the compressor's context. */
  @TearDown
  public void tearDown() {
    compressor.close();
  }

  /**
   * Compresses the next 1 MiB unit by unit.
   *
   * @return the compressed bytes, so that nothing is optimised away
   */
  @Benchmark
  @OperationsPerInvocation(STEP)
  public long compress() {
    long total = 0;
    for (int p = 0; p < STEP; p += unit) {
      total += compressor.compress(buffer, offset + p, unit);
    }
    offset = (offset + STEP) % REGION;
    return total;
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new SplittableRandom(7).nextBytes(b);
    return b;
  }
}
