package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.nio.file.Files;
import org.dedup4j.internal.count.CounterSpec;
import org.dedup4j.internal.count.Estimators;
import org.dedup4j.internal.count.ExactCounter;
import org.dedup4j.internal.count.FingerprintTable;
import org.dedup4j.internal.count.SampleCounter;
import org.dedup4j.internal.count.TempFiles;
import org.dedup4j.internal.engine.ScanConfig;
import org.dedup4j.internal.engine.Checkpoint;
import org.dedup4j.internal.engine.ScanLimits;
import org.dedup4j.internal.engine.ScanEngine;
import org.dedup4j.internal.engine.Worker;
import org.dedup4j.internal.report.PercentFigures;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.InputCollector;
import org.dedup4j.internal.report.ReportTotals;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.Sizes;

/**
 * The front door: measures how far data would shrink under deduplication. Configure once with
 * {@link #builder()}, then scan any number of times; each scan counts its own sources from scratch.
 *
 * <pre>{@code
 * DedupScanner scanner = DedupScanner.builder()
 *     .chunker(Chunkers.fixed(4096))          // the default
 *     .hasher(Hashers.sha256())               // the default
 *     .threads(4)
 *     .build();
 * DedupReport report = scanner.scan(Path.of("/var/lib/images"));
 * System.out.println(report.toText());
 * }</pre>
 *
 * <p>Results do not depend on the number of threads, the window size, the I/O mode or the order of
 * the sources. Bad input never throws: unreadable, vanished or changing inputs are listed in {@link
 * DedupReport#skipped()} with the reason, and whatever was read is counted. Immutable and
 * thread-safe; scans may run concurrently.
 *
 * <p>Over 450 lines: the front door; most of it is the builder's setters, each documented with its range.
 */
public final class DedupScanner {

  /** Default window: the unit of parallel work within a file. */
  public static final long DEFAULT_WINDOW_SIZE = 32L << 20;

  /** Smallest window allowed. */
  public static final long MIN_WINDOW_SIZE = 64L << 10;

  /** Largest window allowed (a mapped window must fit a {@code ByteBuffer}). */
  public static final long MAX_WINDOW_SIZE = 1L << 30;

  /** Default size of each thread's read buffer in {@link IoMode#READ}. */
  public static final int DEFAULT_READ_BUFFER_SIZE = 1 << 20;

  /** Smallest read buffer allowed. */
  public static final int MIN_READ_BUFFER_SIZE = 4 << 10;

  /** Largest read buffer allowed. */
  public static final int MAX_READ_BUFFER_SIZE = 256 << 20;

  /** Most threads allowed. */
  public static final int MAX_THREADS = 1024;

  private final Chunker chunker;
  private final Hasher hasher;
  private final int threads;
  private final IoMode io;
  private final long windowSize;
  private final int readBufferSize;
  private final double samplePercent;
  private final long sampleSeed;
  private final boolean followLinks;
  private final ScanListener listener;
  private final ImmutableList<Compression> compressions;
  private final org.dedup4j.spi.Target target;
  private final CompressionSample compressionSample;
  private final CounterSpec counting;
  private final ScanLimits limits;
  private final Path checkpoint;
  private final java.time.Duration checkpointInterval;
  private final boolean resume;

  private DedupScanner(Builder b) {
    this.chunker = b.chunker;
    this.hasher = b.hasher;
    this.threads = b.threads;
    this.io = b.io;
    this.windowSize = b.windowSizeSet
        ? b.windowSize
        : Math.max(b.windowSize, b.chunker.maxChunkSize());
    this.readBufferSize = b.readBufferSize;
    this.samplePercent = b.samplePercent;
    this.sampleSeed = b.sampleSeed;
    this.followLinks = b.followLinks;
    this.listener = b.listener;
    this.target = b.target;
    this.compressions = b.target == null ? ImmutableList.copyOf(b.compressions)
        : ImmutableList.<Compression>builder()
            .add(Compression.perChunk(Codecs.fromSpec(b.target.codec()), 1))
            .add(Compression.allocatedBy(b.target)).addAll(b.compressions).build();
    this.compressionSample = b.compressionSample;
    this.counting = b.attribute != null && b.countingMode == CountingMode.AUTO
        ? b.countingSpec().resolved(CountingMode.EXACT, null) : b.countingSpec();
    this.limits = new ScanLimits(b.maxRate, b.maxStreamBytes, b.stopWhen);
    this.checkpoint = b.checkpoint;
    this.checkpointInterval = b.checkpointInterval;
    this.resume = b.resume;
    if (b.attribute != null) {
      checkArgument(counting.mode() == CountingMode.EXACT, "attribution (--attribute %s) is"
          + " exact only; drop --mode %s", b.attribute, counting.mode().label());
      checkArgument(samplePercent >= 100, "attribution (--attribute %s) counts every byte; drop"
          + " the percent sample (--percent %s)", b.attribute, samplePercent);
      checkArgument(checkpoint == null, "attribution (--attribute %s) cannot be checkpointed yet;"
          + " drop --checkpoint", b.attribute);
    }
    checkArgument(
        chunker.maxChunkSize() <= MAX_WINDOW_SIZE,
        "chunker %s has a maximum chunk of %s bytes; at most %s supported",
        chunker.spec(), chunker.maxChunkSize(), MAX_WINDOW_SIZE);
    checkArgument(
        windowSize >= chunker.maxChunkSize(),
        "window size %s is smaller than the maximum chunk of %s; allowed %s..%s bytes",
        windowSize, chunker.spec(), chunker.maxChunkSize(), MAX_WINDOW_SIZE);
  }

  /**
   * A builder with the defaults: fixed 4 KiB chunks, SHA-256, one thread per core.
   *
   * @return A builder with the defaults: fixed 4 KiB chunks, SHA-256, one thread per core
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The chunker.
   *
   * @return the chunker
   */
  public Chunker chunker() {
    return chunker;
  }

  /**
   * The hasher.
   *
   * @return the hasher
   */
  public Hasher hasher() {
    return hasher;
  }

  /**
   * The compressions each scan estimates; empty when it estimates none.
   *
   * @return the compressions each scan estimates; empty when it estimates none
   */
  public List<Compression> compressions() {
    return compressions;
  }

  /**
   * Threads a scan uses.
   *
   * @return threads a scan uses
   */
  public int threads() {
    return threads;
  }

  /**
   * Scans paths: regular files, directory trees (deduplicated across all files), FIFOs and devices.
   *
   * @param paths the paths
   * @return the report
   */
  public DedupReport scan(Path... paths) {
    return scan(Arrays.stream(paths).map(ScanSource::of).toList());
  }

  /**
   * Scans the bytes of an array.
   *
   * @param data the bytes
   * @return the report
   */
  public DedupReport scan(byte[] data) {
    return scan(List.of(ScanSource.of("bytes", data)));
  }

