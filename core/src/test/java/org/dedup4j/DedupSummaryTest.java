package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summaries: a file scanned in 4 parts and merged equals the whole scan (exact: identical counts;
 * sample and sketch: the same sample, so the same estimates), whatever the order of merging; files
 * round-trip; bad files and mismatched summaries fail with a clear message.
 */
class DedupSummaryTest {

  @TempDir Path dir;

  private static final int BLOCK = 4096;

  /** 4 parts of one input, cut at block boundaries, sharing content across parts. */
  private static List<byte[]> parts(byte[] whole) {
    List<byte[]> out = new ArrayList<>();
    int blocks = whole.length / BLOCK;
    int[] cuts = {0, blocks / 5, blocks / 2, blocks * 3 / 4, blocks};
    for (int i = 0; i < 4; i++) {
      int to = i == 3 ? whole.length : cuts[i + 1] * BLOCK;
      out.add(Arrays.copyOfRange(whole, cuts[i] * BLOCK, to));
    }
    return out;
  }

  private static void assertSameReport(DedupReport whole, DedupReport merged, String where) {
    assertEquals(whole.bytes(), merged.bytes(), where);
    assertEquals(whole.chunks(), merged.chunks(), where);
    assertEquals(whole.sampledChunks(), merged.sampledChunks(), where);
    assertEquals(whole.uniqueChunks(), merged.uniqueChunks(), where);
    assertEquals(whole.uniqueBytes(), merged.uniqueBytes(), where);
    assertEquals(whole.zeroChunks(), merged.zeroChunks(), where);
    assertEquals(whole.dedupeRatio(), merged.dedupeRatio(), where);
    assertEquals(ModelScan.histogram(whole), ModelScan.histogram(merged), where);
    assertEquals(ModelScan.sizeHistogram(whole), ModelScan.sizeHistogram(merged), where);
    assertEquals(whole.minChunkSize(), merged.minChunkSize(), where);
    assertEquals(whole.maxChunkSize(), merged.maxChunkSize(), where);
    CountingStats a = whole.counting();
    CountingStats b = merged.counting();
    assertEquals(a.mode(), b.mode(), where);
    assertEquals(a.samplingRate(), b.samplingRate(), where);
    assertEquals(a.keptEntries(), b.keptEntries(), where);
    assertEquals(a.uniqueChunks(), b.uniqueChunks(), where);
    assertEquals(a.uniqueBytes(), b.uniqueBytes(), where);
    assertEquals(a.dedupeRatio(), b.dedupeRatio(), where);
    assertEquals(a.refcountHistogram(), b.refcountHistogram(), where);
    assertEquals(whole.estimates(), merged.estimates(), where);
  }

  @Test
  void fourPartsMergedEqualTheWholeScanInEveryModeAndOrder() throws IOException {
    byte[] whole = CountingModesTest.data(12, 6 << 20);
    List<byte[]> parts = parts(whole);
    for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH)) {
      DedupScanner scanner = DedupScanner.builder().counting(mode).maxEntries(256).threads(2).build();
      DedupReport wholeReport = scanner.scan(whole);
      List<DedupSummary> saved = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Path file = dir.resolve(mode.label() + "-" + i + ".d4js");
        scanner.summarize(List.of(ScanSource.of("part-" + i, parts.get(i)))).write(file);
        saved.add(DedupSummary.read(file));
      }
      String where = mode.label();
      if (mode != CountingMode.EXACT) {
        assertTrue(wholeReport.counting().samplingRate() < 1, where + " must sample");
      }
      DedupSummary forward = DedupSummary.merge(saved);
      assertSameReport(wholeReport, forward.report(), where + " forward");
      DedupSummary paired = saved.get(3).merge(saved.get(1)).merge(saved.get(2).merge(saved.get(0)));
      assertSameReport(wholeReport, paired.report(), where + " paired");
      assertEquals(4, forward.report().files());
      // The summary of the whole scan reports as the scan does.
      assertSameReport(wholeReport, scanner.summarize(List.of(ScanSource.of("w", whole))).report(),
          where + " summary of the whole");
    }
  }

  @Test
  void percentModeSummariesMergeAndEstimateAsTheWholeScan() throws IOException {
    byte[] whole = CountingModesTest.data(13, 4 << 20);
    DedupScanner scanner = DedupScanner.builder().samplePercent(10, 3).build();
    List<DedupSummary> saved = new ArrayList<>();
    for (byte[] p : parts(whole)) {
      saved.add(scanner.summarize(List.of(ScanSource.of("whole", p))));
    }
    DedupReport merged = DedupSummary.merge(saved).report();
    assertEquals(2, merged.estimates().size());
    assertEquals(whole.length, merged.bytes());
  }

  @Test
  void summariesOfDifferentChunkersHashersOrSamplesDoNotMerge() {
    byte[] data = CountingModesTest.data(14, 1 << 20);
    DedupSummary a = DedupScanner.builder().build().summarize(List.of(ScanSource.of("a", data)));
    DedupSummary b = DedupScanner.builder().chunker("fixed:size=8k").build()
        .summarize(List.of(ScanSource.of("b", data)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertEquals("summaries of different chunkers cannot merge: fixed:size=4096 and"
        + " fixed:size=8192", e.getMessage());
    DedupSummary c = DedupScanner.builder().samplePercent(5, 1).build()
        .summarize(List.of(ScanSource.of("c", data)));
    e = assertThrows(IllegalArgumentException.class, () -> a.merge(c));
    assertTrue(e.getMessage().startsWith("summaries of different percent samples"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DedupSummary.merge(List.of()));
  }

  @Test
  void badFilesFailWithTheReasonAndNeverAWrongNumber() throws IOException {
    byte[] data = CountingModesTest.data(15, 1 << 20);
    for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SKETCH)) {
      DedupSummary s = DedupScanner.builder().counting(mode).maxEntries(128).build()
          .summarize(List.of(ScanSource.of("x", data)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.writeTo(out);
      byte[] good = out.toByteArray();
      // Round trip through a stream.
      DedupReport back = DedupSummary.readFrom(new ByteArrayInputStream(good)).report();
      assertEquals(s.report().uniqueChunks(), back.uniqueChunks());

      String truncated = failure(Arrays.copyOf(good, good.length - 7));
      assertTrue(truncated.contains("truncated") || truncated.contains("checksum"), truncated);
      for (int at : new int[] {good.length / 3, good.length / 2, good.length - 5, 20}) {
        byte[] bad = good.clone();
        bad[at] ^= 0x10;
        String m = failure(bad);
        assertTrue(m.contains("checksum mismatch"), at + ": " + m);
      }
      byte[] magic = good.clone();
      magic[0] = 'X';
      assertTrue(failure(magic).contains("not a dedup4j summary"), failure(magic));
      byte[] version = good.clone();
      version[9] = 9;
      String v = failure(version);
      assertTrue(v.contains("version 9 is not supported") || v.contains("checksum"), v);
      assertTrue(failure(new byte[0]).contains("truncated"), failure(new byte[0]));
      // Cut anywhere: always an IOException.
      for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 97)) {
        failure(Arrays.copyOf(good, cut));
      }
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  /** Writes the bytes to a file, reads it back, and returns the IOException's message. */
  private String failure(byte[] bytes) throws IOException {
    Path f = Files.write(dir.resolve("bad.d4js"), bytes);
    IOException e = assertThrows(IOException.class, () -> DedupSummary.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    IOException fromStream = assertThrows(IOException.class,
        () -> DedupSummary.readFrom(new ByteArrayInputStream(bytes)));
    assertTrue(fromStream.getMessage() != null);
    return e.getMessage();
  }
}
