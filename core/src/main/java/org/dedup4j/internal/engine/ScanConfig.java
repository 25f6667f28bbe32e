package org.dedup4j.internal.engine;

import java.nio.file.Path;
import java.util.List;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.IoMode;
import org.dedup4j.ScanListener;
import org.dedup4j.internal.count.CounterSpec;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;

/**
 * Everything one scan is told, checked already by {@code DedupScanner.Builder}: what
 * {@link ScanEngine} runs. The {@code with} methods give the variants a scanner runs besides its
 * own scan (the forecast's quick sample, a compare over several chunkers, a summary that must not
 * read its own file).
 *
 * @param chunkers one or more chunkers cutting the same bytes, each counted on its own
 * @param hasher the hasher
 * @param threads threads
 * @param io how regular files are read
 * @param windowSize the unit of parallel work within a file
 * @param readBufferSize each thread's read buffer in {@link IoMode#READ}
 * @param samplePercent the percent mode's share, 100 for all
 * @param sampleSeed the percent mode's seed
 * @param followLinks whether links met in directories are followed
 * @param listener progress and skipped inputs
 * @param compressions the compressions to estimate, none for a dedupe count only
 * @param compressionSample how many unique chunks they compress
 * @param counting the counting mode and its budgets
 * @param output a file the scan must not read (it will replace it), or null
 * @param limits how far and how fast it may read
 * @param checkpoint where and how often the scan writes checkpoints, and whether it resumes from
 *     one, or null
 */
public record ScanConfig(
    List<Chunker> chunkers,
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
    CompressionSample compressionSample,
    CounterSpec counting,
    Path output,
    ScanLimits limits,
    Checkpoint.Spec checkpoint) {

  /** Copies the lists. */
  public ScanConfig {
    chunkers = List.copyOf(chunkers);
    compressions = List.copyOf(compressions);
  }

  /** The same, cutting with these chunkers. */
  public ScanConfig withChunkers(List<Chunker> c) {
    return new ScanConfig(c, hasher, threads, io, windowSize, readBufferSize, samplePercent,
        sampleSeed, followLinks, listener, compressions, compressionSample, counting, output, limits, checkpoint);
  }

  /**
   * The same as a quiet percent sample without compression: the auto mode's quick look.
   *
   * @param percent the share
   * @param seed the seed
   * @return the variant
   */
  public ScanConfig asQuickSample(double percent, long seed) {
    return new ScanConfig(chunkers, hasher, threads, io, windowSize, readBufferSize, percent, seed,
        followLinks, new ScanListener() {}, List.of(), compressionSample, CounterSpec.exactInMemory(),
        output, limits, null);
  }

  /** The same, counting as given. */
  public ScanConfig withCounting(CounterSpec spec) {
    return new ScanConfig(chunkers, hasher, threads, io, windowSize, readBufferSize, samplePercent,
        sampleSeed, followLinks, listener, compressions, compressionSample, spec, output, limits,
        checkpoint);
  }

  /** The same, never reading {@code file} (it will be replaced by the scan's summary). */
  public ScanConfig notReading(Path file) {
    return new ScanConfig(chunkers, hasher, threads, io, windowSize, readBufferSize, samplePercent,
        sampleSeed, followLinks, listener, compressions, compressionSample, counting, file, limits,
        checkpoint);
  }

  /**
   * What the counts depend on, as {@code name=value} lines in a fixed order: a checkpoint records
   * them and a scan resumes from it only with the same. Threads, the I/O mode, the read buffer and
   * the memory budget are left out: the counts do not depend on them.
   */
  public List<String> settings() {
    List<String> out = new java.util.ArrayList<>();
    out.add("chunkers=" + String.join(" ", chunkers.stream().map(Chunker::spec).toList()));
    out.add("hasher=" + hasher.spec());
    out.add("mode=" + counting.mode().label());
    if (counting.mode() != org.dedup4j.CountingMode.EXACT) {
      out.add("maxEntries=" + counting.maxEntries());
      out.add("salt=" + counting.salt());
    }
    out.add("samplePercent=" + samplePercent);
    out.add("sampleSeed=" + (samplePercent < 100 ? sampleSeed : 0));
    out.add("compress=" + String.join(" ", compressions.stream().map(Compression::spec).toList()));
    out.add("compressSample=" + (compressions.isEmpty() ? "" : compressionSample));
    out.add("windowSize=" + windowSize);
    out.add("followLinks=" + followLinks);
    out.add("maxBytes=" + limits.maxStreamBytes());
    return out;
  }
}
