package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupReport.Skipped;
import org.dedup4j.IoMode;
import org.dedup4j.ScanListener;
import org.dedup4j.ScanSource;
import org.dedup4j.internal.engine.Input.BufferInput;
import org.dedup4j.internal.engine.Input.FileInput;
import org.dedup4j.internal.engine.Input.PathStreamInput;
import org.dedup4j.internal.engine.Input.StreamInput;
import org.dedup4j.internal.count.ChunkCounter;
import org.dedup4j.internal.count.CountState;
import org.dedup4j.internal.count.CounterSpec;
import org.dedup4j.internal.count.CountingFailedException;
import org.dedup4j.internal.count.Reporting;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;

/**
 * Runs one scan: collects inputs, splits them into windows, chunks, fingerprints and counts the
 * windows on a pool of the chosen parallelism, and assembles the report.
 *
 * <h2>Windows and the chain of cuts</h2>
 *
 * Fixed-size chunking splits files into windows aligned to the chunk size, so windows are
 * independent. Content-defined chunking cannot know where the sequential chain of cuts enters a
 * window, so each window is first chunked as if a chunk started at its first byte (its own chain),
 * counting the chunks that start inside it. Then, per input and in order, the window edges are
 * reconciled: from where the true chain's last chunk before the edge ends, the true chain is cut
 * forward while the window's own chain is walked in step, until both cut at the same offset; the
 * true chain's chunks up to there are added, the window's own chunks before it are taken back.
 * After the meeting point both chains are the same (a cut depends only on the bytes since the
 * chunk's start), so the window's counts stand. Typically they meet within a chunk or two; on data
 * where they never meet (long runs of zeros at offsets that are not a multiple of the maximum chunk)
 * the true chain is cut through the whole window, which costs time but never correctness. Streams
 * are read as one chain.
 */
public final class ScanEngine {

  private final Chunker chunker;
  private final Hasher hasher;
  private final int threads;
  private final IoMode io;
  private final long windowSize;
  private final int readBufferSize;
  private final Sampler sampler;
  private final double samplePercent;
  private final long sampleSeed;
  private final boolean followLinks;
  private final ScanListener listener;
  private final List<Compression> compressions;
  private final CompressionSample compressionSample;
  private CounterSpec counting = CounterSpec.exactInMemory();

  /** Settings for one scan; see {@code DedupScanner.Builder} for their meaning. */
  public ScanEngine(
      Chunker chunker,
      Hasher hasher,
      int threads,
      IoMode io,
      long windowSize,
      int readBufferSize,
      double samplePercent,
      long sampleSeed,
      boolean followLinks,
      ScanListener listener,
      List<Compression> compressions,
      CompressionSample compressionSample) {
    this.chunker = chunker;
    this.hasher = hasher;
    this.threads = threads;
    this.io = io;
    this.windowSize = windowSize;
    this.readBufferSize = readBufferSize;
    this.samplePercent = samplePercent;
    this.sampleSeed = sampleSeed;
    this.sampler = samplePercent < 100 ? new Sampler(samplePercent, sampleSeed) : null;
    this.followLinks = followLinks;
    this.listener = listener;
    this.compressions = compressions;
    this.compressionSample = compressionSample;
  }

  /**
   * How to count (default: exact, in memory).
   *
   * @param spec the counting mode and its budgets
   * @return this engine
   */
  public ScanEngine counting(CounterSpec spec) {
    this.counting = spec;
    return this;
  }

  /** Scans the sources and reports. Never throws for bad input: problems land in the report. */
  public DedupReport scan(List<ScanSource> sources) {
    return scanWithState(sources).report();
  }

  /** A report with the counter's state, for summaries. */
  public record Result(DedupReport report, CountState state) {}

  /**
   * Scans and keeps what was counted.
   *
   * @throws CountingFailedException if the counter could not go on (a failed spill); its temp
   *     files are removed
   */
  public Result scanWithState(List<ScanSource> sources) {
    long started = System.nanoTime();
    InputCollector collected = InputCollector.collect(sources, followLinks);
    Run run = new Run(collected.inputs);
    try {
      for (Skipped s : collected.skipped) {
        listener.onSkipped(s.path(), s.reason());
      }
      run.execute();
      List<Skipped> skipped = new ArrayList<>(collected.skipped);
      skipped.addAll(run.problems());
      skipped.sort(Comparator.comparing(Skipped::path));
      DedupReport report = run.report(System.nanoTime() - started, skipped);
      return new Result(report, run.state);
    } finally {
      run.counter.close(); // spill files go on success and failure alike
    }
  }

