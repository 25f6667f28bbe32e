package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.dedup4j.Skipped;
import org.dedup4j.internal.count.CountState;
import org.dedup4j.internal.count.Reporting;
import org.dedup4j.internal.count.SummaryCodec;
import org.dedup4j.internal.count.TempFiles;
import org.dedup4j.internal.report.ReportTotals;

/**
 * What a scan counted, in a form that adds up across runs and machines: the totals, the exact
 * sorted fingerprints with their reference counts (exact mode) or the kept sample and sketch (sample
 * and sketch modes). Summaries {@linkplain #merge merge} associatively and commutatively and give
 * the same {@linkplain #report() report} as one scan of everything: exact with exact is exact; any
 * sample or sketch makes the result a sample (or sketch) within the same stated bounds.
 *
 * <pre>{@code
 * DedupScanner scanner = DedupScanner.builder().build();
 * scanner.summarize(Path.of("/host-a/data")).write(Path.of("a.d4js"));
 * scanner.summarize(Path.of("/host-b/data")).write(Path.of("b.d4js"));
 * DedupSummary all = DedupSummary.merge(List.of(
 *     DedupSummary.read(Path.of("a.d4js")), DedupSummary.read(Path.of("b.d4js"))));
 * System.out.print(all.report().toText());
 * }</pre>
 *
 * <h2>File format (version 4)</h2>
 *
 * Big-endian: the magic {@code DEDUP4JS}, a 16-bit version, the chunker and hasher specs (modified
 * UTF-8), the data set's name ({@link #named}; empty for none), the totals, the inputs skipped
 * (path, reason, kind), the counting state (mode, chunk-size histogram, sample
 * level and salt, sketch registers, a byte that says what follows (0: the entries; 1: an exact
 * count's figures only, see {@link #figuresOnly}), then the entries: fingerprint, reference count
 * and length per distinct chunk, sorted) and a CRC32C of everything before it. Version 3, without
 * the name, and version 2, without the name and that byte, are read too. About 19 bytes per distinct chunk
 * in exact mode. A file that is truncated, corrupt or of another version is rejected with an
 * {@link IOException} that says which.
 *
 * <p>As a value, an exact summary holds every distinct fingerprint in memory (28 bytes each) while it
 * is built, merged or read. For exact counts of any size use the streaming forms instead, whose
 * memory does not grow with the data: {@link DedupScanner#summarize(List, Path)} (scan straight to a
 * file) and {@link #mergeFiles(List, Path)} (merge files into a report and a file). Summaries hold
 * the dedupe counts, not a scan's compression estimate. Immutable and thread-safe.
 *
 * <p>Over 450 lines: the value, the file's header and checks, and the streaming merge of files that never holds their entries; the counting state's part of the format is SummaryCodec.
 */
public final class DedupSummary {

  /** The file's first eight bytes. */
  public static final String MAGIC = "DEDUP4JS";

  /** The format version this library writes and reads. */
  public static final int VERSION = 4;

  private final String chunker;
  private final String hasher;
  private final long files;
  private final long bytes;
  private final long chunks;
  private final long sampledChunks;
  private final long sampledBytes;
  private final long zeroChunks;
  private final long zeroBytes;
  private final long elapsedNanos;
  private final int threads;
  private final String io;
  private final double samplePercent;
  private final long sampleSeed;
  private final ImmutableList<Skipped> skipped;
  /** Occurrences of all-zero chunks by length: which zero chunks stay unique ({@code uniqueZeroBytes}). */
  private final com.google.common.collect.ImmutableSortedMap<Integer, Long> zeroLengths;
  private final CountState state;
  /** The data set's name given at save time ({@link #named}), or null. */
  private final String name;

  private DedupSummary(String chunker, String hasher, long files, long bytes, long chunks,
      long sampledChunks, long sampledBytes, long zeroChunks, long zeroBytes, long elapsedNanos,
      int threads, String io, double samplePercent, long sampleSeed,
      java.util.SortedMap<Integer, Long> zeroLengths, List<Skipped> skipped, CountState state) {
    this(chunker, hasher, files, bytes, chunks, sampledChunks, sampledBytes, zeroChunks, zeroBytes,
        elapsedNanos, threads, io, samplePercent, sampleSeed, zeroLengths, skipped, state, null);
  }

  private DedupSummary(String chunker, String hasher, long files, long bytes, long chunks,
      long sampledChunks, long sampledBytes, long zeroChunks, long zeroBytes, long elapsedNanos,
      int threads, String io, double samplePercent, long sampleSeed,
      java.util.SortedMap<Integer, Long> zeroLengths, List<Skipped> skipped, CountState state,
      String name) {
    this.name = name;
    this.chunker = chunker;
    this.hasher = hasher;
    this.files = files;
    this.bytes = bytes;
    this.chunks = chunks;
    this.sampledChunks = sampledChunks;
    this.sampledBytes = sampledBytes;
    this.zeroChunks = zeroChunks;
    this.zeroBytes = zeroBytes;
    this.elapsedNanos = elapsedNanos;
    this.threads = threads;
    this.io = io;
    this.samplePercent = samplePercent;
    this.sampleSeed = sampleSeed;
    this.zeroLengths = com.google.common.collect.ImmutableSortedMap.copyOf(zeroLengths);
    this.skipped = ImmutableList.copyOf(skipped);
    this.state = state;
  }

