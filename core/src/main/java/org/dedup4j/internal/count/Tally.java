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

  /**
   * The sum of two tallies of disjoint fingerprints (buckets of one exact count): what one tally of
   * both sets of entries gives.
   */
  static Tally plus(Tally a, Tally b) {
    Tally t = new Tally();
    for (int i = 0; i < 64; i++) {
      t.chunks[i] = a.chunks[i] + b.chunks[i];
      t.bytes[i] = a.bytes[i] + b.bytes[i];
      t.refChunks[i] = a.refChunks[i] + b.refChunks[i];
      t.refBytes[i] = a.refBytes[i] + b.refBytes[i];
    }
    for (int i = 0; i < 32; i++) {
      t.sizeChunks[i] = a.sizeChunks[i] + b.sizeChunks[i];
      t.sizeBytes[i] = a.sizeBytes[i] + b.sizeBytes[i];
    }
    t.unique = a.unique + b.unique;
    t.uniqueBytes = a.uniqueBytes + b.uniqueBytes;
    t.uniqueBytesSquared = a.uniqueBytesSquared + b.uniqueBytesSquared;
    t.f1 = a.f1 + b.f1;
    t.f2 = a.f2 + b.f2;
    t.minLength = Math.min(a.minLength, b.minLength);
    t.maxLength = Math.max(a.maxLength, b.maxLength);
    return t;
  }

  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    for (long[] a : new long[][] {chunks, bytes, refChunks, refBytes, sizeChunks, sizeBytes}) {
      for (long v : a) {
        SummaryCodec.writeVar(out, v);
      }
    }
    SummaryCodec.writeVar(out, unique);
    SummaryCodec.writeVar(out, uniqueBytes);
    out.writeDouble(uniqueBytesSquared);
    SummaryCodec.writeVar(out, f1);
    SummaryCodec.writeVar(out, f2);
    out.writeInt(minLength);
    out.writeInt(maxLength);
  }

  static Tally readFrom(java.io.DataInput in) throws java.io.IOException {
    Tally t = new Tally();
    for (long[] a : new long[][] {t.chunks, t.bytes, t.refChunks, t.refBytes, t.sizeChunks,
        t.sizeBytes}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = SummaryCodec.readVar(in);
      }
    }
    t.unique = SummaryCodec.readVar(in);
    t.uniqueBytes = SummaryCodec.readVar(in);
    t.uniqueBytesSquared = in.readDouble();
    t.f1 = SummaryCodec.readVar(in);
    t.f2 = SummaryCodec.readVar(in);
    t.minLength = in.readInt();
    t.maxLength = in.readInt();
    if (!(t.uniqueBytesSquared >= 0) || t.minLength < 0 || t.maxLength < 0) {
      throw new java.io.IOException("a tally out of range");
    }
    return t;
  }
}
