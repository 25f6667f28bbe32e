package org.dedup4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of {@link Digester#digest(ByteBuffer, int, int, long[])}, the call the
 * scan's hot loop makes per chunk, for every hasher × chunk size × buffer kind.
 *
 * <p>Each invocation fingerprints a 1 MiB region of random bytes chunk by chunk (256 chunks of 4
 * KiB or 16 of 64 KiB), the same region each time, so the data sits in L2/L3 cache as it does after
 * the engine's 1 MiB positioned read. One JMH "operation" is one byte ({@code
 * OperationsPerInvocation}) and the output unit is nanoseconds, so <b>the score in ops/ns is bytes
 * per nanosecond, which is GB/s</b> (10^9 bytes per second).
 *
 * <ul>
 *   <li>{@code hasher}: a spec resolved at run time through {@code Hashers.fromSpec}; a spec whose
 *       plugin is missing fails that parameter with a message and the others run.
 *   <li>{@code buffer}: {@code heap} is a {@code ByteBuffer} over a {@code byte[]} (the engine's
 *       read mode); {@code direct} is a direct buffer (the same code path as a mapped window).
 * </ul>
 *
 * <p>Run (about 3 minutes; JMH runs every combination):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HasherBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * java -jar benchmarks/target/benchmarks.jar HasherBenchmark -p hasher=xxh3-128 -p size=4096
 * </pre>
 *
 * The JDK's own SHA-256 without our wrapper, and Guava's, are in {@link Sha256BaselineBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HasherBenchmark {

  /** Bytes fingerprinted per invocation. */
  static final int REGION = 1 << 20;

  /** Hasher spec. */
  @Param({"sha256", "sha1", "md5", "xxh64", "xxh3-64", "xxh3-128"})
  public String hasher;

  /** Chunk size in bytes; a divisor of 1 MiB. */
  @Param({"4096", "65536"})
  public int size;

  /** {@code heap} or {@code direct}. */
  @Param({"heap", "direct"})
  public String buffer;

  private ByteBuffer data;
  private Digester digester;
  private final long[] fingerprint = new long[2];

  /** Resolves the hasher and fills the region. */
  @Setup
  public void setup() {
    if (size <= 0 || REGION % size != 0) {
      throw new IllegalArgumentException("size " + size + " must divide " + REGION);
    }
    Hasher h = Plugins.hasher(hasher);
    digester = h.newDigester();
    byte[] bytes = new byte[REGION];
    new SplittableRandom(42).nextBytes(bytes);
    switch (buffer) {
      case "heap":
        data = ByteBuffer.wrap(bytes);
        break;
      case "direct":
        data = ByteBuffer.allocateDirect(REGION).put(bytes).clear();
        break;
      default:
        throw new IllegalArgumentException("buffer '" + buffer + "' is unknown; allowed: heap, direct");
    }
  }

  /**
   * Fingerprints the region chunk by chunk.
   *
   * @return a fold of the fingerprints, so none can be optimised away
   */
  @Benchmark
  @OperationsPerInvocation(REGION)
  public long digest() {
    long acc = 0;
    for (int off = 0; off < REGION; off += size) {
      digester.digest(data, off, size, fingerprint);
      acc ^= fingerprint[0] + fingerprint[1];
    }
    return acc;
  }
}