  /** From a scan's report and its counter's state (which holds its entries). */
  static DedupSummary of(DedupReport r, CountState state) {
    return new DedupSummary(r.chunker(), r.hasher(), r.files(), r.bytes(), r.chunks(),
        r.sampledChunks(), r.sampledBytes(), r.zeroChunks(), r.zeroBytes(), r.elapsedNanos(),
        r.threads(), r.io(), r.samplePercent(), r.sampleSeed(), r.zeroLengths(), r.skipped(),
        state);
  }

  /**
   * The chunker's spec.
   *
   * @return the chunker's spec
   */
  public String chunker() {
    return chunker;
  }

  /**
   * The hasher's spec.
   *
   * @return the hasher's spec
   */
  public String hasher() {
    return hasher;
  }

  /**
   * How the unique chunks were counted: exact, sample or sketch.
   *
   * @return how the unique chunks were counted: exact, sample or sketch
   */
  public CountingMode mode() {
    return state.mode();
  }

  /**
   * Bytes read.
   *
   * @return bytes read
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Chunks cut.
   *
   * @return the chunks
   */
  public long chunks() {
    return chunks;
  }

  /**
   * Distinct entries held: every distinct chunk (exact) or the kept sample.
   *
   * @return distinct entries held: every distinct chunk (exact) or the kept sample
   */
  public long entries() {
    return state.entryCount();
  }

  /**
   * The report, as a scan of everything summarized would print it (times and threads are those of
   * the scans, summed and the largest).
   *
   * @return the report
   */
  public DedupReport report() {
    return report(null);
  }

  /** The compression estimate of a report, from its unique non-zero and zero chunks. */
  interface CompressionFinisher {
    List<org.dedup4j.internal.report.CompressionFigures> finish(long uniqueNonZero,
        long uniqueZero);
  }

  /** The report, with compression figures when {@code compression} is given. */
  DedupReport report(CompressionFinisher compression) {
    ReportTotals b = new ReportTotals();
    b.chunker = chunker;
    b.hasher = hasher;
    b.threads = threads;
    b.io = io;
    b.files = files;
    b.bytes = bytes;
    b.chunks = chunks;
    b.sampledChunks = sampledChunks;
    b.sampledBytes = sampledBytes;
    b.zeroChunks = zeroChunks;
    b.zeroBytes = zeroBytes;
    b.elapsedNanos = elapsedNanos;
    b.samplePercent = samplePercent;
    b.sampleSeed = sampleSeed;
    b.skipped = skipped;
    b.zeroLengths = zeroLengths;
    b.uniqueZeroBytes = ReportTotals.uniqueZeroBytes(zeroLengths);
    Reporting.fill(b, state, bytes, chunks, sampledChunks, sampledBytes, samplePercent, null);
    if (compression != null) {
      long uniqueZero = zeroLengths.values().stream().filter(v -> v > 0).count();
      b.compression = compression.finish(b.uniqueChunks - uniqueZero, uniqueZero);
    }
    return new DedupReport(b);
  }

  /**
   * Merges with another summary: see {@link #merge(List)}.
   *
   * @param other the other summary
   * @return the merged summary
   * @throws IllegalArgumentException if chunkers, hashers, percent samples or sample salts differ
   */
  public DedupSummary merge(DedupSummary other) {
    checkMergeable(other);
    return sum(other, CountState.merge(state, other.state));
  }

