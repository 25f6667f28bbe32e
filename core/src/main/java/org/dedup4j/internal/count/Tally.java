package org.dedup4j.internal.count;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.dedup4j.DedupReport.RefcountBucket;
import org.dedup4j.DedupReport.SizeBucket;
import org.dedup4j.internal.count.FingerprintTable;

/**
 * Sums distinct fingerprints with their reference counts into what reports print: unique chunks and
 * bytes, zdb-style power-of-two reference-count buckets, a chunk-size histogram (weighted by
 * reference count), and the frequency counts f1, f2 the estimators use. Nothing is kept per chunk.
 */
public final class Tally implements FingerprintTable.Visitor {
  final long[] chunks = new long[64];
  final long[] bytes = new long[64];
  final long[] refChunks = new long[64];
  final long[] refBytes = new long[64];
  final long[] sizeChunks = new long[32];
  final long[] sizeBytes = new long[32];
  long unique;
  long uniqueBytes;
  double uniqueBytesSquared;
  long f1;
  long f2;
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
    uniqueBytesSquared += (double) length * length;
    if (refcount == 1) {
      f1++;
    } else if (refcount == 2) {
      f2++;
    }
    int s = 31 - Integer.numberOfLeadingZeros(length);
    sizeChunks[s] += refcount;
    sizeBytes[s] += refcount * length;
    minLength = Math.min(minLength, length);
    maxLength = Math.max(maxLength, length);
  }

  /** Distinct fingerprints visited. */
  public long unique() {
    return unique;
  }

  /** Their bytes, each counted once. */
  public long uniqueBytes() {
    return uniqueBytes;
  }

  /** The non-empty reference-count buckets, each scaled by {@code scale} (1 for exact counts). */
  List<RefcountBucket> refcountBuckets(double scale) {
    ImmutableList.Builder<RefcountBucket> out = ImmutableList.builder();
    for (int b = 0; b < 64; b++) {
      if (chunks[b] != 0) {
        out.add(new RefcountBucket(1L << b, Math.round(chunks[b] * scale),
            Math.round(bytes[b] * scale), Math.round(refChunks[b] * scale),
            Math.round(refBytes[b] * scale)));
      }
    }
    return out.build();
  }

  /** Kept chunks per non-empty reference-count bucket, in the order of {@link #refcountBuckets}. */
  long[] bucketCounts() {
    int n = 0;
    for (long c : chunks) {
      n += c != 0 ? 1 : 0;
    }
    long[] out = new long[n];
    int i = 0;
    for (long c : chunks) {
      if (c != 0) {
        out[i++] = c;
      }
    }
    return out;
  }

  static List<SizeBucket> sizeBuckets(long[] sizeChunks, long[] sizeBytes) {
    ImmutableList.Builder<SizeBucket> out = ImmutableList.builder();
    for (int s = 0; s < 32; s++) {
      if (sizeChunks[s] != 0) {
        out.add(new SizeBucket(1L << s, sizeChunks[s], sizeBytes[s]));
      }
    }
    return out.build();
  }
}