  /**
   * Bytes the sources hold, or -1 when one is a stream (for the auto mode's forecast).
   *
   * @param sources the sources
   * @param followLinks whether links in directories are followed
   * @return the total size
   */
  public static long totalSize(List<ScanSource> sources, boolean followLinks) {
    long total = 0;
    for (Input in : InputCollector.collect(sources, followLinks).inputs) {
      if (in.size() < 0) {
        return -1;
      }
      total += in.size();
    }
    return total;
  }

  /** One window of one input: the chunks that start in [start, end). */
  private record Item(Input input, int window, long start, long end) {}

  /** The windows of one input under content-defined chunking, for the reconciliation. */
  private static final class Chain {
    final long[] starts;
    final long[] ends; // where each window's own chain's next chunk starts after its last counted one
    final boolean[] done;

    Chain(long[] starts) {
      this.starts = starts;
      this.ends = new long[starts.length];
      this.done = new boolean[starts.length];
    }
  }

  /** State of one scan, shared by its threads. */
  private final class Run {
    final List<Input> inputs;
    final ChunkCounter counter;
    final CompressionSampler compression;
    final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();
    final ThreadLocal<Worker> worker;
    final Map<Input, String> problems = new ConcurrentHashMap<>();
    final Map<Input, Chain> chains = new ConcurrentHashMap<>();
    final AtomicLong progress = new AtomicLong();
    CountState state;

    Run(List<Input> inputs) {
      this.inputs = inputs;
      this.counter = counting.create(hasher.fingerprintBits(), chunker.fixedChunkSize());
      this.compression = compressions.isEmpty()
          ? null : new CompressionSampler(compressions, compressionSample,
              chunker.fixedChunkSize() > 0);
      this.worker =
          ThreadLocal.withInitial(
              () -> {
                Worker w = new Worker(chunker, hasher, sampler, counter, compression,
                    readBufferSize, this::advance);
                workers.add(w);
                return w;
              });
    }

    void advance(long bytes) {
      listener.onProgress(progress.addAndGet(bytes));
    }

    void execute() {
      List<Item> items = plan();
      long total = 0;
      for (Input in : inputs) {
        total = in.size() < 0 || total < 0 ? -1 : total + in.size();
      }
      listener.onStart(total, inputs.size());
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        pool.submit(() -> items.parallelStream().forEach(this::process)).get();
        pool.submit(() -> chains.entrySet().parallelStream().forEach(this::reconcile)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("scan interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof CountingFailedException f) {
          throw f; // the counter cannot go on: no number rather than a wrong one
        }
        // process() and reconcile() record every failure per input; reaching here is a bug.
        throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdown();
        for (Worker w : workers) {
          w.close();
        }
      }
      for (Worker w : workers) {
        w.flushProgress();
      }
      for (Input in : inputs) {
        if (in instanceof FileInput f) {
          checkUnchanged(f);
        }
      }
    }

    private List<Item> plan() {
      List<Item> items = new ArrayList<>();
      int fixed = chunker.fixedChunkSize();
      for (Input in : inputs) {
        long size = in.size();
        if (size == 0) {
          continue;
        }
        if (size < 0) {
          items.add(new Item(in, 0, 0, Long.MAX_VALUE)); // a stream: one chain front to back
          continue;
        }
        // Fixed chunks: windows aligned to the chunk size. Content-defined: windows of at least one
        // maximum chunk, reconciled afterwards (see the class comment).
        long window = fixed > 0
            ? Math.max(fixed, windowSize / fixed * fixed)
            : Math.max(windowSize, chunker.maxChunkSize());
        int count = (int) ((size + window - 1) / window);
        long[] starts = new long[count];
        for (int k = 0; k < count; k++) {
          starts[k] = k * window;
          items.add(new Item(in, k, starts[k], Math.min(size, starts[k] + window)));
        }
        if (fixed == 0 && count > 1) {
          chains.put(in, new Chain(starts));
        }
      }
      return items;
    }

