package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.dedup4j.Attribution;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.Skipped;
import org.dedup4j.IoMode;
import org.dedup4j.ScanListener;
import org.dedup4j.ScanSource;
import org.dedup4j.spi.Sizes;
import org.dedup4j.internal.source.Input.BufferInput;
import org.dedup4j.internal.source.Input.FileInput;
import org.dedup4j.internal.source.Input.PathStreamInput;
import org.dedup4j.internal.source.Input.RangeInput;
import org.dedup4j.internal.source.Input.StreamInput;
import org.dedup4j.internal.count.ChunkCounter;
import org.dedup4j.internal.count.CountState;
import org.dedup4j.internal.count.CounterSpec;
import org.dedup4j.internal.count.ExactCounter;
import org.dedup4j.internal.count.GroupTally;
import org.dedup4j.internal.count.CountingFailedException;
import org.dedup4j.internal.count.Reporting;
import org.dedup4j.internal.report.ReportTotals;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.InputCollector;
import org.dedup4j.internal.source.Region;
import org.dedup4j.internal.parallel.ParallelWork;
import org.dedup4j.internal.compress.CompressionSampler;

/**
 * Runs one scan: collects inputs, splits them into windows, chunks, fingerprints and counts the
 * windows on a pool of the chosen parallelism, and assembles the report.
 *
 * <p>Content-defined chunking across window edges is reconciled by {@link WindowChain}.
 *
 * <p>Over 450 lines: window planning and reading for files, buffers and streams in both I/O modes, with the transactional mapped windows, are one orchestration.
 */
public final class ScanEngine {

  private final List<Chunker> chunkers;
  private final Hasher hasher;
  private final int threads;
  /** The mode used: never {@link IoMode#AUTO}. */
  private final IoMode io;
  /** How mapped windows are released (see {@link MappedWindows}). */
  private final MappedWindows.Release release;
  private final long windowSize;
  private final int readBufferSize;
  private final Sampler sampler;
  private final double samplePercent;
  private final long sampleSeed;
  private final boolean followLinks;
  private final ScanListener listener;
  private final List<Compression> compressions;
  private final CompressionSample compressionSample;
  private final CounterSpec counting;
  private final java.nio.file.Path output;
  private final ScanLimits limits;
  /** The read-rate cap, shared by the scan's threads, or null. */
  private final Throttle throttle;
  /** Checkpoints and resume, or null. */
  private final Checkpoint.Spec checkpoint;
  /** What the counts depend on (see {@link ScanConfig#settings}), recorded in checkpoints. */
  private final List<String> settings;

  /**
   * An engine for one configuration; each call scans from scratch.
   *
   * @param c the configuration
   */
  public ScanEngine(ScanConfig c) {
    this.chunkers = c.chunkers();
    this.hasher = c.hasher();
    this.threads = c.threads();
    this.release = MappedWindows.release();
    this.io = resolve(c.io(), chunkers, release);
    this.windowSize = c.windowSize();
    this.readBufferSize = c.readBufferSize();
    this.samplePercent = c.samplePercent();
    this.sampleSeed = c.sampleSeed();
    this.sampler = samplePercent < 100 ? new Sampler(samplePercent, sampleSeed) : null;
    this.followLinks = c.followLinks();
    this.listener = c.listener();
    this.compressions = c.compressions();
    this.compressionSample = c.compressionSample();
    this.counting = c.counting();
    this.output = c.output();
    this.limits = c.limits();
    this.throttle = limits.maxBytesPerSecond() > 0
        ? new Throttle(limits.maxBytesPerSecond(), Throttle.SYSTEM) : null;
    this.checkpoint = c.checkpoint();
    this.settings = c.settings();
  }

  /**
   * What {@link IoMode#AUTO} means for these chunkers: mapped windows when every chunker is
   * fixed-size (0.91x the time of reading, SHA-256 4 KiB) and the scan releases its mappings itself
   * (JDK 22+); the content-defined kernels run slower on a mapped buffer than on the heap array a
   * read fills.
   */
  static IoMode resolve(IoMode io, List<Chunker> chunkers, MappedWindows.Release release) {
    if (io != IoMode.AUTO) {
      return io;
    }
    boolean fixed = chunkers.stream().allMatch(c -> c.fixedChunkSize() > 0);
    return fixed && release != MappedWindows.Release.GC ? IoMode.MMAP : IoMode.READ;
  }

  /** Scans the sources and counts. Never throws for bad input: problems land in the report. */
  public ReportTotals scan(List<ScanSource> sources) {
    return scanWithState(sources).totals();
  }

  /**
   * Scans once with every chunker; one report per chunker, in the order given.
   *
   * @throws CountingFailedException if a counter could not go on; temp files are removed
   */
  public List<ReportTotals> scanAll(List<ScanSource> sources) {
    return run(sources).stream().map(Result::totals).toList();
  }

  /** A report with the counter's state, for summaries. */
  public record Result(ReportTotals totals, CountState state, List<Input> inputs,
      CompressionSampler.Snapshot compression) {}

  /**
   * Scans and keeps what was counted (the first chunker's, when there are several).
   *
   * @throws CountingFailedException if the counter could not go on (a failed spill); its temp
   *     files are removed
   */
  public Result scanWithState(List<ScanSource> sources) {
    return run(sources).get(0);
  }

