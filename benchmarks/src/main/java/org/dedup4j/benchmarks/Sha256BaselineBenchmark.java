package org.dedup4j.benchmarks;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Digester;
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
 * The SHA-256 reference points of issue 2's first target, single thread, same data and same units as
 * {@link HasherBenchmark} (a 1 MiB region per invocation; score in ops/ns = bytes/ns = GB/s):
 *
 * <ul>
 *   <li>{@code jdkMessageDigest}: one reused {@code MessageDigest.getInstance("SHA-256")}, {@code
 *       update} + {@code digest(out, 0, 32)} per block. At {@code size=4096} this is "the
 *       single-thread JMH rate of the JDK's SHA-256 on 4 KiB blocks" that the 2-thread scan must
 *       reach 1.8x of.
 *   <li>{@code guavaHashing}: {@code Hashing.sha256().hashBytes(...)}, which makes a new digest per
 *       call (DESIGN.md's "~30% slower at 4 KiB" remark).
 *   <li>{@code dedup4jSha256}: our built-in {@code sha256} digester on a heap buffer, to show what the
 *       wrapper costs next to the bare JDK call.
 * </ul>
 *
 * <p>Run (about 1 minute):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Sha256BaselineBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Sha256BaselineBenchmark {

  static final int REGION = HasherBenchmark.REGION;

  /** Block size in bytes; a divisor of 1 MiB. */
  @Param({"4096", "65536"})
  public int size;

  private byte[] data;
  private ByteBuffer heap;
  private MessageDigest md;
  private final byte[] out = new byte[32];
  private final HashFunction guava = Hashing.sha256();
  private Digester digester;
  private final long[] fingerprint = new long[2];

  /**
   * Fills the region and creates the digests.
   *
   * @throws NoSuchAlgorithmException never on a conforming JDK
   */
  @Setup
  public void setup() throws NoSuchAlgorithmException {
    if (size <= 0 || REGION % size != 0) {
      throw new IllegalArgumentException("size " + size + " must divide " + REGION);
    }
    data = new byte[REGION];
    new SplittableRandom(42).nextBytes(data);
    heap = ByteBuffer.wrap(data);
    md = MessageDigest.getInstance("SHA-256");
    digester = Hashers.sha256().newDigester();
  }

  /**
   * The JDK's SHA-256, one reused instance.
   *
   * @return a fold of the digests
   * @throws DigestException never: the output array fits
   */
  @Benchmark
  @OperationsPerInvocation(REGION)
  public long jdkMessageDigest() throws DigestException {
    long acc = 0;
    for (int off = 0; off < REGION; off += size) {
      md.update(data, off, size);
      md.digest(out, 0, 32);
      acc += out[0] ^ out[31];
    }
    return acc;
  }

  /**
   * Guava's SHA-256 hash function.
   *
   * @return a fold of the digests
   */
  @Benchmark
  @OperationsPerInvocation(REGION)
  public long guavaHashing() {
    long acc = 0;
    for (int off = 0; off < REGION; off += size) {
      acc += guava.hashBytes(data, off, size).asLong();
    }
    return acc;
  }

  /**
   * dedup4j's built-in sha256 digester on a heap buffer.
   *
   * @return a fold of the fingerprints
   */
  @Benchmark
  @OperationsPerInvocation(REGION)
  public long dedup4jSha256() {
    long acc = 0;
    for (int off = 0; off < REGION; off += size) {
      digester.digest(heap, off, size, fingerprint);
      acc += fingerprint[0] ^ fingerprint[1];
    }
    return acc;
  }
}