    private void process(Item item) {
      Worker w = worker.get();
      Input in = item.input();
      long before = w.bytes;
      long next = -1;
      try {
        if (in instanceof FileInput f) {
          next = processFile(w, f, item);
        } else if (in instanceof BufferInput b) {
          w.begin(); // the caller's buffer may be mapped memory: see Worker.begin()
          try {
            next = processView(w, in, b.data, 0, item.start(), item.end());
            w.commit();
          } catch (InternalError e) {
            w.rollback();
            throw e;
          }
        } else if (in instanceof PathStreamInput p) {
          try (FileChannel ch = FileChannel.open(p.path, StandardOpenOption.READ)) {
            w.chunkRead(in, ch, false, 0, Long.MAX_VALUE, Long.MAX_VALUE);
          }
        } else if (in instanceof StreamInput s) {
          w.chunkRead(in, Channels.newChannel(s.in), false, 0, Long.MAX_VALUE, Long.MAX_VALUE);
        }
      } catch (CountingFailedException e) {
        throw e; // not the input's fault: the whole scan stops
      } catch (IOException e) {
        problem(in, "read error: " + InputCollector.describe(e), w.bytes - before);
      } catch (InternalError e) {
        // Mapped memory that faulted (a caller's mapped buffer whose file shrank): the bus error
        // becomes an InternalError.
        problem(in, "failed: its memory could not be read (a mapped file that shrank?)", 0);
      } catch (RuntimeException e) {
        problem(in, "failed: " + InputCollector.describe(e), w.bytes - before);
      } finally {
        in.counted.addAndGet(w.bytes - before);
      }
      Chain chain = chains.get(in);
      if (chain != null && next >= item.end()) {
        chain.ends[item.window()] = next;
        chain.done[item.window()] = true;
      }
    }

    /**
     * Re-synchronises the windows of one input with its true chain of cuts; see the class comment.
     */
    private void reconcile(Map.Entry<Input, Chain> entry) {
      Input in = entry.getKey();
      Chain chain = entry.getValue();
      for (boolean d : chain.done) {
        if (!d) {
          problem(in, "window edges not reconciled because a window failed, so chunks near them may"
              + " be counted twice", 0);
          return;
        }
      }
      Worker w = worker.get();
      long size = in.size();
      try (Region region = in instanceof FileInput f
          ? Region.of(FileChannel.open(f.path, StandardOpenOption.READ), chunker.maxChunkSize())
          : Region.of(((BufferInput) in).data)) {
        long t = chain.ends[0]; // the true chain's next chunk start; window 0's chain is the true one
        for (int k = 1; k < chain.starts.length; k++) {
          long next = k + 1 < chain.starts.length ? chain.starts[k + 1] : size;
          long a = t;                // true chain
          long b = chain.starts[k];  // the window's own chain
          while (a != b) {
            if (a < b) {
              if (a >= next) {
                break;
              }
              a = w.reconcile(in, region, a, size, true);
            } else {
              if (b >= next) {
                break;
              }
              b = w.reconcile(in, region, b, size, false);
            }
          }
          // Met inside the window: its own chain's counts stand from there. Otherwise every chunk
          // of its own chain is taken back and the true chain has been cut past the window.
          t = a == b && a < next ? chain.ends[k] : a;
        }
      } catch (IOException e) {
        problem(in, "window edges not reconciled: " + InputCollector.describe(e)
            + "; chunks near them may be counted twice", 0);
      }
    }

    /** Returns where the next chunk starts, or -1 if the file changed. */
    private long processFile(Worker w, FileInput f, Item item) throws IOException {
      try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
        int fixed = chunker.fixedChunkSize();
        if (io == IoMode.READ) {
          long limit = fixed > 0 ? item.end() : Math.min(f.size, item.end() - 1 + chunker.maxChunkSize());
          long next = w.chunkRead(f, ch, true, item.start(), item.end(), limit);
          if (next < item.end()) {
            problem(f, "changed during scan: the file ended at " + next + " of " + f.size + " bytes", 0);
            return -1;
          }
          return next;
        }
        // Memory-mapped windows; a content-defined chain continues from window to window.
        long window = Math.max(windowSize, chunker.maxChunkSize());
        long pos = item.start();
        while (pos < item.end()) {
          long windowEnd = Math.min(item.end(), pos + window);
          long mapEnd = fixed > 0 ? windowEnd : Math.min(f.size, windowEnd - 1 + chunker.maxChunkSize());
          long next = mapped(w, f, ch, pos, windowEnd, mapEnd);
          if (next < 0) {
            return -1; // the file shrank; reported
          }
          pos = next;
        }
        return pos;
      }
    }

    /**
     * Chunks [pos, windowEnd) through a mapping of [pos, mapEnd). If the file shrinks while mapped
     * the window is taken back and only the bytes still in the file are counted.
     *
     * @return where the next chunk starts, or -1 if the file shrank
     */
    private long mapped(Worker w, FileInput f, FileChannel ch, long pos, long windowEnd, long mapEnd)
        throws IOException {
      for (int attempt = 0; ; attempt++) {
        long now = ch.size();
        if (now >= mapEnd) {
          w.begin();
          try {
            long next = processView(w, f, ch.map(FileChannel.MapMode.READ_ONLY, pos, mapEnd - pos),
                pos, pos, windowEnd);
            w.commit();
            return next;
          } catch (InternalError e) {
            w.rollback();
            if (attempt < 2) {
              continue; // look at the size again and count what is left
            }
            problem(f, "changed during scan: the file kept shrinking while mapped", 0);
            return -1;
          }
        }
        // Mapping past the end fails; count what is left, then report the change.
        if (now > pos) {
          w.begin();
          try {
            processView(w, f, ch.map(FileChannel.MapMode.READ_ONLY, pos, now - pos), pos, pos, now);
            w.commit();
          } catch (InternalError e) {
            w.rollback();
          }
        }
        problem(f, "changed during scan: the file shrank to " + ch.size() + " of " + f.size
            + " bytes while it was read", 0);
        return -1;
      }
    }