  private List<Result> run(List<ScanSource> sources) {
    long started = System.nanoTime();
    InputCollector collected = InputCollector.collect(sources, followLinks);
    if (output != null && collected.reaches(output)) {
      throw new IllegalArgumentException("the summary file " + output + " is one of the files the"
          + " scan reads; it would be replaced by its own summary: save it elsewhere");
    }
    if (checkpoint != null) {
      checkCheckpointable(sources, collected);
    }
    List<String> groups = counting.attribute() == null ? List.of()
        : assignGroups(collected.inputs, counting.attribute());
    Run run = new Run(collected.inputs, started);
    try {
      for (Skipped s : collected.skipped) {
        listener.onSkipped(s.path(), s.reason());
      }
      run.execute();
      List<Skipped> skipped = new ArrayList<>(collected.skipped);
      skipped.addAll(run.problems());
      skipped.sort(Comparator.comparing(Skipped::path));
      long elapsed = System.nanoTime() - started + run.carriedElapsed;
      List<Result> results = new ArrayList<>();
      for (Lane lane : run.lanes) {
        ReportTotals totals = run.totals(lane, elapsed, skipped);
        if (lane.counter instanceof ExactCounter exact && exact.groups() != null) {
          totals.attribution = attribution(counting.attribute(), groups, collected.inputs,
              exact.groups());
        }
        results.add(new Result(totals, lane.state, collected.inputs,
            lane.compression == null ? null : lane.compression.snapshot()));
      }
      if (checkpoint != null && !run.stopped) {
        deleteCheckpoint(); // done: what it held is in the report
      }
      return results;
    } finally {
      for (Lane lane : run.lanes) {
        lane.counter.close(); // spill files go on success and failure alike
      }
    }
  }

  /**
   * Numbers each input's group in the order inputs come (the least id an entry keeps is then a
   * function of the inputs, not of the threads).
   *
   * @return the groups' names by id
   */
  private static List<String> assignGroups(List<Input> inputs, Attribution.By by) {
    Map<String, Integer> ids = new java.util.LinkedHashMap<>();
    for (Input in : inputs) {
      in.group = ids.computeIfAbsent(by.groupOf(in.name, in.foundUnder, in.size()),
          name -> ids.size());
    }
    return List.copyOf(ids.keySet());
  }

  /** Each group's figures: its bytes from its inputs, what it holds alone from the table. */
  private static Attribution attribution(Attribution.By by, List<String> names,
      List<Input> inputs, GroupTally tally) {
    long[] files = new long[names.size()];
    long[] bytes = new long[names.size()];
    for (Input in : inputs) {
      files[in.group]++;
      bytes[in.group] += in.counted.get();
    }
    List<Attribution.Group> groups = new ArrayList<>();
    for (int g = 0; g < names.size(); g++) {
      long exclusiveRefs = tally.exclusiveReferencedBytes(g);
      groups.add(new Attribution.Group(names.get(g), files[g], bytes[g],
          tally.exclusiveChunks(g), tally.exclusiveBytes(g), exclusiveRefs,
          bytes[g] - exclusiveRefs));
    }
    return new Attribution(by, groups, tally.sharedChunks, tally.sharedBytes);
  }

  /**
   * What walking a part edge under content-defined chunking counted: signed totals, the zero
   * chunks by length, the fingerprinted chunks (length negative for one taken back), whether the
   * two chains met, and where the true chain's next chunk starts when the walk ended.
   */
  public record EdgeWalk(long[] totals, Worker.ZeroLengths zeros, long[] k0, long[] k1,
      int[] lengths, boolean met, long chainEnd, CompressionSampler.Snapshot compression) {}

  /**
   * Walks the edge at the start of {@code next}, a range counted as its own chain from its start:
   * cuts the file's true chain from {@code trueAt} (where its next chunk starts, at or after the
   * edge) and the range's own chain from the edge, adding the first's chunks and taking back the
   * second's, until they cut at the same offset or the own chain has passed the range's end (its
   * chunks that start before the end are all taken back). As {@link WindowChain} does between
   * windows, with the first chunker.
   *
   * @throws IOException if the file cannot be read
   */
  public EdgeWalk walkEdge(ScanSource.RangeSource next, long trueAt) throws IOException {
    if (trueAt < next.start() || trueAt > next.size()) {
      throw new IllegalArgumentException("the true chain at " + trueAt + " is outside [" + next.start()
          + ", " + next.size() + "], where the edge at " + next.start() + " can be walked from");
    }
    RangeInput in = (RangeInput) InputCollector.collect(List.of(next), false).inputs.get(0);
    Chunker chunker = chunkers.get(0);
    EdgeRows rows = new EdgeRows();
    CompressionSampler recorder = compressions.isEmpty() ? null
        : CompressionSampler.recording(compressions);
    Worker w = new Worker(chunker, hasher, sampler, rows, recorder, bytes -> { }, () -> false);
    long a = trueAt;
    long b = in.start;
    try (Region region = Region.of(in.reader, chunker.maxChunkSize())) {
      while (a != b) {
        if (a < b) {
          a = w.reconcile(in, region, a, in.size, true);
        } else if (b < in.end) {
          b = w.reconcile(in, region, b, in.size, false);
        } else {
          break; // the own chain's chunks are all taken back; the true chain has passed them
        }
      }
    } finally {
      w.close();
    }
    return new EdgeWalk(new long[] {w.chunks, w.bytes, w.sampledChunks, w.sampledBytes,
        w.zeroChunks, w.zeroBytes}, w.zeroLengths, rows.k0(), rows.k1(), rows.lengths(), a == b, a,
        recorder == null ? null : recorder.snapshot());
  }

