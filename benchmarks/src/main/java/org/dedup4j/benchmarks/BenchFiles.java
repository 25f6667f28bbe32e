package org.dedup4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.dedup4j.spi.Sizes;

/**
 * The benchmarks' data file: generated once, deterministic, reused by every file-based benchmark
 * and by {@code compare.sh}; plus warming and page-cache control.
 *
 * <h2>Content</h2>
 *
 * The file is a sequence of 4 KiB blocks. Every block is, with probability {@link #DUPLICATE_SHARE}
 * (1/4), a copy of a block chosen uniformly among the blocks before it in the same 64 MiB stretch,
 * and otherwise fresh pseudo-random bytes from SplitMix64 (seed {@link #SEED}). The first block of
 * each stretch is always fresh. So about 3/4 of the 4 KiB blocks are unique: a dedupe ratio near
 * 1.33:1 at 4 KiB, no all-zero blocks, and nothing compressible. A size that is not a multiple of 4
 * KiB ends in one short random block.
 *
 * <h2>Where</h2>
 *
 * {@code $dedup4j.bench.dir/dedup4j-bench-v1-<bytes>.bin}; the directory defaults to {@code
 * java.io.tmpdir/dedup4j-bench}. An existing file of the right size is reused (the content is a
 * function of the size; "v1" names the generator). It is written to a temporary name with 64 MiB
 * writes and renamed, so the kernel caches it in large folios to begin with.
 *
 * <p>From the shell: {@code java -cp benchmarks/target/benchmarks.jar
 * org.dedup4j.benchmarks.BenchFiles 2g} prints the path of the (generated) file.
 */
public final class BenchFiles {

  /** System property naming the directory for generated files. */
  public static final String DIR_PROPERTY = "dedup4j.bench.dir";

  /** System property naming a file where benchmarks append notes (run-all.sh sets it). */
  public static final String NOTES_PROPERTY = "dedup4j.bench.notes";

  /** Share of 4 KiB blocks that repeat an earlier block. */
  public static final double DUPLICATE_SHARE = 0.25;

  /** Seed of the generator. */
  public static final long SEED = 0x5EED_D3D0_4A11L;

  /** Block size of the generator. */
  public static final int BLOCK = 4096;

  private static final int STRETCH = 64 << 20;
  private static final int WARM_BUFFER = 1 << 20;

  private BenchFiles() {}

