package org.dedup4j.benchmarks;

import java.util.Locale;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Prints the fingerprint table's memory per unique entry for a range of sizes (no timing: memory is
 * deterministic). Issue 2's target is at most 24 bytes per unique chunk at every size. The table's
 * segments grow by 1.25x at a 7/8 load, staggered so that they grow at different moments, so the
 * figure stays near 18 bytes / 0.78 = 23 at every size (until issue 12 they doubled together, and it
 * swung between 22.9 and 45.7 with where the count fell between two doublings). With {@code
 * -Dpresized=true} each table is presized for its count, as a scan of fixed-size chunks sized from
 * its plan is.
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
    boolean presized = Boolean.getBoolean("presized");
    System.out.println("# unique entries, table bytes, bytes per unique entry (forScan(128, 4096)"
        + (presized ? ", presized" : "") + ")");
    System.out.println("unique,tableBytes,bytesPerUnique");
    for (long n : sizes) {
      FingerprintTable t = TableBenchmark.fill(n, presized);
      System.out.printf(Locale.ROOT, "%d,%d,%.1f%n", n, t.memoryBytes(),
          (double) t.memoryBytes() / n);
    }
  }
}