  /**
   * Scans the bytes between a buffer's position and limit.
   *
   * @param data the bytes
   * @return the report
   */
  public DedupReport scan(ByteBuffer data) {
    return scan(List.of(ScanSource.of("buffer", data)));
  }

  /**
   * Scans a stream to its end; the stream is not closed.
   *
   * @param name the name the report uses
   * @param in the stream
   * @return the report
   */
  public DedupReport scan(String name, InputStream in) {
    return scan(List.of(ScanSource.of(name, in)));
  }

  /**
   * Scans several sources as one data set: duplicates count across all of them.
   *
   * @param sources the sources
   * @return the report
   */
  public DedupReport scan(List<ScanSource> sources) {
    return new DedupReport(withTarget(run(ImmutableList.copyOf(sources), counting).totals()));
  }

  /** The totals with this scanner's target, whose capacity the report then computes. */
  private org.dedup4j.internal.report.ReportTotals withTarget(
      org.dedup4j.internal.report.ReportTotals t) {
    t.target = target;
    return t;
  }

  // ---- Counting modes, plans and summaries ------------------------------------------------------

  /** How often a scan with {@link Builder#checkpoint} writes one by default: every 10 minutes. */
  public static final java.time.Duration DEFAULT_CHECKPOINT_INTERVAL = java.time.Duration.ofMinutes(10);

  /** Smallest memory budget (exact mode). */
  public static final long MIN_MEMORY_BUDGET = ExactCounter.MIN_MEMORY_BUDGET;

  /** Default sample capacity: a table of about 2 MiB. */
  public static final int DEFAULT_MAX_ENTRIES = SampleCounter.DEFAULT_MAX_ENTRIES;

  /** Smallest sample capacity. */
  public static final int MIN_MAX_ENTRIES = SampleCounter.MIN_MAX_ENTRIES;

  /** Largest sample capacity. */
  public static final int MAX_MAX_ENTRIES = SampleCounter.MAX_MAX_ENTRIES;

  /** Chunks the auto mode's quick sample aims to fingerprint. */
  static final long PLAN_SAMPLE_CHUNKS = 1L << 18;

  /**
   * The default memory budget of exact mode: a third of the maximum heap ({@code -Xmx}), at least
   * {@link #MIN_MEMORY_BUDGET}. The rest of the heap holds read buffers, summaries and the
   * transient copy while a table segment grows.
   *
   * @return bytes
   */
  public static long defaultMemoryBudget() {
    return Math.max(MIN_MEMORY_BUDGET, Runtime.getRuntime().maxMemory() / 3);
  }

  /**
   * The largest memory budget this JVM accepts: three quarters of its maximum heap (at least
   * {@link #MIN_MEMORY_BUDGET}), so that read buffers and the transient copy while a table segment
   * grows still fit. A budget past the heap would end the scan with an out-of-memory error instead
   * of spilling.
   *
   * @return bytes
   */
  public static long maxMemoryBudget() {
    return Math.max(MIN_MEMORY_BUDGET, Runtime.getRuntime().maxMemory() / 4 * 3);
  }

  /**
   * The counting mode.
   *
   * @return the counting mode
   */
  public CountingMode countingMode() {
    return counting.mode();
  }

  /**
   * Scans sources and keeps what was counted as a summary, to save, merge with others and report.
   *
   * <pre>{@code
   * DedupSummary s = DedupScanner.builder().counting(CountingMode.SAMPLE).build()
   *     .summarize(List.of(ScanSource.of(Path.of("/data"))));
   * s.write(Path.of("data.d4js"));
   * }</pre>
   *
   * @param sources the sources
   * @return the summary; {@code summary.report()} equals the scan's report
   * @throws java.io.UncheckedIOException if an exact count past its memory budget could not spill
   *     to disk (its temp files are removed)
   */
  public DedupSummary summarize(List<ScanSource> sources) {
    ScanEngine.Result r = run(ImmutableList.copyOf(sources), counting.keepingEntries(true));
    return DedupSummary.of(new DedupReport(r.totals()), r.state());
  }

  /**
   * A scan of named data sets: the report of all of them together, and what they share.
   *
   * @param report the report of every set's data together, as one scan of it all
   * @param overlap each set's figures and every pair's shared chunks
   */
  public record SetScan(DedupReport report, SetOverlap overlap) {}

  /**
   * Scans named data sets: each set into a summary streamed to a temp file (exact: about 19
   * bytes per distinct chunk of the set; sample mode: at most the sample's capacity of entries; in
   * the spill directory or {@code java.io.tmpdir}), then one merge of them for the report of
   * everything and one pass over them for what they share ({@link SetOverlap}). Memory does not
   * grow with the data: exact counts spill, a sample holds one set's table at a time. In sample
   * mode the figures are estimates with 95% intervals ({@link SetOverlap#isEstimate}); auto counts
   * exactly; sketch mode is refused (a sketch estimates unions, not intersections).
   *
   * <p>With {@linkplain Builder#compress compressions}, the report of everything estimates each as
   * one scan of it all would, and the overlap gives each set's figures in stored (compressed)
   * bytes under the first ({@link SetOverlap#storedFigures}): each set's compression sample is
   * kept (of one seed, so a chunk's rank is the same in every set), and each figure's stored
   * fraction is estimated from the sampled chunks in its category. The samples are held until the
   * end (about 100 bytes per sampled chunk per set).
   *
   * <pre>{@code
   * DedupScanner.SetScan r = DedupScanner.builder().build().scanSets(List.of("mon", "tue"),
   *     List.of(List.of(ScanSource.of(Path.of("/backup/mon"))),
   *         List.of(ScanSource.of(Path.of("/backup/tue")))));
   * System.out.print(r.overlap().toText());
   * }</pre>
   *
   * @param names the sets' names, distinct, at most {@value SetOverlap#MAX_SETS}
   * @param sets each set's sources, in the same order
   * @return the report and the overlap
   * @throws IOException if a temp file cannot be written or read
   * @throws IllegalArgumentException if the names and sets do not match, names repeat, there are
   *     more than {@value SetOverlap#MAX_SETS}, or the scanner sketches, checkpoints or attributes
   *     (not built for sets)
   */
  public SetScan scanSets(List<String> names, List<List<ScanSource>> sets) throws IOException {
    return scanSets(names, sets, List.of());
  }

