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
    assertEquals(whole.uniqueZeroBytes(), merged.uniqueZeroBytes(), where);
    assertEquals(whole.dedupeRatio(), merged.dedupeRatio(), where);
    assertEquals(ModelScan.histogram(whole), ModelScan.histogram(merged), where);
    assertEquals(ModelScan.sizeHistogram(whole), ModelScan.sizeHistogram(merged), where);
    assertEquals(whole.minChunkSize(), merged.minChunkSize(), where);
    assertEquals(whole.maxChunkSize(), merged.maxChunkSize(), where);
    CountingStats a = whole.countingStats();
    CountingStats b = merged.countingStats();
    assertEquals(a.mode(), b.mode(), where);
    assertEquals(a.samplingRate(), b.samplingRate(), where);
    assertEquals(a.keptEntries(), b.keptEntries(), where);
    assertEquals(a.uniqueChunks(), b.uniqueChunks(), where);
    assertEquals(a.uniqueBytes(), b.uniqueBytes(), where);
    assertEquals(a.dedupeRatio(), b.dedupeRatio(), where);
    assertEquals(a.refcountHistogram(), b.refcountHistogram(), where);
    assertEquals(whole.percentEstimates(), merged.percentEstimates(), where);
  }

  @Test
  void fourPartsMergedEqualTheWholeScanInEveryModeAndOrder() throws IOException {
    byte[] whole = CountingModesTest.data(12, 6 << 20);
    Arrays.fill(whole, 40960, 40960 + 3 * 4096, (byte) 0); // zero chunks, kept in summaries
    List<byte[]> parts = parts(whole);
    for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH)) {
      DedupScanner scanner = DedupScanner.builder().counting(mode).maxEntries(256).threads(2).build();
      DedupReport wholeReport = scanner.scan(whole);
      assertEquals(4096, wholeReport.uniqueZeroBytes(), "one zero chunk");
      List<DedupSummary> saved = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Path file = dir.resolve(mode.label() + "-" + i + ".d4js");
        scanner.summarize(List.of(ScanSource.of("part-" + i, parts.get(i)))).write(file);
        saved.add(DedupSummary.read(file));
      }
      String where = mode.label();
      if (mode != CountingMode.EXACT) {
        assertTrue(wholeReport.countingStats().samplingRate() < 1, where + " must sample");
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
    assertEquals(2, merged.percentEstimates().size());
    assertEquals(whole.length, merged.bytes());
  }

  /**
   * Hardening D7: merging exact with sampled or sketched summary files streams the exact ones into
   * the sample the merge makes of them; the report equals the in-memory merge of the same files.
   */
  @Test
  void mixedMergesOfFilesStreamTheExactOnesAndEqualTheInMemoryMerge() throws IOException {
    byte[] whole = CountingModesTest.data(17, 2 << 20);
    List<byte[]> parts = parts(whole);
    for (CountingMode other : List.of(CountingMode.SAMPLE, CountingMode.SKETCH)) {
      for (int exactAt = 0; exactAt < parts.size(); exactAt++) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          CountingMode mode = i == exactAt || i == (exactAt + 2) % parts.size()
              ? CountingMode.EXACT : other;
          Path f = dir.resolve(other + "-" + exactAt + "-" + i + ".d4js");
          DedupSummary part = DedupScanner.builder().counting(mode).maxEntries(64).build()
              .summarize(List.of(ScanSource.of("part", parts.get(i))));
          assertEquals(mode, part.mode(), where(other, exactAt));
          part.write(f);
          files.add(f);
        }
        List<DedupSummary> read = new ArrayList<>();
        for (Path f : files) {
          read.add(DedupSummary.read(f));
        }
        String where = where(other, exactAt);
        DedupReport inMemory = DedupSummary.merge(read).report();
        DedupReport streamed = DedupSummary.mergeFiles(files, null);
        assertSameReport(inMemory, streamed, where);
        assertEquals(inMemory.countingStats().counterBytes(), streamed.countingStats().counterBytes(),
            where);
      }
    }
  }

  private static String where(CountingMode other, int exactAt) {
    return other + ", exact parts at " + exactAt;
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

  @Test
  void streamingSummariesOfSpilledScansAndStreamingMergesEqualTheWholeScan() throws IOException {
    // 6 MiB in 64-byte chunks: the table of its unique chunks (about 23 bytes each) passes 1 MiB
    byte[] whole = CountingModesTest.data(16, 6 << 20);
    List<byte[]> parts = parts(whole);
    Path spill = Files.createDirectory(dir.resolve("spill"));
    DedupScanner small = DedupScanner.builder().chunker(Chunkers.fixed(64)).threads(2)
        .memoryBudget(DedupScanner.MIN_MEMORY_BUDGET).spillDirectory(spill).build();
    DedupScanner memory = DedupScanner.builder().chunker(Chunkers.fixed(64)).threads(2).build();
    DedupReport wholeReport = memory.scan(whole);

    // A spilled exact scan saved as it streams: the file reports as the scan did.
    Path wholeFile = dir.resolve("whole.d4js");
    DedupReport streamed = small.summarize(List.of(ScanSource.of("w", whole)), wholeFile);
    assertTrue(streamed.countingStats().spillRuns() > 0, "must spill");
    assertSameReport(wholeReport, streamed, "streamed scan");
    assertSameReport(wholeReport, DedupSummary.read(wholeFile).report(), "streamed file");

    // Parts saved as they stream, merged as streams: the whole scan's counts.
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path f = dir.resolve("part-" + i + ".d4js");
      small.summarize(List.of(ScanSource.of("part-" + i, parts.get(i))), f);
      files.add(f);
    }
    Path out = dir.resolve("merged.d4js");
    DedupReport merged = DedupSummary.mergeFiles(List.of(files.get(2), files.get(0), files.get(3),
        files.get(1)), out);
    assertSameReport(wholeReport, merged, "streaming merge");
    assertSameReport(wholeReport, DedupSummary.read(out).report(), "streaming merge, saved");
    assertEquals(wholeReport.uniqueChunks(), DedupSummary.read(out).entries());
    // Merging the merged file with nothing else changes nothing; in memory gives the same.
    assertSameReport(merged, DedupSummary.mergeFiles(List.of(out), null), "merge of one");
    List<DedupSummary> read = new ArrayList<>();
    for (Path f : files) {
      read.add(DedupSummary.read(f));
    }
    assertSameReport(merged, DedupSummary.merge(read).report(), "in memory");

    // A sample among them: read and merged in memory, the same as merge().
    Path sample = dir.resolve("sample.d4js");
    DedupScanner.builder().chunker(Chunkers.fixed(64)).counting(CountingMode.SAMPLE)
        .maxEntries(256).build().summarize(List.of(ScanSource.of("s", parts.get(0))), sample);
    DedupReport mixed = DedupSummary.mergeFiles(List.of(files.get(1), sample), null);
    assertSameReport(DedupSummary.merge(List.of(read.get(1), DedupSummary.read(sample))).report(),
        mixed, "mixed");

    // A corrupt file among them: named, and nothing merged.
    byte[] bytes = Files.readAllBytes(files.get(3));
    bytes[bytes.length / 2] ^= 4;
    Path bad = Files.write(dir.resolve("bad-part.d4js"), bytes);
    IOException e = assertThrows(IOException.class,
        () -> DedupSummary.mergeFiles(List.of(files.get(0), bad), dir.resolve("never.d4js")));
    assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("checksum"),
        e.getMessage());
    assertTrue(Files.notExists(dir.resolve("never.d4js")));
    try (Stream<Path> left = Files.list(dir)) {
      List<String> names = left.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".entries") || n.endsWith(".tmp")),
          names.toString());
    }
    try (Stream<Path> left = Files.list(spill)) {
      assertEquals(0, left.count(), "spill folder left behind");
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

  /** Hardening D14: an entry that is wrong (checksum intact) is named with its file in a merge. */
  @Test
  void aCorruptEntryInAStreamingMergeNamesItsFile() throws IOException {
    Path good = dir.resolve("good.d4js");
    DedupScanner.builder().build()
        .summarize(List.of(ScanSource.of("x", CountingModesTest.data(16, 1 << 20))), good);
    byte[] b = Files.readAllBytes(good);
    // The last entry: a 128-bit key, a one-byte count and a two-byte length (4096), then the CRC.
    int last = b.length - 4 - 19;
    Arrays.fill(b, last, last + 16, (byte) 0); // the smallest key, after larger ones: out of order
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    java.nio.ByteBuffer.wrap(b, b.length - 4, 4).putInt((int) crc.getValue());
    Path bad = Files.write(dir.resolve("bad.d4js"), b);
    IOException e = assertThrows(IOException.class,
        () -> DedupSummary.mergeFiles(List.of(good, bad), null));
    assertTrue(e.getMessage().startsWith(bad + ": corrupt summary: entry"), e.getMessage());
    assertTrue(e.getMessage().contains("out of order"), e.getMessage());
  }

  @Test
  void aSummaryNeverReplacesAFileTheScanReads() throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Path input = Files.write(data.resolve("disk.img"), new byte[50_000]);
    DedupScanner scanner = DedupScanner.builder().build();
    for (ScanSource source : List.of(ScanSource.of(input), ScanSource.of(data))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> scanner.summarize(List.of(source), input));
      assertTrue(e.getMessage().contains("is one of the files the scan reads"), e::getMessage);
      assertEquals(50_000, Files.size(input), "the input is untouched");
    }
    try (Stream<Path> left = Files.list(data)) {
      assertEquals(List.of(input), left.toList(), "no temp file is left");
    }
  }

  @Test
  void aSummaryReplacesOnlyARegularFile() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    DedupScanner scanner = DedupScanner.builder().build();
    DedupSummary summary = scanner.summarize(List.of(ScanSource.of("x", new byte[10_000])));
    IOException e = assertThrows(IOException.class, () -> summary.write(directory));
    assertTrue(e.getMessage().contains("is not a regular file"), e::getMessage);
    assertThrows(IOException.class,
        () -> scanner.summarize(List.of(ScanSource.of("x", new byte[10_000])), directory));
    Path file = Files.write(dir.resolve("old.d4js"), new byte[] {1, 2, 3});
    summary.write(file); // a regular file is replaced, atomically
    assertEquals(summary.report().bytes(), DedupSummary.read(file).report().bytes());
    assertTrue(Files.isDirectory(directory));
  }
}
