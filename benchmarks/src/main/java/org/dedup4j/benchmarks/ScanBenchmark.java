package org.dedup4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.IoMode;
import org.dedup4j.spi.Sizes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end: {@code DedupScanner.scan(file)} with fixed 4 KiB chunks over the generated data file
 * ({@link BenchFiles}: random 4 KiB blocks, a quarter of them repeats), for hasher × threads × I/O
 * mode. This is what issue 2's targets measure.
 *
 * <p>One operation is one whole scan (a new scanner run: pool, workers, table). The primary score is
 * scans per second; <b>the secondary result {@code bytes} is the scan rate in bytes per second</b>
 * (divide by 10^9 for GB/s). The file is read fully right before every iteration (the kernel here
 * drops file pages idle for about a minute), so every measured scan reads a warm page cache.
 *
 * <ul>
 *   <li>{@code dataSize}: the file's size ({@code 1g}; {@code run-all.sh} uses {@code 2g}, the size
 *       issue 2's targets name; use {@code 256m} for a smoke run). Generated once, then reused.
 *   <li>{@code hasher}: a spec resolved at run time; a missing plugin fails only its parameter.
 *   <li>{@code threads}: the scanner's parallelism.
 *   <li>{@code io}: {@code READ} (positioned reads into a reused 1 MiB heap buffer per thread, the
 *       default) or {@code MMAP} (mapped 32 MiB windows).
 *   <li>{@code pages}: how the page cache holds the file at the start of the trial: {@code asis}
 *       (whatever it is: after generation or warming by sequential reads, mostly 2 MiB folios),
 *       {@code large} or {@code small} (4 KiB pages, set with {@code pagecache.py}, needs python3).
 *       The per-iteration warm-up keeps cached pages as they are, but pages the kernel dropped come
 *       back large; the trial's note says how the file was mapped at its end.
 * </ul>
 *
 * <p>Run (about 5 minutes with the defaults below; the data file lives in {@code
 * -Ddedup4j.bench.dir}, default {@code /tmp/dedup4j-bench}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ScanBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s -p dataSize=2g
 * java -jar benchmarks/target/benchmarks.jar ScanBenchmark -p io=MMAP -p pages=small,large
 * java -jar benchmarks/target/benchmarks.jar ScanBenchmark -p chunker=fastcdc2020 -p hasher=xxh3-128 -p io=READ
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ScanBenchmark {

  /** Size of the data file, e.g. {@code 1g}. */
  @Param({"1g"})
  public String dataSize;

  /** Chunker spec (JMH splits values on commas: {@code fastcdc2020} alone is min 2k, avg 8k, max 64k). */
  @Param({"fixed:size=4096"})
  public String chunker;

  /** Hasher spec. */
  @Param({"sha256", "xxh3-128"})
  public String hasher;

  /** Scan threads. */
  @Param({"1", "2"})
  public int threads;

  /** {@code READ} or {@code MMAP}. */
  @Param({"READ", "MMAP"})
  public String io;

  /** {@code asis}, {@code large} or {@code small}. */
  @Param({"asis"})
  public String pages;

  private Path file;
  private long size;
  private DedupScanner scanner;
  private DedupReport last;

  /** Creates the file, the scanner and the page-cache state. */
  @Setup(Level.Trial)
  public void setup() {
    size = Sizes.parse(dataSize);
    file = BenchFiles.dataFile(size);
    scanner = DedupScanner.builder()
        .chunker(chunker)
        .hasher(Plugins.hasher(hasher))
        .threads(threads)
        .io(IoMode.valueOf(io))
        .build();
    BenchFiles.pageCache(file, pages);
  }

  /** Reads the file so the page cache holds it while the iteration runs. */
  @Setup(Level.Iteration)
  public void warm() {
    BenchFiles.warm(file);
  }

  /**
   * One scan of the whole file.
   *
   * @param counter receives the bytes scanned
   * @return the report
   */
  @Benchmark
  public DedupReport scan(BytesCounter counter) {
    DedupReport r = scanner.scan(file);
    if (r.bytes() != size || !r.skipped().isEmpty()) {
      throw new IllegalStateException("scan read " + r.bytes() + " of " + size + " bytes; skipped "
          + r.skipped());
    }
    counter.bytes += r.bytes();
    last = r;
    return r;
  }

  /** Notes what the last scan found, and how the file is mapped now. */
  @TearDown(Level.Trial)
  public void describe() {
    if (last == null) {
      return;
    }
    BenchFiles.note(String.format(Locale.ROOT,
        "ScanBenchmark %s %s threads=%d io=%s pages=%s: chunks=%d unique=%d dedupe=%.3f:1 "
            + "tableBytes=%d (%.1f bytes per unique chunk); mappings of the file still open: %d",
        dataSize, hasher, threads, io, pages, last.chunks(), last.uniqueChunks(),
        last.dedupeRatio(), last.tableBytes(), (double) last.tableBytes() / last.uniqueChunks(),
        mappingsOf(file)));
    if (io.equals("MMAP")) {
      BenchFiles.note("  page cache after the trial: " + BenchFiles.pageCacheStatus(file));
    }
  }

  /** Lines of /proc/self/maps that map the file (windows the engine mapped and GC has not freed). */
  static long mappingsOf(Path file) {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return -1;
    }
    String name = file.toAbsolutePath().toString();
    try (Stream<String> lines = Files.lines(maps)) {
      return lines.filter(l -> l.endsWith(name)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
