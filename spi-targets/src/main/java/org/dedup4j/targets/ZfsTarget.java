package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.Target;

/**
 * An OpenZFS dataset with {@code dedup=on} (see {@link ZfsTargetProvider}); every rule with its
 * OpenZFS source is in {@code docs/targets.md}, section "ZFS". Immutable and thread-safe.
 */
final class ZfsTarget implements Target {

  /**
   * Bytes ZFS puts around an lz4 block: {@code lz4_compress_zfs} (module/zfs/lz4_zfs.c) writes a
   * 4-byte big-endian length before it. Our {@code lz4} codec gives the bare block.
   */
  static final int LZ4_HEADER = 4;

  /**
   * Bytes ZFS adds to a zstd frame compared with our {@code zstd} codec's frame: {@code
   * zfs_zstd_compress_impl} (module/zstd/zfs_zstd.c) writes an 8-byte {@code zfs_zstdhdr_t} but a
   * "magicless" frame, 4 bytes shorter than a standard one (the content size field, which ZFS
   * leaves out and zstd-jni writes, is ignored: a few bytes at most).
   */
  static final int ZSTD_HEADER = 8 - 4;

  /** Legacy DDT: Oracle's documented size of an in-core DDT entry. */
  static final double LEGACY_ENTRY_BYTES = 320;

  /**
   * Fast-dedup DDT entry payload: a 40-byte {@code ddt_key_t} plus the 72-byte flat {@code
   * ddp_flat} of {@code ddt_univ_phys_t} (include/sys/ddt.h).
   */
  static final double FLAT_ENTRY_BYTES = 40 + 72;

  private final int recordsize;
  private final int ashift;
  private final String compress;
  private final int copies;
  private final boolean fastDdt;

  ZfsTarget(int recordsize, int ashift, String compress, int copies, boolean fastDdt) {
    this.recordsize = recordsize;
    this.ashift = ashift;
    this.compress = compress;
    this.copies = copies;
    this.fastDdt = fastDdt;
  }

  @Override
  public String spec() {
    return "zfs:recordsize=" + size(recordsize) + ",ashift=" + ashift + ",compress=" + compress
        + ",copies=" + copies + ",ddt=" + (fastDdt ? "fast" : "legacy");
  }

  @Override
  public String chunker() {
    return "fixed:size=" + size(recordsize);
  }

  @Override
  public String codec() {
    if (compress.equals("off")) {
      return "none";
    }
    if (compress.equals("lz4")) {
      return "lz4";
    }
    String level = compress.substring(compress.indexOf('-') + 1);
    return (compress.startsWith("zstd") ? "zstd" : "deflate") + ":level=" + level;
  }

  /**
   * The bytes one unique block allocates, before copies: its logical size rounded to 512 (a small
   * file's single block); then zero when it compresses to an embedded block, its compressed size
   * rounded to a sector when compression saves at least 12.5% and a whole sector, else its
   * logical size rounded to a sector.
   *
   * @throws IllegalArgumentException if {@code raw} is not 1 to {@code recordsize}
   */
  @Override
  public long allocate(int raw, int compressed) {
    if (raw < 1 || raw > recordsize) {
      throw new IllegalArgumentException(
          "target zfs: a block of " + raw + " bytes is outside 1.." + recordsize + " (recordsize)");
    }
    long sector = 1L << ashift;
    // dnode_set_blksz / zfs_write: a file's only block is its size rounded up to SPA_MINBLOCKSIZE
    long lsize = roundUp(raw, ZfsTargetProvider.MIN_BLOCK_SIZE);
    if (!compress.equals("off") && compressed >= 0) {
      long psize = compressed + header();
      // zio_get_compression_max_size: keep only if at least 12.5% saved, in whole sectors
      long maxSize = lsize - (lsize >> 3);
      maxSize -= maxSize % sector;
      if (maxSize < sector) {
        maxSize = ZfsTargetProvider.EMBEDDED_PAYLOAD_SIZE;
      }
      // zio_compress_data: c_len > d_len gives s_len (raw); zio_write_compress: psize >= lsize raw
      if (psize <= maxSize && psize < lsize) {
        if (psize <= ZfsTargetProvider.EMBEDDED_PAYLOAD_SIZE) {
          return 0; // zio_write_compress: encode_embedded_bp_compressed, no allocation
        }
        long rounded = roundUp(psize, sector); // zio_roundup_alloc_size
        if (rounded < lsize) {
          return rounded;
        }
      }
    }
    return roundUp(lsize, sector); // vdev_default_asize: P2ROUNDUP(psize, 1 << ashift)
  }

  private int header() {
    if (compress.equals("lz4")) {
      return LZ4_HEADER;
    }
    return compress.startsWith("zstd") ? ZSTD_HEADER : 0;
  }

  @Override
  public boolean storesZeroChunks() {
    return compress.equals("off");
  }

  @Override
  public int copies() {
    return copies;
  }

  @Override
  public List<IndexCost> index() {
    if (fastDdt) {
      return List.of(new IndexCost("fast-dedup DDT entry (flat phys), before ZAP overhead",
          FLAT_ENTRY_BYTES,
          "OpenZFS include/sys/ddt.h: ddt_key_t (40 bytes) + ddt_univ_phys_t.ddp_flat (72 bytes),"
              + " used when the fast_dedup feature is enabled (module/zfs/ddt.c, 'Dedup tables"
              + " and entries')"));
    }
    return List.of(new IndexCost("legacy DDT entry in core", LEGACY_ENTRY_BYTES,
        "Oracle, 'How to Determine Memory Requirements for ZFS Deduplication' (Kay, Swearingen,"
            + " 2011/2014), step 2: about 320 bytes per in-core DDT entry; OpenZFS"
            + " include/sys/ddt.h: ddt_key_t (40 bytes) + four ddp_trad slots (256 bytes)"));
  }

  /**
   * The simulated dedup table as {@code zdb -S} prints it: the scan's refcount histogram, each
   * row's PSIZE and DSIZE its LSIZE times the fractions the compression sample measured (one
   * fraction for every row: the sample is not split by refcount), DSIZE times copies. Unlike zdb,
   * the rows hold the zero block too when compression is off (zdb counts only what it allocates).
   */
  @Override
  public String nativeReport(Simulation s) {
    ZfsDdtHistogram.Builder b = ZfsDdtHistogram.builder();
    for (Bucket r : s.buckets()) {
      b.addRow(ZfsDdtHistogram.bucketOf(r.refcount()), new ZfsDdtHistogram.Stats(r.chunks(),
          r.bytes(), Math.round(r.bytes() * s.physicalFraction()),
          Math.round(r.bytes() * s.allocatedFraction() * copies), r.referencedChunks(),
          r.referencedBytes(), Math.round(r.referencedBytes() * s.physicalFraction()),
          Math.round(r.referencedBytes() * s.allocatedFraction() * copies)));
    }
    return b.build().render();
  }

  private static long roundUp(long n, long grain) {
    return (n + grain - 1) / grain * grain;
  }

  static String size(int bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "m";
    }
    if (bytes % 1024 == 0) {
      return (bytes >> 10) + "k";
    }
    return String.valueOf(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZfsTarget && ((ZfsTarget) o).spec().equals(spec());
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