  /**
   * {@link #scanSets(List, List)} with the retention answer for the named sets ({@link
   * SetOverlap#keep}).
   *
   * @param names the sets' names
   * @param sets each set's sources
   * @param keep names of sets to keep
   * @return the report and the overlap
   * @throws IOException if a temp file cannot be written or read
   */
  public SetScan scanSets(List<String> names, List<List<ScanSource>> sets,
      java.util.Collection<String> keep) throws IOException {
    for (String k : keep) {
      checkArgument(names.contains(k), "--keep %s: no set of that name (the sets are %s)", k,
          names);
    }
    checkArgument(names.size() == sets.size(), "%s names for %s sets", names.size(), sets.size());
    checkArgument(!sets.isEmpty(), "no sets");
    checkArgument(sets.size() <= SetOverlap.MAX_SETS, "%s sets; at most %s", sets.size(),
        SetOverlap.MAX_SETS);
    checkArgument(names.stream().distinct().count() == names.size(),
        "two sets have the same name: %s", names);
    checkArgument(counting.mode() != CountingMode.SKETCH, "named sets are not counted in sketch"
        + " mode: a distinct-count sketch estimates the distinct chunks of unions, not of"
        + " intersections (what sets share, hold alone or add) except loosely, by"
        + " inclusion-exclusion of unions whose errors are large against a small intersection;"
        + " use --mode sample (estimates with 95% intervals from a content-based sample) or exact");
    checkArgument(checkpoint == null, "checkpoints of a scan of named sets are not built yet;"
        + " scan the sets without --checkpoint");
    checkArgument(counting.attribute() == null, "attribution (--attribute) within named sets is"
        + " not built yet; attribute a scan without --set");
    Path dir = TempFiles.createDirectory(counting.spillDirectory() != null
        ? counting.spillDirectory() : Path.of(System.getProperty("java.io.tmpdir")),
        "dedup4j-sets-");
    TempFiles.track(dir);
    try {
      List<Path> files = new ArrayList<>();
      // Auto counts exactly here: an exact count spills past its budget. A sample keeps its
      // table's capacity per set, and only one set's table is held at a time.
      CounterSpec spec = counting.mode() == CountingMode.AUTO
          ? counting.resolved(CountingMode.EXACT, null) : counting;
      List<CompressionPart> parts = new ArrayList<>();
      for (int i = 0; i < sets.size(); i++) {
        Path f = dir.resolve("set-" + i + ".d4js");
        ScanEngine.Result r = summarizeRun(sets.get(i), f, spec, null);
        if (r.compression() != null) {
          parts.add(CompressionPart.of(r.compression())); // one seed: ranks agree across sets
        }
        files.add(f);
      }
      if (parts.isEmpty()) {
        return new SetScan(DedupSummary.mergeFiles(files, null),
            SetOverlap.of(files, names, keep));
      }
      // The report of everything estimates compression as one scan of it all: from the lowest
      // ranks of the sets' samples merged, as the parts of a cluster's scan are.
      CompressionPart all = parts.get(0);
      for (int i = 1; i < parts.size(); i++) {
        all = all.merge(parts.get(i));
      }
      CompressionPart merged = all;
      DedupReport report = DedupSummary.mergeFiles(files, null,
          (uniqueNonZero, uniqueZero) -> merged.finish(compressions, uniqueNonZero, uniqueZero,
              compressionSample.confidence()));
      return new SetScan(report, SetOverlap.of(files, names, keep,
          new SetOverlap.Compressed(compressions.get(0), parts, compressionSample.confidence())));
    } finally {
      TempFiles.deleteTree(dir);
      TempFiles.release(dir);
    }
  }

  /**
   * A scan with its most referenced chunks.
   *
   * @param report the scan's report, as {@link #scan(List)} gives it
   * @param topChunks the most referenced chunks and where they first occur
   */
  public record TopChunkScan(DedupReport report, TopChunks topChunks) {}

  /**
   * Scans, counting exactly, and lists the {@code chunks} most referenced chunks with the first
   * {@code places} places of each ({@link TopChunks}). The count's entries stream to a temp file in
   * the spill directory (about 19 bytes per distinct chunk), from which one pass keeps the top in
   * a heap of {@code chunks}; then a second, sequential read of the inputs finds the places and
   * stops once every chunk has them: up to one more read of the data, at the rate cap and under
   * the stop of this scanner. {@link CountingMode#AUTO} counts exactly here.
   *
   * <pre>{@code
   * DedupScanner.TopChunkScan r = DedupScanner.builder().chunker("fastcdc2020:avg=8k").build()
   *     .scanTopChunks(List.of(ScanSource.of(Path.of("/var/lib/images"))), 10, 3);
   * for (TopChunks.Chunk c : r.topChunks().chunks()) {
   *   System.out.println(c.count() + " x " + c.length() + " " + (c.zero() ? "zero" : c.fingerprint())
   *       + " first at " + c.places().get(0));
   * }
   * }</pre>
   *
   * @param sources the sources: files, directories, devices, buffers or ranges (read twice)
   * @param chunks how many chunks, 1 to {@link TopChunks#MAX_CHUNKS}
   * @param places places per chunk, 1 to {@link TopChunks#MAX_PLACES} (typically {@link
   *     TopChunks#DEFAULT_PLACES})
   * @return the report and the top chunks
   * @throws IOException if the count's entries cannot be read back from their temp file
   * @throws IllegalArgumentException if a number is out of range, the scanner samples (sample or
   *     sketch mode, percent mode), or a source can be read only once (a stream, standard input,
   *     a FIFO)
   * @throws java.io.UncheckedIOException if an exact count past its memory budget could not spill
   */
  public TopChunkScan scanTopChunks(List<ScanSource> sources, int chunks, int places)
      throws IOException {
    ImmutableList<ScanSource> list = ImmutableList.copyOf(sources);
    TopChunks.check(list, chunks, places, counting.mode(), samplePercent);
    Path entries = TempFiles.name(counting.spillDirectory(), "dedup4j-top-", ".entries");
    TempFiles.track(entries); // removed on Ctrl-C too
    try {
      CounterSpec exact = counting.mode() == CountingMode.AUTO
          ? counting.resolved(CountingMode.EXACT, null) : counting;
      ScanEngine.Result r = run(list, exact.streamingTo(entries));
      DedupReport report = new DedupReport(withTarget(r.totals()));
      return new TopChunkScan(report,
          TopChunks.of(r, report, chunker, hasher, limits, chunks, places));
    } finally {
      Files.deleteIfExists(entries);
      TempFiles.release(entries);
    }
  }

  /**
   * The summary of a scan of file parts ({@link ScanSource#ofRange}), with where each part's chain
   * of cuts ends: what {@link #walkEdge} walks the next part's edge from.
   *
   * @param summary what the scan counted, each part as its own chain from its start
   * @param chainEnds per source, in the order given: for a range, where the chunk after its last
   *     one (the last that starts before its end) starts, at or after its end (its end under
   *     fixed-size chunking); -1 for a range that failed (listed in the summary) and for other
   *     sources
   * @param correction what the scan itself adds to the correction of its edges (that it took
   *     chunks back at window edges, which settles a sample's fit); sum it with the edge walks'
   * @param compression the compression sample, to merge with the other parts' and report with
   *     {@link #report(DedupSummary, CompressionPart)}; null when the scanner does not compress
   */
  public record PartsSummary(DedupSummary summary, long[] chainEnds, EdgeCorrection correction,
      CompressionPart compression) {}

