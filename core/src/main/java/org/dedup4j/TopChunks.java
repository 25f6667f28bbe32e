package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dedup4j.internal.count.TopEntries;
import org.dedup4j.internal.engine.PlaceFinder;
import org.dedup4j.internal.engine.ScanEngine;
import org.dedup4j.internal.engine.ScanLimits;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;

/**
 * The most referenced chunks of an exact scan, with the first places where each occurs (as qdda
 * lists its most common blocks and where they sit): what to look at when a few chunks make most of
 * the duplicates (zero runs, a repeated header, a file stored many times). From {@link
 * DedupScanner#scanTopChunks}.
 *
 * <pre>{@code
 * DedupScanner.TopChunkScan r = DedupScanner.builder().build()
 *     .scanTopChunks(List.of(ScanSource.of(Path.of("disk.img"))), 10, 3);
 * System.out.print(r.topChunks().toText());
 * }</pre>
 *
 * <p>The chunks are those referenced at least twice (so the list may be shorter than asked), most
 * references first, ties by fingerprint (unsigned, first bits first): the list does not depend on
 * the threads, windows or I/O mode. They are chosen in one pass over the count's sorted entries
 * with a heap of the chunks asked for; their places come from a second, sequential read of the
 * inputs in the scan's order, each input cut as one chain with the scan's chunker and fingerprinted
 * with its hasher, which stops as soon as every chunk has its places (at most one more read of the
 * data). An input changed or removed between the two reads may leave a chunk with fewer places
 * than it has references. Immutable and thread-safe.
 */
public final class TopChunks {

  /** Places listed per chunk unless asked otherwise. */
  public static final int DEFAULT_PLACES = 3;

  /** The most chunks a list may ask for. */
  public static final int MAX_CHUNKS = 10_000;

  /** The most places per chunk. */
  public static final int MAX_PLACES = 1_000;

  /**
   * Where a chunk occurs.
   *
   * @param input the input's name, as the report names it (a path as given or found, a buffer's or
   *     range's name)
   * @param offset the chunk's first byte in the input (in the file, for a range)
   */
  public record Place(String input, long offset) {}

  /**
   * One of the most referenced chunks.
   *
   * @param fingerprint the fingerprint in hexadecimal: the first 64 or 128 bits of the hasher's
   *     digest, as {@code sha256sum} or {@code xxhsum} prints its start (32 digits for 128 bits)
   * @param length the chunk's length in bytes
   * @param count its references: how many times it occurs
   * @param referencedBytes length times count: the bytes it stands for
   * @param zero whether it is all zeros (named "zero chunk" in text)
   * @param places its first places in input order, at most the places asked for and its count
   */
  public record Chunk(String fingerprint, int length, long count, long referencedBytes,
      boolean zero, List<Place> places) {}

  private final List<Chunk> chunks;
  private final int placesPerChunk;
  private final long rereadBytes;
  private final boolean stopped;

  private TopChunks(List<Chunk> chunks, int placesPerChunk, long rereadBytes, boolean stopped) {
    this.chunks = List.copyOf(chunks);
    this.placesPerChunk = placesPerChunk;
    this.rereadBytes = rereadBytes;
    this.stopped = stopped;
  }

  /**
   * The chunks, most referenced first.
   *
   * @return the chunks
   */
  public List<Chunk> chunks() {
    return chunks;
  }

  /**
   * Places asked for per chunk.
   *
   * @return places asked for per chunk
   */
  public int placesPerChunk() {
    return placesPerChunk;
  }

  /**
   * Bytes the second read read to find the places (0 when there was nothing to find).
   *
   * @return bytes the second read read
   */
  public long rereadBytes() {
    return rereadBytes;
  }

  /**
   * Whether the scan's stop ({@link DedupScanner.Builder#stopWhen}) ended the second read before
   * every chunk had its places.
   *
   * @return whether the places are incomplete because the read was stopped
   */
  public boolean stopped() {
    return stopped;
  }

  /**
   * As JSON: {@code placesPerChunk}, {@code rereadBytes}, {@code stopped} and {@code chunks}, an
   * array of objects with {@link Chunk}'s fields ({@code places}: {@code input}, {@code offset}).
   *
   * @return the JSON text
   */
  public String toJson() {
    return ReportJson.pretty(w -> ReportJson.topChunks(w, this));
  }

