package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.dedup4j.internal.count.ChunkCounter;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.Region;
import org.dedup4j.internal.compress.CompressionSampler;
import org.dedup4j.internal.source.ZeroBytes;

/**
 * One scan thread's state for one chunker, and the hot loop: cut chunks, skip the unsampled,
 * fingerprint, count. All per-chunk work reuses this object's digester and fingerprint arrays:
 * nothing is allocated per chunk. The bytes come from {@link ReadLoop} or a mapped or in-memory
 * view.
 */
public final class Worker {

  private static final int PROGRESS_STEP = 1 << 20;

  private final Chunker chunker;
  private final int maxChunk;
  private final Digester digester;
  private final Sampler sampler;
  private final ChunkCounter counter;
  private final CompressionSampler compression; // null when the scan does not compress
  private final Compressor[] compressors;
  private final LongConsumer progress;
  private final BooleanSupplier stopped;
  private final long[] fingerprint = new long[2];
  private final long[] zeroFingerprint = new long[2];
  /**
   * Whether chunks are counted with their input's group (attribution). A group cannot be taken
   * back from a table entry, so within a transaction ({@link #begin}) adds are only logged, and
   * counted at {@link #commit}.
   */
  private boolean attributing;
  private int zeroFingerprintLength = -1;
  private long pendingProgress;

  // Transaction of one mapped window: what it added, so a window that faulted can be taken back.
  private boolean logging;
  private int logSize;
  private long[] logKeys = new long[0];
  private int[] logLengths = new int[0];
  private int[] logGroups = new int[0];
  private long[] countersAtBegin = new long[6];

  public long chunks;
  public long bytes;
  public long sampledChunks;
  public long sampledBytes;
  public long zeroChunks;
  public long zeroBytes;
  /** Occurrences of zero chunks by length, so that the scan knows which zero chunks stay unique. */
  public final ZeroLengths zeroLengths = new ZeroLengths();

  /** A worker that checks {@code stopped} every {@value #PROGRESS_STEP} bytes. */
  public Worker(Chunker chunker, Hasher hasher, Sampler sampler, ChunkCounter counter,
      CompressionSampler compression, LongConsumer progress, BooleanSupplier stopped) {
    this.stopped = stopped;
    this.chunker = chunker;
    this.maxChunk = chunker.maxChunkSize();
    this.digester = hasher.newDigester();
    this.sampler = sampler;
    this.counter = counter;
    this.compression = compression;
    this.compressors = compression == null ? null : compression.newCompressors();
    this.progress = progress;
  }

  /** Counts each chunk with its input's {@link Input#group} (see {@link #attributing}). */
  public Worker attributing() {
    this.attributing = true;
    return this;
  }

  /** The chunker's maximum chunk: how many bytes must be in view before a cut is final. */
  public int maxChunk() {
    return maxChunk;
  }

  /** Releases the compressors' native contexts. */
  public void close() {
    if (compressors != null) {
      CompressionSampler.close(compressors);
    }
  }

  /**
   * Chunks a view that holds every byte the chunks starting in [start, end) can reach (a mapped
   * window or an in-memory buffer). {@code view.get(i)} is the input's byte {@code base + i}.
   *
   * @return where the next chunk starts (at or after {@code end}, or the end of the view)
   */
  public long chunkView(Input in, ByteBuffer view, long base, long start, long end) {
    int to = view.limit();
    int stopAt = (int) Math.min(end - base, to);
    int from = chunkBuffer(in, view, base, (int) (start - base), to, stopAt, true);
    return base + from;
  }

  /**
   * Cuts and counts chunks starting before {@code stopAt}; returns where the next one starts. With
   * {@code finalBytes} false it stops while fewer than one maximum chunk of bytes are left.
   */
  public int chunkBuffer(
      Input in, ByteBuffer buf, long base, int from, int to, int stopAt, boolean finalBytes) {
    while (from < stopAt && (finalBytes || to - from >= maxChunk)) {
      int cut = chunker.nextCut(buf, from, to);
      if (cut <= from || cut > to) {
        throw new IllegalStateException(
            "chunker " + chunker.spec() + " cut at " + cut + ", outside (" + from + ", " + to + "]");
      }
      count(in, buf, from, cut - from, base + from);
      from = cut;
    }
    return from;
  }

  private void count(Input in, ByteBuffer buf, int offset, int length, long inputOffset) {
    pendingProgress += length;
    if (pendingProgress >= PROGRESS_STEP) {
      flushProgress();
      if (stopped.getAsBoolean()) {
        // Another thread's item failed the scan (out of memory, most often): stop allocating
        // now, so that the heap it freed is there to report it, rather than at the item's end.
        // Or the caller asked to stop: the engine tells which.
        throw ScanStopped.INSTANCE;
      }
    }
    account(in, buf, offset, length, inputOffset, true);
  }

  /**
   * Counts ({@code add}) or takes back one chunk outside the main loop: the re-synchronisation of
   * content-defined chains at window edges.
   *
   * @return the cut: where the chunk that starts at {@code pos} ends
   */
  public long reconcile(Input in, Region region, long pos, long inputEnd, boolean add) throws IOException {
    long viewEnd = Math.min(inputEnd, pos + maxChunk);
    ByteBuffer buf = region.view(pos, viewEnd);
    int from = (int) (pos - region.base());
    int cut = chunker.nextCut(buf, from, (int) (viewEnd - region.base()));
    account(in, buf, from, cut - from, pos, add);
    return region.base() + cut;
  }

