package org.dedup4j.cli;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dedup4j.TerminalText;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.Hashers;
import org.dedup4j.cli.Dedup4jCommand.UsageException;
import org.dedup4j.spi.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import org.dedup4j.Skipped;

/**
 * {@code dedup4j demo}: the original blog post's experiment. Writes an all-zero file, a random file
 * and a half-duplicated file (a random first half, copied block-aligned as the second half) into a
 * new temporary folder, scans each with the defaults (fixed 4 KiB blocks, SHA-256), prints them
 * side by side and removes the folder, also on failure and on Ctrl-C (a shutdown hook).
 *
 * <p>The files are freshly written, so the scans read them from the page cache.
 */
@Command(
    name = "demo",
    description = {
      "Re-runs the original blog experiment on three generated files.",
      "",
      "Writes an all-zero file, a random file and a half-duplicated file (a random first half, "
          + "copied block-aligned as the second half) into a new temporary folder, scans each "
          + "with the defaults (fixed 4 KiB blocks, SHA-256), shows them side by side and removes "
          + "the folder, also on failure or Ctrl-C. Needs 3 x SIZE of free space."
    })
final class DemoCommand implements Callable<Integer> {

  /** Smallest {@code --size}. */
  static final long MIN_SIZE = 1L << 20;

  /** Largest {@code --size}. */
  static final long MAX_SIZE = 64L << 30;

  /** {@code --size} is a multiple of this: two halves, each a whole number of 4 KiB blocks. */
  static final long ALIGN = 8L << 10;

  /** Space left free beyond the three files. */
  static final long SPACE_MARGIN = 16L << 20;

  /** Heap assumed per unique block for the random file (the table's worst case after growth). */
  static final long HEAP_PER_BLOCK = 48;

  static final long SEED = 0x5EED_DED0_4A11L;

