package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import org.dedup4j.targets.ZfsDdtHistogram.Stats;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** The zdb layout against real zdb output quoted in docs/targets.md, and the totals. */
class ZfsDdtHistogramTest {

  /**
   * zdb -DD output (zpool_dump_ddt and dump_dedup_ratio, which zdb -S prints too) from
   * openzfs/zfs issue #7323, quoted in docs/targets.md.
   */
  private static final String ISSUE_7323 = String.join("\n",
      "DDT histogram (aggregated over all DDTs):",
      "",
      "bucket              allocated                       referenced          ",
      "______   ______________________________   ______________________________",
      "refcnt   blocks   LSIZE   PSIZE   DSIZE   blocks   LSIZE   PSIZE   DSIZE",
      "------   ------   -----   -----   -----   ------   -----   -----   -----",
      "     1    2.59K    316M    316M    316M    2.59K    316M    316M    316M",
      "     2      216   25.5M   25.5M   25.5M      434   51.0M   51.0M   51.0M",
      " Total    2.81K    342M    342M    342M    3.02K    367M    367M    367M",
      "",
      "dedup = 1.07, compress = 1.00, copies = 1.00, dedup * compress / copies = 1.07",
      "",
      "");

  /** An empty zdb -S from openzfs/zfs issue #15420 (OpenZFS 2.3.1). */
  private static final String ISSUE_15420_EMPTY = String.join("\n",
      "Simulated DDT histogram:",
      "",
      "bucket              allocated                       referenced          ",
      "______   ______________________________   ______________________________",
      "refcnt   blocks   LSIZE   PSIZE   DSIZE   blocks   LSIZE   PSIZE   DSIZE",
      "------   ------   -----   -----   -----   ------   -----   -----   -----",
      "",
      "");

  @Test
  void reproducesIssue7323ByteForByte() {
    long x1 = 331_400_000L; // 2657 unique blocks: 316M
    long x2 = 26_738_688L; // 216 blocks: 25.5M, referenced 434 times
    long y2 = 53_478_376L; // 51.0M
    ZfsDdtHistogram h = ZfsDdtHistogram.builder()
        .addRow(0, new Stats(2657, x1, x1, x1, 2657, x1, x1, x1))
        .addRow(1, new Stats(216, x2, x2, x2, 434, y2, y2, y2))
        .build();
    assertEquals(ISSUE_7323,
        "DDT histogram (aggregated over all DDTs):\n" + h.table(false) + h.closingLine());
  }

  @Test
  void emptyHistogramIsIssue15420() {
    assertEquals(ISSUE_15420_EMPTY, ZfsDdtHistogram.builder().build().render());
  }

  @Test
  void nicenumFollowsZfsNicenumFormat() {
    assertEquals("0", ZfsDdtHistogram.nicenum(0, false));
    assertEquals("0B", ZfsDdtHistogram.nicenum(0, true));
    assertEquals("216", ZfsDdtHistogram.nicenum(216, false));
    assertEquals("512B", ZfsDdtHistogram.nicenum(512, true));
    assertEquals("1023", ZfsDdtHistogram.nicenum(1023, false));
    assertEquals("1K", ZfsDdtHistogram.nicenum(1024, false));
    assertEquals("2.59K", ZfsDdtHistogram.nicenum(2657, false));
    assertEquals("10.0K", ZfsDdtHistogram.nicenum(10239, false)); // the source's own example
    assertEquals("16M", ZfsDdtHistogram.nicenum(1L << 24, false));
    assertEquals("128K", ZfsDdtHistogram.nicenum(131072, true));
    assertEquals("1023M", ZfsDdtHistogram.nicenum(1023L << 20, true));
    assertEquals("1.00G", ZfsDdtHistogram.nicenum((1L << 30) + 1, true));
    assertEquals("8.00E", ZfsDdtHistogram.nicenum(Long.MAX_VALUE, true));
  }

  @Test
  void rowOfIssue10169WithBytesAndABigRefcount() {
    // "   16M        1    512B    512B    512B    18.8M   9.42G   9.42G   9.42G" (issue #10169)
    long refs = 19_712_000L;
    ZfsDdtHistogram h = ZfsDdtHistogram.builder().addBlock(refs, 512, 512, 512).build();
    String row = h.table(false).split("\n")[5];
    assertEquals("   16M        1    512B    512B    512B    18.8M   9.40G   9.40G   9.40G", row);
    assertEquals(24, ZfsDdtHistogram.bucketOf(refs));
  }

  @Test
  void parsableModePrintsRawNumbers() {
    ZfsDdtHistogram h = ZfsDdtHistogram.builder().addBlock(3, 131072, 65536, 65536).build();
    String[] lines = h.table(true).split("\n");
    assertEquals("     2        1   131072   65536   65536        3   393216   196608   196608",
        lines[5]);
  }

  @Test
  void bucketsArePowersOfTwo() {
    assertEquals(0, ZfsDdtHistogram.bucketOf(1));
    assertEquals(1, ZfsDdtHistogram.bucketOf(2));
    assertEquals(1, ZfsDdtHistogram.bucketOf(3));
    assertEquals(2, ZfsDdtHistogram.bucketOf(4));
    assertEquals(62, ZfsDdtHistogram.bucketOf(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> ZfsDdtHistogram.bucketOf(0));
    assertThrows(IllegalArgumentException.class,
        () -> ZfsDdtHistogram.builder().addRow(64, Stats.ZERO));
  }

  @Test
  void closingLineRatios() {
    // 2 unique 128K blocks compressed to 64K, copies=2 (DSIZE 128K each), one referenced 3 times
    ZfsDdtHistogram h = ZfsDdtHistogram.builder()
        .addBlock(1, 131072, 65536, 131072)
        .addBlock(3, 131072, 65536, 131072)
        .build();
    assertEquals("dedup = 2.00, compress = 2.00, copies = 2.00, dedup * compress / copies = 2.00"
        + "\n\n", h.closingLine());
  }

  @Test
  void rowsAddUpToTheTotal() {
    Seeds.qt("ZfsDdtHistogramTest.rowsAddUpToTheTotal")
        .withExamples(200)
        .forAll(lists().of(longs().between(1, 5000)).ofSizeBetween(0, 60),
            integers().between(0, 3))
        .checkAssert((refcounts, copiesMinusOne) -> {
          ZfsDdtHistogram.Builder b = ZfsDdtHistogram.builder();
          long refs = 0;
          for (long r : refcounts) {
            b.addBlock(r, 131072, 40960, 40960L * (copiesMinusOne + 1));
            refs += r;
          }
          ZfsDdtHistogram h = b.build();
          Stats sum = Stats.ZERO;
          for (int i = 0; i < ZfsDdtHistogram.BUCKETS; i++) {
            sum = sum.plus(h.row(i));
          }
          assertEquals(sum, h.total());
          assertEquals(refcounts.size(), h.total().blocks());
          assertEquals(refs, h.total().refBlocks());
          assertEquals(131072L * refs, h.total().refLsize());
          assertEquals(h.total().dsize() * refs, h.total().refDsize() * refcounts.size());
          long lines = h.table(false).lines().count();
          long rows = java.util.stream.IntStream.range(0, 64)
              .filter(i -> h.row(i).blocks() > 0).count();
          assertEquals(6 + rows + (refcounts.isEmpty() ? 0 : 1), lines);
        });
  }
}