  /**
   * Refuses, before anything is read, a checkpoint that could not be resumed from: one over a
   * stream or buffer (it cannot be read again), or one that a resumed scan would read as an input.
   */
  private void checkCheckpointable(List<ScanSource> sources, InputCollector collected) {
    for (Input in : collected.inputs) {
      if (!(in instanceof FileInput)) {
        throw new IllegalArgumentException("checkpoints need inputs that can be read again: "
            + in.name + " is a stream (standard input, a pipe or a device) or a buffer; scan it"
            + " without --checkpoint, or save it to a file first");
      }
    }
    Path file = checkpoint.file();
    Path folder = file.toAbsolutePath().normalize().getParent();
    for (ScanSource s : sources) {
      if (s instanceof ScanSource.PathSource p && Files.isDirectory(p.path())) {
        Path root = p.path().toAbsolutePath().normalize();
        try {
          folder = folder.toRealPath();
          root = root.toRealPath();
        } catch (IOException e) {
          // compare the spellings then
        }
        if (folder.startsWith(root)) {
          throw new IllegalArgumentException("the checkpoint " + file + " is inside the scanned"
              + " folder " + p.path() + ": a resumed scan would read it as an input; put it"
              + " elsewhere");
        }
      }
    }
    if (collected.reaches(file)) {
      throw new IllegalArgumentException("the checkpoint " + file + " is one of the files the"
          + " scan reads; put it elsewhere");
    }
  }

  private void deleteCheckpoint() {
    try {
      Checkpoint.delete(checkpoint.file());
    } catch (IOException e) {
      listener.onSkipped(checkpoint.file().toString(), "the checkpoint of this completed scan"
          + " could not be deleted: " + InputCollector.describe(e));
    }
  }

  /** The largest window alignment used; fixed sizes whose multiple passes it get one window per input. */
  private static final long MAX_ALIGNMENT = 1L << 40;
  /** The largest read buffer sized to a multiple of the fixed sizes; past it the buffer compacts. */
  private static final long MAX_ALIGNED_BUFFER = 64L << 20;

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** One window of one input: the chunks that start in [start, end); {@code index} in plan order. */
  private record Item(int index, Input input, int window, long start, long end) {}

  /** One chunker's share of a scan: its counter, its workers (one per thread) and its chains. */
  private final class Lane {
    final Chunker chunker;
    final ChunkCounter counter;
    final CompressionSampler compression;
    final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();
    /**
     * Each pool thread's worker, through a slot that {@link #release} empties: a pool thread that
     * outlives the scan (one that ran out of memory while ending) keeps only the empty slot, not
     * the worker and the table and samples it reaches, so the heap they fill can be reclaimed.
     */
    final ThreadLocal<Worker[]> worker;
    final ConcurrentLinkedQueue<Worker[]> slots = new ConcurrentLinkedQueue<>();
    final Map<Input, WindowChain> chains = new ConcurrentHashMap<>();
    /** What the workers of the scans before a resume counted (see {@link #totals}). */
    final long[] carried = new long[6];
    final Worker.ZeroLengths carriedZeros = new Worker.ZeroLengths();
    CountState state;

    Lane(Chunker chunker, LongConsumer progress, long inputBytes, BooleanSupplier stopped) {
      this.chunker = chunker;
      this.counter = counting.create(hasher.fingerprintBits(), chunker.fixedChunkSize(), inputBytes);
      this.compression = compressions.isEmpty()
          ? null : new CompressionSampler(compressions, compressionSample,
              chunker.fixedChunkSize() > 0);
      this.worker = ThreadLocal.withInitial(() -> {
        Worker w = new Worker(chunker, hasher, sampler, counter, compression, progress,
            stopped);
        if (counting.attribute() != null) {
          w.attributing();
        }
        workers.add(w);
        Worker[] slot = {w};
        slots.add(slot);
        return slot;
      });
    }

    /** This thread's worker. */
    Worker worker() {
      return worker.get()[0];
    }

    /** Empties every thread's slot (the workers stay in {@link #workers} for the caller). */
    void release() {
      slots.forEach(s -> s[0] = null);
    }

    /**
     * The workers' chunks, bytes, sampled chunks and bytes, zero chunks and bytes, with what was
     * carried over from before a resume.
     */
    long[] totals() {
      long[] t = carried.clone();
      for (Worker w : workers) {
        t[0] += w.chunks;
        t[1] += w.bytes;
        t[2] += w.sampledChunks;
        t[3] += w.sampledBytes;
        t[4] += w.zeroChunks;
        t[5] += w.zeroBytes;
      }
      return t;
    }

    /** Occurrences of zero chunks by length, over the workers and what was carried over. */
    Map<Integer, Long> zeroLengths() {
      Map<Integer, Long> byLength = new java.util.TreeMap<>();
      List<Worker.ZeroLengths> all = new ArrayList<>();
      all.add(carriedZeros);
      workers.forEach(w -> all.add(w.zeroLengths));
      for (Worker.ZeroLengths z : all) {
        for (int i = 0; i < z.size; i++) {
          byLength.merge(z.lengths[i], z.counts[i], Long::sum);
        }
      }
      return byLength;
    }
  }

  /** State of one scan, shared by its threads. */
  private final class Run {
    final List<Input> inputs;
    /** The inputs' bytes in all, or -1 if one is a stream. */
    final long totalBytes;
    final List<Lane> lanes = new ArrayList<>();
    final Map<Input, String> problems = new ConcurrentHashMap<>();
    /** Streams stopped at --max-bytes (not failed: the caller asked for it). */
    final java.util.Set<Input> limited = ConcurrentHashMap.newKeySet();
    /** Streams read to their end or bound (a stopped scan lists the others as read in part). */
    final java.util.Set<Input> streamsRead = ConcurrentHashMap.newKeySet();
    final AtomicLong progress = new AtomicLong();
    /** Every fixed chunk size divides it: windows are multiples of it. */
    final long alignment;
    /** The largest maximum chunk of all lanes. */
    final int maxChunk;
    final boolean allFixed;
    final ThreadLocal<ByteBuffer> readBuffer;
    /** When this part of the scan started, and the time of the parts before a resume. */
    final long started;
    long carriedElapsed;
    /** The windows in plan order, and which are counted (a checkpoint records them). */
    List<Item> items;
    boolean[] done;
    /** Held by each window while it counts; a checkpoint takes the write lock (quiesced state). */
    final java.util.concurrent.locks.ReentrantReadWriteLock gate =
        new java.util.concurrent.locks.ReentrantReadWriteLock();
    volatile long lastCheckpoint;
    /** Set when a window failed: the state may hold part of it, so no checkpoint follows. */
    volatile boolean broken;
    long generation;

