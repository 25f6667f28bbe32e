package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counting modes through the scanner, against {@link ModelScan} and against each other: exact
 * with a tiny budget spills and equals the in-memory scan; sample and sketch equal the model when
 * the sample keeps everything and hold it in their intervals when they sample; percent mode's GEE
 * bounds hold the true unique count; auto forecasts and chooses.
 */
class CountingModesTest {

  @TempDir Path dir;

  private static final List<Chunker> SMALL_CHUNKERS =
      List.of(Chunkers.fixed(64), new TestGearChunker(64, 7, 1024));

  /**
   * Data with many small unique chunks and known duplication: random segments, some repeated at
   * other offsets (aligned and not), and zero runs.
   */
  static byte[] data(long seed, int size) {
    SplitMix64 r = new SplitMix64(seed);
    byte[] out = new byte[size];
    int pos = 0;
    while (pos < size) {
      int len = (int) Math.min(size - pos, 1024 + r.below(64 * 1024));
      long kind = r.below(10);
      if (kind < 5 || pos < 128 * 1024) {
        for (int i = pos; i < pos + len; i++) {
          out[i] = (byte) r.nextLong();
        }
      } else if (kind < 9) {
        int from = (int) r.below(pos - len > 0 ? pos - len : 1);
        if (r.below(2) == 0) {
          from &= ~63;
        }
        System.arraycopy(out, from, out, pos, Math.min(len, pos - from));
      } // else zeros
      pos += len;
    }
    return out;
  }

  private static void assertSameCounts(DedupReport expected, DedupReport actual, String where) {
    assertEquals(expected.bytes(), actual.bytes(), where);
    assertEquals(expected.chunks(), actual.chunks(), where);
    assertEquals(expected.uniqueChunks(), actual.uniqueChunks(), where);
    assertEquals(expected.uniqueBytes(), actual.uniqueBytes(), where);
    assertEquals(expected.zeroChunks(), actual.zeroChunks(), where);
    assertEquals(ModelScan.histogram(expected), ModelScan.histogram(actual), where);
    assertEquals(ModelScan.sizeHistogram(expected), ModelScan.sizeHistogram(actual), where);
    assertEquals(expected.minChunkSize(), actual.minChunkSize(), where);
    assertEquals(expected.maxChunkSize(), actual.maxChunkSize(), where);
  }

  @Test
  void exactWithATinyBudgetSpillsAndEqualsTheInMemoryScan() {
    Seeds.qt("CountingModesTest.exactWithATinyBudgetSpillsAndEqualsTheInMemoryScan").withExamples(8)
        .forAll(longs().all(), integers().between(0, 7))
        .checkAssert((seed, knobs) -> {
          Chunker chunker = SMALL_CHUNKERS.get(knobs & 1);
          int threads = 1 + ((knobs >> 1) & 1);
          IoMode io = (knobs & 4) == 0 ? IoMode.READ : IoMode.MMAP;
          List<ScanSource> sources = files(seed, 2, chunker.fixedChunkSize() > 0 ? 3 << 20 : 8 << 20);
          DedupReport memory = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
              .windowSize(64 << 10).build().scan(sources);
          DedupReport spilled = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
              .windowSize(64 << 10).memoryBudget(DedupScanner.MIN_MEMORY_BUDGET)
              .spillDirectory(dir).build().scan(sources);
          String where = chunker.spec() + " threads=" + threads + " " + io;
          assertTrue(spilled.countingStats().spillRuns() >= 2,
              where + ": " + spilled.countingStats().spillRuns() + " runs");
          assertEquals(0, memory.countingStats().spillRuns(), where);
          assertSameCounts(memory, spilled, where);
          assertNoTempFiles();
        });
  }

