package org.dedup4j.examples;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.Hashers;
import org.dedup4j.Skipped;

/**
 * Using dedup4j from a program. With no argument it scans 4 MiB generated in memory (1 MiB of random
 * bytes three times, then 1 MiB of zeros) and prints:
 *
 * <pre>
 * bytes:        4194304
 * blocks:       1024
 * unique:       257
 * zero blocks:  256
 * dedupe ratio: 3.98:1
 * lines:        6 chunks, 3 unique
 * </pre>
 *
 * <p>With a path it scans that instead (a file or a directory tree). The last line scans a short text
 * with the toy {@code lines} chunker of this module, found by name like any plugin.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /**
   * Runs the example.
   *
   * @param args an optional path to scan
   */
  public static void main(String[] args) {
    run(System.out, args);
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param out where to print
   * @param args an optional path to scan
   */
  public static void run(PrintStream out, String... args) {
    DedupScanner scanner = DedupScanner.builder()
        .chunker(Chunkers.fixed(4096)) // the default, spelled out
        .hasher(Hashers.sha256())      // the default, spelled out
        .threads(2)
        .build();
    DedupReport report = args.length > 0 ? scanner.scan(Path.of(args[0])) : scanner.scan(data());

    out.printf(Locale.ROOT, "bytes:        %d%n", report.bytes());
    out.printf(Locale.ROOT, "blocks:       %d%n", report.chunks());
    out.printf(Locale.ROOT, "unique:       %d%n", report.uniqueChunks());
    out.printf(Locale.ROOT, "zero blocks:  %d%n", report.zeroChunks());
    out.printf(Locale.ROOT, "dedupe ratio: %.2f:1%n", report.dedupeRatio());
    for (Skipped s : report.skipped()) {
      out.printf(Locale.ROOT, "skipped:      %s (%s)%n", s.path(), s.reason());
    }

    // A plugin by name: any chunker or hasher on the class path works the same way.
    byte[] text = "to be\nor not\nto be\nto be\nor not\nthat is the question\n"
        .getBytes(StandardCharsets.UTF_8);
    DedupReport lines = DedupScanner.builder().chunker("lines").build()
        .scan("text", new ByteArrayInputStream(text));
    out.printf(Locale.ROOT, "lines:        %d chunks, %d unique%n",
        lines.chunks(), lines.uniqueChunks());
  }

  /** 1 MiB of random bytes three times, then 1 MiB of zeros. */
  private static byte[] data() {
    byte[] random = new byte[1 << 20];
    new SplittableRandom(42).nextBytes(random);
    byte[] data = Arrays.copyOf(random, 4 << 20);
    System.arraycopy(random, 0, data, 1 << 20, random.length);
    System.arraycopy(random, 0, data, 2 << 20, random.length);
    return data;
  }
}
