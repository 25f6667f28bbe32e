package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dedup4j.testkit.ReportFields;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScanSource#ofRange}: a file scanned in parts on window bounds, the parts' summaries merged,
 * gives the report of a scan of the whole file (what a cluster of machines does with one file).
 */
class RangeSourceTest {

  @TempDir Path dir;

  private Path file(long seed) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    byte[][] pool = new byte[200][4096];
    for (byte[] b : pool) {
      rnd.fill(b, 0, b.length);
    }
    byte[] d = new byte[(3 << 20) + 777];
    for (int off = 0; off + 4096 <= 3 << 20; off += 4096) {
      long r = rnd.nextLong();
      if ((r & 7) == 0) {
        continue; // zeros
      }
      if ((r & 7) < 4) {
        System.arraycopy(pool[(int) ((r >>> 8) % 200)], 0, d, off, 4096);
      } else {
        rnd.fill(d, off, off + 4096);
      }
    }
    rnd.fill(d, 3 << 20, d.length);
    return Files.write(dir.resolve("f-" + seed + ".bin"), d);
  }

  /** The file as parts whose bounds are random multiples of the window. */
  private static List<ScanSource> parts(Path f, FileChannel ch, long window, SplitMix64 rnd)
      throws IOException {
    long size = Files.size(f);
    List<Long> cuts = new ArrayList<>(List.of(0L, size));
    int n = 1 + (int) Long.remainderUnsigned(rnd.nextLong(), 5);
    for (int i = 0; i < n; i++) {
      cuts.add(Long.remainderUnsigned(rnd.nextLong(), size / window + 1) * window);
    }
    long[] c = cuts.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    List<ScanSource> out = new ArrayList<>();
    for (int i = 0; i + 1 < c.length; i++) {
      out.add(ScanSource.ofRange(f.toString(), f.getFileName().toString(), size, c[i], c[i + 1],
          (position, dst) -> ch.read(dst, position)));
    }
    return out;
  }

  @Test
  void partsOnWindowBoundsMergeToTheWholeFile() {
    Seeds.qt("RangeSourceTest.partsOnWindowBoundsMergeToTheWholeFile").withExamples(16)
        .forAll(org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert(seed -> {
          try {
            check(seed);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private void check(long seed) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    Path f = file(seed);
    CountingMode mode = List.of(CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH,
        CountingMode.AUTO).get((int) Long.remainderUnsigned(rnd.nextLong(), 4));
    long window = 64 << 10;
    DedupScanner.Builder b = DedupScanner.builder().threads(2).windowSize(window).counting(mode)
        .maxEntries(150).chunker(Chunkers.fixed((rnd.nextLong() & 1) == 0 ? 4096 : 1024));
    if ((rnd.nextLong() & 1) == 0) {
      b.samplePercent(40, 5);
    }
    DedupScanner scanner = b.build();
    DedupReport whole = scanner.scan(f);
    try (FileChannel ch = FileChannel.open(f)) {
      List<DedupSummary> summaries = new ArrayList<>();
      List<ScanSource> parts = parts(f, ch, window, rnd);
      for (ScanSource part : parts) {
        summaries.add(scanner.summarize(List.of(part)));
      }
      DedupReport merged = DedupSummary.merge(summaries).report();
      String where = mode + " " + scanner.chunker().spec() + " " + whole.samplePercent() + "% in "
          + parts.size() + " parts, seed " + seed;
      // Field by field, but for how it ran (a summary has no memory budget or plan of its own).
      assertEquals(ReportFields.counted(whole.toJson(), "memoryBudget", "plan"),
          ReportFields.counted(merged.toJson(), "memoryBudget", "plan"), where);
    }
  }

  @Test
  void aContentDefinedRangeOfTheWholeFileIsTheWholeFile() throws IOException {
    Path f = file(3);
    long size = Files.size(f);
    DedupScanner scanner = DedupScanner.builder().threads(2).windowSize(64 << 10)
        .chunker(new TestGearChunker(512, 11, 8192)).build();
    try (FileChannel ch = FileChannel.open(f)) {
      DedupReport range = scanner.scan(List.of(ScanSource.ofRange("f", "f", size, 0, size,
          (position, dst) -> ch.read(dst, position))));
      DedupReport whole = scanner.scan(f);
      assertEquals(whole.chunks(), range.chunks());
      assertEquals(whole.uniqueChunks(), range.uniqueChunks());
      assertEquals(whole.refcountHistogram(), range.refcountHistogram());
    }
  }

  @Test
  void aFileThatEndsEarlyIsReportedAsChangedAndBadBoundsAreRefused() {
    byte[] d = new byte[10_000];
    Arrays.fill(d, (byte) 1);
    RangeReader shorter = (position, dst) -> {
      if (position >= 5_000) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), 5_000 - position);
      dst.put(d, (int) position, n);
      return n;
    };
    DedupReport r = DedupScanner.builder().chunker(Chunkers.fixed(1000)).build()
        .scan(List.of(ScanSource.ofRange("f", "f", 10_000, 0, 10_000, shorter)));
    assertEquals(5_000, r.bytes());
    assertTrue(r.skipped().get(0).reason().startsWith("changed during scan: the file ended at"
        + " 5000 of 10000 bytes"), r.skipped().toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScanSource.ofRange("f", "f", 10, 5, 11, shorter));
    assertTrue(e.getMessage().contains("0 <= start <= end <= size"), e.getMessage());
  }
}