  @Test
  void sampleAndSketchEqualTheModelWhenTheyKeepEverything() {
    Seeds.qt("CountingModesTest.sampleAndSketchEqualTheModelWhenTheyKeepEverything").withExamples(12)
        .forAll(longs().all(), integers().between(0, 3))
        .checkAssert((seed, knobs) -> {
          Chunker chunker = knobs % 2 == 0 ? Chunkers.fixed(4096) : new TestGearChunker(256, 10, 4096);
          CountingMode mode = knobs < 2 ? CountingMode.SAMPLE : CountingMode.SKETCH;
          List<byte[]> inputs = ModelScan.inputs(seed, 3, 48, 4096);
          ModelScan model = ModelScan.of(chunker, inputs);
          List<ScanSource> sources = new ArrayList<>();
          for (int i = 0; i < inputs.size(); i++) {
            sources.add(ScanSource.of("input-" + i, inputs.get(i)));
          }
          // While the sample keeps everything (rate 1) sketch mode reports the sample's exact count
          // too, so window edges taken back do not show through the sketch.
          DedupReport r = DedupScanner.builder().chunker(chunker).counting(mode).threads(2)
              .windowSize(64 << 10).build().scan(sources);
          String where = mode + " " + chunker.spec();
          assertEquals(mode, r.countingStats().mode(), where);
          assertEquals(1.0, r.countingStats().samplingRate(), where);
          assertEquals(model.bytes, r.bytes(), where);
          assertEquals(model.chunks, r.chunks(), where);
          assertEquals(model.table.size(), r.countingStats().keptEntries(), where);
          assertEquals(model.uniqueBytes(), r.uniqueBytes(), where);
          assertEquals(model.histogram(), ModelScan.histogram(r), where);
          assertEquals(model.sizeHistogram(), ModelScan.sizeHistogram(r), where);
          assertEquals(model.table.size(), r.uniqueChunks(), where);
          assertTrue(r.countingStats().uniqueChunks().isExact(), where);
        });
  }

  @Test
  void sampleIsIndependentOfThreadsWindowsAndIoAndHoldsTheTruth() throws IOException {
    for (Chunker chunker : SMALL_CHUNKERS) {
      List<ScanSource> sources = files(21, 2, 2 << 20);
      DedupReport exact = DedupScanner.builder().chunker(chunker).build().scan(sources);
      DedupReport first = null;
      for (int threads = 1; threads <= 2; threads++) {
        for (IoMode io : IoMode.values()) {
          for (long window : new long[] {64 << 10, 1 << 20}) {
            DedupReport r = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
                .windowSize(window).counting(CountingMode.SAMPLE).maxEntries(2048).build()
                .scan(sources);
            String where = chunker.spec() + " threads=" + threads + " " + io + " window=" + window;
            assertTrue(r.countingStats().samplingRate() < 1, where);
            if (first == null) {
              first = r;
              CountingStats c = r.countingStats();
              assertTrue(c.uniqueChunks().contains(exact.uniqueChunks()), where + " " + c + " vs "
                  + exact.uniqueChunks());
              assertTrue(c.uniqueBytes().contains(exact.uniqueBytes()), where);
              assertTrue(c.dedupeRatio().contains(exact.dedupeRatio()), where);
            } else {
              assertSameCounts(first, r, where);
              assertEquals(first.countingStats(), r.countingStats(), where);
            }
          }
        }
      }
    }
  }

