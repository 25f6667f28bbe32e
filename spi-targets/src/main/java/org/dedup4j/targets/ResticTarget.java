package org.dedup4j.targets;

import static org.dedup4j.targets.ResticTargetProvider.COMPRESSED_ENTRY_SIZE;
import static org.dedup4j.targets.ResticTargetProvider.CRYPTO_EXTENSION;
import static org.dedup4j.targets.ResticTargetProvider.PLAIN_ENTRY_SIZE;

import java.util.List;
import org.dedup4j.spi.Target;

/**
 * A restic repository in format version 2 (see {@link ResticTargetProvider}); every figure with its
 * restic source is in {@code docs/targets.md}, section "Backup store: restic". Immutable and
 * thread-safe.
 */
final class ResticTarget implements Target {

  /**
   * restic's chunker as a {@code rabin} spec: {@code MinSize} 512 KiB, {@code MaxSize} 8 MiB, and
   * {@code avg=1m} so that the {@code rabin} chunker's mask has {@code round(log2(1 MiB)) = 20}
   * bits, restic's {@code splitmask}. The polynomial is pinned to the {@code rabin} default (the
   * one of restic's chunker tests); restic draws one per repository.
   */
  static final String CHUNKER = "rabin:min=512k,avg=1m,max=8m,poly=0x3da3358b4dc173";

  /**
   * {@code indexEntry} in {@code internal/repository/index/indexmap.go} on 64-bit: {@code id}
   * [32]byte, {@code next} uint (8), {@code packIndex} int (8), {@code offset}, {@code length},
   * {@code uncompressedLength} uint32 (4 each) = 60 bytes, padded to 64 for 8-byte alignment.
   */
  static final double INDEX_ENTRY_BYTES = 32 + 8 + 8 + 4 + 4 + 4 + 4;

  /**
   * The hash table's share: {@code buckets []uint} (8 bytes each) at a load of more than 2 and at
   * most {@code maxLoad = 4} entries per bucket (the table doubles), so 2 to 4 bytes per entry;
   * the model takes the upper end, 8 / 2.
   */
  static final double BUCKET_BYTES = 8.0 / 2;

  /**
   * A pack ID ({@code Index.packs}, 32 bytes per pack) over restic's assumed 8 blobs per pack (the
   * memory comment at the top of {@code internal/repository/index/index.go}).
   */
  static final double PACK_ID_BYTES = 32.0 / 8;

  /**
   * One blob of an index file's JSON ({@code blobJSON} in {@code index.go}, written compact by
   * {@code Index.Encode}), comma included: 131 fixed characters with {@code uncompressed_length},
   * 108 without it, plus the digits of an 8-digit offset and 7-digit lengths (a blob of about
   * 1.5 MiB in a 16 MiB pack).
   */
  static final double JSON_COMPRESSED_BLOB = 131 + 8 + 7 + 7;

  /** The same without {@code uncompressed_length}, for {@code compression=off}. */
  static final double JSON_PLAIN_BLOB = 108 + 8 + 7;

  private final String version;
  private final String compression;

  ResticTarget(String version, String compression) {
    this.version = version;
    this.compression = compression;
  }

  @Override
  public String spec() {
    return "restic:version=" + version + ",compression=" + compression;
  }

  @Override
  public String chunker() {
    return CHUNKER;
  }

  /**
   * zstd at the level klauspost/compress says its mode matches: {@code SpeedDefault} about level
   * 3 (auto), {@code SpeedBestCompression} about 11 (max), {@code SpeedFastest} 1 and {@code
   * SpeedBetterCompression} 7 (0.19's fastest and better); {@code none} when off.
   */
  @Override
  public String codec() {
    switch (compression) {
      case "off":
        return "none";
      case "fastest":
        return "zstd:level=1";
      case "better":
        return "zstd:level=7";
      case "max":
        return "zstd:level=11";
      default:
        return "zstd:level=3";
    }
  }

  /**
   * The blob's bytes in its pack: its ciphertext ({@code IV || data || MAC}, the data 32 bytes
   * longer) plus its entry in the pack header, as restic's {@code Packer.Add} counts it. With
   * compression on, restic stores the zstd frame even when it is longer than the blob ({@code
   * Repository.saveAndEncrypt} compresses every data blob and keeps the result), and its header
   * entry carries the plaintext length (41 bytes); with {@code off}, the blob as it is and a
   * 37-byte entry.
   */
  @Override
  public long allocate(int raw, int compressed) {
    if (compression.equals("off")) {
      return (long) raw + CRYPTO_EXTENSION + PLAIN_ENTRY_SIZE;
    }
    // A failed compression: the frame of an incompressible blob is its raw size and a few bytes.
    long data = compressed < 0 ? raw : compressed;
    return data + CRYPTO_EXTENSION + COMPRESSED_ENTRY_SIZE;
  }

  /** A blob of zeros is a blob like any other: stored once, deduplicated by its SHA-256. */
  @Override
  public boolean storesZeroChunks() {
    return true;
  }

  /** 0: the header entry is in {@link #allocate}, its size depends on the blob's compression. */
  @Override
  public long overheadPerChunk() {
    return 0;
  }

  @Override
  public List<IndexCost> index() {
    String where = "restic " + version + " ";
    boolean off = compression.equals("off");
    return List.of(
        new IndexCost("in-memory index entry", INDEX_ENTRY_BYTES, where
            + "internal/repository/index/indexmap.go, type indexEntry: id [32]byte, next uint,"
            + " packIndex int, offset, length, uncompressedLength uint32: 60 bytes, 64 aligned on"
            + " 64-bit"),
        new IndexCost("in-memory hash buckets, at most", BUCKET_BYTES, where
            + "indexmap.go, indexMap.buckets []uint with maxLoad = 4 entries per bucket, doubled"
            + " when full: 8/4 to 8/2 bytes per entry"),
        new IndexCost("in-memory pack IDs", PACK_ID_BYTES, where
            + "internal/repository/index/index.go, Index.packs: 32 bytes per pack, and the"
            + " comment's assumption of 8 blobs per pack"),
        new IndexCost("on-disk index JSON per blob, before zstd and encryption, about",
            off ? JSON_PLAIN_BLOB : JSON_COMPRESSED_BLOB, where
            + "index.go, blobJSON written by Index.Encode; doc/design.rst, 'Indexing': id, type,"
            + " offset, length" + (off ? "" : ", uncompressed_length")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResticTarget && ((ResticTarget) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
