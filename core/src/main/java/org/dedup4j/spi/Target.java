package org.dedup4j.spi;

import java.util.List;

/**
 * A storage system's model, the fourth plugin kind: how it cuts data into blocks or chunks, how it
 * compresses and allocates each unique one, what it does not store (zero blocks under thin
 * provisioning, holes), the overheads it knows (copies, per-chunk headers), and what its dedup
 * index costs per entry. A scan with a target ({@code dedup4j scan --target SPEC}) cuts with the
 * target's chunker, compresses a sample of the unique chunks with its codec, and reports the
 * target's net capacity step by step and its index memory.
 *
 * <pre>{@code
 * Target t = Targets.fromSpec("xtremio-x2");
 * t.chunker();               // "fixed:size=16k"
 * t.allocate(16384, 5000);   // 5120: the 5 KiB bucket
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Target {

  /**
   * The canonical spec with every option spelled out; parsing it gives an equal target.
   *
   * @return the spec, e.g. {@code zfs:recordsize=128k,ashift=12,compress=lz4,copies=1}
   */
  String spec();

  /**
   * The chunker the target cuts with, as a chunker spec ({@code dedup4j list} names them).
   *
   * @return e.g. {@code fixed:size=16k}
   */
  String chunker();

  /**
   * The codec the target compresses each unique chunk with, as a codec spec, or {@code none}.
   *
   * @return e.g. {@code lz4}, {@code zstd:level=3}, {@code none}
   */
  String codec();

  /**
   * The bytes the target allocates for one unique chunk's data, before copies and per-chunk
   * overheads: its compressed size rounded to the target's buckets or sectors, or its raw size
   * rounded when compression does not pay (each target's rule).
   *
   * @param raw the chunk's length in bytes, at least 1
   * @param compressed its length compressed by {@link #codec()}, or -1 when the codec is {@code
   *     none} or failed on it
   * @return allocated bytes, at least 0
   */
  long allocate(int raw, int compressed);

  /**
   * Whether the target stores a chunk of zeros; false when it drops them (thin provisioning, ZFS
   * holes with compression on).
   *
   * @return whether zero chunks take space
   */
  boolean storesZeroChunks();

  /**
   * Copies of each stored chunk (ZFS {@code copies}); 1 for most targets.
   *
   * @return at least 1
   */
  default int copies() {
    return 1;
  }

  /**
   * Bytes stored per unique chunk besides its data (a pack's per-blob header, an index record on
   * disk); 0 when the target has none or the model leaves them out.
   *
   * @return bytes per unique chunk, at least 0
   */
  default long overheadPerChunk() {
    return 0;
  }

  /**
   * The dedup index the target keeps, one figure per structure it keeps per unique chunk, each
   * with where the figure comes from.
   *
   * @return the index costs, possibly empty
   */
  List<IndexCost> index();

  /**
   * Text the target's own users read, printed after the capacity: ZFS prints the simulated dedup
   * table as {@code zdb -S} does. Empty by default.
   *
   * @param simulation the scan's refcount histogram and the fractions its sample measured
   * @return lines ending in a newline, or empty
   */
  default String nativeReport(Simulation simulation) {
    return "";
  }

  /**
   * What a scan knows of the target's table: its refcount histogram (exact, or the sample's) and
   * the physical and allocated fractions of the unique bytes that the compression sample measured.
   *
   * @param buckets one row per power-of-two refcount bucket, as the report's histogram
   * @param physicalFraction compressed over deduped bytes (the target's PSIZE over LSIZE)
   * @param allocatedFraction allocated over deduped bytes, before copies
   */
  record Simulation(List<Bucket> buckets, double physicalFraction, double allocatedFraction) {}

  /**
   * One row of the refcount histogram.
   *
   * @param refcount the bucket's least reference count, a power of two
   * @param chunks unique chunks in the bucket
   * @param bytes their bytes
   * @param referencedChunks their references
   * @param referencedBytes the bytes of those references
   */
  record Bucket(long refcount, long chunks, long bytes, long referencedChunks,
      long referencedBytes) {}

  /**
   * One structure of a dedup index and its bytes per unique chunk.
   *
   * @param name what it is, e.g. {@code legacy DDT entry in core}
   * @param bytesPerEntry bytes per unique chunk
   * @param source where the figure comes from: a file and function, a document and section
   */
  record IndexCost(String name, double bytesPerEntry, String source) {}
}
