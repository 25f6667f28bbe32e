package org.dedup4j.benchmarks;

import java.util.Locale;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Prints the fingerprint table's memory per unique entry for a range of sizes (no timing: memory is
 * deterministic). Issue 2's target is at most 24 bytes per unique chunk; a table that doubles its
 * segments at a 7/8 load sits anywhere between 7/16 and 7/8 full, so the figure depends on where
 * the count falls between two doublings.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.TableFootprint
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.TableFootprint 393216 1000000
 * </pre>
 */
public final class TableFootprint {

  private TableFootprint() {}

  /**
   * Prints one row per size.
   *
   * @param args sizes (unique entries); default a sweep from 2^16 to 2^24 in quarter octaves plus 1M
   *     and 10M
   */
  public static void main(String[] args) {
    long[] sizes;
    if (args.length > 0) {
      sizes = new long[args.length];
      for (int i = 0; i < args.length; i++) {
        sizes[i] = Long.parseLong(args[i]);
      }
    } else {
      sizes = new long[35];
      for (int i = 0; i <= 32; i++) {
        sizes[i] = Math.round(Math.pow(2, 16 + i / 4.0));
      }
      sizes[33] = 1_000_000;
      sizes[34] = 10_000_000;
      java.util.Arrays.sort(sizes);
    }
    System.out.println("# unique entries, table bytes, bytes per unique entry (forScan(128, 4096))");
    System.out.println("unique,tableBytes,bytesPerUnique");
    for (long n : sizes) {
      FingerprintTable t = TableBenchmark.fill(n);
      System.out.printf(Locale.ROOT, "%d,%d,%.1f%n", n, t.memoryBytes(),
          (double) t.memoryBytes() / n);
    }
  }
}
