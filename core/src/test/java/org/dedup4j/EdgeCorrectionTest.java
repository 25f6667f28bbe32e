package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.testkit.ReportFields;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * A file scanned in parts, each part as its own chain of cuts, with the corrections of the walks
 * at its part edges applied to the merged summary, gives the report of one scan of the whole file:
 * content-defined chunking as a cluster does it ({@link EdgeCorrection}). The model here walks the
 * edges in file order, each from where the previous one left the true chain.
 */
class EdgeCorrectionTest {

  private static final long WINDOW = 64 << 10;

  @Test
  void partsWithTheirEdgeCorrectionsEqualOneScan() {
    Seeds.qt("EdgeCorrectionTest.partsWithTheirEdgeCorrectionsEqualOneScan").withExamples(48)
        .forAll(longs().all(), integers().between(0, 4), integers().between(0, 7))
        .checkAssert((seed, shape, knobs) -> {
          SplitMix64 rnd = new SplitMix64(seed);
          byte[] data = TestData.shaped(seed, shape, 200_000 + (int) rnd.below(600_000));
          // A largest chunk that divides no window (3000), so zero runs do not meet at edges.
          TestGearChunker chunker = (knobs & 1) == 0 ? new TestGearChunker(256, 10, 3000)
              : new TestGearChunker(2048, 12, 16_384);
          CountingMode mode = List.of(CountingMode.EXACT, CountingMode.SAMPLE,
              CountingMode.SKETCH).get((knobs >>> 1) % 3);
          DedupScanner.Builder b = DedupScanner.builder().chunker(chunker).threads(2)
              .windowSize(WINDOW).counting(mode);
          if (mode != CountingMode.EXACT) {
            b.maxEntries(64 + (int) rnd.below(200));
          }
          if ((knobs & 4) != 0) {
            b.samplePercent(50, seed);
          }
          DedupScanner scanner = b.build();
          List<ScanSource.RangeSource> parts = parts(data, rnd);
          DedupReport whole = scanner.scan(List.of(range(data, 0, data.length)));
          DedupReport merged = inParts(scanner, parts).report();
          String where = mode + " " + chunker.maxChunkSize() + " shape " + shape + ", "
              + parts.size() + " parts of " + data.length + " bytes, knobs " + knobs;
          assertEquals(ReportFields.counted(whole.toJson(), "memoryBudget", "plan"),
              ReportFields.counted(merged.toJson(), "memoryBudget", "plan"), where);
        });
  }

  @Test
  void theCompressionSampleOfPartsMergedAndCorrectedEqualsOneScans() {
    Seeds.qt("EdgeCorrectionTest.theCompressionSampleOfPartsMergedAndCorrectedEqualsOneScans")
        .withExamples(16)
        .forAll(longs().all(), integers().between(0, 4), integers().between(0, 3))
        .checkAssert((seed, shape, knobs) -> {
          SplitMix64 rnd = new SplitMix64(seed);
          byte[] data = TestData.shaped(seed, shape, 200_000 + (int) rnd.below(600_000));
          DedupScanner.Builder b = DedupScanner.builder()
              .chunker(new TestGearChunker(256, 10, 3000)).windowSize(WINDOW)
              .compress("deflate", "deflate:level=1,unit=chunk")
              .counting((knobs & 1) == 0 ? CountingMode.EXACT : CountingMode.SAMPLE);
          if ((knobs & 2) != 0) {
            b.compressSample(CompressionSample.units(50)); // a sample smaller than the chunks
          }
          if ((knobs & 1) != 0) {
            // Room for the chunks a scan adds and takes back at window edges: with less, periodic
            // data (shape 2) can raise one machine's level above the least (SampleCounter's
            // headroom rule), and then the order of the adds decides it.
            b.maxEntries(2000);
          }
          DedupScanner scanner = b.build();
          List<ScanSource.RangeSource> parts = parts(data, rnd);
          DedupReport whole = scanner.scan(List.of(range(data, 0, data.length)));
          DedupReport merged = inParts(scanner, parts, true);
          assertEquals(ReportFields.counted(whole.toJson(), "memoryBudget", "plan"),
              ReportFields.counted(merged.toJson(), "memoryBudget", "plan"),
              "shape " + shape + ", knobs " + knobs + ", " + parts.size() + " parts");
        });
  }