  private final Streams io;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "512M",
      converter = SizeConverter.class,
      description = "Size of each file, 1M..64G, a multiple of 8k (default: ${DEFAULT-VALUE}, "
          + "as in the blog post).")
  private long size;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where to create the temporary folder (default: the system's temporary "
          + "directory, ${sys:java.io.tmpdir}).")
  private Path dir;

  @Option(names = "--keep", description = "Keep the folder and its files; its path is printed.")
  private boolean keep;

  @Mixin private JsonOption output;

  @Mixin private ProgressOption progress;

  DemoCommand(Streams io) {
    this.io = io;
  }

  /** The demo's files, in the order shown. */
  enum Kind {
    ZEROS("zeros.bin", "all zero bytes"),
    RANDOM("random.bin", "random bytes"),
    HALF("half.bin", "random first half, copied block-aligned as the second half");

    final String file;
    final String content;

    Kind(String file, String content) {
      this.file = file;
      this.content = content;
    }
  }

  /** One scanned file. */
  record Result(Kind kind, DedupReport report) {}

  @Override
  public Integer call() {
    Path parent = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
    checkRoom(parent, size);
    Path folder;
    try {
      folder = Files.createTempDirectory(parent, "dedup4j-demo-");
    } catch (IOException e) {
      throw new UsageException("cannot create a folder in " + parent + ": " + describe(e), e);
    }
    Thread cleanup = new Thread(() -> delete(folder), "dedup4j-demo-cleanup");
    if (!keep) {
      Runtime.getRuntime().addShutdownHook(cleanup);
    }
    List<Result> results;
    try {
      write(folder);
      results = scan(folder);
    } finally {
      if (keep) {
        io.err().println("dedup4j: kept " + folder);
      } else {
        String problem = delete(folder);
        if (problem != null) {
          io.err().println("dedup4j: could not remove " + folder + ": " + problem);
        }
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // shutting down already: the hook runs anyway
        }
      }
    }
    PrintStream out = io.out();
    if (output.json()) {
      out.println(json(results, folder));
    } else {
      out.print(table(results));
    }
    boolean skipped = results.stream().anyMatch(r -> !r.report().failures().isEmpty());
    return skipped ? Dedup4jCommand.SKIPPED : Dedup4jCommand.OK;
  }

  /** Fails with a clear message unless the folder exists and has room, and the heap suffices. */
  private void checkRoom(Path parent, long size) {
    if (!Files.isDirectory(parent)) {
      throw new UsageException("--dir: " + parent + " is not a directory");
    }
    long usable;
    try {
      FileStore store = Files.getFileStore(parent);
      usable = store.getUsableSpace();
    } catch (IOException e) {
      throw new UsageException("cannot tell the free space in " + parent + ": " + describe(e), e);
    }
    String space = spaceProblem(parent, size, usable);
    if (space != null) {
      throw new UsageException(space);
    }
    String heap = heapProblem(size, Runtime.getRuntime().maxMemory());
    if (heap != null) {
      throw new UsageException(heap);
    }
  }

  /** Why three files of {@code size} do not fit in {@code usable} bytes, or null when they do. */
  static String spaceProblem(Path parent, long size, long usable) {
    long needed = 3 * size + SPACE_MARGIN;
    if (usable >= needed) {
      return null;
    }
    return "not enough free space: the demo writes 3 files of " + Sizes.format(size) + " ("
        + Sizes.format(3 * size) + ") in " + parent + ", which has " + Sizes.format(usable)
        + " free; use a smaller --size or another --dir";
  }

  /** Why the random file's fingerprint table may not fit in the heap, or null when it fits. */
  static String heapProblem(long size, long maxHeap) {
    long needed = size / 4096 * HEAP_PER_BLOCK + (64L << 20);
    if (maxHeap == Long.MAX_VALUE || maxHeap >= needed) {
      return null;
    }
    return "the random file's fingerprint table needs up to " + Sizes.format(needed)
        + " of heap, but the JVM may use only " + Sizes.format(maxHeap)
        + "; use a smaller --size or give Java more heap (java -Xmx...)";
  }

  private void write(Path folder) {
    try (Progress bar = Progress.create(showBar(), io.err(), "write", 3 * size)) {
      long[] done = new long[1];
      DemoData data = new DemoData(n -> bar.advanceTo(done[0] += n));
      Path file = null;
      try {
        file = folder.resolve(Kind.ZEROS.file);
        data.zeros(file, size);
        file = folder.resolve(Kind.RANDOM.file);
        data.random(file, size, SEED);
        file = folder.resolve(Kind.HALF.file);
        data.halfDuplicated(file, size, SEED + 1);
      } catch (IOException e) {
        throw new UsageException("cannot write " + file + ": " + describe(e), e);
      }
    }
  }

  private List<Result> scan(Path folder) {
    List<Result> results = new ArrayList<>();
    for (Kind k : Kind.values()) {
      Path file = folder.resolve(k.file);
      try (Progress bar = Progress.create(showBar(), io.err(), k.file, size)) {
        // The defaults: fixed 4 KiB blocks, SHA-256, one thread per processor.
        DedupScanner scanner = DedupScanner.builder().listener(bar).build();
        results.add(new Result(k, scanner.scan(file)));
      }
    }
    return results;
  }

  private boolean showBar() {
    return progress.show(io);
  }

  static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    DedupReport first = results.get(0).report();
    sb.append(String.format(Locale.ROOT,
        "dedup4j demo: the blog's experiment on three %s files%n"
            + "chunker %s, hasher %s, %d thread%s, %s I/O%n"
            + "(the files were just written, so the scans read them from the page cache)%n%n",
        Sizes.format(first.bytes()), first.chunker(), first.hasher(), first.threads(),
        first.threads() == 1 ? "" : "s", first.io()));
    String row = "%-10s %8s %9s %9s %13s %13s %13s %9s %12s%n";
    sb.append(String.format(Locale.ROOT, row, "file", "size", "blocks", "unique", "dedupability",
        "dedupe ratio", "hashtable MB", "time", "throughput"));
    for (Result r : results) {
      DedupReport d = r.report();
      sb.append(String.format(Locale.ROOT, row, r.kind().file, Sizes.format(d.bytes()), d.chunks(),
          d.uniqueChunks(), ratio(d.chunkRatio()), ratio(d.dedupeRatio()),
          String.format(Locale.ROOT, "%.2f", d.tableBytes() / 1e6),
          String.format(Locale.ROOT, "%.3f s", d.elapsedSeconds()),
          Sizes.format(Math.round(d.bytesPerSecond())) + "/s"));
    }
    sb.append(String.format(Locale.ROOT, "%n"));
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-10s %s%n", r.kind().file, r.kind().content));
      for (Skipped s : r.report().skipped()) {
        sb.append(String.format(Locale.ROOT, "%-10s skipped: %s: %s%n", "",
            TerminalText.escape(s.path()), TerminalText.escape(s.reason())));
      }
    }
    sb.append(String.format(Locale.ROOT,
        "dedupability = blocks / unique blocks (the blog's \"Dedupability N:1\"); "
            + "dedupe ratio = bytes / unique bytes.%n"));
    return sb.toString();
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f:1", r);
  }

  private String json(List<Result> results, Path folder) {
    StringWriter s = new StringWriter();
    try (JsonWriter w = new JsonWriter(s)) {
      w.setIndent("  ");
      w.beginObject();
      w.name("size").value(size);
      w.name("directory").value(folder.toString());
      w.name("kept").value(keep);
      w.name("chunker").value(Chunkers.DEFAULT_SPEC);
      w.name("hasher").value(Hashers.DEFAULT_SPEC);
      w.name("results").beginArray();
      for (Result r : results) {
        w.beginObject();
        w.name("file").value(r.kind().file);
        w.name("content").value(r.kind().content);
        // The report's own JSON, nested: parsed back so the writer indents it with the rest.
        JsonTrees.GSON.toJson(JsonParser.parseString(r.report().toJson()), w.name("report"));
        w.endObject();
      }
      w.endArray();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  /** Deletes a folder tree; returns what went wrong, or null. */
  static String delete(Path folder) {
    if (!Files.exists(folder)) {
      return null;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return null;
    } catch (IOException | UncheckedIOException e) {
      return describe(e);
    }
  }

  private static String describe(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    String m = t.getMessage();
    String type = t.getClass().getSimpleName();
    if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return m == null ? type : type + ": " + m;
  }

  /** A size as short text that parses back to the same number of bytes. */
  private static String exact(long bytes) {
    String text = Sizes.format(bytes).replace(" ", "");
    try {
      return Sizes.parse(text) == bytes ? text : String.valueOf(bytes);
    } catch (IllegalArgumentException e) {
      return String.valueOf(bytes);
    }
  }

  /** {@code --size}: {@link #MIN_SIZE}..{@link #MAX_SIZE}, a multiple of {@link #ALIGN}. */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      long v = Converters.size(text, MIN_SIZE, MAX_SIZE);
      if (v % ALIGN != 0) {
        throw new TypeConversionException(text.trim() + " is not a multiple of 8 KiB (the "
            + "half-duplicated file needs two halves of whole 4 KiB blocks); try "
            + exact(v / ALIGN * ALIGN));
      }
      return v;
    }
  }
}