  /**
   * An exact summary split by fingerprint into {@code buckets} summaries: bucket {@code b} holds
   * the entries whose fingerprint falls in it ({@link #bucketOf}), the first also every total
   * (bytes, chunks, files, zero chunks, inputs skipped), the others none. Merging the buckets gives
   * this summary back; a cluster merges each bucket on its own machine instead ({@link
   * #figuresOnly}, {@link #mergeDisjoint}), so that no machine holds every fingerprint.
   *
   * <pre>{@code
   * List<DedupSummary> parts = summary.byFingerprint(64);
   * }</pre>
   *
   * @param buckets how many, 1 or more
   * @return the buckets, in order
   * @throws IllegalArgumentException if the summary is not exact with its entries
   */
  public List<DedupSummary> byFingerprint(int buckets) {
    checkArgument(buckets >= 1, "buckets %s; allowed 1 or more", buckets);
    List<CountState> states = state.byFingerprint(buckets);
    List<DedupSummary> out = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      out.add(i == 0 ? withState(states.get(0)) : new DedupSummary(chunker, hasher, 0, 0, 0, 0, 0,
          0, 0, 0, threads, io, samplePercent, sampleSeed, new java.util.TreeMap<>(), List.of(),
          states.get(i)));
    }
    return out;
  }

  /** Receives an exact summary's entries; see {@link #forEachEntry}. */
  @FunctionalInterface
  public interface EntryVisitor {
    /**
     * One distinct fingerprint.
     *
     * @param k0 its first 64 bits
     * @param k1 its second 64 bits (0 for 64-bit hashers)
     * @param count its references
     * @param length its chunk's length
     */
    void visit(long k0, long k1, long count, int length);
  }

  /**
   * Visits an exact summary's entries in its sorted order: for a cluster that sends them, by
   * {@link #bucketOf}, to the machines that own their range.
   *
   * @param v the visitor
   * @throws IllegalArgumentException if the summary is not exact with its entries
   */
  public void forEachEntry(EntryVisitor v) {
    checkArgument(state.mode() == CountingMode.EXACT && state.entries() != null,
        "only an exact summary with its entries lists them");
    state.entries().forEach(v::visit);
  }

  /**
   * The fingerprint width of the summary's hasher.
   *
   * @return 64 or 128
   */
  public int fingerprintBits() {
    return state.keyBits();
  }

  /**
   * This summary's totals (bytes, chunks, files, zero chunks, inputs skipped) without any counting
   * figures: what a cluster's task sends beside its entries, merged with the ranges' figures by
   * {@link #mergeDisjoint}.
   *
   * @return the totals
   */
  public DedupSummary totalsOnly() {
    return withState(state.emptyExact());
  }

  /**
   * An exact summary of the same chunker, hasher and percent sample as this one, without its
   * totals, of entries given in any order (a fingerprint may repeat: its counts add): what the
   * machine that owns one range of fingerprints builds from the entries sent to it, with an empty
   * scan's summary as the template.
   *
   * <pre>{@code
   * DedupSummary range = template.withEntries(k0, k1, counts, lengths, n);
   * }</pre>
   *
   * @param k0 first 64 bits of each fingerprint
   * @param k1 second 64 bits (ignored for 64-bit fingerprints)
   * @param count references of each
   * @param length chunk length of each
   * @param n how many of the arrays' elements are entries
   * @return the summary
   * @throws IllegalArgumentException if a count or length is not positive
   */
  public DedupSummary withEntries(long[] k0, long[] k1, long[] count, int[] length, int n) {
    return new DedupSummary(chunker, hasher, 0, 0, 0, 0, 0, 0, 0, 0, threads, io, samplePercent,
        sampleSeed, new java.util.TreeMap<>(), List.of(),
        CountState.exactOf(state.keyBits(), k0, k1, count, length, n));
  }

  /**
   * The bucket of a fingerprint among {@code buckets}, as {@link #byFingerprint} and {@link
   * EdgeCorrection#byFingerprint} place it.
   *
   * Buckets are consecutive ranges of a summary's sorted order of fingerprints.
   *
   * @param k0 the fingerprint's first 64 bits
   * @param k1 its second 64 bits
   * @param fingerprintBits the hasher's width, 64 (then {@code k1} is ignored) or 128
   * @param buckets how many buckets
   * @return the bucket, from 0
   */
  public static int bucketOf(long k0, long k1, int fingerprintBits, int buckets) {
    return CountState.bucketOf(k0, k1, fingerprintBits, buckets);
  }

  /**
   * This exact summary's figures without its fingerprints: everything its {@link #report()} needs,
   * in a few kilobytes, for a summary that owns one range of fingerprints ({@link #byFingerprint})
   * and is merged with the other ranges by {@link #mergeDisjoint}. It can be written and read, but
   * not merged with {@link #merge} (its fingerprints are gone).
   *
   * @return the figures
   * @throws IllegalArgumentException if the summary is not exact
   */
  public DedupSummary figuresOnly() {
    return state.figuresOnly() ? this : withState(state.withoutEntries());
  }

  /**
   * Whether this summary holds an exact count's figures without its fingerprints ({@link
   * #figuresOnly}): it reports, but does not merge.
   *
   * @return whether it is figures only
   */
  public boolean isFiguresOnly() {
    return state.figuresOnly();
  }

  /**
   * Merges the figures of exact summaries of disjoint ranges of fingerprints (the buckets of {@link
   * #byFingerprint}, each merged and corrected on its own, then {@link #figuresOnly}): totals and
   * figures add, which is right only because no fingerprint is in two of them.
   *
   * <pre>{@code
   * DedupReport r = DedupSummary.mergeDisjoint(bucketFigures).report();
   * }</pre>
   *
   * @param figures one or more summaries of figures only, of disjoint fingerprint ranges
   * @return the merged figures
   * @throws IllegalArgumentException if one is not of exact figures only, or they do not match
   */
  public static DedupSummary mergeDisjoint(List<DedupSummary> figures) {
    checkArgument(!figures.isEmpty(), "nothing to merge");
    DedupSummary out = figures.get(0);
    for (int i = 1; i < figures.size(); i++) {
      DedupSummary o = figures.get(i);
      out.checkMergeable(o);
      out = out.sum(o, CountState.mergeDisjoint(out.state, o.state));
    }
    checkArgument(out.state.figuresOnly(), "only exact figures without fingerprints merge as"
        + " disjoint ranges: %s", out);
    return out;
  }

  /**
   * This summary with an edge correction applied: the merged summary of every part of some files,
   * each part scanned as its own chain of cuts, becomes the summary of one sequential pass over
   * them. See {@link EdgeCorrection}.
   *
   * <pre>{@code
   * DedupSummary whole = DedupSummary.merge(partSummaries).corrected(edgeCorrections);
   * }</pre>
   *
   * @param c the corrections of every edge between the parts, summed with {@link
   *     EdgeCorrection#plus}
   * @return the corrected summary
   * @throws IllegalStateException if an exact correction takes back a chunk no part counted (a
   *     part's summary is missing from this one)
   */
  public DedupSummary corrected(EdgeCorrection c) {
    if (c.isEmpty()) {
      return this;
    }
    long[] t = c.totals();
    java.util.SortedMap<Integer, Long> zeros = new java.util.TreeMap<>(zeroLengths);
    for (int i = 0; i < c.zeroLengths().length; i++) {
      zeros.merge(c.zeroLengths()[i], c.zeroCounts()[i], Long::sum);
    }
    zeros.values().removeIf(v -> v == 0);
    if (zeros.values().stream().anyMatch(v -> v < 0)) {
      throw new IllegalStateException("an edge correction takes back zero chunks that no part"
          + " counted: merge the summaries of every part of the file before correcting");
    }
    return new DedupSummary(chunker, hasher, files, bytes + t[1], chunks + t[0],
        sampledChunks + t[2], sampledBytes + t[3], zeroChunks + t[4], zeroBytes + t[5],
        elapsedNanos, threads, io, samplePercent, sampleSeed, zeros, skipped,
        CountState.corrected(state, c.k0(), c.k1(), c.lengths(), c.tookBack()), name);
  }

  private static java.util.SortedMap<Integer, Long> sumZeroLengths(
      java.util.SortedMap<Integer, Long> a, java.util.SortedMap<Integer, Long> b) {
    java.util.SortedMap<Integer, Long> out = new java.util.TreeMap<>(a);
    b.forEach((length, count) -> out.merge(length, count, Long::sum));
    return out;
  }

  /** The totals of this and another summary, with a given state. */
  private DedupSummary sum(DedupSummary other, CountState merged) {
    List<Skipped> s = new ArrayList<>(skipped);
    s.addAll(other.skipped);
    s.sort(Comparator.comparing(Skipped::path).thenComparing(Skipped::reason));
    return new DedupSummary(chunker, hasher, files + other.files, bytes + other.bytes,
        chunks + other.chunks, sampledChunks + other.sampledChunks,
        sampledBytes + other.sampledBytes, zeroChunks + other.zeroChunks,
        zeroBytes + other.zeroBytes, elapsedNanos + other.elapsedNanos,
        Math.max(threads, other.threads), io.equals(other.io) ? io : "mixed", samplePercent,
        sampleSeed, sumZeroLengths(zeroLengths, other.zeroLengths), s, merged,
        java.util.Objects.equals(name, other.name) ? name : null);
  }

  /**
   * Merges summary files into one report, and optionally one summary file, without holding exact
   * fingerprints in memory: when every file is exact, their sorted entries are merged as streams
   * (memory does not grow with the data; a temp file beside {@code out}, or in {@code
   * java.io.tmpdir}, holds the merged entries until they are written). Otherwise the files are read
   * and merged as {@link #merge(List)} does. Every file's checksum is verified first.
   *
   * <pre>{@code
   * DedupReport total = DedupSummary.mergeFiles(List.of(Path.of("a.d4js"), Path.of("b.d4js")),
   *     Path.of("all.d4js"));
   * }</pre>
   *
   * @param files one or more summary files
   * @param out where to write the merged summary, or null
   * @return the merged report
   * @throws IOException if a file is unreadable, corrupt, truncated or of another version (the
   *     message names it), or {@code out} cannot be written (no partial file is left)
   * @throws IllegalArgumentException if the summaries do not match (chunker, hasher, percent sample)
   *     or one file is named twice (directly or through a link)
   */
  public static DedupReport mergeFiles(List<Path> files, Path out) throws IOException {
    checkArgument(!files.isEmpty(), "nothing to merge");
    if (out != null) {
      checkReplaceable(out);
    }
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      try {
        checkFile(f);
        for (int j = 0; j < i; j++) {
          // Two summaries of the same data are two copies of it; one file named twice is not.
          checkArgument(!Files.isSameFile(files.get(j), f), "%s and %s are the same file: merging a"
              + " summary with itself would count its data twice", files.get(j), f);
        }
      } catch (IOException e) {
        throw new IOException(f + ": " + reason(e), e);
      }
    }
    List<InputStream> streams = new ArrayList<>();
    Path dir = out != null ? out.toAbsolutePath().getParent()
        : Path.of(System.getProperty("java.io.tmpdir"));
    Path entries = null;
    try {
      List<DedupSummary> tops = new ArrayList<>();
      List<SummaryCodec.Head> heads = new ArrayList<>();
      List<java.io.DataInput> inputs = openTops(files, streams, tops, heads);
      if (heads.stream().anyMatch(h -> h.mode() != CountingMode.EXACT)) {
        // Samples and sketches are small: read them. An exact summary is streamed into the sample
        // the merge makes of it, so its entries are never all held (hardening D7).
        long salt = 0;
        int level = 0;
        for (int i = 0; i < files.size(); i++) {
          if (heads.get(i).mode() != CountingMode.EXACT) {
            salt = heads.get(i).salt();
            level = Math.max(level, heads.get(i).level());
          }
        }
        // Merged as they are read (as merge(List) folds them), so that one sample at a time is
        // held beside the running merge, however many files there are.
        DedupSummary merged = null;
        for (int i = 0; i < files.size(); i++) {
          DedupSummary next = heads.get(i).mode() == CountingMode.EXACT
              ? tops.get(i).withState(SummaryCodec.exactAsSample(inputs.get(i), heads.get(i),
                  files.get(i).toString(), salt, level))
              : read(files.get(i));
          merged = merged == null ? next : merged.merge(next);
        }
        if (out != null) {
          merged.write(out);
        }
        return merged.report();
      }
      DedupSummary acc = tops.get(0);
      for (int i = 1; i < tops.size(); i++) {
        acc.checkMergeable(tops.get(i));
        checkArgument(heads.get(i).keyBits() == heads.get(0).keyBits(),
            "fingerprints of %s and %s bits cannot merge", heads.get(0).keyBits(),
            heads.get(i).keyBits());
      }
      entries = TempFiles.createFile(dir, "dedup4j-merge-", ".entries");
      CountState state = SummaryCodec.mergeExact(inputs, heads,
          files.stream().map(Path::toString).toList(), entries);
      DedupSummary merged = tops.get(0);
      for (int i = 1; i < tops.size(); i++) {
        merged = merged.sum(tops.get(i), null);
      }
      merged = merged.withState(state);
      if (out != null) {
        try {
          merged.write(out);
        } catch (IOException e) {
          throw new IOException(out + ": " + reason(e), e);
        }
      }
      return merged.report();
    } finally {
      for (InputStream s : streams) {
        s.close();
      }
      if (entries != null) {
        Files.deleteIfExists(entries);
        TempFiles.release(entries);
      }
    }
  }

  /**
   * Opens summary files and reads each up to its entries: their totals into {@code tops}, their
   * state's heads into {@code heads}; returns the streams positioned at the entries (also added to
   * {@code streams}, for the caller to close).
   */
  private static List<java.io.DataInput> openTops(List<Path> files, List<InputStream> streams,
      List<DedupSummary> tops, List<SummaryCodec.Head> heads) throws IOException {
    List<java.io.DataInput> inputs = new ArrayList<>();
    for (Path f : files) {
      InputStream raw = Files.newInputStream(f);
      streams.add(raw);
      DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
      try {
        tops.add(readTop(in, heads));
      } catch (IOException e) {
        throw new IOException(f + ": corrupt summary: " + e.getMessage(), e);
      }
      inputs.add(in);
    }
    return inputs;
  }

  /**
   * What {@link #members} streamed.
   *
   * @param tops the files' totals (without their counting states)
   * @param mode exact when every file is exact, else sample
   * @param level the common sample level the masks are of (0 when exact)
   */
  record Members(List<DedupSummary> tops, CountingMode mode, int level) {}

  /**
   * Streams the fingerprints of summary files in one merge, telling the sink for each distinct one
   * which files hold it (bit {@code i} for file {@code i}). Exact files stream every fingerprint;
   * when any file is a sample (or a sketch's sample), every file's entries kept at the strictest
   * of their levels stream instead (an exact file's are hashed into that sample as they are read).
   * Every file's checksum is verified first; {@code sinkFor} receives the files' totals before any
   * fingerprint streams. For {@link SetOverlap}.
   *
   * @throws IllegalArgumentException if the files do not match (chunker, hasher, percent sample,
   *     fingerprint width, sample salt)
   */
  static Members members(List<Path> files,
      java.util.function.Function<List<DedupSummary>, SummaryCodec.Membership> sinkFor)
      throws IOException {
    for (Path f : files) {
      try {
        checkFile(f);
      } catch (IOException e) {
        throw new IOException(f + ": " + reason(e), e);
      }
    }
    List<InputStream> streams = new ArrayList<>();
    try {
      List<DedupSummary> tops = new ArrayList<>();
      List<SummaryCodec.Head> heads = new ArrayList<>();
      List<java.io.DataInput> inputs = openTops(files, streams, tops, heads);
      int level = -1;
      long salt = 0;
      int sampled = -1;
      for (int i = 0; i < files.size(); i++) {
        tops.get(0).checkMergeable(tops.get(i));
        checkArgument(heads.get(i).keyBits() == heads.get(0).keyBits(),
            "fingerprints of %s and %s bits cannot be compared", heads.get(0).keyBits(),
            heads.get(i).keyBits());
        if (heads.get(i).mode() != CountingMode.EXACT) {
          checkArgument(sampled < 0 || heads.get(i).salt() == salt, "%s and %s are samples of"
              + " different salts (%s, %s): their kept chunks are not comparable",
              sampled < 0 ? null : files.get(sampled), files.get(i), salt, heads.get(i).salt());
          sampled = i;
          salt = heads.get(i).salt();
          level = Math.max(level, heads.get(i).level());
        }
      }
      SummaryCodec.Membership sink = sinkFor.apply(tops);
      SummaryCodec.members(inputs, heads, files.stream().map(Path::toString).toList(), level,
          salt, sink);
      return new Members(tops, level < 0 ? CountingMode.EXACT : CountingMode.SAMPLE,
          Math.max(0, level));
    } finally {
      for (InputStream s : streams) {
        s.close();
      }
    }
  }

  /**
   * The same summary with another elapsed time and thread count: a scan made of parts run in
   * parallel elsewhere (on Apache Spark) reports its wall time and its parallelism, not the sum of
   * its parts' times.
   *
   * <pre>{@code
   * DedupReport r = DedupSummary.merge(parts).ran(System.nanoTime() - started, 16).report();
   * }</pre>
   *
   * @param nanos the elapsed time
   * @param parallelism the threads (or task slots) it ran on
   * @return the summary
   */
  public DedupSummary ran(long nanos, int parallelism) {
    return new DedupSummary(chunker, hasher, files, bytes, chunks, sampledChunks, sampledBytes,
        zeroChunks, zeroBytes, nanos, parallelism, io, samplePercent, sampleSeed, zeroLengths,
        skipped, state, name);
  }

  private DedupSummary withState(CountState s) {
    return new DedupSummary(chunker, hasher, files, bytes, chunks, sampledChunks, sampledBytes,
        zeroChunks, zeroBytes, elapsedNanos, threads, io, samplePercent, sampleSeed, zeroLengths,
        skipped, s, name);
  }

  /** The most characters of a data set's name ({@link #named}). */
  public static final int MAX_NAME_LENGTH = 256;

  /**
   * The same summary under a data set's name, which it keeps when written: {@link SetOverlap} and
   * {@code dedup4j overlap} name the set by it (else by the file's name). Merged summaries keep a
   * name they all share and drop differing ones.
   *
   * <pre>{@code
   * scanner.summarize(Path.of("/backup/mon")).named("mon").write(Path.of("mon.d4js"));
   * }</pre>
   *
   * @param name 1 to {@value #MAX_NAME_LENGTH} characters, without control characters or commas
   *     (a comma separates names in {@code --keep}); null for none
   * @return the named summary
   * @throws IllegalArgumentException if the name is empty, too long or holds such a character
   */
  public DedupSummary named(String name) {
    if (name != null) {
      String bad = nameProblem(name);
      checkArgument(bad == null, "data set name '%s': %s", name, bad);
    }
    return new DedupSummary(chunker, hasher, files, bytes, chunks, sampledChunks, sampledBytes,
        zeroChunks, zeroBytes, elapsedNanos, threads, io, samplePercent, sampleSeed, zeroLengths,
        skipped, state, name);
  }

  /** What is wrong with a data set's name, or null when nothing is. */
  static String nameProblem(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return name.length() + " characters; allowed 1.." + MAX_NAME_LENGTH;
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return "holds a control character";
    }
    if (name.indexOf(',') >= 0) {
      return "holds a comma (--keep separates names with commas)";
    }
    return null;
  }

  /**
   * The data set's name given at save time ({@link #named}), or null when none was.
   *
   * @return the name, or null
   */
  public String name() {
    return name;
  }

  /** Bytes fingerprinted (all bytes read unless a percent sample was taken). */
  long sampledBytes() {
    return sampledBytes;
  }

  /** Chunks fingerprinted. */
  long sampledChunks() {
    return sampledChunks;
  }

  private void checkMergeable(DedupSummary other) {
    checkArgument(chunker.equals(other.chunker),
        "summaries of different chunkers cannot merge: %s and %s", chunker, other.chunker);
    checkArgument(hasher.equals(other.hasher),
        "summaries of different hashers cannot merge: %s and %s", hasher, other.hasher);
    checkArgument(samplePercent == other.samplePercent && sampleSeed == other.sampleSeed,
        "summaries of different percent samples cannot merge: %s%% seed %s and %s%% seed %s",
        samplePercent, sampleSeed, other.samplePercent, other.sampleSeed);
  }

  /**
   * Merges summaries of the same chunker and hasher: counts add; exact with exact stays exact
   * (identical to one scan of all the data when no chunk spans two parts); a sample or sketch makes
   * the result a sample (sketch only if every part has one or is exact) at the least sampling level
   * at or above every part's where the union fits. Associative and commutative.
   *
   * @param summaries one or more summaries
   * @return the merged summary
   * @throws IllegalArgumentException if the list is empty or the summaries do not match
   */
  public static DedupSummary merge(List<DedupSummary> summaries) {
    checkArgument(!summaries.isEmpty(), "nothing to merge");
    DedupSummary out = summaries.get(0);
    for (int i = 1; i < summaries.size(); i++) {
      out = out.merge(summaries.get(i));
    }
    return out;
  }

  /**
   * Writes the summary to a file, atomically (a temp file beside it, then a rename). An existing
   * regular file is replaced; anything else (a device node, a directory, a FIFO) is refused.
   *
   * @param file the file
   * @throws IOException if writing fails, or {@code file} exists and is not a regular file; no
   *     partial file is left
   */
  public void write(Path file) throws IOException {
    checkReplaceable(file);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = TempFiles.createFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
      TempFiles.release(tmp);
    }
  }

  /**
   * Refuses a summary target that exists and is not a regular file (following links): a rename
   * over a device node or a FIFO would replace it, as root even {@code /dev/sda}.
   *
   * @param file the target
   * @throws IOException naming the file, if it is not a regular file
   */
  static void checkReplaceable(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException(file + ": exists and is not a regular file (a directory, device or "
          + "FIFO); a summary replaces only a regular file");
    }
  }

  /**
   * Writes the summary to a stream (not closed).
   *
   * @param stream the stream
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream stream) throws IOException {
    CRC32C crc = new CRC32C();
    BufferedOutputStream buffered = new BufferedOutputStream(new CheckedOutputStream(
        new NonClosing(stream), crc), 1 << 16);
    DataOutputStream out = new DataOutputStream(buffered);
    out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
    out.writeShort(VERSION);
    out.writeUTF(chunker);
    out.writeUTF(hasher);
    out.writeUTF(name == null ? "" : name); // version 4; empty: no name
    for (long v : new long[] {files, bytes, chunks, sampledChunks, sampledBytes, zeroChunks,
        zeroBytes, elapsedNanos}) {
      out.writeLong(v);
    }
    out.writeInt(threads);
    out.writeUTF(io);
    out.writeDouble(samplePercent);
    out.writeLong(sampleSeed);
    out.writeInt(zeroLengths.size());
    for (Map.Entry<Integer, Long> z : zeroLengths.entrySet()) {
      out.writeInt(z.getKey());
      out.writeLong(z.getValue());
    }
    out.writeInt(skipped.size());
    for (Skipped s : skipped) {
      out.writeUTF(truncate(s.path()));
      out.writeUTF(truncate(s.reason()));
      out.writeByte(s.kind().ordinal());
    }
    SummaryCodec.write(out, state);
    out.flush();
    int sum = (int) crc.getValue();
    stream.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8),
        (byte) sum});
    stream.flush();
  }

  /**
   * Reads a summary file.
   *
   * @param file the file
   * @return the summary
   * @throws IOException if the file cannot be read, is not a summary, is of another version, is
   *     truncated or corrupt; the message names the file
   */
  public static DedupSummary read(Path file) throws IOException {
    try {
      checkFile(file);
      try (InputStream in = Files.newInputStream(file)) {
        return readFrom(in);
      }
    } catch (IOException e) {
      throw new IOException(file + ": " + reason(e), e);
    }
  }

  /** An I/O failure in words: the JDK's messages for a missing or forbidden file are only its path. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /** The file's first bytes must be the magic: another tool's file is said to be one. */
  private static void checkMagic(byte[] magic) throws IOException {
    if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
      throw new IOException("not a dedup4j summary (it does not start with " + MAGIC + ")");
    }
  }

  /** The big-endian CRC32C of the file's last four bytes. */
  private static int crcOf(byte[] trailer) {
    return ((trailer[0] & 0xFF) << 24) | ((trailer[1] & 0xFF) << 16)
        | ((trailer[2] & 0xFF) << 8) | (trailer[3] & 0xFF);
  }

  /** The magic and the checksum first: a corrupt or cut file is reported as such, not as a bad value. */
  private static void checkFile(Path file) throws IOException {
    {
      long size = Files.size(file);
      if (size < MAGIC.length() + 6) {
        throw new IOException("summary is truncated (" + size + " bytes)");
      }
      CRC32C crc = new CRC32C();
      byte[] trailer = new byte[4];
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        byte[] buf = new byte[1 << 16];
        long left = size - 4;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            throw new IOException("summary is truncated");
          }
          crc.update(buf, 0, n);
          left -= n;
        }
        if (in.readNBytes(trailer, 0, 4) < 4) {
          throw new IOException("summary is truncated");
        }
      }
      byte[] magic = new byte[MAGIC.length()];
      try (InputStream in = Files.newInputStream(file)) {
        in.readNBytes(magic, 0, magic.length);
      }
      checkMagic(magic);
      int actual = crcOf(trailer);
      if (actual != (int) crc.getValue()) {
        throw new IOException("summary checksum mismatch: the file is corrupt or truncated");
      }
    }
  }

  /**
   * Reads a summary from a stream, to its end.
   *
   * @param stream the stream (not closed)
   * @return the summary
   * @throws IOException if the bytes are not a valid summary of this version
   */
  public static DedupSummary readFrom(InputStream stream) throws IOException {
    CRC32C crc = new CRC32C();
    BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
    DataInputStream in = new DataInputStream(new CheckedInputStream(buffered, crc));
    DedupSummary s;
    try {
      s = readTop(in, null);
    } catch (EOFException e) {
      throw new IOException("summary is truncated", e);
    } catch (IOException e) {
      // A checksum mismatch explains a bad value best; look for one before blaming the value.
      throw new IOException("corrupt summary: " + e.getMessage(), e);
    }
    int expected = (int) crc.getValue();
    byte[] trailer = buffered.readNBytes(4);
    if (trailer.length < 4) {
      throw new IOException("summary is truncated (no checksum)");
    }
    int actual = crcOf(trailer);
    if (actual != expected) {
      throw new IOException("summary checksum mismatch: the file is corrupt");
    }
    if (buffered.read() >= 0) {
      throw new IOException("corrupt summary: bytes after the checksum");
    }
    return s;
  }

  /**
   * Reads everything up to the counting state, then the state (or, with {@code heads} given, only
   * its head, appended there, leaving the stream at the entries; the summary's state is then null).
   */
  private static DedupSummary readTop(DataInputStream in, List<SummaryCodec.Head> heads)
      throws IOException {
    {
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      checkMagic(magic);
      int version = in.readUnsignedShort();
      if (version < 2 || version > VERSION) {
        throw new IOException("summary format version " + version + " is not supported; this"
            + " library reads versions 2 to " + VERSION);
      }
      String chunker = in.readUTF();
      String hasher = in.readUTF();
      String name = version >= 4 ? in.readUTF() : "";
      if (!name.isEmpty() && nameProblem(name) != null) {
        throw new IOException("corrupt summary: data set name '" + name + "' "
            + nameProblem(name));
      }
      long[] v = new long[8];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readLong();
        if (v[i] < 0) {
          throw new IOException("corrupt summary: a negative count");
        }
      }
      int threads = in.readInt();
      String io = in.readUTF();
      double percent = in.readDouble();
      long seed = in.readLong();
      if (!(percent > 0 && percent <= 100)) {
        throw new IOException("corrupt summary: sample percent " + percent);
      }
      int zeroCount = in.readInt();
      if (zeroCount < 0 || zeroCount > 1 << 20) {
        throw new IOException("corrupt summary: " + zeroCount + " lengths of zero chunks");
      }
      java.util.SortedMap<Integer, Long> zeros = new java.util.TreeMap<>();
      for (int i = 0; i < zeroCount; i++) {
        int length = in.readInt();
        long count = in.readLong();
        if (length < 1 || count < 1 || zeros.put(length, count) != null) {
          throw new IOException("corrupt summary: zero chunks of length " + length + ", count "
              + count);
        }
      }
      int skippedCount = in.readInt();
      if (skippedCount < 0) {
        throw new IOException("corrupt summary: " + skippedCount + " skipped inputs");
      }
      List<Skipped> skipped = new ArrayList<>();
      // A few reasons recur: share them. Java holds a short entry in about ten times its bytes in
      // the file, so a crafted list meets a clear limit, not an out-of-memory error.
      Map<String, String> reasons = new HashMap<>();
      long held = 0;
      long limit = Runtime.getRuntime().maxMemory() / 4;
      for (int i = 0; i < skippedCount; i++) {
        String path = in.readUTF();
        String reason = reasons.computeIfAbsent(in.readUTF(), r -> r);
        int kind = in.readUnsignedByte();
        if (kind >= Skipped.Kind.values().length) {
          throw new IOException("corrupt summary: skipped input of kind " + kind);
        }
        if (path.isEmpty()) {
          throw new IOException("corrupt summary: a skipped input without a path");
        }
        held += 96 + 2L * path.length();
        if (held > limit) {
          throw new IOException("the summary lists more skipped inputs than a quarter of the Java"
              + " heap holds (" + (i + 1) + " of " + skippedCount + " read); give Java more heap"
              + " (java -Xmx...)");
        }
        skipped.add(new Skipped(path, reason, Skipped.Kind.values()[kind]));
      }
      CountState state = null;
      if (heads == null) {
        state = SummaryCodec.read(in, version);
      } else {
        SummaryCodec.Head head = SummaryCodec.readHead(in, version);
        if (SummaryCodec.figuresOnly(head)) {
          throw new IOException("the summary holds an exact count's figures without its"
              + " fingerprints (one fingerprint range of a cluster's count): it cannot be merged"
              + " with others, only reported");
        }
        heads.add(head);
      }
      return new DedupSummary(chunker, hasher, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
          threads, io, percent, seed, zeros, skipped, state, name.isEmpty() ? null : name);
    }
  }

  private static String truncate(String s) {
    return s.length() > 8000 ? s.substring(0, 8000) : s;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DedupSummary[%s, %s, %s, bytes=%d, entries=%d]", mode().label(),
        chunker, hasher, bytes, entries());
  }

  /** Keeps the caller's stream open when the buffering layers are flushed. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(requireNonNull(out, "stream"));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
