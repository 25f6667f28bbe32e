package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.dedup4j.spi.Target;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** One hand-computed case per OpenZFS rule; docs/targets.md ("ZFS") cites each rule's source. */
class ZfsTargetTest {

  private static Target zfs(String options) {
    return ZfsTargets.parse("zfs:" + options);
  }

  @Test
  void defaultsSpelledOutAndSpecRoundTrips() {
    Target t = ZfsTargets.parse("zfs");
    assertEquals("zfs:recordsize=128k,ashift=12,compress=lz4,copies=1,ddt=fast", t.spec());
    Target u = zfs("recordsize=1M,compress=ZSTD,copies=2,ddt=legacy,ashift=9");
    assertEquals("zfs:recordsize=1m,ashift=9,compress=zstd-3,copies=2,ddt=legacy", u.spec());
    assertEquals(u, ZfsTargets.parse(u.spec()));
    assertEquals("zfs:recordsize=512,ashift=12,compress=gzip-6,copies=1,ddt=fast",
        zfs("recordsize=512,compress=gzip").spec());
    assertEquals("lz4", zfs("compress=on").spec().replaceAll(".*compress=([^,]+).*", "$1"));
  }

  @Test
  void badOptionsAreRefusedWithTheirRange() {
    assertThrows(IllegalArgumentException.class, () -> zfs("recordsize=3000"));
    assertThrows(IllegalArgumentException.class, () -> zfs("recordsize=32m"));
    assertThrows(IllegalArgumentException.class, () -> zfs("ashift=8"));
    assertThrows(IllegalArgumentException.class, () -> zfs("copies=4"));
    assertThrows(IllegalArgumentException.class, () -> zfs("compress=zstd-20"));
    assertThrows(IllegalArgumentException.class, () -> zfs("compress=gzip-0"));
    assertThrows(IllegalArgumentException.class, () -> zfs("compress=zle"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> zfs("compress=zstd-x"));
    assertTrue(e.getMessage().contains("1..19"), e.getMessage());
  }

  @Test
  void chunkerIsRecordsizeAndCodecFollowsCompress() {
    assertEquals("fixed:size=128k", zfs("compress=off").chunker());
    assertEquals("fixed:size=1m", zfs("recordsize=1m").chunker());
    assertEquals("none", zfs("compress=off").codec());
    assertEquals("lz4", zfs("compress=lz4").codec());
    assertEquals("zstd:level=3", zfs("compress=zstd").codec());
    assertEquals("zstd:level=19", zfs("compress=zstd-19").codec());
    assertEquals("deflate:level=9", zfs("compress=gzip-9").codec());
  }

  /** dnode_set_blksz / zfs_write: a small file is one block of its size rounded up to 512. */
  @Test
  void smallFileIsOneBlockRoundedTo512() {
    Target t = zfs("compress=off,ashift=9");
    assertEquals(512, t.allocate(1, -1));
    assertEquals(1024, t.allocate(1000, -1));
    assertEquals(1024, t.allocate(1024, -1));
    assertEquals(131072, t.allocate(131072, -1));
    // the same 1000-byte file on 4 KiB sectors takes one sector
    assertEquals(4096, zfs("compress=off,ashift=12").allocate(1000, -1));
    assertThrows(IllegalArgumentException.class, () -> t.allocate(131073, -1));
    assertThrows(IllegalArgumentException.class, () -> t.allocate(0, -1));
  }

  /** zio_get_compression_max_size: d_len = s_len - (s_len >> 3), down to whole sectors. */
  @Test
  void compressedBlockKeptOnlyWhenItSavesOneEighth() {
    Target gzip = zfs("compress=gzip-6,ashift=9"); // no header: psize = compressed
    assertEquals(114688, gzip.allocate(131072, 114688)); // exactly 7/8: kept
    assertEquals(131072, gzip.allocate(131072, 114689)); // one byte over: raw
    Target lz4 = zfs("compress=lz4,ashift=9"); // lz4_compress_zfs adds a 4-byte length
    assertEquals(114688, lz4.allocate(131072, 114684));
    assertEquals(131072, lz4.allocate(131072, 114685));
    Target zstd = zfs("compress=zstd,ashift=9"); // 8-byte header, 4-byte shorter frame
    assertEquals(114688, zstd.allocate(131072, 114684));
    assertEquals(131072, zstd.allocate(131072, 114685));
  }

  /** zio_roundup_alloc_size and vdev_default_asize: sizes go up to whole 2^ashift sectors. */
  @Test
  void psizeRoundsUpToTheSector() {
    assertEquals(50176, zfs("compress=gzip,ashift=9").allocate(131072, 50001));
    assertEquals(53248, zfs("compress=gzip,ashift=12").allocate(131072, 50001));
    assertEquals(57344, zfs("compress=gzip,ashift=13").allocate(131072, 50001));
    // a 12000-byte file: lsize 12288; 7/8 of it (10752) truncated to whole 4 KiB sectors is 8192
    Target a12 = zfs("compress=gzip,ashift=12");
    assertEquals(8192, a12.allocate(12000, 8192));
    assertEquals(12288, a12.allocate(12000, 8193));
    // on 8 KiB sectors the raw block itself takes two sectors
    Target a13 = zfs("compress=gzip,ashift=13");
    assertEquals(8192, a13.allocate(12000, 8192));
    assertEquals(16384, a13.allocate(12000, 8193));
  }

  /** zio_write_compress: psize <= BPE_PAYLOAD_SIZE (112) goes into the block pointer. */
  @Test
  void tinyCompressedBlockIsEmbedded() {
    Target gzip = zfs("compress=gzip,ashift=9");
    assertEquals(0, gzip.allocate(131072, 112));
    assertEquals(512, gzip.allocate(131072, 113));
    Target lz4 = zfs("compress=lz4,ashift=9");
    assertEquals(0, lz4.allocate(131072, 108));
    assertEquals(512, lz4.allocate(131072, 109));
    // a 4 KiB block on 4 KiB sectors: 7/8 of it is no whole sector, so only an embedded block
    // pays; compressing to half of it still stores it raw
    Target a12 = zfs("compress=gzip,ashift=12");
    assertEquals(0, a12.allocate(4096, 112));
    assertEquals(4096, a12.allocate(4096, 113));
    assertEquals(4096, a12.allocate(4096, 2000));
  }

  /** zio_write_compress: an all-zero block with compression on is a hole (psize 0). */
  @Test
  void zeroBlocksAreHolesOnlyWithCompression() {
    assertFalse(zfs("compress=lz4").storesZeroChunks());
    assertFalse(zfs("compress=gzip-1").storesZeroChunks());
    assertTrue(zfs("compress=off").storesZeroChunks());
  }

  /** dmu_write_policy: copies DVAs per block; DSIZE sums them (bp_get_dsize_sync). */
  @Test
  void copiesAreReportedNotFoldedIntoAllocate() {
    Target t = zfs("copies=3,compress=off,ashift=12");
    assertEquals(3, t.copies());
    assertEquals(131072, t.allocate(131072, -1));
    assertEquals(1, zfs("compress=off").copies());
  }

  @Test
  void indexFiguresNameTheirSources() {
    Target.IndexCost fast = zfs("ddt=fast").index().get(0);
    assertEquals(112, fast.bytesPerEntry());
    assertTrue(fast.source().contains("ddt.h"), fast.source());
    Target.IndexCost legacy = zfs("ddt=legacy").index().get(0);
    assertEquals(320, legacy.bytesPerEntry());
    assertTrue(legacy.source().contains("Oracle"), legacy.source());
    assertEquals(1, zfs("ddt=legacy").index().size());
  }

  /** Whatever the sizes, a block never takes more than raw and is 0 or whole sectors. */
  @Test
  void allocationIsWholeSectorsAndNeverWorseThanRaw() {
    Seeds.qt("ZfsTargetTest.allocationIsWholeSectorsAndNeverWorseThanRaw")
        .forAll(integers().between(9, 16), integers().between(1, 131072),
            integers().between(-1, 140000))
        .checkAssert((ashift, raw, compressed) -> {
          Target t = zfs("compress=gzip,ashift=" + ashift);
          long sector = 1L << ashift;
          long lsize = (raw + 511) / 512 * 512;
          long rawAlloc = (lsize + sector - 1) / sector * sector;
          long a = t.allocate(raw, compressed);
          assertTrue(a <= rawAlloc, a + " > " + rawAlloc);
          assertEquals(0, a % sector);
          if (a == 0) {
            assertTrue(compressed >= 0 && compressed <= 112);
          } else if (a < rawAlloc) {
            assertTrue(compressed <= lsize - (lsize >> 3), compressed + " kept for " + lsize);
          }
          assertEquals(rawAlloc, zfs("compress=off,ashift=" + ashift).allocate(raw, compressed));
        });
  }
}
