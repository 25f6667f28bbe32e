package org.dedup4j.benchmarks;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.dedup4j.internal.count.FingerprintTable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Single-thread {@code FingerprintTable.add} throughput with random 128-bit keys, the way a scan
 * uses the table ({@code forScan(128, 4096)}: 1024 segments, uniform 4 KiB length), and its memory.
 *
 * <ul>
 *   <li>{@code addUnique}: one operation builds a new table from {@code unique} distinct keys, growth
 *       and first touch of its arrays included (a scan starts from an empty table too). The
 *       secondary result {@code adds} is adds per second.
 *   <li>{@code addExisting}: a table holding {@code unique} keys receives 2^20 adds of keys it
 *       already has (duplicate chunks: probe and count). The score is adds per second.
 * </ul>
 *
 * Keys come from SplitMix64 inline (a few ns per key, included). The trial's note gives the table's
 * bytes per unique entry; {@link TableFootprint} prints that figure for a whole range of sizes. The
 * table is internal to core (not exported by its module); the benchmarks run on the class path.
 *
 * <p>Run (about 2 minutes; {@code -p sizing=grown,presized} adds the presized table):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TableBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class TableBenchmark {

  static final int BATCH = 1 << 20;
  static final long SEED = 0x7AB1_E5EEDL;
  static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  /** Distinct keys in the table. */
  @Param({"1000000", "10000000"})
  public int unique;

  /**
   * {@code grown}: the table starts small and grows ({@code forScan(128, 4096)}); {@code
   * presized}: it is presized for {@code unique} entries, as a scan of fixed-size chunks sized from
   * its plan is.
   */
  @Param({"grown"})
  public String sizing;

  private FingerprintTable full;
  private long cursor;
  private long used;
  private long lastBytes;
  private long lastUnique;

  /** Counts adds for {@code addUnique}, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Adds {
    /** Adds in this iteration. */
    public long adds;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      adds = 0;
    }
  }

  /** Fills the table that {@code addExisting} adds to. */
  @Setup(Level.Trial)
  public void setup() {
    full = fill(unique, presized());
    cursor = SEED;
    used = 0;
  }

  /**
   * Builds a table of {@code unique} distinct random keys.
   *
   * @param counter receives the adds
   * @return the table
   */
  @Benchmark
  public FingerprintTable addUnique(Adds counter) {
    FingerprintTable t = fill(unique, presized());
    counter.adds += unique;
    lastBytes = t.memoryBytes();
    lastUnique = unique;
    return t;
  }

  /**
   * Adds 2^20 keys that the table already holds.
   *
   * @return how many of them were new (0)
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int addExisting() {
    FingerprintTable t = full;
    long s = cursor;
    long n = used;
    int fresh = 0;
    for (int i = 0; i < BATCH; i++) {
      if (n == unique) {
        s = SEED;
        n = 0;
      }
      s += GOLDEN;
      long k0 = BenchFiles.mix(s);
      s += GOLDEN;
      long k1 = BenchFiles.mix(s);
      n++;
      if (t.add(k0, k1, 4096)) {
        fresh++;
      }
    }
    cursor = s;
    used = n;
    return fresh;
  }

  /**
   * Notes the memory per unique entry.
   *
   * @param params which benchmark this was
   */
  @TearDown(Level.Trial)
  public void describe(BenchmarkParams params) {
    long bytes = lastBytes != 0 ? lastBytes : full.memoryBytes();
    long n = lastUnique != 0 ? lastUnique : full.uniqueCount();
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    BenchFiles.note(String.format(Locale.ROOT,
        "TableBenchmark.%s unique=%d sizing=%s: tableBytes=%d, %.1f bytes per unique entry", method,
        n, sizing, bytes, (double) bytes / n));
  }

  private boolean presized() {
    return switch (sizing) {
      case "grown" -> false;
      case "presized" -> true;
      default -> throw new IllegalArgumentException("sizing must be grown or presized: " + sizing);
    };
  }

  /** A scan-shaped table holding {@code n} distinct random keys, grown from small. */
  static FingerprintTable fill(long n) {
    return fill(n, false);
  }

  /** The same, presized for {@code n} entries or grown from small. */
  static FingerprintTable fill(long n, boolean presized) {
    FingerprintTable t = FingerprintTable.forScan(128, 4096, presized ? n : 0);
    long s = SEED;
    for (long i = 0; i < n; i++) {
      s += GOLDEN;
      long k0 = BenchFiles.mix(s);
      s += GOLDEN;
      t.add(k0, BenchFiles.mix(s), 4096);
    }
    return t;
  }
}
