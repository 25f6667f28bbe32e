package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dedup4j.internal.engine.ScanEngine;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;

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
  private final CompressionSample compressionSample;

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
    this.compressions = ImmutableList.copyOf(b.compressions);
    this.compressionSample = b.compressionSample;
    checkArgument(
        chunker.maxChunkSize() <= MAX_WINDOW_SIZE,
        "chunker %s has a maximum chunk of %s bytes; at most %s supported",
        chunker.spec(), chunker.maxChunkSize(), MAX_WINDOW_SIZE);
    checkArgument(
        windowSize >= chunker.maxChunkSize(),
        "window size %s is smaller than the maximum chunk of %s; allowed %s..%s bytes",
        windowSize, chunker.spec(), chunker.maxChunkSize(), MAX_WINDOW_SIZE);
  }

  /** A builder with the defaults: fixed 4 KiB chunks, SHA-256, one thread per core. */
  public static Builder builder() {
    return new Builder();
  }

  /** The chunker. */
  public Chunker chunker() {
    return chunker;
  }

  /** The hasher. */
  public Hasher hasher() {
    return hasher;
  }

  /** The compressions each scan estimates; empty when it estimates none. */
  public List<Compression> compressions() {
    return compressions;
  }

  /** Threads a scan uses. */
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
    return new ScanEngine(chunker, hasher, threads, io, windowSize, readBufferSize, samplePercent, sampleSeed,
        followLinks, listener, compressions, compressionSample).scan(ImmutableList.copyOf(sources));
  }

  /** Configures a {@link DedupScanner}. Not thread-safe. */
  public static final class Builder {
    private Chunker chunker = Chunkers.fixed(4096);
    private Hasher hasher = Hashers.sha256();
    private int threads = Runtime.getRuntime().availableProcessors();
    private IoMode io = IoMode.READ;
    private long windowSize = DEFAULT_WINDOW_SIZE;
    private boolean windowSizeSet;
    private int readBufferSize = DEFAULT_READ_BUFFER_SIZE;
    private double samplePercent = 100;
    private long sampleSeed;
    private boolean followLinks;
    private ScanListener listener = new ScanListener() {};
    private final List<Compression> compressions = new ArrayList<>();
    private CompressionSample compressionSample = CompressionSample.auto();

    private Builder() {}

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
     * How to read regular files; default {@link IoMode#READ}.
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