    Run(List<Input> inputs, long started) {
      this.inputs = inputs;
      this.started = started;
      this.lastCheckpoint = started;
      long align = 1;
      int max = 0;
      boolean fixedOnly = true;
      for (Chunker c : chunkers) {
        int fixed = c.fixedChunkSize();
        if (fixed > 0) {
          long part = align / gcd(align, fixed);
          // Co-prime sizes multiply: past MAX_ALIGNMENT each input is one window (never overflow).
          align = part > MAX_ALIGNMENT / fixed ? MAX_ALIGNMENT + 1 : part * fixed;
        } else {
          fixedOnly = false;
        }
        max = Math.max(max, c.maxChunkSize());
      }
      this.alignment = align;
      this.maxChunk = max;
      this.allFixed = fixedOnly;
      long total = 0;
      for (Input in : inputs) {
        total = in.bytesToRead() < 0 || total < 0 ? -1 : total + in.bytesToRead();
      }
      this.totalBytes = total;
      for (int l = 0; l < chunkers.size(); l++) {
        // Progress counts the bytes of the first chunker only: the others cut the same bytes.
        lanes.add(new Lane(chunkers.get(l), l == 0 ? this::advance : bytes -> { }, totalBytes,
            this::abandonWindow));
      }
      // Fixed chunks only: a multiple of every chunk size, so refills copy nothing. Otherwise
      // room for four of the largest chunk, so the slowest lane always makes progress.
      long capacity = fixedOnly && align <= MAX_ALIGNED_BUFFER
          ? Math.max(align, readBufferSize / align * align)
          : Math.max(readBufferSize, 4L * max);
      int size = (int) Math.min(capacity, Integer.MAX_VALUE - 8);
      checkReadBuffers(size, inputs);
      this.readBuffer = ThreadLocal.withInitial(() -> ByteBuffer.allocate(size));
    }