  /**
   * Scans file parts and says where each part's chain of cuts ends, so that the edges to the parts
   * after them, scanned elsewhere, can be walked ({@link #walkEdge}): see {@link EdgeCorrection}.
   *
   * <pre>{@code
   * DedupScanner.PartsSummary p = scanner.summarizeParts(List.of(firstHalf));
   * DedupScanner.EdgeWalk edge = scanner.walkEdge(secondHalf, p.chainEnds()[0]);
   * }</pre>
   *
   * @param sources the sources, ranges among them
   * @return the summary and the ranges' chain ends
   */
  public PartsSummary summarizeParts(List<ScanSource> sources) {
    checkArgument(counting.attribute() == null, "attribution is not built for scans of file"
        + " parts (a cluster's scan) yet");
    ImmutableList<ScanSource> list = ImmutableList.copyOf(sources);
    ScanEngine.Result r = run(list, counting.keepingEntries(true).forParts());
    java.util.IdentityHashMap<Object, Long> ends = new java.util.IdentityHashMap<>();
    for (org.dedup4j.internal.source.Input in : r.inputs()) {
      if (in instanceof org.dedup4j.internal.source.Input.RangeInput range) {
        ends.put(range.origin, range.chainEnd);
      }
    }
    long[] chainEnds = new long[list.size()];
    for (int i = 0; i < chainEnds.length; i++) {
      chainEnds[i] = ends.getOrDefault(list.get(i), -1L);
    }
    return new PartsSummary(DedupSummary.of(new DedupReport(r.totals()), r.state()), chainEnds,
        r.state().tookBack ? EdgeCorrection.tookBackOnly() : EdgeCorrection.none(),
        r.compression() == null ? null : CompressionPart.of(r.compression()));
  }

  /**
   * What walking one part edge found: the correction, whether the file's true chain of cuts met
   * the next part's own chain inside that part, and where the true chain stands after it.
   *
   * @param correction what to apply to the merged summary of the parts
   * @param met whether the chains met: then the next part's own counts stand from the meeting point
   *     on, and so does its own edge walk; if not, every chunk of the next part was taken back and
   *     its own edge walk must be replaced by one from {@code chainEnd}
   * @param chainEnd where the true chain's next chunk starts after the walk
   */
  public record EdgeWalk(EdgeCorrection correction, boolean met, long chainEnd) {}

  /**
   * Walks the edge where {@code next} starts, under this scanner's (first) chunker: the file's true
   * chain of cuts is cut from {@code trueChainAt} and the part's own chain from its start until they
   * cut at the same offset, adding the first's chunks and taking back the second's. Reads a chunk or
   * two past the edge, typically; where the chains do not meet (long zero runs at offsets that are
   * not a multiple of the largest chunk) the whole part.
   *
   * @param next the part after the edge, as its own scan was given it (its start is the edge)
   * @param trueChainAt where the true chain's next chunk starts: the previous part's {@linkplain
   *     PartsSummary#chainEnds chain end}, or a previous walk's {@code chainEnd} when that walk did
   *     not meet
   * @return the walk
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code trueChainAt} is not in [start, size] of the part
   */
  public EdgeWalk walkEdge(ScanSource.RangeSource next, long trueChainAt) throws IOException {
    ScanEngine.EdgeWalk w = new ScanEngine(config(counting.mode() == CountingMode.AUTO
        ? counting.resolved(CountingMode.EXACT, null) : counting)).walkEdge(next, trueChainAt);
    Worker.ZeroLengths z = w.zeros();
    EdgeCorrection c = new EdgeCorrection(w.totals(), java.util.Arrays.copyOf(z.lengths, z.size),
        java.util.Arrays.copyOf(z.counts, z.size), w.k0(), w.k1(), w.lengths(),
        java.util.Arrays.stream(w.lengths()).anyMatch(l -> l < 0));
    if (w.compression() != null) {
      org.dedup4j.internal.compress.CompressionSampler.Snapshot s = w.compression();
      c = c.withCompression(s.rows(), new EdgeCorrection.CompressedChunks(s.k0(), s.k1(), s.raw(),
          s.stored(), s.failed()));
    }
    return new EdgeWalk(c, w.met(), w.chainEnd());
  }

  /**
   * The report of a merged summary of file parts with the compression estimate of their merged
   * sample, as this scanner (its compressions and sample settings) would report one scan of them.
   *
   * <pre>{@code
   * DedupReport r = scanner.report(summary.corrected(edges), sample.corrected(edges));
   * }</pre>
   *
   * @param summary the parts' merged (and corrected) summary
   * @param compression their merged (and corrected) compression sample, or null for none
   * @return the report
   */
  public DedupReport report(DedupSummary summary, CompressionPart compression) {
    if (compression == null) {
      return summary.report();
    }
    return summary.report((uniqueNonZero, uniqueZero) -> compression.finish(compressions,
        uniqueNonZero, uniqueZero, compressionSample.confidence()));
  }

  /**
   * Scans sources and writes their summary to a file, in memory that does not grow with the data:
   * in exact mode the merged fingerprints stream to a temp file beside {@code file} (19 bytes per
   * unique chunk) and from there into the summary, so an exact count past its memory budget can be
   * saved too. Sample and sketch summaries are small and written from memory.
   *
   * <pre>{@code
   * DedupReport r = DedupScanner.builder().memoryBudget(256L << 20).build()
   *     .summarize(List.of(ScanSource.of(Path.of("/data"))), Path.of("data.d4js"));
   * }</pre>
   *
   * @param sources the sources
   * @param file the summary file to write (an existing regular file is replaced atomically)
   * @return the scan's report
   * @throws IOException if the summary cannot be written, or {@code file} exists and is not a
   *     regular file; no partial file is left
   * @throws IllegalArgumentException if {@code file} is one of the files the scan reads (it would
   *     be replaced by its own summary)
   * @throws java.io.UncheckedIOException if an exact count could not spill to disk
   */
  public DedupReport summarize(List<ScanSource> sources, Path file) throws IOException {
    return summarize(sources, file, counting, null);
  }

  /**
   * {@link #summarize(List, Path)} of one data set, under its name ({@link DedupSummary#named}):
   * {@link SetOverlap} and {@code dedup4j overlap} name the set by it.
   *
   * <pre>{@code
   * scanner.summarize(List.of(ScanSource.of(Path.of("/backup/mon"))), Path.of("mon.d4js"), "mon");
   * }</pre>
   *
   * @param sources the sources
   * @param file the summary file to write
   * @param name the data set's name, or null for none
   * @return the scan's report
   * @throws IOException if the summary cannot be written
   * @throws IllegalArgumentException if the name is not a valid one ({@link DedupSummary#named}),
   *     checked before the scan, or {@code file} is one of the files the scan reads
   */
  public DedupReport summarize(List<ScanSource> sources, Path file, String name)
      throws IOException {
    return summarize(sources, file, counting, name);
  }

