package org.dedup4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;

/**
 * Chunkers raced in one JVM, pass after pass, for comparisons that a noisy machine would drown in
 * separate JMH forks: each round cuts the same 256 MiB random heap buffer (as {@link
 * ChunkerBenchmark} does) once with every chunker in turn, so all of them meet the same neighbours;
 * it prints each one's best, 75th percentile and median pass in GB/s. The best pass is the one the
 * machine disturbed least. JMH remains the measurement of record; this is for A/B decisions.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.ChunkerRace [ROUNDS] SPEC...
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.ChunkerRace 40 \
 *     fastcdc2020:min=2k,avg=8k,max=64k gear:min=2k,avg=8k,max=64k rabin:min=2k,avg=8k,max=64k
 * </pre>
 */
public final class ChunkerRace {

  private ChunkerRace() {}

  /**
   * Runs the race.
   *
   * @param args the number of rounds (optional, default 40), then one chunker spec per racer
   */
  public static void main(String[] args) {
    int first = args.length > 0 && args[0].matches("\\d+") ? 1 : 0;
    int rounds = first == 1 ? Integer.parseInt(args[0]) : 40;
    String[] specs = Arrays.copyOfRange(args, first, args.length);
    if (specs.length == 0 || rounds < 1) {
      System.err.println("usage: ChunkerRace [ROUNDS] SPEC...");
      System.exit(2);
    }
    Chunker[] racers = Arrays.stream(specs).map(Chunkers::fromSpec).toArray(Chunker[]::new);
    ByteBuffer data = ByteBuffer.wrap(ChunkerBenchmark.randomBytes(ChunkerBenchmark.SIZE));
    double[][] gbs = new double[racers.length][rounds];
    long chunks = 0;
    for (int warmup = 0; warmup < 5; warmup++) {
      for (Chunker c : racers) {
        chunks += cutAll(c, data);
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < racers.length; i++) {
        long start = System.nanoTime();
        chunks += cutAll(racers[i], data);
        gbs[i][r] = (double) ChunkerBenchmark.SIZE / (System.nanoTime() - start);
      }
    }
    System.out.printf("%s, %d rounds of 256 MiB each (%d chunks in all), %s%n",
        Runtime.version(), rounds, chunks, BuildInfo.describe());
    for (int i = 0; i < racers.length; i++) {
      System.out.printf("%-60s %s%n", racers[i].spec(), passes(gbs[i]));
    }
  }

  /** {@code best B  p75 P  median M GB/s} of one racer's passes; {@link BuildRace} prints the same. */
  static String passes(double[] gbs) {
    double[] sorted = gbs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return String.format("best %.2f  p75 %.2f  median %.2f GB/s", sorted[n - 1], sorted[n * 3 / 4], sorted[n / 2]);
  }

  /** Cuts the whole buffer once; {@link BuildRace} calls this in each build it loads. */
  static long cutAll(Chunker c, ByteBuffer data) {
    long chunks = 0;
    int size = data.capacity();
    for (int from = 0; from < size; chunks++) {
      from = c.nextCut(data, from, size);
    }
    return chunks;
  }
}
