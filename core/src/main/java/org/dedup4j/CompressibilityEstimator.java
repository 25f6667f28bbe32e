package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dedup4j.internal.compress.CompressionRun;

/**
 * Estimates how far data would shrink under compression as storage systems apply it, from a
 * uniform random sample of compression units with a stated confidence, or exactly. Reads only the
 * sampled units, by position, so its cost depends on the precision asked for, not on the size of
 * the data: the quick look before a long dedupe scan.
 *
 * <pre>{@code
 * CompressionReport r = CompressibilityEstimator.builder()
 *     .compress("zstd:level=3,unit=32k", "lz4:unit=8k,grain=512")   // lz4, zstd: dedup4j-codecs
 *     .sample(CompressionSample.auto())                               // +-1% at 95%, the default
 *     .build()
 *     .estimate(Path.of("/srv/images"));
 * CompressionEstimate zstd = r.compressionEstimates().get(0);
 * System.out.printf("%.2fx (%.2fx..%.2fx)%n", zstd.ratio(), zstd.ratioLow(), zstd.ratioHigh());
 * }</pre>
 *
 * <h2>What is estimated, and how sure it is</h2>
 *
 * Every input is cut into units of the compression's unit size (the last unit of an input may be
 * shorter). Each non-zero unit is stored as min(compressed size rounded up to the grain, unit
 * size); all-zero units are counted apart and left out. The stored fraction F (stored / raw bytes of
 * the non-zero units) is estimated by the ratio estimator over a uniform sample of units drawn
 * without replacement (a prefix of a random permutation seeded by {@link CompressionSample#seed()}),
 * and the interval is the central-limit interval with the finite-population correction,
 * {@code F +- z * sqrt((1 - n/N) * s_d^2 / n) / mean(raw)}, floored by the rule of three so that a
 * sample in which every unit compressed alike still admits what it may have missed. In auto mode a
 * pilot of 1000 units gives the variance, the sample is extended to the size the precision needs
 * (10% more, and again if needed), and an exact pass replaces it when that size passes half the
 * units. The ratio is 1 / F and its interval 1 / the ends of F's. {@code docs/compression.md}
 * explains the choice and the measured coverage.
 *
 * <p>Regular files, block devices (their size from Linux's sysfs) and in-memory buffers can be
 * estimated; streams, FIFOs and character devices are listed as skipped (they cannot be read by
 * position: scan them with a {@link DedupScanner} that compresses).
 * Results do not depend on the number of threads. Immutable and thread-safe.
 */
public final class CompressibilityEstimator {

  private final ImmutableList<Compression> compressions;
  private final CompressionSample sample;
  private final int threads;
  private final boolean followLinks;

  private CompressibilityEstimator(Builder b) {
    this.compressions = ImmutableList.copyOf(b.compressions.isEmpty()
        ? List.of(Compression.of(Codecs.deflate(Codecs.DEFLATE_DEFAULT_LEVEL),
            Compression.DEFAULT_UNIT, Compression.DEFAULT_GRAIN))
        : b.compressions);
    this.sample = b.sample;
    this.threads = b.threads;
    this.followLinks = b.followLinks;
  }

  /**
   * A builder: deflate level 6 on 32 KiB units, auto sample, one thread per core.
   *
   * @return A builder: deflate level 6 on 32 KiB units, auto sample, one thread per core
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The compressions estimated.
   *
   * @return the compressions estimated
   */
  public List<Compression> compressions() {
    return compressions;
  }

  /**
   * The sample setting.
   *
   * @return the sample setting
   */
  public CompressionSample sample() {
    return sample;
  }

  /**
   * Estimates over paths: regular files and directory trees.
   *
   * @param paths the paths
   * @return the report
   */
  public CompressionReport estimate(Path... paths) {
    return estimate(Arrays.stream(paths).map(ScanSource::of).toList());
  }

  /**
   * Estimates over the bytes of an array.
   *
   * @param data the bytes
   * @return the report
   */
  public CompressionReport estimate(byte[] data) {
    return estimate(List.of(ScanSource.of("bytes", data)));
  }

  /**
   * Estimates over the bytes between a buffer's position and limit (heap, direct or mapped).
   *
   * @param data the bytes
   * @return the report
   */
  public CompressionReport estimate(ByteBuffer data) {
    return estimate(List.of(ScanSource.of("buffer", data)));
  }

  /**
   * Estimates over several sources as one data set.
   *
   * @param sources the sources
   * @return the report
   */
  public CompressionReport estimate(List<ScanSource> sources) {
    return new CompressionReport(new CompressionRun(compressions, sample, threads, followLinks)
        .run(ImmutableList.copyOf(sources)));
  }

  /** Configures a {@link CompressibilityEstimator}. Not thread-safe. */
  public static final class Builder {
    private final List<Compression> compressions = new ArrayList<>();
    private CompressionSample sample = CompressionSample.auto();
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean followLinks;

    private Builder() {}

    /**
     * Adds compressions by spec, e.g. {@code zstd:level=3,unit=32k,grain=4k}; default {@code
     * deflate:level=6,unit=32k} when none is added.
     *
     * @param specs the specs
     * @return this builder
     * @throws IllegalArgumentException if a spec is bad, names an unavailable codec, or asks for
     *     {@code unit=chunk} (which needs the chunks of a dedupe scan)
     */
    public Builder compress(String... specs) {
      for (String s : specs) {
        compress(Compression.parse(s));
      }
      return this;
    }

    /**
     * Adds compressions.
     *
     * @param compressions the compressions, on fixed units
     * @return this builder
     * @throws IllegalArgumentException if one is per chunk
     */
    public Builder compress(Compression... compressions) {
      for (Compression c : compressions) {
        checkArgument(!requireNonNull(c, "compression").isPerChunk(),
            "%s: unit=chunk compresses each unique chunk and needs a dedupe scan"
                + " (DedupScanner.Builder.compress, dedup4j scan --compress); estimating alone"
                + " takes unit=4k..1m", c.spec());
        this.compressions.add(c);
      }
      return this;
    }

    /**
     * How many units to compress; default {@link CompressionSample#auto()}.
     *
     * @param sample the sample
     * @return this builder
     */
    public Builder sample(CompressionSample sample) {
      this.sample = requireNonNull(sample, "sample");
      return this;
    }

    /**
     * Threads to read and compress with; default one per available processor.
     *
     * @param threads 1 to {@link DedupScanner#MAX_THREADS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1 && threads <= DedupScanner.MAX_THREADS,
          "threads %s is out of range; allowed 1..%s", threads, DedupScanner.MAX_THREADS);
      this.threads = threads;
      return this;
    }

    /**
     * Whether to follow symbolic links met inside directories; default false.
     *
     * @param follow true to follow
     * @return this builder
     */
    public Builder followLinks(boolean follow) {
      this.followLinks = follow;
      return this;
    }

    /**
     * Builds the estimator.
     *
     * @return the estimator
     */
    public CompressibilityEstimator build() {
      return new CompressibilityEstimator(this);
    }
  }
}
