package org.dedup4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's yardstick for issue 3's kernel targets: the plainest Java gear chunking loop, with no
 * minimum size to skip, no maximum, no seed and one 13-bit mask (average 8 KiB), over the same
 * 256 MiB random heap buffer as {@link ChunkerBenchmark}. The issue sets fastcdc2020's JDK 25
 * target from "a plain Java gear loop measured ~2.5-2.9 GB/s on JDK 25 here"; this measures that
 * loop in the same hour as the kernels, so a figure can be read against what the machine gives.
 *
 * <p>The score (ops/ns) is GB/s.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GearLoopBaseline -f 2 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GearLoopBaseline {

  private static final long MASK = -1L << (64 - 13);
  private static final long[] GEAR = new SplittableRandom(2016).longs(256).toArray();

  private byte[] data;

  /** The same random bytes as {@link ChunkerBenchmark}. */
  @Setup
  public void setup() {
    data = ChunkerBenchmark.randomBytes(ChunkerBenchmark.SIZE);
  }

  /**
   * Cuts the whole buffer with the plain loop.
   *
   * @return the number of chunks, so the work is not dropped
   */
  @Benchmark
  @OperationsPerInvocation(ChunkerBenchmark.SIZE)
  public int plainGearLoop() {
    byte[] a = data;
    int chunks = 0;
    for (int from = 0; from < a.length; chunks++) {
      from = nextCut(a, from, a.length);
    }
    return chunks;
  }

  private static int nextCut(byte[] a, int p, int end) {
    long hash = 0;
    for (; p < end; p++) {
      hash = (hash << 1) + GEAR[a[p] & 0xff];
      if ((hash & MASK) == 0) {
        return p + 1;
      }
    }
    return end;
  }
}