  private void account(
      Input in, ByteBuffer buf, int offset, int length, long inputOffset, boolean add) {
    int sign = add ? 1 : -1;
    chunks += sign;
    bytes += sign * length;
    if (sampler != null && !sampler.keeps(in.key, inputOffset)) {
      return;
    }
    sampledChunks += sign;
    sampledBytes += sign * length;
    long[] fp = fingerprint;
    boolean zero = ZeroBytes.isZero(buf, offset, length);
    if (zero) {
      zeroChunks += sign;
      zeroBytes += sign * length;
      zeroLengths.add(length, sign); // for uniqueZeroBytes, with or without compression
      if (length != zeroFingerprintLength) {
        digester.digest(buf, offset, length, zeroFingerprint);
        zeroFingerprintLength = length;
      }
      fp = zeroFingerprint;
    } else {
      digester.digest(buf, offset, length, fp);
    }
    if (add) {
      if (!attributing) {
        counter.add(fp[0], fp[1], length);
      } else if (!logging) {
        counter.add(fp[0], fp[1], length, in.group);
      }
      if (logging) {
        log(fp, zero ? -length : length, in.group);
      }
    } else if (attributing) {
      throw new IllegalStateException("an attributing scan took a chunk back");
    } else {
      counter.remove(fp[0], fp[1], length);
    }
    if (compression != null) {
      if (!zero) {
        long rank = compression.rank(fp[0], fp[1]);
        if (compression.wants(rank)) {
          if (add) {
            compression.add(rank, fp[0], fp[1], buf, offset, length, compressors);
          } else {
            compression.remove(rank, fp[0], fp[1]);
          }
        }
      }
    }
  }

  /**
   * Starts recording what is counted, so that {@link #rollback()} can take it back. Used for mapped
   * memory: when a mapped file shrinks, the JVM raises its InternalError asynchronously, after some
   * chunks of unreadable pages may already have been counted.
   */
  public void begin() {
    logging = true;
    logSize = 0;
    countersAtBegin[0] = chunks;
    countersAtBegin[1] = bytes;
    countersAtBegin[2] = sampledChunks;
    countersAtBegin[3] = sampledBytes;
    countersAtBegin[4] = zeroChunks;
    countersAtBegin[5] = zeroBytes;
  }

  /** Keeps what was counted since {@link #begin()}. */
  public void commit() {
    if (attributing) {
      for (int i = 0; i < logSize; i++) {
        counter.add(logKeys[2 * i], logKeys[2 * i + 1], Math.abs(logLengths[i]), logGroups[i]);
      }
    }
    logging = false;
    logSize = 0;
  }

  /** Takes back everything counted since {@link #begin()}. */
  public void rollback() {
    for (int i = 0; i < logSize; i++) {
      long k0 = logKeys[2 * i];
      long k1 = logKeys[2 * i + 1];
      int length = logLengths[i]; // negative for a zero chunk
      if (!attributing) {
        counter.remove(k0, k1, Math.abs(length)); // an attributing worker has not counted it yet
      }
      if (length < 0) {
        zeroLengths.add(-length, -1);
      } else if (compression != null) {
        compression.remove(compression.rank(k0, k1), k0, k1);
      }
    }
    logging = false;
    logSize = 0;
    chunks = countersAtBegin[0];
    bytes = countersAtBegin[1];
    sampledChunks = countersAtBegin[2];
    sampledBytes = countersAtBegin[3];
    zeroChunks = countersAtBegin[4];
    zeroBytes = countersAtBegin[5];
  }

  /** {@code length} is negative for a zero chunk. */
  private void log(long[] fp, int length, int group) {
    if (logSize == logLengths.length) {
      int n = Math.max(1024, logSize * 2);
      logKeys = Arrays.copyOf(logKeys, 2 * n);
      logLengths = Arrays.copyOf(logLengths, n);
      logGroups = Arrays.copyOf(logGroups, n);
    }
    logKeys[2 * logSize] = fp[0];
    logKeys[2 * logSize + 1] = fp[1];
    logGroups[logSize] = group;
    logLengths[logSize++] = length;
  }

  public void flushProgress() {
    if (pendingProgress > 0) {
      progress.accept(pendingProgress);
      pendingProgress = 0;
    }
  }

  /**
   * Thrown by a worker whose scan has already failed: an {@link Error}, so that the parallel work
   * and the engine pass it on as they do the failure itself (which stays the one reported); made
   * once, as the heap may be full when it is thrown.
   */
  public static final class ScanStopped extends Error {
    private static final long serialVersionUID = 1L;
    static final ScanStopped INSTANCE = new ScanStopped();

    private ScanStopped() {
      super("the scan was stopped by a failure in another thread", null, false, false);
    }
  }

  /** A small map from chunk length to occurrences; zero chunks come in few lengths. */
  public static final class ZeroLengths {
    public int[] lengths = new int[4];
    public long[] counts = new long[4];
    public int size;
    private int last = -1;

    public void add(int length, long delta) {
      if (last < 0 || lengths[last] != length) {
        last = -1;
        for (int i = 0; i < size; i++) {
          if (lengths[i] == length) {
            last = i;
            break;
          }
        }
        if (last < 0) {
          if (size == lengths.length) {
            lengths = Arrays.copyOf(lengths, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
          }
          lengths[size] = length;
          last = size++;
        }
      }
      counts[last] += delta;
    }
  }

}