  @Test
  void percentModeEstimatesTheWholeDataWithinItsBounds() {
    // Exactly 2:1 data of 64-byte chunks: the sample's own ratio is near 1:1, the estimate's
    // bounds must hold the truth.
    byte[] half = new byte[40_000 * 64];
    new SplitMix64(5).fill(half, 0, half.length);
    byte[] data = new byte[2 * half.length];
    System.arraycopy(half, 0, data, 0, half.length);
    System.arraycopy(half, 0, data, half.length, half.length);
    for (double percent : new double[] {1, 5, 10}) {
      DedupReport r = DedupScanner.builder().chunker(Chunkers.fixed(64)).samplePercent(percent, 7)
          .build().scan(data);
      for (PercentEstimate e : r.percentEstimates()) {
        System.out.printf(Locale.ROOT, "percent %.0f%%, %s: %.0f (%.0f..%.0f), ratio %.3f (%.3f..%.3f);"
            + " sample's own ratio %.3f%n", percent, e.method(), e.uniqueChunks(),
            e.uniqueChunksLow(), e.uniqueChunksHigh(), e.dedupeRatio(), e.dedupeRatioLow(),
            e.dedupeRatioHigh(), r.dedupeRatio());
      }
      PercentEstimate gee = r.percentEstimate();
      assertEquals("gee", gee.method());
      assertTrue(gee.uniqueChunksLow() <= 40_000 && 40_000 <= gee.uniqueChunksHigh(),
          percent + "%: " + gee);
      assertTrue(gee.dedupeRatioLow() <= 2 && 2 <= gee.dedupeRatioHigh(), percent + "%: " + gee);
      assertTrue(r.toText().contains("random block samples bound dedupe only loosely"), r.toText());
      JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
      JsonObject est = json.getAsJsonObject("estimate");
      for (String f : List.of("method", "uniqueChunks", "uniqueChunksLow", "uniqueChunksHigh",
          "dedupeRatio", "dedupeRatioLow", "dedupeRatioHigh")) {
        assertTrue(est.has(f), f);
      }
    }
    assertNull(DedupScanner.builder().build().scan(data).percentEstimate());
  }

  @Test
  void autoChoosesExactWhenTheTableFitsAndSampleWhenItDoesNot() throws IOException {
    List<ScanSource> small = files(3, 1, 1 << 20);
    DedupReport r = DedupScanner.builder().counting(CountingMode.AUTO).build().scan(small);
    assertEquals(CountingMode.EXACT, r.countingStats().mode());
    assertNotNull(r.countingStats().plan());
    assertEquals(CountingMode.EXACT, r.countingStats().plan().choice());
    assertTrue(r.toText().contains("Choice:"), r.toText());

    List<ScanSource> big = files(4, 1, 12 << 20);
    DedupScanner scanner = DedupScanner.builder().chunker(Chunkers.fixed(64))
        .counting(CountingMode.AUTO).memoryBudget(DedupScanner.MIN_MEMORY_BUDGET).build();
    ScanPlan plan = scanner.plan(big);
    assertEquals(CountingMode.SAMPLE, plan.choice(), plan.toText());
    assertTrue(plan.samplePercent() > 0, plan.toText());
    DedupReport auto = scanner.scan(big);
    assertEquals(CountingMode.SAMPLE, auto.countingStats().mode());
    JsonObject json = JsonParser.parseString(auto.toJson()).getAsJsonObject();
    assertEquals("sample", json.get("mode").getAsString());
    assertEquals("sample", json.getAsJsonObject("counting").getAsJsonObject("plan")
        .get("choice").getAsString());
  }