  private DedupReport summarize(List<ScanSource> sources, Path file, CounterSpec spec,
      String name) throws IOException {
    return new DedupReport(withTarget(summarizeRun(sources, file, spec, name).totals()));
  }

  /** Scans into a summary file; the scan's result (its totals and compression sample). */
  private ScanEngine.Result summarizeRun(List<ScanSource> sources, Path file, CounterSpec spec,
      String name) throws IOException {
    if (name != null) {
      String bad = DedupSummary.nameProblem(name);
      checkArgument(bad == null, "data set name '%s': %s", name, bad);
    }
    // Fail before the scan, not after hours of it: a target that must not be replaced, a folder
    // that is missing or cannot be written.
    DedupSummary.checkReplaceable(file);
    Files.delete(Files.createTempFile(file.toAbsolutePath().getParent(),
        file.getFileName().toString(), ".tmp"));
    // Named, not created: the counter creates it after the inputs were collected, so a summary
    // saved inside a scanned directory never reads its own temp file.
    Path entries = TempFiles.name(file.toAbsolutePath().getParent(),
        "." + file.getFileName() + ".", ".entries");
    TempFiles.track(entries); // removed on Ctrl-C too
    try {
      ScanEngine.Result r = run(ImmutableList.copyOf(sources), spec.streamingTo(entries), file);
      DedupSummary.of(new DedupReport(r.totals()), r.state()).named(name).write(file);
      return r;
    } finally {
      Files.deleteIfExists(entries);
      TempFiles.release(entries);
    }
  }

  /**
   * Scans paths into a summary; see {@link #summarize(List)}.
   *
   * @param paths the paths
   * @return the summary
   */
  public DedupSummary summarize(Path... paths) {
    return summarize(Arrays.stream(paths).map(ScanSource::of).toList());
  }

  /**
   * Forecasts the memory an exact scan of the sources needs and chooses exact or sample, as {@link
   * CountingMode#AUTO} does before it scans. When even an all-unique table would fit the memory
   * budget no data is read; otherwise a quick percent sample (about 2^18 chunks fingerprinted, all
   * data read) estimates the unique share. A stream's size is unknown: exact is chosen (it spills if
   * it must).
   *
   * <pre>{@code
   * System.out.print(DedupScanner.builder().memoryBudget(1L << 30).build()
   *     .plan(List.of(ScanSource.of(Path.of("/data")))).toText());
   * }</pre>
   *
   * @param sources the sources
   * @return the forecast and the choice
   */
  public ScanPlan plan(List<ScanSource> sources) {
    List<ScanSource> list = ImmutableList.copyOf(sources);
    InputCollector collected = InputCollector.collect(list, followLinks);
    return forecast(list, collected).withInputs(collected.inputs.size(), collected.skipped);
  }

  private ScanPlan forecast(List<ScanSource> list, InputCollector collected) {
    long budget = counting.memoryBudget();
    boolean tagged = counting.attribute() != null; // a group tag per entry
    double typical = FingerprintTable.typicalBytesPerEntry(hasher.fingerprintBits(),
        chunker.fixedChunkSize(), tagged);
    double worst = FingerprintTable.worstBytesPerEntry(hasher.fingerprintBits(),
        chunker.fixedChunkSize(), tagged);
    long total = 0;
    long most = 0; // chunks if every one had the least length: a bound on the entries
    int fixed = chunker.fixedChunkSize();
    int least = fixed > 0 ? fixed : Math.max(1, chunker.minChunkSize());
    for (Input in : collected.inputs) {
      if (in.size() < 0) {
        total = -1;
        break;
      }
      total += in.size();
      most += (in.size() + least - 1) / least;
    }
    Interval unknown = new Interval(Double.NaN, Double.NaN, Double.NaN);
    if (total < 0) {
      return new ScanPlan(-1, 0, unknown, 0, 0, budget, 0, CountingMode.EXACT,
          "a source is a stream of unknown size (read once): exact, spilling past the budget");
    }
    if (most * worst <= budget) {
      return new ScanPlan(total, most, new Interval(most, 0, most), Math.round(most * typical),
          Math.round(most * worst), budget, 0, CountingMode.EXACT,
          "even if every chunk were unique the exact table would fit the budget");
    }
    double percent = Math.min(10, Math.max(1e-4, 100.0 * PLAN_SAMPLE_CHUNKS / most));
    ReportTotals quick = new ScanEngine(config(counting).asQuickSample(percent, 0x5EED)).scan(list);
    // Chao-Lee's upper bound, the more cautious of the two percent-mode estimators, sizes the table.
    PercentFigures e = quick.estimates.stream()
        .filter(x -> x.method().equals(Estimators.CHAO_LEE)).findFirst().orElse(null);
    if (e == null) {
      return new ScanPlan(total, quick.chunks, unknown, 0, 0, budget, percent, CountingMode.EXACT,
          "the quick sample found no chunks: exact");
    }
    long memory = Math.round(e.uniqueChunks() * typical);
    long high = Math.round(e.uniqueChunksHigh() * worst);
    boolean fits = high <= budget;
    return new ScanPlan(total, quick.chunks,
        new Interval(e.uniqueChunks(), e.uniqueChunksLow(), e.uniqueChunksHigh()), memory, high,
        budget, percent, fits ? CountingMode.EXACT : CountingMode.SAMPLE,
        fits ? "the forecast's upper bound fits the memory budget"
            : "the forecast's upper bound passes the memory budget: sample mode keeps "
                + Sizes.format(SampleCounter.memoryFor(counting.maxEntries(), false))
                + " (an exact run would spill to disk)");
  }

  /**
   * Reads the sources once and cuts the same bytes with every chunker: what would each chunker
   * gain on this data? One report per chunker, in the order given, each as {@link #scan(List)}
   * with that chunker would give it (the hasher, threads, sample and counting mode are this
   * scanner's; each chunker counts with its own memory budget). Every report carries the elapsed
   * time of the whole pass. {@link CountingMode#AUTO} counts exactly here, spilling past the
   * budget.
   *
   * <pre>{@code
   * List<DedupReport> reports = DedupScanner.builder().hasher("xxh3-128").build().compare(
   *     List.of(Chunkers.fixed(4096), Chunkers.fromSpec("fastcdc2020:avg=8k")),
   *     List.of(ScanSource.of(Path.of("backups.tar"))));
   * reports.forEach(r -> System.out.println(r.chunker() + " " + r.dedupeRatio()));
   * }</pre>
   *
   * @param chunkers the chunkers, at least one
   * @param sources the sources
   * @return one report per chunker
   * @throws IllegalArgumentException if the list is empty or a chunker's maximum chunk exceeds
   *     {@link #MAX_WINDOW_SIZE}
   */
  public List<DedupReport> compare(List<Chunker> chunkers, List<ScanSource> sources) {
    checkArgument(!chunkers.isEmpty(), "compare needs at least one chunker");
    for (Chunker c : chunkers) {
      checkArgument(c.maxChunkSize() <= MAX_WINDOW_SIZE,
          "chunker %s has a maximum chunk of %s bytes; at most %s supported", c.spec(),
          c.maxChunkSize(), MAX_WINDOW_SIZE);
    }
    CounterSpec spec = counting.mode() == CountingMode.AUTO
        ? counting.resolved(CountingMode.EXACT, null) : counting;
    return new ScanEngine(config(spec).withChunkers(chunkers))
        .scanAll(ImmutableList.copyOf(sources)).stream().map(DedupReport::new).toList();
  }