  /**
   * Prints the path of the data file of the given size, generating it when missing.
   *
   * @param args one size such as {@code 2g}, {@code 256m}
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchFiles SIZE   (e.g. 2g; prints the data file's path)");
      System.exit(2);
    }
    System.out.println(dataFile(Sizes.parse(args[0])));
  }

  /**
   * The data file of {@code size} bytes, generated when missing.
   *
   * @param size bytes, at least 1
   * @return its path
   */
  public static Path dataFile(long size) {
    if (size < 1) {
      throw new IllegalArgumentException("data size " + size + " must be at least 1 byte");
    }
    Path dir = Path.of(System.getProperty(DIR_PROPERTY,
        Path.of(System.getProperty("java.io.tmpdir"), "dedup4j-bench").toString()));
    Path file = dir.resolve("dedup4j-bench-v1-" + size + ".bin");
    try {
      if (Files.isRegularFile(file) && Files.size(file) == size) {
        return file;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "generating-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
      try {
        generate(tmp, size);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the benchmark data file " + file, e);
    }
  }

  /** Writes the content described in the class comment. */
  static void generate(Path file, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(STRETCH).order(ByteOrder.LITTLE_ENDIAN);
    byte[] a = buf.array();
    long state = SEED;
    // Duplicate decisions and sources come from a second stream so the data stream is simple.
    long choice = SEED ^ 0xD1B5_4A32_D192_ED03L;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long written = 0; written < size; ) {
        int n = (int) Math.min(STRETCH, size - written);
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int b = 0; b < blocks; b++) {
          int off = b * BLOCK;
          int len = Math.min(BLOCK, n - off);
          choice += 0x9E37_79B9_7F4A_7C15L;
          long c = mix(choice);
          if (b > 0 && len == BLOCK && (c >>> 11) * 0x1.0p-53 < DUPLICATE_SHARE) {
            int src = (int) ((c & 0xFFFF_FFFFL) % b);
            System.arraycopy(a, src * BLOCK, a, off, BLOCK);
            continue;
          }
          int i = off;
          for (; i + 8 <= off + len; i += 8) {
            state += 0x9E37_79B9_7F4A_7C15L;
            buf.putLong(i, mix(state));
          }
          for (; i < off + len; i++) {
            state += 0x9E37_79B9_7F4A_7C15L;
            a[i] = (byte) mix(state);
          }
        }
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        written += n;
      }
    }
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Reads the whole file once (1 MiB reads into a direct buffer) so the page cache holds it: the
   * kernel on this VM drops file pages that sit idle for about a minute, so file benchmarks call
   * this right before each measured iteration. Pages already cached stay as they are; pages read
   * back in arrive through readahead, in large folios.
   *
   * @param file the file
   * @return bytes read
   */
  public static long warm(Path file) {
    ByteBuffer buf = ByteBuffer.allocateDirect(WARM_BUFFER);
    long total = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int n; (n = ch.read(buf.clear(), total)) > 0; ) {
        total += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot warm " + file, e);
    }
    return total;
  }

  /**
   * Puts the file into the page cache in the given state by running {@code pagecache.py} (packaged
   * in this jar) with {@code python3}: {@code asis} does nothing, {@code large} and {@code small}
   * drop the file's cached pages and read it back in large folios or in 4 KiB pages. Prints what the
   * kernel did.
   *
   * @param file the file
   * @param mode {@code asis}, {@code large} or {@code small}
   * @throws IllegalArgumentException for another mode
   * @throws IllegalStateException if python3 is missing or the helper fails
   */
  public static void pageCache(Path file, String mode) {
    switch (mode) {
      case "asis":
        return;
      case "large":
      case "small":
        System.out.println("page cache: " + runHelper(mode, file));
        return;
      default:
        throw new IllegalArgumentException(
            "page cache mode '" + mode + "' is unknown; allowed: asis, large, small");
    }
  }

  /**
   * Reports how the kernel maps the file (share in 2 MiB pages) through {@code pagecache.py status}.
   *
   * @param file the file
   * @return one line, or the reason the helper could not run
   */
  public static String pageCacheStatus(Path file) {
    try {
      return runHelper("status", file);
    } catch (IllegalStateException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String runHelper(String mode, Path file) {
    byte[] script;
    try (InputStream in = BenchFiles.class.getResourceAsStream("pagecache.py")) {
      if (in == null) {
        throw new IllegalStateException("pagecache.py is missing from the benchmarks jar");
      }
      script = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Process p = new ProcessBuilder("python3", "-", mode, file.toString())
          .redirectErrorStream(true).start();
      try (OutputStream out = p.getOutputStream()) {
        out.write(script);
      }
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(text);
      }
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("pagecache.py " + mode + " failed: "
            + text.toString(StandardCharsets.UTF_8).strip());
      }
      return text.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run python3 for pagecache.py (" + e.getMessage()
          + "); page cache mode '" + mode + "' needs python3 on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Prints a line and appends it to the file named by {@link #NOTES_PROPERTY}, when set, so the
   * report can show figures that JMH's JSON has no place for (table bytes, page-cache state).
   *
   * @param line the note
   */
  public static void note(String line) {
    System.out.println(line);
    String name = System.getProperty(NOTES_PROPERTY);
    if (name == null || name.isEmpty()) {
      return;
    }
    try {
      Path notes = Path.of(name).toAbsolutePath();
      Files.createDirectories(notes.getParent());
      Files.writeString(notes, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("(could not append to " + name + ": " + e.getMessage() + ")");
    }
  }

  /** Formats bytes per second as GB/s (10^9). */
  static String gbps(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.2f GB/s", bytesPerSecond / 1e9);
  }
}