  @Test
  void theExactTableIsPresizedForFilesWithFixedChunksAndCountsTheSame() {
    // 24 MiB of random data in 64-byte chunks: 393,216 chunks, all unique, so the plan's bound is
    // tight (and large enough for presizing to pay). AUTO presizes the table for it from the
    // plan, EXACT from the files' sizes; a stream grows it; the counts agree.
    List<ScanSource> data = files(11, 3, 8 << 20);
    DedupScanner auto = DedupScanner.builder().chunker(Chunkers.fixed(64))
        .counting(CountingMode.AUTO).build();
    ScanPlan plan = auto.plan(data);
    assertEquals(CountingMode.EXACT, plan.choice(), plan.toText());
    assertEquals(3 << 17, plan.chunks());
    DedupReport presized = auto.scan(data);
    // Streams have no size known in advance: the table grows from empty.
    List<ScanSource> streams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try {
        streams.add(ScanSource.of("stream-" + i, Files.newInputStream(dir.resolve("data-11-" + i))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DedupReport grown = DedupScanner.builder().chunker(Chunkers.fixed(64)).build().scan(streams);
    // EXACT with no plan presizes for files of known size too (under 64 MiB of table).
    DedupReport exact = DedupScanner.builder().chunker(Chunkers.fixed(64)).build().scan(data);
    assertEquals(presized.tableBytes(), exact.tableBytes());
    assertEquals(grown.uniqueChunks(), exact.uniqueChunks());
    assertEquals(grown.uniqueChunks(), presized.uniqueChunks());
    assertEquals(grown.uniqueBytes(), presized.uniqueBytes());
    assertEquals(grown.chunks(), presized.chunks());
    int bits = Hashers.sha256().fingerprintBits();
    long room = org.dedup4j.internal.count.FingerprintTable.presizedBytes(bits, 64, 10, 3 << 17);
    // about 2% of the segments get more than the room made for them and grow once
    assertTrue(presized.tableBytes() >= room && presized.tableBytes() < room * 1.01,
        presized.tableBytes() + " presized for the plan's bound, " + room + " at the start");
    assertTrue(grown.tableBytes() != presized.tableBytes(), grown.tableBytes() + " grown");
  }

  @Test
  void aFailedSpillStopsTheScanWithAClearMessageAndLeavesNothing() throws IOException {
    Path spill = Files.createDirectory(dir.resolve("spill"));
    DedupScanner scanner = DedupScanner.builder().chunker(Chunkers.fixed(64))
        .memoryBudget(DedupScanner.MIN_MEMORY_BUDGET).spillDirectory(spill).build();
    List<ScanSource> sources = files(6, 1, 3 << 20);
    Files.delete(spill); // the disk (folder) is gone by the time the table must spill
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> scanner.scan(sources));
    assertTrue(e.getMessage().contains("spilling the fingerprint table"), e.getMessage());
    assertTrue(e.getMessage().contains("temp files were removed"), e.getMessage());
    assertTrue(Files.notExists(spill));
  }

  @Test
  void badCountingArgumentsAreRejectedWithTheirRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().memoryBudget(100));
    assertTrue(e.getMessage().contains("memory budget 100 bytes is too small"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder().maxEntries(1));
    assertTrue(e.getMessage().contains("max entries 1 is out of range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CountingMode.of("fast"));
    assertTrue(e.getMessage().contains("[exact, sample, sketch, auto]"), e.getMessage());
    assertEquals(CountingMode.SKETCH, CountingMode.of("Sketch"));
  }

  @Test
  void jsonNamesTheModeAndItsFields() {
    byte[] d = data(8, 1 << 20);
    JsonObject exact = JsonParser.parseString(DedupScanner.builder().build().scan(d).toJson())
        .getAsJsonObject();
    assertEquals("exact", exact.get("mode").getAsString());
    assertTrue(exact.getAsJsonObject("counting").has("spillBytes"));
    JsonObject sketch = JsonParser.parseString(DedupScanner.builder().chunker(Chunkers.fixed(64))
        .counting(CountingMode.SKETCH).maxEntries(256).build().scan(d).toJson()).getAsJsonObject();
    JsonObject c = sketch.getAsJsonObject("counting");
    assertEquals("sketch", sketch.get("mode").getAsString());
    for (String f : List.of("samplingRate", "uniqueChunksLow", "uniqueChunksHigh",
        "uniqueBytesLow", "dedupeRatioHigh", "sketchRelativeStandardError", "refcountHistogram")) {
      assertTrue(c.has(f), f + " in " + c);
    }
  }

  private List<ScanSource> files(long seed, int count, int size) {
    List<ScanSource> out = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Path p = dir.resolve("data-" + seed + "-" + i);
        if (!Files.exists(p)) {
          Files.write(p, data(seed * 31 + i, size));
        }
        out.add(ScanSource.of(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private void assertNoTempFiles() {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> spill = s.filter(p -> p.getFileName().toString().startsWith("dedup4j-spill")).toList();
      assertEquals(List.of(), spill);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
