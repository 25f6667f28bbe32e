package org.dedup4j.internal.count;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupReport.RefcountBucket;
import org.dedup4j.DedupReport.SizeBucket;
import org.dedup4j.internal.table.FingerprintTable;

/** Exact counting: every distinct fingerprint with its reference count, in a {@link FingerprintTable}. */
public final class ExactCounter implements ChunkCounter {

  private final FingerprintTable table;

  /**
   * A counter for one scan.
   *
   * @param keyBits 64 or 128
   * @param uniformLength the fixed chunk size, or 0 for content-defined chunking
   */
  public ExactCounter(int keyBits, int uniformLength) {
    this.table = FingerprintTable.forScan(keyBits, uniformLength);
  }

  /** The table, for summaries. */
  public FingerprintTable table() {
    return table;
  }

  @Override
  public void add(long k0, long k1, int length) {
    table.add(k0, k1, length);
  }

  @Override
  public void remove(long k0, long k1, int length) {
    table.remove(k0, k1, length);
  }

  @Override
  public long memoryBytes() {
    return table.memoryBytes();
  }

  @Override
  public void finish(DedupReport.Builder report) {
    Histograms h = new Histograms();
    table.forEach(h);
    report.uniqueChunks(h.unique)
        .uniqueBytes(h.uniqueBytes)
        .tableBytes(table.memoryBytes())
        .refcountHistogram(h.refcountBuckets())
        .chunkSizeHistogram(h.sizeBuckets())
        .minChunkSize(h.unique == 0 ? 0 : h.minLength)
        .maxChunkSize(h.maxLength);
  }

  /**
   * Sums the table into zdb-style power-of-two reference-count buckets and a chunk-size histogram
   * (every counted chunk is in the table with its count, so nothing is kept per chunk).
   */
  static final class Histograms implements FingerprintTable.Visitor {
    final long[] chunks = new long[64];
    final long[] bytes = new long[64];
    final long[] refChunks = new long[64];
    final long[] refBytes = new long[64];
    final long[] sizeChunks = new long[32];
    final long[] sizeBytes = new long[32];
    long unique;
    long uniqueBytes;
    int minLength = Integer.MAX_VALUE;
    int maxLength;

    @Override
    public void visit(long k0, long k1, long refcount, int length) {
      int b = 63 - Long.numberOfLeadingZeros(refcount);
      chunks[b]++;
      bytes[b] += length;
      refChunks[b] += refcount;
      refBytes[b] += refcount * length;
      unique++;
      uniqueBytes += length;
      int s = 31 - Integer.numberOfLeadingZeros(length);
      sizeChunks[s] += refcount;
      sizeBytes[s] += refcount * length;
      minLength = Math.min(minLength, length);
      maxLength = Math.max(maxLength, length);
    }

    List<RefcountBucket> refcountBuckets() {
      ImmutableList.Builder<RefcountBucket> out = ImmutableList.builder();
      for (int b = 0; b < 64; b++) {
        if (chunks[b] != 0) {
          out.add(new RefcountBucket(1L << b, chunks[b], bytes[b], refChunks[b], refBytes[b]));
        }
      }
      return out.build();
    }

    List<SizeBucket> sizeBuckets() {
      ImmutableList.Builder<SizeBucket> out = ImmutableList.builder();
      for (int s = 0; s < 32; s++) {
        if (sizeChunks[s] != 0) {
          out.add(new SizeBucket(1L << s, sizeChunks[s], sizeBytes[s]));
        }
      }
      return out.build();
    }
  }
}