  private ScanEngine.Result run(List<ScanSource> sources, CounterSpec spec) {
    return run(sources, spec, null);
  }

  /** A scan; {@code output}, when not null, is a file the scan must not read (it will replace it). */
  private ScanEngine.Result run(List<ScanSource> sources, CounterSpec spec, Path output) {
    byte[] planBytes = new byte[0];
    if (resume) {
      // The mode and plan the checkpointed scan chose: planning again would read the data again.
      Checkpoint.Header header = readCheckpointHeader();
      if (spec.mode() == CountingMode.AUTO) {
        ScanPlan plan = header.plan().length == 0 ? null : ScanPlan.fromBytes(header.plan());
        spec = spec.resolved(CountingMode.valueOf(header.mode()), plan);
        planBytes = header.plan();
      }
    } else if (spec.mode() == CountingMode.AUTO) {
      ScanPlan plan = plan(sources);
      spec = spec.resolved(plan.choice(), plan);
      planBytes = plan.toBytes();
    }
    return new ScanEngine(config(spec, planBytes).notReading(output)).scanWithState(sources);
  }

  private Checkpoint.Header readCheckpointHeader() {
    try {
      return Checkpoint.readHeader(checkpoint);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot resume from " + checkpoint + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
    }
  }

  /** This scanner's settings, counting as given. */
  private ScanConfig config(CounterSpec spec) {
    return config(spec, new byte[0]);
  }

  /** This scanner's settings, counting as given, with the auto mode's plan for checkpoints. */
  private ScanConfig config(CounterSpec spec, byte[] plan) {
    return new ScanConfig(List.of(chunker), hasher, threads, io, windowSize, readBufferSize,
        samplePercent, sampleSeed, followLinks, listener, compressions, compressionSample, spec,
        null, limits, checkpoint == null ? null
            : new Checkpoint.Spec(checkpoint, checkpointInterval.toNanos(), resume, plan));
  }

  /** Configures a {@link DedupScanner}. Not thread-safe. */
  public static final class Builder {
    private Chunker chunker = Chunkers.fixed(4096);
    private Hasher hasher = Hashers.sha256();
    private int threads = Runtime.getRuntime().availableProcessors();
    private IoMode io = IoMode.AUTO;
    private long windowSize = DEFAULT_WINDOW_SIZE;
    private boolean windowSizeSet;
    private int readBufferSize = DEFAULT_READ_BUFFER_SIZE;
    private double samplePercent = 100;
    private long sampleSeed;
    private boolean followLinks;
    private long maxRate;
    private long maxStreamBytes = Long.MAX_VALUE;
    private BooleanSupplier stopWhen = () -> false;
    private Path checkpoint;
    private java.time.Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
    private boolean resume;
    private ScanListener listener = new ScanListener() {};
    private final List<Compression> compressions = new ArrayList<>();
    private CompressionSample compressionSample = CompressionSample.auto();
    private CountingMode countingMode = CountingMode.EXACT;
    private long memoryBudget = -1;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Path spillDirectory;
    private Attribution.By attribute;
    private org.dedup4j.spi.Target target;

    private Builder() {}

    /**
     * Sizes the data for a storage target ({@link Targets}): cuts with the target's chunker,
     * compresses a sample of the unique chunks with its codec, and reports its capacity step by
     * step and its dedup index ({@link DedupReport#target()}). Replaces the chunker; compressions
     * given with {@link #compress} are estimated after the target's two (its codec alone, then its
     * allocation).
     *
     * <pre>{@code
     * DedupReport r = DedupScanner.builder().target(Targets.fromSpec("zfs:compress=lz4")).build()
     *     .scan(Path.of("/tank/data"));
     * System.out.print(r.target().toText());
     * }</pre>
     *
     * @param target the target, or null for none
     * @return this builder
     * @throws IllegalArgumentException if the target's chunker or codec spec is unknown
     */
    public Builder target(org.dedup4j.spi.Target target) {
      if (target != null) {
        this.chunker = Chunkers.fromSpec(target.chunker());
        Codecs.fromSpec(target.codec());
      }
      this.target = target;
      return this;
    }

    /**
     * How to count distinct chunks; default {@link CountingMode#EXACT}. See {@code
     * docs/estimation.md} for each mode's memory, disk and error.
     *
     * <pre>{@code
     * DedupScanner.builder().counting(CountingMode.SAMPLE).maxEntries(1 << 16).build();
     * }</pre>
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder counting(CountingMode mode) {
      this.countingMode = requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Memory the exact table may use before it spills sorted runs to disk (and the bound the auto
     * mode's forecast is held to); default {@link DedupScanner#defaultMemoryBudget()}, a third of the
     * maximum heap. Spill buffers are taken from it too.
     *
     * @param bytes at least {@link #MIN_MEMORY_BUDGET}, at most {@link #maxMemoryBudget()}
     * @return this builder
     * @throws IllegalArgumentException if below the minimum, or more than the heap allows
     */
    public Builder memoryBudget(long bytes) {
      checkArgument(bytes >= MIN_MEMORY_BUDGET, "memory budget %s bytes is too small; allowed at"
          + " least %s bytes", bytes, MIN_MEMORY_BUDGET);
      long most = maxMemoryBudget();
      checkArgument(bytes <= most, "memory budget %s is more than this Java heap allows: at most"
          + " %s, three quarters of the maximum heap (%s); give Java more heap (java -Xmx...) or"
          + " use a smaller budget", Sizes.format(bytes), Sizes.format(most),
          Sizes.format(Runtime.getRuntime().maxMemory()));
      this.memoryBudget = bytes;
      return this;
    }