    private long processView(Worker w, Input in, ByteBuffer view, long base, long start, long end) {
      return w.chunkView(in, view, base, start, end);
    }

    private void checkUnchanged(FileInput f) {
      try {
        BasicFileAttributes now = Files.readAttributes(f.path, BasicFileAttributes.class);
        if (now.size() != f.size || !now.lastModifiedTime().equals(f.modified)) {
          problem(f, String.format(Locale.ROOT,
              "changed during scan (size %d -> %d bytes%s)", f.size, now.size(),
              now.lastModifiedTime().equals(f.modified) ? "" : ", modified"), 0);
        }
      } catch (IOException e) {
        problem(f, "changed during scan: " + InputCollector.describe(e), 0);
      }
    }

    private void problem(Input in, String reason, long countedBeforeFailure) {
      String previous = problems.putIfAbsent(in, reason);
      if (previous == null) {
        listener.onSkipped(in.name, reason);
      }
    }

    List<Skipped> problems() {
      List<Skipped> out = new ArrayList<>();
      problems.forEach((in, reason) -> out.add(new Skipped(in.name,
          reason + "; " + in.counted.get() + " bytes read before that are counted")));
      return out;
    }

    DedupReport report(long elapsedNanos, List<Skipped> skipped) {
      long chunks = 0;
      long bytes = 0;
      long sampledChunks = 0;
      long sampledBytes = 0;
      long zeroChunks = 0;
      long zeroBytes = 0;
      for (Worker w : workers) {
        chunks += w.chunks;
        bytes += w.bytes;
        sampledChunks += w.sampledChunks;
        sampledBytes += w.sampledBytes;
        zeroChunks += w.zeroChunks;
        zeroBytes += w.zeroBytes;
      }
      long files = inputs.stream()
          .filter(in -> !(problems.containsKey(in) && in.counted.get() == 0 && in.size() != 0))
          .count();
      DedupReport.Builder report = DedupReport.builder()
          .chunker(chunker.spec())
          .hasher(hasher.spec())
          .threads(threads)
          .io(io.name().toLowerCase(Locale.ROOT))
          .files(files)
          .bytes(bytes)
          .chunks(chunks)
          .sampledChunks(sampledChunks)
          .sampledBytes(sampledBytes)
          .zeroChunks(zeroChunks)
          .zeroBytes(zeroBytes)
          .elapsedNanos(elapsedNanos)
          .sample(samplePercent, sampleSeed)
          .skipped(skipped);
      state = counter.finish(counting.keepEntries());
      Reporting.fill(report, state, bytes, chunks, sampledChunks, sampledBytes, samplePercent,
          counting.plan());
      if (compression == null) {
        return report.build();
      }
      // Zero chunks stay unique per length while any occurrence of that length is counted.
      Map<Integer, Long> zeroByLength = new java.util.HashMap<>();
      for (Worker w : workers) {
        Worker.ZeroLengths z = w.zeroLengths;
        for (int i = 0; i < z.size; i++) {
          zeroByLength.merge(z.lengths[i], z.counts[i], Long::sum);
        }
      }
      long uniqueZeroChunks = 0;
      long uniqueZeroBytes = 0;
      for (Map.Entry<Integer, Long> e : zeroByLength.entrySet()) {
        if (e.getValue() > 0) {
          uniqueZeroChunks++;
          uniqueZeroBytes += e.getKey();
        }
      }
      DedupReport counted = report.build();
      return report
          .uniqueZeroBytes(uniqueZeroBytes)
          .compression(compression.finish(counted.uniqueChunks() - uniqueZeroChunks,
              uniqueZeroChunks, compressionSample.confidence()))
          .build();
    }
  }

  /** Reads a channel front to back (streams) or by position (files). */
  static int read(ReadableByteChannel ch, boolean positional, ByteBuffer dst, long position)
      throws IOException {
    return positional ? ((FileChannel) ch).read(dst, position) : ch.read(dst);
  }
}