    /**
     * Refuses, before anything is read, read buffers that would take more than half the heap
     * (D10): a chunker with a 256 MiB largest chunk needs 1 GiB per thread, which a small heap
     * would otherwise meet as an out-of-memory error in the middle of the scan. Files under
     * {@link IoMode#MMAP} need no buffer.
     */
    private void checkReadBuffers(int size, List<Input> inputs) {
      boolean buffered = io == IoMode.READ || inputs.stream().anyMatch(in -> !(in instanceof FileInput));
      long need = (long) size * threads;
      long heap = Runtime.getRuntime().maxMemory();
      if (buffered && need > heap / 2) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "the read buffers would take %s (%d thread(s) x %s: four of the chunker's largest "
                + "chunk of %s, or its fixed sizes' common multiple), more than half the Java "
                + "heap of %s; use fewer --threads or a smaller chunk size, or give Java more "
                + "heap (java -Xmx...)", Sizes.format(need), threads, Sizes.format(size),
            Sizes.format(maxChunk), Sizes.format(heap)));
      }
    }

    private Worker[] workers() {
      Worker[] w = new Worker[lanes.size()];
      for (int l = 0; l < w.length; l++) {
        w[l] = lanes.get(l).worker();
      }
      return w;
    }

    /** Called by each thread's first-lane worker, about a mebibyte at a time. */
    void advance(long bytes) {
      listener.onProgress(progress.addAndGet(bytes));
      if (throttle != null) {
        throttle.acquire(bytes); // the next mebibyte waits for the schedule
      }
    }

    void execute() {
      items = plan();
      done = new boolean[items.size()];
      if (checkpoint != null && checkpoint.resume()) {
        restore();
      }
      listener.onStart(totalBytes, inputs.size());
      if (progress.get() > 0) {
        listener.onProgress(progress.get());
      }
      List<Map.Entry<Lane, Map.Entry<Input, WindowChain>>> edges = new ArrayList<>();
      // Any Error (out of memory above all) or a counter that cannot go on ends the whole scan:
      // no number rather than a wrong one, and never a wait that does not end.
      work = new ParallelWork(threads);
      try {
        work.forEach(items, checkpoint == null ? this::process : this::processAndCheckpoint);
        if (checkpoint != null && stopped && !failed() && !broken) {
          writeCheckpoint(); // before the partial report reconciles what was counted
        }
        for (Lane lane : lanes) {
          lane.chains.entrySet().forEach(e -> edges.add(Map.entry(lane, e)));
        }
        work.forEach(edges, e -> {
          Lane lane = e.getKey();
          WindowChain chain = e.getValue().getValue();
          long chainEnd = chain.reconcile(lane.chunker, lane.worker(), e.getValue().getKey(),
              this::problem, stopped);
          if (lane == lanes.get(0) && e.getValue().getKey() instanceof RangeInput r) {
            r.chainEnd = chainEnd;
          }
        });
      } finally {
        work.close();
        for (Lane lane : lanes) { // loops, not streams: the heap may be full here
          lane.release();
          if (work.failed() && lane.compression != null) {
            lane.compression.discard(); // no figures will be made: let the heap go now
          }
        }
        if (work.settled()) { // a worker abandoned after a fatal error may still use its codecs
          for (Lane lane : lanes) {
            lane.workers.forEach(Worker::close);
          }
        }
      }
      for (Lane lane : lanes) {
        lane.workers.forEach(Worker::flushProgress);
      }
      for (Input in : inputs) {
        if (stopped && in.size() != 0 && !readToEnd(in)) {
          problem(in, "not read to its end: the scan was stopped");
        } else if (in instanceof FileInput f) {
          checkUnchanged(f);
        }
      }
    }

    private List<Item> plan() {
      List<Item> items = new ArrayList<>();
      for (Input in : inputs) {
        long size = in.size();
        if (in instanceof RangeInput r) {
          planRange(items, r);
          continue;
        }
        if (size == 0) {
          continue;
        }
        if (size < 0) {
          items.add(new Item(items.size(), in, 0, 0, Long.MAX_VALUE)); // a stream: one chain
          continue;
        }
        // Windows are multiples of every fixed chunk size, so fixed chunks never cross them, and
        // at least one maximum chunk; content-defined chains are reconciled afterwards (see the
        // class comment).
        // One window too when a content-defined chunker attributes: its reconciliation takes
        // chunks back, and a table entry cannot take back a group (see Worker.attributing).
        if (alignment > MAX_ALIGNMENT || (counting.attribute() != null && !allFixed)) {
          items.add(new Item(items.size(), in, 0, 0, size));
          continue;
        }
        long window = windowFor();
        int count = (int) ((size + window - 1) / window);
        long[] starts = new long[count];
        for (int k = 0; k < count; k++) {
          starts[k] = k * window;
          items.add(new Item(items.size(), in, k, starts[k], Math.min(size, starts[k] + window)));
        }
        if (count > 1) {
          for (Lane lane : lanes) {
            if (lane.chunker.fixedChunkSize() == 0) {
              lane.chains.put(in, new WindowChain(starts, size));
            }
          }
        }
      }
      return items;
    }

    /** The window size used for an input: a multiple of every fixed size, at least a largest chunk. */
    private long windowFor() {
      long window = Math.max(windowSize, allFixed ? alignment : maxChunk);
      window = (window + alignment - 1) / alignment * alignment;
      if (allFixed) {
        window = Math.max(alignment, windowSize / alignment * alignment);
      }
      return window;
    }

    /**
     * The windows of a range: the whole file's windows (multiples of the window size) clipped to
     * [start, end), so that a range on window bounds is cut into the windows a scan of the whole
     * file makes there; the first window's own chain starts at the range's start.
     */
    private void planRange(List<Item> items, RangeInput r) {
      if (r.start == r.end) {
        return;
      }
      if (alignment > MAX_ALIGNMENT || (counting.attribute() != null && !allFixed)) {
        items.add(new Item(items.size(), r, 0, r.start, r.end));
        return;
      }
      long window = windowFor();
      List<Long> starts = new ArrayList<>();
      for (long s = r.start; s < r.end; s = (s / window + 1) * window) {
        starts.add(s);
      }
      long[] st = starts.stream().mapToLong(Long::longValue).toArray();
      for (int k = 0; k < st.length; k++) {
        items.add(new Item(items.size(), r, k, st[k], k + 1 < st.length ? st[k + 1] : r.end));
      }
      if (st.length > 1) {
        for (Lane lane : lanes) {
          if (lane.chunker.fixedChunkSize() == 0) {
            lane.chains.put(r, new WindowChain(st, r.end));
          }
        }
      }
    }

    /**
     * Counts a window under the gate's read lock, then writes a checkpoint if one is due. A window
     * done before the resume is skipped.
     */
    private void processAndCheckpoint(Item item) {
      if (done[item.index()]) {
        return;
      }
      gate.readLock().lock();
      try {
        done[item.index()] = process(item);
      } catch (Throwable t) {
        broken = true; // its window may be counted in part: no checkpoint may record that
        throw t;
      } finally {
        gate.readLock().unlock();
      }
      if (checkpointDue()) {
        gate.writeLock().lock(); // waits for the windows in flight; no new one starts
        try {
          if (checkpointDue()) {
            writeCheckpoint();
          }
        } finally {
          gate.writeLock().unlock();
        }
      }
    }

    private boolean checkpointDue() {
      return !broken && !stopping()
          && System.nanoTime() - lastCheckpoint >= checkpoint.intervalNanos();
    }

    /** Returns whether the window was counted to its end (or its input's problem recorded). */
    private boolean process(Item item) {
      if (stopping()) {
        return false; // not started: the report says what was not read
      }
      boolean counted = true;
      Worker[] w = workers();
      Input in = item.input();
      long before = w[0].bytes;
      long[] next = null;
      try {
        if (in instanceof FileInput f) {
          next = processFile(w, f, item);
        } else if (in instanceof BufferInput b) {
          begin(w); // the caller's buffer may be mapped memory: see Worker.begin()
          try {
            next = processView(w, in, b.data, 0, item.start(), item.end());
            commit(w);
          } catch (InternalError e) {
            rollback(w);
            throw e;
          }
        } else if (in instanceof RangeInput r) {
          next = processRange(w, r, item);
        } else if (in instanceof PathStreamInput p) {
          try (FileChannel ch = FileChannel.open(p.path, StandardOpenOption.READ)) {
            stream(w, in, ch);
          }
        } else if (in instanceof StreamInput s) {
          stream(w, in, Channels.newChannel(s.in));
        }
      } catch (Worker.ScanStopped e) {
        if (failed() || !stopped) {
          throw e;
        }
        counted = false;
        // The caller's stop: a window of a file or buffer is taken back whole, so that a partial
        // report counts whole windows only; a stream (one chain, front to back) keeps what it cut.
        if (in instanceof FileInput || in instanceof BufferInput || in instanceof RangeInput) {
          rollback(w);
        } else {
          commit(w);
        }
      } catch (CountingFailedException e) {
        throw e; // not the input's fault: the whole scan stops (ParallelWork)
      } catch (IOException e) {
        problem(in, "read error: " + InputCollector.describe(e));
      } catch (InternalError e) {
        // Mapped memory that faulted (a caller's mapped buffer whose file shrank): the bus error
        // becomes an InternalError.
        problem(in, "failed: its memory could not be read (a mapped file that shrank?)");
      } catch (RuntimeException e) {
        problem(in, "failed: " + InputCollector.describe(e));
      } finally {
        in.counted.addAndGet(w[0].bytes - before);
      }
      if (next != null && in instanceof RangeInput r && item.end() == r.end
          && lanes.get(0).chains.get(in) == null) {
        r.chainEnd = next[0]; // one window: its own chain is the range's
      }
      for (int l = 0; next != null && l < lanes.size(); l++) {
        WindowChain chain = lanes.get(l).chains.get(in);
        if (chain != null && next[l] >= item.end()) {
          chain.ends[item.window()] = next[l];
          chain.done[item.window()] = true;
        }
      }
      return counted;
    }

    /**
     * Writes a checkpoint of the quiesced scan (no window counts meanwhile).
     *
     * @throws CountingFailedException if it cannot be written: the scan stops rather than go on
     *     unprotected; the previous checkpoint stays as it was
     */
    private void writeCheckpoint() {
      Path file = checkpoint.file();
      try {
        Checkpoint.write(file, ++generation, new Checkpoint.Header(settings,
            counting.mode().name(), checkpoint.plan()), this::writeState);
      } catch (IOException e) {
        throw new CountingFailedException("writing the checkpoint " + file + " failed: "
            + InputCollector.describe(e) + "; the scan stopped (the previous checkpoint, if any,"
            + " is as it was)", e);
      }
      lastCheckpoint = System.nanoTime();
    }

    /** The body of a checkpoint: see docs/checkpoint.md for what each part is for. */
    private void writeState(java.io.DataOutputStream out, Path runs) throws IOException {
      out.writeLong(carriedElapsed + System.nanoTime() - started);
      out.writeInt(inputs.size());
      for (Input in : inputs) {
        FileInput f = (FileInput) in;
        out.writeUTF(f.path.toString());
        out.writeLong(f.size);
        out.writeLong(f.modified.to(java.util.concurrent.TimeUnit.NANOSECONDS));
        out.writeUTF(f.fileKey == null ? "" : f.fileKey.toString());
        out.writeLong(in.counted.get());
        out.writeUTF(problems.getOrDefault(in, ""));
      }
      out.writeInt(done.length);
      for (boolean d : done) {
        out.writeBoolean(d);
      }
      out.writeInt(lanes.size());
      for (Lane lane : lanes) {
        for (long v : lane.totals()) {
          out.writeLong(v);
        }
        Map<Integer, Long> zeros = lane.zeroLengths();
        out.writeInt(zeros.size());
        for (Map.Entry<Integer, Long> e : zeros.entrySet()) {
          out.writeInt(e.getKey());
          out.writeLong(e.getValue());
        }
        out.writeInt(lane.chains.size());
        for (int i = 0; i < inputs.size(); i++) {
          WindowChain chain = lane.chains.get(inputs.get(i));
          if (chain != null) {
            out.writeInt(i);
            out.writeInt(chain.ends.length);
            for (int k = 0; k < chain.ends.length; k++) {
              out.writeLong(chain.ends[k]);
              out.writeBoolean(chain.done[k]);
            }
          }
        }
        lane.counter.writeState(out, runs);
        out.writeBoolean(lane.compression != null);
        if (lane.compression != null) {
          lane.compression.writeState(out);
        }
      }
    }

    /**
     * Restores a checkpoint into this new run, after the plan: the inputs must be the ones it
     * recorded, unchanged.
     *
     * @throws IllegalArgumentException if an input changed, or the checkpoint cannot be read
     */
    private void restore() {
      Path file = checkpoint.file();
      try {
        generation = Checkpoint.read(file, settings, this::readState);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot resume from " + file + ": " + e.getMessage(), e);
      }
    }

    private void readState(java.io.DataInputStream in, Path runs) throws IOException {
      carriedElapsed = in.readLong();
      int n = in.readInt();
      if (n != inputs.size()) {
        throw new IOException("it holds " + n + " input files, and the scan now names "
            + inputs.size() + ": resume with the same paths");
      }
      List<String> changed = new ArrayList<>();
      for (Input input : inputs) {
        FileInput f = (FileInput) input;
        String path = in.readUTF();
        long size = in.readLong();
        long modified = in.readLong();
        String key = in.readUTF();
        long counted = in.readLong();
        String problem = in.readUTF();
        if (!path.equals(f.path.toString())) {
          changed.add(f.path + " where the checkpoint has " + path);
        } else if (size != f.size) {
          changed.add(path + " (size " + size + " -> " + f.size + " bytes)");
        } else if (modified != f.modified.to(java.util.concurrent.TimeUnit.NANOSECONDS)) {
          changed.add(path + " (modified)");
        } else if (!key.equals(f.fileKey == null ? "" : f.fileKey.toString())) {
          changed.add(path + " (another file now: file key " + f.fileKey + " instead of " + key
              + ")");
        }
        if (counted < 0) { // may pass the size: content-defined windows overlap until reconciled
          throw new IOException("it counts " + counted + " bytes of " + path);
        }
        input.counted.set(counted);
        if (!problem.isEmpty()) {
          problem(input, problem);
        }
      }
      if (!changed.isEmpty()) {
        throw new IOException("the inputs changed since the checkpoint: "
            + String.join("; ", changed.subList(0, Math.min(5, changed.size())))
            + (changed.size() > 5 ? "; and " + (changed.size() - 5) + " more" : "")
            + "; resuming would mix old and new data: start the scan again without --resume");
      }
      int windows = in.readInt();
      if (windows != done.length) {
        throw new IOException("it holds " + windows + " windows where this scan plans "
            + done.length + " (another --window?)");
      }
      for (int i = 0; i < windows; i++) {
        done[i] = in.readBoolean();
      }
      int laneCount = in.readInt();
      if (laneCount != lanes.size()) {
        throw new IOException("it holds " + laneCount + " chunkers' counts, not " + lanes.size());
      }
      for (Lane lane : lanes) {
        for (int i = 0; i < lane.carried.length; i++) {
          lane.carried[i] = in.readLong();
        }
        int zeros = in.readInt();
        for (int i = 0; i < zeros; i++) {
          lane.carriedZeros.add(in.readInt(), in.readLong());
        }
        int chains = in.readInt();
        if (chains != lane.chains.size()) {
          throw new IOException("it holds " + chains + " window chains, not " + lane.chains.size());
        }
        for (int c = 0; c < chains; c++) {
          int index = in.readInt();
          WindowChain chain = index >= 0 && index < inputs.size()
              ? lane.chains.get(inputs.get(index)) : null;
          int count = in.readInt();
          if (chain == null || count != chain.ends.length) {
            throw new IOException("a window chain that this scan does not plan");
          }
          for (int k = 0; k < count; k++) {
            chain.ends[k] = in.readLong();
            chain.done[k] = in.readBoolean();
          }
        }
        lane.counter.restoreState(in, runs);
        boolean compressed = in.readBoolean();
        if (compressed != (lane.compression != null)) {
          throw new IOException("its compression sample does not match the scan's --compress");
        }
        if (lane.compression != null) {
          lane.compression.restoreState(in);
        }
      }
      progress.set(lanes.get(0).carried[1]);
    }

    private String limitedReason() {
      return "stopped at the bound of " + Sizes.format(limits.maxStreamBytes()) + " (--max-bytes)";
    }

    /** Whether an input was read to its end (or, a stream, to its bound). */
    private boolean readToEnd(Input in) {
      if (in.size() < 0) {
        return streamsRead.contains(in);
      }
      WindowChain chain = lanes.get(0).chains.get(in);
      return chain != null ? chain.allDone() : in.counted.get() == in.bytesToRead();
    }

    /**
     * Reads a stream to its end, or to the bound; one that reached the bound is listed as limited.
     * Whether it had more is not asked: a read past the bound could wait for ever on a pipe whose
     * writer is idle.
     */
    private void stream(Worker[] w, Input in, ReadableByteChannel ch) throws IOException {
      long bound = limits.maxStreamBytes();
      long[] next = ReadLoop.run(w, readBuffer.get(), in, (position, dst) -> ch.read(dst), 0,
          bound, bound);
      if (bound < Long.MAX_VALUE && next[0] >= bound) {
        limited.add(in);
        listener.onSkipped(in.name, limitedReason());
      }
      streamsRead.add(in);
    }

    private void begin(Worker[] w) {
      for (Worker x : w) {
        x.begin();
      }
    }

    private void commit(Worker[] w) {
      for (Worker x : w) {
        x.commit();
      }
    }

    private void rollback(Worker[] w) {
      for (Worker x : w) {
        x.rollback();
      }
    }

    /** The scan's parallel work while it runs: workers stop early once it has failed. */
    volatile ParallelWork work;
    /** Set once the caller's stop was seen: the scan ends early with a partial report. */
    volatile boolean stopped;

    boolean failed() {
      ParallelWork p = work;
      return p != null && p.failed();
    }

    /**
     * Whether a worker must leave its window now: the scan failed, or the caller stopped it and
     * there are no checkpoints. With checkpoints the windows in flight finish (at most one window
     * per thread) rather than be taken back: a take-back would stay in the sample's state (its
     * headroom rule) and make the resumed report differ from the uninterrupted one.
     */
    boolean abandonWindow() {
      boolean stop = stopping();
      return checkpoint == null ? stop : failed();
    }

    /** Whether workers must stop: the scan failed, or the caller asked to stop. */
    boolean stopping() {
      if (!stopped && limits.stopWhen().getAsBoolean()) {
        stopped = true;
      }
      return stopped || failed();
    }

    /** Returns where each lane's next chunk starts, or null if the file changed. */
    private long[] processFile(Worker[] w, FileInput f, Item item) throws IOException {
      try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
        // The path read after the channel was opened: if it names the planned file, so does the
        // channel (else two renames raced the open), and every window is checked.
        String replaced = f.replacedBy(Files.readAttributes(f.path, BasicFileAttributes.class));
        if (replaced != null) {
          problem(f, replaced);
          return null;
        }
        // Read no further than the end of the last chunk that can start in this window.
        long readEnd = allFixed ? item.end() : Math.min(f.size, item.end() - 1 + maxChunk);
        // A window too long for one mapping (one window per input, see MAX_ALIGNMENT) is read, and
        // so is a file whose file system cannot map it.
        if (io == IoMode.MMAP && readEnd - item.start() <= Integer.MAX_VALUE - 8) {
          try {
            return mapped(w, f, ch, item.start(), item.end(), readEnd);
          } catch (MappingFailed e) {
            // nothing was counted from this window: read it instead
          }
        }
        begin(w); // a stop takes the window back whole (see process)
        long[] next = ReadLoop.run(w, readBuffer.get(), f, (position, dst) -> ch.read(dst,
            position), item.start(), item.end(), readEnd);
        commit(w);
        for (long n : next) {
          if (n < item.end()) {
            problem(f, "changed during scan: the file ended at " + n + " of " + f.size + " bytes");
            return null;
          }
        }
        return next;
      }
    }

    /** Reads a window of a range through its reader; null if the file ended early. */
    private long[] processRange(Worker[] w, RangeInput r, Item item) throws IOException {
      long readEnd = allFixed ? item.end() : Math.min(r.size, item.end() - 1 + maxChunk);
      begin(w); // a stop takes the window back whole (see process)
      long[] next = ReadLoop.run(w, readBuffer.get(), r, r.reader, item.start(), item.end(),
          readEnd);
      commit(w);
      for (long n : next) {
        if (n < item.end()) {
          problem(r, "changed during scan: the file ended at " + n + " of " + r.size + " bytes");
          return null;
        }
      }
      return next;
    }

    /** A mapping that could not be made (before anything of the window was counted). */
    private static final class MappingFailed extends Exception {
      private static final long serialVersionUID = 1L;

      MappingFailed(IOException cause) {
        super(cause);
      }
    }

    private MappedWindows.Window map(FileChannel ch, long pos, long size) throws MappingFailed {
      try {
        return MappedWindows.map(release, ch, pos, size);
      } catch (IOException e) {
        throw new MappingFailed(e);
      }
    }

    /**
     * Chunks [pos, windowEnd) through a mapping of [pos, mapEnd). If the file shrinks while mapped
     * the window is taken back and only the bytes still in the file are counted.
     *
     * @return where each lane's next chunk starts, or null if the file shrank
     */
    private long[] mapped(Worker[] w, FileInput f, FileChannel ch, long pos, long windowEnd,
        long mapEnd) throws IOException, MappingFailed {
      for (int attempt = 0; ; attempt++) {
        long now = ch.size();
        if (now >= mapEnd) {
          try (MappedWindows.Window m = map(ch, pos, mapEnd - pos)) {
            begin(w);
            try {
              long[] next = processView(w, f, m.view(), pos, pos, windowEnd);
              commit(w);
              return next;
            } catch (InternalError e) {
              rollback(w);
              if (attempt < 2) {
                continue; // look at the size again and count what is left
              }
              problem(f, "changed during scan: the file kept shrinking while mapped");
              return null;
            }
          }
        }
        // Mapping past the end fails; count what is left, then report the change.
        if (now > pos) {
          try (MappedWindows.Window m = map(ch, pos, now - pos)) {
            begin(w);
            try {
              processView(w, f, m.view(), pos, pos, now);
              commit(w);
            } catch (InternalError e) {
              rollback(w);
            }
          }
        }
        problem(f, "changed during scan: the file shrank to " + ch.size() + " of " + f.size
            + " bytes while it was read");
        return null;
      }
    }

    private long[] processView(Worker[] w, Input in, ByteBuffer view, long base, long start,
        long end) {
      long[] next = new long[w.length];
      for (int l = 0; l < w.length; l++) {
        next[l] = w[l].chunkView(in, view, base, start, end);
      }
      return next;
    }

    private void checkUnchanged(FileInput f) {
      try {
        BasicFileAttributes now = Files.readAttributes(f.path, BasicFileAttributes.class);
        String replaced = f.replacedBy(now);
        if (replaced != null) {
          problem(f, replaced);
        } else if (now.size() != f.size || !now.lastModifiedTime().equals(f.modified)) {
          problem(f, String.format(Locale.ROOT,
              "changed during scan (size %d -> %d bytes%s)", f.size, now.size(),
              now.lastModifiedTime().equals(f.modified) ? "" : ", modified"));
        }
      } catch (IOException e) {
        problem(f, "changed during scan: " + InputCollector.describe(e));
      }
    }

    private void problem(Input in, String reason) {
      String previous = problems.putIfAbsent(in, reason);
      if (previous == null) {
        listener.onSkipped(in.name, reason);
      }
    }

    List<Skipped> problems() {
      List<Skipped> out = new ArrayList<>();
      problems.forEach((in, reason) -> out.add(new Skipped(in.name,
          reason + "; " + in.counted.get() + " bytes read before that are counted")));
      limited.forEach(in -> out.add(new Skipped(in.name, limitedReason(), Skipped.Kind.LIMITED)));
      return out;
    }

    ReportTotals totals(Lane lane, long elapsedNanos, List<Skipped> skipped) {
      Chunker chunker = lane.chunker;
      ChunkCounter counter = lane.counter;
      CompressionSampler compression = lane.compression;
      long[] t = lane.totals();
      long chunks = t[0];
      long bytes = t[1];
      long sampledChunks = t[2];
      long sampledBytes = t[3];
      long zeroChunks = t[4];
      long zeroBytes = t[5];
      long files = inputs.stream()
          .filter(in -> !(problems.containsKey(in) && in.counted.get() == 0 && in.size() != 0))
          .filter(in -> !(in instanceof RangeInput r && r.start > 0)) // a file counts once
          .count();
      ReportTotals report = new ReportTotals();
      report.chunker = chunker.spec();
      report.hasher = hasher.spec();
      report.threads = threads;
      report.io = io.name().toLowerCase(Locale.ROOT);
      report.partial = stopped;
      report.files = files;
      report.bytes = bytes;
      report.chunks = chunks;
      report.sampledChunks = sampledChunks;
      report.sampledBytes = sampledBytes;
      report.zeroChunks = zeroChunks;
      report.zeroBytes = zeroBytes;
      report.elapsedNanos = elapsedNanos;
      report.samplePercent = samplePercent;
      report.sampleSeed = sampleSeed;
      report.skipped = skipped;
      CountState state = counter.finish(counting.keepEntries());
      lane.state = state;
      Reporting.fill(report, state, bytes, chunks, sampledChunks, sampledBytes, samplePercent,
          counting.plan());
      // Zero chunks stay unique per length while any occurrence of that length is counted.
      Map<Integer, Long> zeroByLength = lane.zeroLengths();
      long uniqueZeroChunks = 0;
      for (Map.Entry<Integer, Long> e : zeroByLength.entrySet()) {
        if (e.getValue() > 0) {
          uniqueZeroChunks++;
          report.zeroLengths.put(e.getKey(), e.getValue());
        }
      }
      report.uniqueZeroBytes = ReportTotals.uniqueZeroBytes(zeroByLength);
      if (compression != null) {
        report.compression = compression.finish(report.uniqueChunks - uniqueZeroChunks,
            uniqueZeroChunks, compressionSample.confidence());
      }
      return report;
    }
  }

}
