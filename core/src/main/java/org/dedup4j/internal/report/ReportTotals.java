package org.dedup4j.internal.report;

import java.util.List;
import org.dedup4j.DedupReport.RefcountBucket;
import org.dedup4j.DedupReport.SizeBucket;
import org.dedup4j.Skipped;

/**
 * What a scan (or a merge of summaries) counted, as the engine and the counters assemble it: the
 * one value that crosses from the internal stages to the public package, where {@code DedupReport}
 * is made from it and nowhere else. Mutable while it is filled in by one thread; not shared after.
 * Unset figures are 0 (or empty); {@code counting} is null for an exact count whose statistics
 * follow from the totals.
 */
public final class ReportTotals {

  private String chunker;
  private String hasher;
  private int threads = 1;
  private String io = "read";
  private long files;
  private long bytes;
  private long chunks;
  private long sampledChunks;
  private long sampledBytes;
  private long uniqueChunks;
  private long uniqueBytes;
  private long zeroChunks;
  private long zeroBytes;
  private long tableBytes;
  private long elapsedNanos;
  private double samplePercent = 100;
  private long sampleSeed;
  private List<Skipped> skipped = List.of();
  private List<RefcountBucket> refcountHistogram = List.of();
  private List<SizeBucket> chunkSizeHistogram = List.of();
  private long minChunkSize;
  private long maxChunkSize;
  private long uniqueZeroBytes;
  private List<CompressionFigures> compression = List.of();
  private CountingFigures counting;
  private List<PercentFigures> estimates = List.of();

  /** Sets chunker. */
  public ReportTotals chunker(String v) {
    chunker = v;
    return this;
  }

  /** Sets hasher. */
  public ReportTotals hasher(String v) {
    hasher = v;
    return this;
  }

  /** Sets threads. */
  public ReportTotals threads(int v) {
    threads = v;
    return this;
  }

  /** Sets io. */
  public ReportTotals io(String v) {
    io = v;
    return this;
  }

  /** Sets files. */
  public ReportTotals files(long v) {
    files = v;
    return this;
  }

  /** Sets bytes. */
  public ReportTotals bytes(long v) {
    bytes = v;
    return this;
  }

  /** Sets chunks. */
  public ReportTotals chunks(long v) {
    chunks = v;
    return this;
  }

  /** Sets sampledChunks. */
  public ReportTotals sampledChunks(long v) {
    sampledChunks = v;
    return this;
  }

  /** Sets sampledBytes. */
  public ReportTotals sampledBytes(long v) {
    sampledBytes = v;
    return this;
  }

  /** Sets uniqueChunks. */
  public ReportTotals uniqueChunks(long v) {
    uniqueChunks = v;
    return this;
  }

  /** Sets uniqueBytes. */
  public ReportTotals uniqueBytes(long v) {
    uniqueBytes = v;
    return this;
  }

  /** Sets zeroChunks. */
  public ReportTotals zeroChunks(long v) {
    zeroChunks = v;
    return this;
  }

  /** Sets zeroBytes. */
  public ReportTotals zeroBytes(long v) {
    zeroBytes = v;
    return this;
  }

  /** Sets tableBytes. */
  public ReportTotals tableBytes(long v) {
    tableBytes = v;
    return this;
  }

  /** Sets elapsedNanos. */
  public ReportTotals elapsedNanos(long v) {
    elapsedNanos = v;
    return this;
  }

  /** Sets sampleSeed. */
  public ReportTotals sampleSeed(long v) {
    sampleSeed = v;
    return this;
  }

  /** Sets skipped. */
  public ReportTotals skipped(List<Skipped> v) {
    skipped = v;
    return this;
  }

  /** Sets refcountHistogram. */
  public ReportTotals refcountHistogram(List<RefcountBucket> v) {
    refcountHistogram = v;
    return this;
  }

  /** Sets chunkSizeHistogram. */
  public ReportTotals chunkSizeHistogram(List<SizeBucket> v) {
    chunkSizeHistogram = v;
    return this;
  }

  /** Sets minChunkSize. */
  public ReportTotals minChunkSize(long v) {
    minChunkSize = v;
    return this;
  }

  /** Sets maxChunkSize. */
  public ReportTotals maxChunkSize(long v) {
    maxChunkSize = v;
    return this;
  }

  /** Sets uniqueZeroBytes. */
  public ReportTotals uniqueZeroBytes(long v) {
    uniqueZeroBytes = v;
    return this;
  }

  /** Sets compression. */
  public ReportTotals compression(List<CompressionFigures> v) {
    compression = v;
    return this;
  }

  /** Sets counting. */
  public ReportTotals counting(CountingFigures v) {
    counting = v;
    return this;
  }

  /** Sets estimates. */
  public ReportTotals estimates(List<PercentFigures> v) {
    estimates = v;
    return this;
  }

  /** Sets the percent mode's share and seed. */
  public ReportTotals sample(double percent, long seed) {
    samplePercent = percent;
    sampleSeed = seed;
    return this;
  }

  /** Chunker. */
  public String chunker() {
    return chunker;
  }

  /** Hasher. */
  public String hasher() {
    return hasher;
  }

  /** Threads. */
  public int threads() {
    return threads;
  }

  /** Io. */
  public String io() {
    return io;
  }

  /** Files. */
  public long files() {
    return files;
  }

  /** Bytes. */
  public long bytes() {
    return bytes;
  }

  /** Chunks. */
  public long chunks() {
    return chunks;
  }

  /** SampledChunks. */
  public long sampledChunks() {
    return sampledChunks;
  }

  /** SampledBytes. */
  public long sampledBytes() {
    return sampledBytes;
  }

  /** UniqueChunks. */
  public long uniqueChunks() {
    return uniqueChunks;
  }

  /** UniqueBytes. */
  public long uniqueBytes() {
    return uniqueBytes;
  }

  /** ZeroChunks. */
  public long zeroChunks() {
    return zeroChunks;
  }

  /** ZeroBytes. */
  public long zeroBytes() {
    return zeroBytes;
  }

  /** TableBytes. */
  public long tableBytes() {
    return tableBytes;
  }

  /** ElapsedNanos. */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** SamplePercent. */
  public double samplePercent() {
    return samplePercent;
  }

  /** SampleSeed. */
  public long sampleSeed() {
    return sampleSeed;
  }

  /** Skipped. */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** RefcountHistogram. */
  public List<RefcountBucket> refcountHistogram() {
    return refcountHistogram;
  }

  /** ChunkSizeHistogram. */
  public List<SizeBucket> chunkSizeHistogram() {
    return chunkSizeHistogram;
  }

  /** MinChunkSize. */
  public long minChunkSize() {
    return minChunkSize;
  }

  /** MaxChunkSize. */
  public long maxChunkSize() {
    return maxChunkSize;
  }

  /** UniqueZeroBytes. */
  public long uniqueZeroBytes() {
    return uniqueZeroBytes;
  }

  /** Compression. */
  public List<CompressionFigures> compression() {
    return compression;
  }

  /** Counting. */
  public CountingFigures counting() {
    return counting;
  }

  /** Estimates. */
  public List<PercentFigures> estimates() {
    return estimates;
  }
}