    /**
     * Capacity of the sample and sketch modes' table, in distinct chunks; default {@link
     * #DEFAULT_MAX_ENTRIES} (a 2 MiB table). The final sample holds at most that many, or half as
     * many once chunks were taken back (content-defined window edges): see {@link CountingMode#SAMPLE}.
     *
     * @param entries {@link #MIN_MAX_ENTRIES} to {@link #MAX_MAX_ENTRIES}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxEntries(int entries) {
      checkArgument(entries >= MIN_MAX_ENTRIES && entries <= MAX_MAX_ENTRIES,
          "max entries %s is out of range; allowed %s..%s", entries, MIN_MAX_ENTRIES,
          MAX_MAX_ENTRIES);
      this.maxEntries = entries;
      return this;
    }

    /**
     * Where exact mode makes its private temp folder for spilled runs; default {@code
     * java.io.tmpdir}. The folder is removed when the scan ends, failed or not.
     *
     * @param dir an existing directory
     * @return this builder
     * @throws IllegalArgumentException if it is not a directory
     */
    public Builder spillDirectory(Path dir) {
      checkArgument(Files.isDirectory(dir), "spill directory %s is not a directory", dir);
      this.spillDirectory = dir;
      return this;
    }

    CounterSpec countingSpec() {
      long budget = memoryBudget > 0 ? memoryBudget : defaultMemoryBudget();
      Path spill = spillDirectory != null ? spillDirectory
          : Path.of(System.getProperty("java.io.tmpdir"));
      return new CounterSpec(countingMode, budget, maxEntries, spill, 0, false, null, null, false,
          attribute);
    }

    /**
     * The chunker; default fixed 4 KiB.
     *
     * @param chunker the chunker
     * @return this builder
     */
    public Builder chunker(Chunker chunker) {
      this.chunker = requireNonNull(chunker, "chunker");
      return this;
    }

    /**
     * The chunker by spec, e.g. {@code fixed:size=8k}.
     *
     * @param spec the spec
     * @return this builder
     * @throws IllegalArgumentException if the spec names no available chunker or has bad options
     */
    public Builder chunker(String spec) {
      return chunker(Chunkers.fromSpec(spec));
    }

    /**
     * The hasher; default SHA-256.
     *
     * @param hasher the hasher
     * @return this builder
     */
    public Builder hasher(Hasher hasher) {
      this.hasher = requireNonNull(hasher, "hasher");
      return this;
    }

    /**
     * The hasher by spec, e.g. {@code xxh3-128}.
     *
     * @param spec the spec
     * @return this builder
     * @throws IllegalArgumentException if the spec names no available hasher
     */
    public Builder hasher(String spec) {
      return hasher(Hashers.fromSpec(spec));
    }

    /**
     * Threads to scan with; default one per available processor.
     *
     * @param threads 1 to {@link #MAX_THREADS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1 && threads <= MAX_THREADS,
          "threads %s is out of range; allowed 1..%s", threads, MAX_THREADS);
      this.threads = threads;
      return this;
    }

    /**
     * How to read regular files; default {@link IoMode#AUTO} (mapped where that is faster and the
     * scan can release its mappings, else read).
     *
     * @param io the mode
     * @return this builder
     */
    public Builder io(IoMode io) {
      this.io = requireNonNull(io, "io");
      return this;
    }

    /**
     * The window: the unit of parallel work within a file (rounded down to a multiple of a fixed
     * chunk size); default {@link #DEFAULT_WINDOW_SIZE} or the chunker's maximum chunk if larger.
     * Results do not depend on it. {@link #build()} rejects a window smaller than the chunker's
     * maximum chunk.
     *
     * @param bytes {@link #MIN_WINDOW_SIZE} to {@link #MAX_WINDOW_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder windowSize(long bytes) {
      checkArgument(bytes >= MIN_WINDOW_SIZE && bytes <= MAX_WINDOW_SIZE,
          "window size %s is out of range; allowed %s..%s bytes", bytes, MIN_WINDOW_SIZE,
          MAX_WINDOW_SIZE);
      this.windowSize = bytes;
      this.windowSizeSet = true;
      return this;
    }

    /**
     * Bytes each thread reads at a time in {@link IoMode#READ}: small enough that the bytes are still
     * in the CPU cache when they are hashed. Raised to four maximum-size chunks when smaller (and
     * rounded down to a multiple of a fixed chunk size). Results do not depend on it.
     *
     * @param bytes {@link #MIN_READ_BUFFER_SIZE} to {@link #MAX_READ_BUFFER_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder readBufferSize(int bytes) {
      checkArgument(bytes >= MIN_READ_BUFFER_SIZE && bytes <= MAX_READ_BUFFER_SIZE,
          "read buffer size %s is out of range; allowed %s..%s bytes", bytes, MIN_READ_BUFFER_SIZE,
          MAX_READ_BUFFER_SIZE);
      this.readBufferSize = bytes;
      return this;
    }

    /**
     * The original script's percent mode: fingerprint only a random share of the chunks. Which
     * chunks is a function of the seed, the input's name and the chunk's offset, so a run is
     * reproducible. The report's ratios are then the sample's.
     *
     * @param percent share of chunks to evaluate, in (0, 100]
     * @param seed the sample's seed
     * @return this builder
     * @throws IllegalArgumentException if percent is outside (0, 100]
     */
    public Builder samplePercent(double percent, long seed) {
      checkArgument(percent > 0 && percent <= 100,
          "percent %s is out of range; allowed more than 0 up to 100", percent);
      this.samplePercent = percent;
      this.sampleSeed = seed;
      return this;
    }

    /**
     * Caps the read rate over all threads, to stay polite on a production system (as qdda does by
     * default): each thread books the bytes it is about to chunk, a mebibyte at a time, in one
     * token bucket, so over any second at most the rate plus a twentieth of a second's bytes pass.
     * Default: no cap. For low I/O priority as well, run the JVM under {@code ionice -c3}.
     *
     * <pre>{@code
     * DedupScanner polite = DedupScanner.builder().maxRate(200L << 20).build(); // 200 MiB/s
     * }</pre>
     *
     * @param bytesPerSecond the cap, at least 1; 0 for none
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRate(long bytesPerSecond) {
      checkArgument(bytesPerSecond >= 0, "max rate %s is negative; allowed 1 byte/s or more, "
          + "or 0 for no cap", bytesPerSecond);
      this.maxRate = bytesPerSecond;
      return this;
    }

    /**
     * Reads each stream input (a pipe, a device, standard input, a {@code /proc} file) up to this
     * many bytes: an endless one such as {@code /dev/zero} then ends. A stream that reached the
     * bound is listed in {@link DedupReport#skipped()} as {@link Skipped.Kind#LIMITED}, not as
     * failed (whether it had more is not asked: that read could wait for ever on an idle pipe).
     * Regular files are read whole. Default: no bound.
     *
     * @param bytes the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxStreamBytes(long bytes) {
      checkArgument(bytes >= 1, "max bytes %s is out of range; allowed 1 or more", bytes);
      this.maxStreamBytes = bytes;
      return this;
    }

    /**
     * A way to stop a long scan early and still get its figures: every scan thread asks {@code
     * stop} about once a mebibyte, and once it says true the scan stops reading and returns a
     * report {@link DedupReport#partial() marked partial} of the windows it read whole (the
     * windows in flight are taken back; a stream keeps what it read), exact over them, with every
     * input it did not read to the end listed as failed ("not read to its end: the scan was
     * stopped"). With content-defined chunking each run of consecutive windows read is cut as one
     * chain from its first byte. The command line stops so on SIGINT and SIGTERM. Default: never.
     *
     * <pre>{@code
     * AtomicBoolean stop = new AtomicBoolean();
     * DedupScanner scanner = DedupScanner.builder().stopWhen(stop::get).build();
     * // another thread: stop.set(true); the scan returns soon after, with report.partial() true
     * }</pre>
     *
     * @param stop asked from the scan's threads; must be cheap and thread-safe
     * @return this builder
     */
    public Builder stopWhen(BooleanSupplier stop) {
      this.stopWhen = requireNonNull(stop, "stop");
      return this;
    }