  @Test
  void bucketsByFingerprintMergedAndCorrectedApartEqualOneScan() {
    // What a cluster does for an exact count of any size: each part's summary split into
    // fingerprint buckets, each bucket merged and corrected on its own and reduced to figures
    // (written and read back, as they travel), the figures merged as disjoint ranges.
    Seeds.qt("EdgeCorrectionTest.bucketsByFingerprintMergedAndCorrectedApartEqualOneScan")
        .withExamples(16)
        .forAll(longs().all(), integers().between(0, 4), integers().between(1, 9))
        .checkAssert((seed, shape, buckets) -> {
          try {
            SplitMix64 rnd = new SplitMix64(seed);
            byte[] data = TestData.shaped(seed, shape, 200_000 + (int) rnd.below(400_000));
            DedupScanner scanner = DedupScanner.builder()
                .chunker(new TestGearChunker(256, 10, 3000)).windowSize(WINDOW).build();
            List<ScanSource.RangeSource> parts = parts(data, rnd);
            List<List<DedupSummary>> byBucket = new ArrayList<>();
            for (int b = 0; b < buckets; b++) {
              byBucket.add(new ArrayList<>());
            }
            Walked walked = walked(scanner, parts);
            for (DedupScanner.PartsSummary p : walked.parts()) {
              List<DedupSummary> split = p.summary().byFingerprint(buckets);
              for (int b = 0; b < buckets; b++) {
                byBucket.get(b).add(split.get(b));
              }
            }
            EdgeCorrection corrections = walked.corrections();
            List<EdgeCorrection> perBucket = corrections.byFingerprint(buckets, 256);
            List<DedupSummary> figures = new ArrayList<>();
            for (int b = 0; b < buckets; b++) {
              // Bucket 0 holds the totals, so the correction's totals apply there.
              EdgeCorrection c = b == 0 ? perBucket.get(b).plus(corrections.withoutRows())
                  : perBucket.get(b);
              DedupSummary f = DedupSummary.merge(byBucket.get(b)).corrected(c).figuresOnly();
              java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
              f.writeTo(out);
              figures.add(DedupSummary.readFrom(new java.io.ByteArrayInputStream(
                  out.toByteArray())));
            }
            DedupReport whole = scanner.scan(List.of(range(data, 0, data.length)));
            assertEquals(ReportFields.counted(whole.toJson(), "memoryBudget", "plan"),
                ReportFields.counted(DedupSummary.mergeDisjoint(figures).report().toJson(),
                    "memoryBudget", "plan"), "shape " + shape + ", " + buckets + " buckets");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void figuresWithoutFingerprintsAreNotMergedAsIfTheyHadThem(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws IOException {
    DedupSummary s = DedupScanner.builder().build().summarize(List.of(ScanSource.of("b",
        TestData.shaped(1, 0, 100_000))));
    // Buckets are consecutive ranges of the sorted order: concatenated, they are the summary.
    int[] last = {0};
    List<long[]> order = new ArrayList<>();
    s.forEachEntry((k0, k1, count, length) -> {
      int b = DedupSummary.bucketOf(k0, k1, s.fingerprintBits(), 7);
      assertTrue(b >= last[0], "bucket " + b + " after " + last[0]);
      last[0] = b;
      order.add(new long[] {k0, k1, count, length});
    });
    List<long[]> concatenated = new ArrayList<>();
    for (DedupSummary b : s.byFingerprint(7)) {
      b.forEachEntry((k0, k1, count, length) -> concatenated.add(new long[] {k0, k1, count,
          length}));
    }
    assertEquals(order.size(), concatenated.size());
    for (int i = 0; i < order.size(); i++) {
      assertTrue(java.util.Arrays.equals(order.get(i), concatenated.get(i)), "entry " + i);
    }
    DedupSummary figures = s.figuresOnly();
    assertEquals(s.report().uniqueChunks(), figures.report().uniqueChunks());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> figures.merge(s));
    assertTrue(e.getMessage().contains("without entries"), e.getMessage());
    java.nio.file.Path file = dir.resolve("figures.d4js");
    figures.write(file);
    java.nio.file.Path other = dir.resolve("other.d4js");
    s.write(other);
    IOException io = assertThrows(IOException.class,
        () -> DedupSummary.mergeFiles(List.of(other, file), null));
    assertTrue(io.getMessage().contains("figures without its fingerprints"), io.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DedupSummary.mergeDisjoint(List.of(s, s)), "summaries with fingerprints");
  }

  @Test
  void zerosAtAnOddOffsetDoNotMeetUntilTheirEnd() throws IOException {
    // All zeros, largest chunk 3000: the true chain cuts at multiples of 3000, a part's own chain
    // at its start plus multiples of 3000, so no walk meets before the file's end.
    byte[] data = new byte[10 * (int) WINDOW + 1234];
    DedupScanner scanner = DedupScanner.builder().chunker(new TestGearChunker(256, 10, 3000))
        .windowSize(WINDOW).build();
    ScanSource.RangeSource first = range(data, 0, 3 * WINDOW);
    ScanSource.RangeSource second = range(data, 3 * WINDOW, 6 * WINDOW);
    long end = scanner.summarizeParts(List.of(first)).chainEnds()[0];
    DedupScanner.EdgeWalk walk = scanner.walkEdge(second, end);
    assertFalse(walk.met());
    assertTrue(walk.chainEnd() >= 6 * WINDOW, "the true chain passed the part: " + walk.chainEnd());
    // Both parts together, corrected, are the first six windows cut as one chain.
    DedupSummary both = scanner.summarize(List.of(first)).merge(scanner.summarize(List.of(second)))
        .corrected(walk.correction());
    long chunks = both.report().chunks();
    assertEquals((6 * WINDOW + 2999) / 3000, chunks); // chunks that start before 6 windows
  }

  @Test
  void aCorrectionWithoutItsPartsIsRefused() throws IOException {
    byte[] data = TestData.shaped(5, 0, 300_000);
    DedupScanner scanner = DedupScanner.builder().chunker(new TestGearChunker(256, 10, 3000))
        .windowSize(WINDOW).build();
    ScanSource.RangeSource first = range(data, 0, WINDOW);
    ScanSource.RangeSource second = range(data, WINDOW, data.length);
    DedupScanner.EdgeWalk walk = scanner.walkEdge(second,
        scanner.summarizeParts(List.of(first)).chainEnds()[0]);
    assertTrue(walk.correction().rows() > 0, "the walk took something back");
    DedupSummary firstOnly = scanner.summarize(List.of(first));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> firstOnly.corrected(walk.correction()));
    assertTrue(e.getMessage().contains("no part counted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> scanner.walkEdge(second, WINDOW - 1));
  }

  /** Scans each part on its own, walks the edges in order and applies the corrections. */
  static DedupSummary inParts(DedupScanner scanner, List<ScanSource.RangeSource> parts) {
    return inPartsBoth(scanner, parts).summary();
  }

  /** The same with the compression sample, as the report. */
  static DedupReport inParts(DedupScanner scanner, List<ScanSource.RangeSource> parts,
      boolean compress) {
    DedupScanner.PartsSummary p = inPartsBoth(scanner, parts);
    return scanner.report(p.summary(), p.compression());
  }

  private static DedupScanner.PartsSummary inPartsBoth(DedupScanner scanner,
      List<ScanSource.RangeSource> parts) {
    Walked w = walked(scanner, parts);
    DedupSummary merged = null;
    CompressionPart sample = null;
    for (DedupScanner.PartsSummary p : w.parts()) {
      merged = merged == null ? p.summary() : merged.merge(p.summary());
      if (p.compression() != null) {
        sample = sample == null ? p.compression() : sample.merge(p.compression());
      }
    }
    return new DedupScanner.PartsSummary(merged.corrected(w.corrections()), new long[0],
        EdgeCorrection.none(), sample == null ? null : sample.corrected(w.corrections()));
  }

  /** Each part scanned on its own, and the sum of what the parts and their edges owe. */
  record Walked(List<DedupScanner.PartsSummary> parts, EdgeCorrection corrections) {}

  /** The model: the edges walked in file order, each from where the previous left the true chain. */
  static Walked walked(DedupScanner scanner, List<ScanSource.RangeSource> parts) {
    try {
      List<DedupScanner.PartsSummary> out = new ArrayList<>();
      EdgeCorrection corrections = EdgeCorrection.none();
      long trueAt = -1;
      for (int i = 0; i < parts.size(); i++) {
        DedupScanner.PartsSummary p = scanner.summarizeParts(List.of(parts.get(i)));
        out.add(p);
        corrections = corrections.plus(p.correction());
        if (i > 0) {
          DedupScanner.EdgeWalk w = scanner.walkEdge(parts.get(i), trueAt);
          corrections = corrections.plus(w.correction());
          // Met: the part's own chain is the true one from the meeting point on.
          trueAt = w.met() ? p.chainEnds()[0] : w.chainEnd();
        } else {
          trueAt = p.chainEnds()[0];
        }
      }
      return new Walked(out, corrections);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parts on random window bounds (some a single window, some several). */
  static List<ScanSource.RangeSource> parts(byte[] data, SplitMix64 rnd) {
    List<ScanSource.RangeSource> out = new ArrayList<>();
    long start = 0;
    while (start < data.length) {
      long end = Math.min(data.length, start + WINDOW * (1 + rnd.below(3)));
      out.add(range(data, start, end));
      start = end;
    }
    return out;
  }

  static ScanSource.RangeSource range(byte[] data, long start, long end) {
    ByteBuffer all = ByteBuffer.wrap(data).asReadOnlyBuffer();
    return (ScanSource.RangeSource) ScanSource.ofRange("f", "f", data.length, start, end,
        (position, dst) -> {
          if (position >= data.length) {
            return -1;
          }
          int n = (int) Math.min(dst.remaining(), data.length - position);
          dst.put(all.duplicate().position((int) position).limit((int) position + n));
          return n;
        });
  }
}
