package org.dedup4j.internal.report;

import java.util.List;
import org.dedup4j.DedupReport.RefcountBucket;
import org.dedup4j.DedupReport.SizeBucket;
import org.dedup4j.Skipped;

/**
 * What a scan (or a merge of summaries) counted, as the engine and the counters assemble it: the
 * one value that crosses from the internal stages to the public package, where {@code DedupReport}
 * is made from it and nowhere else. A plain struct, filled in by one
 * thread and not shared after; unset figures are 0 (or empty).
 */
public final class ReportTotals {

  /** The chunker's canonical spec. */
  public String chunker;

  /** The hasher's canonical spec. */
  public String hasher;

  /** Threads the scan used. */
  public int threads = 1;

  /** How files were read: {@code read} or {@code mmap}. */
  public String io = "read";

  /** Whether the scan was stopped before the end (the caller's stop): figures of what was read. */
  public boolean partial;

  /** Inputs read, including any read only in part. */
  public long files;

  /** Bytes read. */
  public long bytes;

  /** Chunks cut. */
  public long chunks;

  /** Chunks fingerprinted (the sample in percent mode). */
  public long sampledChunks;

  /** Bytes of the chunks fingerprinted. */
  public long sampledBytes;

  /** Distinct fingerprints (or their estimate). */
  public long uniqueChunks;

  /** Bytes of the distinct chunks (or their estimate). */
  public long uniqueBytes;

  /** Sampled chunks of zero bytes only. */
  public long zeroChunks;

  /** Bytes of the zero chunks. */
  public long zeroBytes;

  /** Memory held by the counter at the end. */
  public long tableBytes;

  /** Wall-clock time of the scan. */
  public long elapsedNanos;

  /** The percent mode's share, 100 for all. */
  public double samplePercent = 100;

  /** The percent mode's seed. */
  public long sampleSeed;

  /** Inputs passed over or read in part, with the reason. */
  public List<Skipped> skipped = List.of();

  /** Unique chunks by reference count. */
  public List<RefcountBucket> refcountHistogram = List.of();

  /** Chunks by size. */
  public List<SizeBucket> chunkSizeHistogram = List.of();

  /** Smallest chunk cut. */
  public long minChunkSize;

  /** Largest chunk cut. */
  public long maxChunkSize;

  /** Bytes of the zero chunks that stay unique (one per length). */
  public long uniqueZeroBytes;
  /** Occurrences of all-zero chunks by length (those still counted), for summaries and merges. */
  public java.util.SortedMap<Integer, Long> zeroLengths = new java.util.TreeMap<>();

  /** The bytes of the distinct zero chunks: one per length still counted. */
  public static long uniqueZeroBytes(java.util.Map<Integer, Long> zeroLengths) {
    long bytes = 0;
    for (java.util.Map.Entry<Integer, Long> e : zeroLengths.entrySet()) {
      if (e.getValue() > 0) {
        bytes += e.getKey();
      }
    }
    return bytes;
  }

  /** One row per codec, or empty. */
  public List<CompressionFigures> compression = List.of();

  /** The counting mode's figures; null for an exact count, whose figures follow from the totals. */
  public CountingFigures counting;

  /** The target the scan sized for, or null. */
  public org.dedup4j.spi.Target target;

  /** Attribution to groups of inputs, or null when not asked for. */
  public org.dedup4j.Attribution attribution;

  /** Percent mode: the GEE and Chao-Lee estimates of the whole data, or empty. */
  public List<PercentFigures> estimates = List.of();
}
