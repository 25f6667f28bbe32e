package org.dedup4j;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the scans of a file's parts owe each other under content-defined chunking, so that parts
 * scanned apart (on several machines) add up to one sequential pass over the file.
 *
 * <p>Each part is cut as its own chain of cuts, from its first byte. Where a part ends, the file's
 * true chain goes on from where the part's last chunk ends, while the next part's own chain starts
 * at the edge; a few chunks later they cut at the same offset and are the same from there. The
 * correction at that edge adds the true chain's chunks up to the meeting point and takes back the
 * next part's own chunks before it: {@link DedupScanner#walkEdge} makes it, {@link
 * DedupSummary#corrected} applies the sum of all of them to the merged summary of the parts.
 *
 * <pre>{@code
 * DedupScanner scanner = DedupScanner.builder().chunker("fastcdc").build();
 * DedupScanner.PartsSummary first = scanner.summarizeParts(List.of(firstHalf));
 * DedupScanner.PartsSummary second = scanner.summarizeParts(List.of(secondHalf));
 * DedupScanner.EdgeWalk edge = scanner.walkEdge(secondHalf, first.chainEnds()[0]);
 * DedupSummary whole = first.summary().merge(second.summary()).corrected(
 *     first.correction().plus(second.correction()).plus(edge.correction()));
 * // equals scanner.summarize(the whole file)
 * }</pre>
 *
 * <p>A correction holds signed totals and one row per fingerprinted chunk (its fingerprint and its
 * length, negative for a chunk taken back); typically a chunk or two per edge. Immutable and
 * serializable (it travels from a cluster's tasks to its driver).
 */
public final class EdgeCorrection implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final EdgeCorrection NONE = new EdgeCorrection(new long[6], new int[0],
      new long[0], new long[0], new long[0], new int[0], false);

  /** The compression rows of the non-zero chunks the walk added (1) or took back (-1). */
  private long[][] compressionRows = new long[0][];
  /** The sizes of the chunks the walk added, compressed, for the sample of the parts. */
  private CompressedChunks compressed = new CompressedChunks(new long[0], new long[0],
      new long[0], new long[0][], new boolean[0][]);

  /**
   * Chunks an edge walk compressed: fingerprint, bytes, and per compression stored bytes and
   * whether it failed.
   *
   * @param k0 first 64 bits of each fingerprint
   * @param k1 second 64 bits
   * @param raw bytes of each
   * @param stored stored bytes per compression
   * @param failed whether each compression failed
   */
  record CompressedChunks(long[] k0, long[] k1, long[] raw, long[][] stored, boolean[][] failed)
      implements Serializable {}

  /** With the compression rows and sizes of a walk that compressed. */
  EdgeCorrection withCompression(long[][] rows, CompressedChunks chunks) {
    EdgeCorrection c = new EdgeCorrection(totals, zeroLengths, zeroCounts, k0, k1, lengths,
        tookBack);
    c.compressionRows = rows;
    c.compressed = chunks;
    return c;
  }

  long[][] compressionRows() {
    return compressionRows;
  }

  CompressedChunks compressedChunks() {
    return compressed;
  }

  /** chunks, bytes, sampledChunks, sampledBytes, zeroChunks, zeroBytes: signed. */
  private final long[] totals;
  /** The lengths of the zero chunks added or taken back. */
  private final int[] zeroLengths;
  /** For each of {@link #zeroLengths}, the signed number of zero chunks of that length. */
  private final long[] zeroCounts;
  /** The rows' fingerprints, first 64 bits. */
  private final long[] k0;
  /** The rows' fingerprints, second 64 bits (0 for 64-bit hashers). */
  private final long[] k1;
  /** The rows' chunk lengths: negative for a chunk taken back. */
  private final int[] lengths;
  /** Whether anything was taken back, here or in the parts' own scans (window edges). */
  private final boolean tookBack;

  EdgeCorrection(long[] totals, int[] zeroLengths, long[] zeroCounts, long[] k0, long[] k1,
      int[] lengths, boolean tookBack) {
    this.tookBack = tookBack;
    this.totals = totals;
    this.zeroLengths = zeroLengths;
    this.zeroCounts = zeroCounts;
    this.k0 = k0;
    this.k1 = k1;
    this.lengths = lengths;
  }

  /**
   * No correction: what a part owes when its file ends with it, or chunking is fixed-size.
   *
   * @return the empty correction
   */
  public static EdgeCorrection none() {
    return NONE;
  }

  /** Nothing but the note that the parts' own scans took chunks back. */
  static EdgeCorrection tookBackOnly() {
    return new EdgeCorrection(new long[6], new int[0], new long[0], new long[0], new long[0],
        new int[0], true);
  }

  /**
   * This correction and another, as one.
   *
   * @param other the other correction
   * @return both
   */
  public EdgeCorrection plus(EdgeCorrection other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    long[] t = totals.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] += other.totals[i];
    }
    CompressedChunks a = compressed;
    CompressedChunks b = other.compressed;
    return new EdgeCorrection(t, concat(zeroLengths, other.zeroLengths),
        concat(zeroCounts, other.zeroCounts), concat(k0, other.k0), concat(k1, other.k1),
        concat(lengths, other.lengths), tookBack || other.tookBack).withCompression(
            concat(compressionRows, other.compressionRows),
            new CompressedChunks(concat(a.k0(), b.k0()), concat(a.k1(), b.k1()),
                concat(a.raw(), b.raw()), concat(a.stored(), b.stored()),
                concat(a.failed(), b.failed())));
  }

  /**
   * This correction's rows split by fingerprint, as {@link DedupSummary#byFingerprint} splits a
   * summary: bucket {@code b} holds the rows of its fingerprints and nothing else; the totals are
   * in {@link #withoutRows}.
   *
   * @param buckets how many, 1 or more
   * @param fingerprintBits the hasher's width ({@link DedupSummary#fingerprintBits})
   * @return the buckets, in order
   */
  public java.util.List<EdgeCorrection> byFingerprint(int buckets, int fingerprintBits) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets " + buckets + "; allowed 1 or more");
    }
    int[] n = new int[buckets];
    for (int r = 0; r < k0.length; r++) {
      n[DedupSummary.bucketOf(k0[r], k1[r], fingerprintBits, buckets)]++;
    }
    long[][] a = new long[buckets][];
    long[][] b = new long[buckets][];
    int[][] l = new int[buckets][];
    for (int i = 0; i < buckets; i++) {
      a[i] = new long[n[i]];
      b[i] = new long[n[i]];
      l[i] = new int[n[i]];
      n[i] = 0;
    }
    for (int r = 0; r < k0.length; r++) {
      int i = DedupSummary.bucketOf(k0[r], k1[r], fingerprintBits, buckets);
      a[i][n[i]] = k0[r];
      b[i][n[i]] = k1[r];
      l[i][n[i]++] = lengths[r];
    }
    java.util.List<EdgeCorrection> out = new java.util.ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      out.add(new EdgeCorrection(new long[6], new int[0], new long[0], a[i], b[i], l[i], false));
    }
    return out;
  }

  /**
   * This correction's totals (chunks, bytes, zero chunks) and whether anything was taken back,
   * without its rows: what applies to the totals of a count split by fingerprint.
   *
   * @return the totals
   */
  public EdgeCorrection withoutRows() {
    return new EdgeCorrection(totals, zeroLengths, zeroCounts, new long[0], new long[0],
        new int[0], tookBack);
  }

  /**
   * Whether this correction changes nothing.
   *
   * @return whether it is empty
   */
  public boolean isEmpty() {
    return !tookBack && lengths.length == 0 && zeroLengths.length == 0
        && compressionRows.length == 0 && Arrays.stream(totals).allMatch(v -> v == 0);
  }

  /**
   * The chunks added (positive) and taken back (negative), fingerprinted or not.
   *
   * @return the signed number of chunks
   */
  public long chunks() {
    return totals[0];
  }

  /**
   * Rows: fingerprinted chunks added or taken back.
   *
   * @return the number of rows
   */
  public int rows() {
    return lengths.length;
  }

  boolean tookBack() {
    return tookBack;
  }

  long[] totals() {
    return totals;
  }

  int[] zeroLengths() {
    return zeroLengths;
  }

  long[] zeroCounts() {
    return zeroCounts;
  }

  long[] k0() {
    return k0;
  }

  long[] k1() {
    return k1;
  }

  int[] lengths() {
    return lengths;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static <T> T[] concat(T[] a, T[] b) {
    T[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String toString() {
    return "EdgeCorrection[" + totals[0] + " chunks, " + totals[1] + " bytes, " + lengths.length
        + " rows]";
  }
}