  /**
   * As text: a table, one chunk per row with its places below it.
   *
   * @return the text
   */
  public String toText() {
    return ReportText.topChunks(this);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "TopChunks[%d chunks, %d places each]", chunks.size(),
        placesPerChunk);
  }

  // ---- Built by DedupScanner.scanTopChunks ---------------------------------------------------------

  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;

  /**
   * Refuses, before anything is read, what cannot give a top list with places.
   *
   * @throws IllegalArgumentException naming the value or the source
   */
  static void check(List<ScanSource> sources, int chunks, int places, CountingMode mode,
      double samplePercent) {
    checkArgument(chunks >= 1 && chunks <= MAX_CHUNKS,
        "top chunks %s is out of range; allowed 1..%s", chunks, MAX_CHUNKS);
    checkArgument(places >= 1 && places <= MAX_PLACES,
        "places per top chunk %s is out of range; allowed 1..%s", places, MAX_PLACES);
    checkArgument(mode == CountingMode.EXACT || mode == CountingMode.AUTO,
        "top chunks are counted exactly: a %s count keeps one distinct chunk in 2^k, chosen by"
            + " fingerprint, and the most referenced may not be among them; drop --mode %s",
        mode.label(), mode.label());
    checkArgument(samplePercent == 100, "top chunks count every chunk, and --percent %s"
        + " fingerprints only a sample of them; drop --percent", samplePercent);
    for (ScanSource s : sources) {
      String stream = null;
      if (s instanceof ScanSource.StreamSource) {
        stream = s.name().equals(org.dedup4j.internal.source.InputCollector.STDIN)
            ? "standard input" : "a stream";
      } else if (s instanceof ScanSource.PathSource p
          && p.path().toString().equals(org.dedup4j.internal.source.InputCollector.STDIN)) {
        stream = "standard input";
      } else if (s instanceof ScanSource.PathSource p && isFifo(p.path())) {
        stream = "a FIFO";
      }
      checkArgument(stream == null, "top chunks read the data a second time, to find where the"
          + " chunks sit: %s is %s, which can be read once; save it to a file first", s.name(),
          stream);
    }
  }

  private static boolean isFifo(Path path) {
    try {
      return ((Integer) Files.getAttribute(path, "unix:mode") & S_IFMT) == S_IFIFO;
    } catch (IOException | RuntimeException e) {
      return false; // missing (the scan says so) or no unix view
    }
  }

  /** The top of a finished exact scan, and its places from a second read of its inputs. */
  static TopChunks of(ScanEngine.Result r, DedupReport report, Chunker chunker, Hasher hasher,
      ScanLimits limits, int chunks, int places) throws IOException {
    TopEntries top = TopEntries.of(r.state(), chunks);
    int n = top.size;
    boolean[] zero = new boolean[n];
    int[] want = new int[n];
    java.util.Map<Integer, long[]> zeroPrints = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      want[i] = (int) Math.min(places, top.count[i]);
      if (report.zeroLengths().containsKey(top.length[i])) {
        long[] z = zeroPrints.computeIfAbsent(top.length[i], len -> {
          long[] fp = new long[2];
          hasher.newDigester().digest(ByteBuffer.allocate(len), 0, len, fp);
          return fp;
        });
        zero[i] = z[0] == top.k0[i] && z[1] == top.k1[i];
      }
    }
    // Every input the scan collected, those that failed too: a read that fails again at the same
    // point still finds the places before it.
    PlaceFinder.Found found = n == 0 ? new PlaceFinder.Found(List.of(), 0, false)
        : PlaceFinder.find(r.inputs(), chunker, hasher, limits, top.k0, top.k1, top.length, zero,
            want);
    boolean wide = hasher.fingerprintBits() > 64;
    List<Chunk> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String hex = wide ? String.format(Locale.ROOT, "%016x%016x", top.k0[i], top.k1[i])
          : String.format(Locale.ROOT, "%016x", top.k0[i]);
      out.add(new Chunk(hex, top.length[i], top.count[i], top.count[i] * top.length[i], zero[i],
          found.places().get(i)));
    }
    return new TopChunks(out, places, found.bytesRead(), found.stopped());
  }
}