    /**
     * Writes a checkpoint to {@code file} every {@link #checkpointInterval} and when the scan is
     * {@link #stopWhen stopped}, from which {@link #resume} goes on: the counts so far (the exact
     * table, its spilled runs hard-linked into {@code file.runs-N} beside it, the sample, the
     * sketch, the compression sample), the windows done and the inputs with their size,
     * modification time and file key. Each is written to a temp file, forced to disk and renamed
     * over the last, so a kill at any moment leaves a whole checkpoint. The checkpoint is deleted
     * when the scan completes. Inputs must be files (a stream cannot be read again). The scan
     * pauses while a checkpoint is written: about 19 bytes per distinct chunk held in memory.
     *
     * <pre>{@code
     * DedupScanner scanner = DedupScanner.builder()
     *     .checkpoint(Path.of("scan.ckpt"), Duration.ofMinutes(10)).build();
     * DedupReport r = scanner.scan(Path.of("/data"));
     * // killed? the same builder with .resume(Path.of("scan.ckpt")) gives the same report
     * }</pre>
     *
     * @param file the checkpoint file (outside the scanned folders)
     * @param interval the least time between two checkpoints; zero writes one after every window
     * @return this builder
     * @throws IllegalArgumentException if the interval is negative
     */
    public Builder checkpoint(Path file, java.time.Duration interval) {
      checkArgument(!interval.isNegative(), "checkpoint interval %s is negative", interval);
      this.checkpoint = requireNonNull(file, "file");
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * Goes on from a checkpoint that {@link #checkpoint} wrote, and keeps checkpointing to it: the
     * report is the one the uninterrupted scan would give, field by field (its elapsed time is the
     * sum of the parts'). The scanner must have the settings the counts depend on as they were
     * (chunker, hasher, counting mode and its sample, percent and seed, compressions, window size,
     * links, bounds; threads, I/O mode and memory budget may change), and the sources must name
     * the same files, unchanged (size, modification time, file key): otherwise the scan is refused
     * before it reads, with what differs.
     *
     * @param file the checkpoint
     * @return this builder
     */
    public Builder resume(Path file) {
      this.checkpoint = requireNonNull(file, "file");
      this.resume = true;
      return this;
    }

    /**
     * Attributes the space to groups of inputs: which files, directories, extensions or size
     * classes hold the duplicates, and what deleting each would free ({@link
     * DedupReport#attribution()}). Exact counting only (an automatic mode counts exactly), of all
     * bytes (no percent sample), without checkpoints; costs 4 bytes more per table entry. A
     * content-defined chunker then cuts each input as one chain (inputs in parallel, not windows of
     * one input): a window's provisional first chunks, taken back when its edge is reconciled,
     * could not take back the group they added.
     *
     * <pre>{@code
     * DedupReport r = DedupScanner.builder().attribute(Attribution.By.parse("ext")).build()
     *     .scan(Path.of("/srv"));
     * System.out.print(r.attribution().toText(10));
     * }</pre>
     *
     * @param by the grouping, or null for none (the default)
     * @return this builder
     */
    public Builder attribute(Attribution.By by) {
      this.attribute = by;
      return this;
    }

    /**
     * Whether to follow symbolic links met inside directories (named paths are always followed);
     * default false. Loops are detected and reported.
     *
     * @param follow true to follow
     * @return this builder
     */
    public Builder followLinks(boolean follow) {
      this.followLinks = follow;
      return this;
    }

    /**
     * Also estimates compression of the unique data, and with it the data reduction ratio
     * (dedupe times compression). Only unique non-zero chunks are compressed, as a deduplicating
     * system stores them: {@code unit=chunk} compresses each whole, a unit size cuts each into
     * pieces of at most that size. Which chunks are compressed is a uniform sample chosen by
     * fingerprint (see {@link #compressSample}), compressed on the scan's threads where the scan
     * reads them. The first compression gives the report's {@link
     * DedupReport#dataReductionRatio()}.
     *
     * <pre>{@code
     * DedupReport r = DedupScanner.builder()
     *     .compress("zstd:level=3,unit=chunk", "lz4:unit=chunk")   // needs dedup4j-codecs
     *     .build().scan(Path.of("/srv/backups"));
     * System.out.printf("%.2fx%n", r.dataReductionRatio());
     * }</pre>
     *
     * @param specs compression specs, e.g. {@code zstd:level=3,unit=chunk,grain=4k}
     * @return this builder
     * @throws IllegalArgumentException if a spec is bad or names an unavailable codec
     */
    public Builder compress(String... specs) {
      for (String s : specs) {
        compress(Compression.parse(s));
      }
      return this;
    }

    /**
     * Also estimates these compressions; see {@link #compress(String...)}.
     *
     * @param compressions the compressions
     * @return this builder
     */
    public Builder compress(Compression... compressions) {
      for (Compression c : compressions) {
        this.compressions.add(requireNonNull(c, "compression"));
      }
      return this;
    }

    /**
     * How many unique chunks to compress; default {@link CompressionSample#auto()}. In a scan the
     * sample is chosen before the chunks' spread is known, so auto takes the worst-case size for
     * its precision (9,604 chunks for +-1% at 95%), twice that for content-defined chunks of
     * unequal size; a number takes that many; {@code all} compresses every unique chunk and keeps
     * each one's size until the end (about 100 bytes of memory per unique chunk). Choosing the
     * sample as the chunks come costs about k (1 + ln(N / k)) compressions for k sampled of N
     * unique chunks.
     *
     * @param sample the sample
     * @return this builder
     */
    public Builder compressSample(CompressionSample sample) {
      this.compressionSample = requireNonNull(sample, "sample");
      return this;
    }

    /**
     * Receives progress and problems as they happen.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ScanListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the scanner.
     *
     * @return the scanner
     * @throws IllegalArgumentException if the chunker's maximum chunk exceeds {@link
     *     #MAX_WINDOW_SIZE} or the window size set
     */
    public DedupScanner build() {
      return new DedupScanner(this);
    }
  }
}
