package org.dedup4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.DedupSummary;
import org.dedup4j.testkit.ReportFields;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark report equals the single-machine report, field by field (except how it ran), on a
 * real local[2] session: every counting mode, percent mode, odd and tiny split sizes, empty and
 * tiny files, duplicate and shifted copies, zero runs, many small files.
 */
class SparkScanTest {


  @TempDir static Path dir;
  static Path tree;

  @BeforeAll
  static void data() throws IOException {
    LocalSpark.session(); // before the command's tests, which take the session there is
    tree = Files.createDirectories(dir.resolve("tree"));
    Random r = new Random(2026);
    byte[] base = new byte[(5 << 20) + 12345];
    r.nextBytes(base);
    for (int i = 0; i < base.length; i += 1 << 20) {
      java.util.Arrays.fill(base, i, Math.min(base.length, i + 50_000), (byte) 0); // zero runs
    }
    Files.write(tree.resolve("base.bin"), base);
    Files.write(tree.resolve("copy.bin"), base); // a duplicate
    byte[] shifted = new byte[base.length + 4096];
    System.arraycopy(base, 0, shifted, 4096, base.length); // shifted by one block
    Files.write(Files.createDirectories(tree.resolve("sub")).resolve("shifted.bin"), shifted);
    // A long zero run at an odd offset: content-defined chains do not meet inside it, so edge
    // walks pass whole parts and the driver walks the next edges again.
    byte[] zeros = new byte[3 << 20];
    System.arraycopy(base, 100_000, zeros, 0, 100_001); // cuts in it set the chains' phase
    System.arraycopy(base, 777, zeros, zeros.length - 100_000, 100_000);
    Files.write(tree.resolve("zeros.bin"), zeros);
    Files.write(tree.resolve("empty.bin"), new byte[0]);
    Files.write(tree.resolve("tiny.bin"), new byte[] {1, 2, 3});
    Path many = Files.createDirectories(tree.resolve("many"));
    for (int i = 0; i < 60; i++) {
      byte[] b = new byte[1 + r.nextInt(9000)];
      r.nextBytes(b);
      Files.write(many.resolve("f" + i), i % 3 == 0 ? new byte[b.length] : b);
    }
  }

  private static void assertSame(DedupScanner.Builder local, Dedup4jSpark.Options spark,
      String where) {
    assertSame(local, spark, tree, where);
  }

  private static void assertSame(DedupScanner.Builder local, Dedup4jSpark.Options spark,
      Path data, String where) {
    DedupReport one = local.build().scan(data);
    DedupReport cluster = Dedup4jSpark.scan(LocalSpark.session(), spark, data.toString());
    assertEquals(ReportFields.counted(one.toJson(), "memoryBudget"),
        ReportFields.counted(cluster.toJson(), "memoryBudget"), where);
  }

  @Test
  void everyCountingModeEqualsOneMachine() {
    for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH)) {
      for (int size : new int[] {4096, 1000}) {
        DedupScanner.Builder local = DedupScanner.builder().counting(mode).maxEntries(300)
            .chunker("fixed:size=" + size).windowSize(1 << 20);
        Dedup4jSpark.Options spark = new Dedup4jSpark.Options().counting(mode).maxEntries(300)
            .chunker("fixed:size=" + size).windowSize(1 << 20).splitSize(3 << 20);
        assertSame(local, spark, mode + " fixed " + size);
      }
    }
  }

  @Test
  void theExactCountByFingerprintRangeEqualsOneMachineForAnyNumberOfRanges() {
    // scan() counts exactly through the shuffle (ranges reduced apart), summarize() through the
    // driver (it keeps every fingerprint): both equal one machine.
    for (int ranges : new int[] {1, 7, 64}) {
      assertSame(DedupScanner.builder().chunker("fastcdc2020").windowSize(64 << 10),
          new Dedup4jSpark.Options().chunker("fastcdc2020").windowSize(64 << 10)
              .splitSize(1_000_003).reducers(ranges), "fastcdc2020, " + ranges + " ranges");
    }
    // 64-bit fingerprints, whose second half the ranges must ignore.
    assertSame(DedupScanner.builder().hasher("xxh64").windowSize(1 << 20),
        new Dedup4jSpark.Options().hasher("xxh64").windowSize(1 << 20).splitSize(2 << 20)
            .reducers(5), "xxh64, 5 ranges");
    DedupReport one = DedupScanner.builder().windowSize(1 << 20).build().scan(tree);
    DedupSummary kept = Dedup4jSpark.summarize(LocalSpark.session(),
        new Dedup4jSpark.Options().windowSize(1 << 20).splitSize(2 << 20), tree.toString());
    assertEquals(ReportFields.counted(one.toJson(), "memoryBudget"),
        ReportFields.counted(kept.report().toJson(), "memoryBudget"));
    assertEquals(one.uniqueChunks(), kept.entries(), "a kept summary holds every fingerprint");
  }

  @Test
  void compressionEstimatesAndTheDataReductionRatioEqualOneMachine() {
    // The shuffle (exact), the summary merge (sample), fixed and content-defined chunks, and a
    // compression sample smaller than the unique chunks (its lowest ranks merged across tasks).
    for (String chunker : List.of("fixed:size=4096", "fastcdc2020")) {
      for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE)) {
        assertSame(DedupScanner.builder().chunker(chunker).counting(mode).maxEntries(5000)
                .windowSize(64 << 10).compress("lz4", "zstd:level=3,unit=chunk")
                .compressSample(org.dedup4j.CompressionSample.units(300)),
            new Dedup4jSpark.Options().chunker(chunker).counting(mode).maxEntries(5000)
                .windowSize(64 << 10).splitSize(1_000_003).reducers(3)
                .compress("lz4", "zstd:level=3,unit=chunk").compressSample("300"),
            chunker + " " + mode + " compressed");
      }
    }
  }

  @Test
  void percentModeSamplesTheChunksOneMachineSamples() {
    assertSame(DedupScanner.builder().samplePercent(25, 7).windowSize(1 << 20),
        new Dedup4jSpark.Options().samplePercent(25, 7).windowSize(1 << 20).splitSize(2 << 20),
        "25% seed 7");
  }

  @Test
  void oddAndTinySplitSizesAreRoundedToWindowsAndGiveTheSameReport() {
    for (long split : new long[] {1, 4093, 1_000_003, 7 << 20}) {
      assertSame(DedupScanner.builder().windowSize(64 << 10),
          new Dedup4jSpark.Options().windowSize(64 << 10).splitSize(split), "split " + split);
    }
  }

  @Test
  void aSavedSummaryMergesWithLocalOnesAndTheCommandPrintsTheReport() throws IOException {
    Path saved = dir.resolve("spark.d4js");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"scan", "--json", "--window", "1M", "--split", "2M",
        "--save", saved.toString(), tree.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, code, () -> out.toString(StandardCharsets.UTF_8));
    DedupReport one = DedupScanner.builder().windowSize(1 << 20).build().scan(tree);
    JsonElement printed = ReportFields.counted(out.toString(StandardCharsets.UTF_8), "memoryBudget");
    assertEquals(ReportFields.counted(one.toJson(), "memoryBudget"), printed);
    assertEquals(ReportFields.counted(one.toJson(), "memoryBudget"),
        ReportFields.counted(DedupSummary.read(saved).report().toJson(), "memoryBudget"));
    Path local = dir.resolve("local.d4js");
    DedupScanner.builder().windowSize(1 << 20).build()
        .summarize(List.of(org.dedup4j.ScanSource.of(tree)), local);
    DedupReport both = DedupSummary.mergeFiles(List.of(saved, local), null);
    assertEquals(2 * one.bytes(), both.bytes());
    assertEquals(one.uniqueChunks(), both.uniqueChunks(), "the same data twice");
  }

  @Test
  void everyContentDefinedChunkerEqualsOneMachineAcrossPartEdges() {
    for (String chunker : List.of("fastcdc2020", "fastcdc2016", "gear", "buzhash", "rabin",
        "ronomon")) {
      assertSame(DedupScanner.builder().chunker(chunker).windowSize(1 << 20),
          new Dedup4jSpark.Options().chunker(chunker).windowSize(1 << 20).splitSize(2 << 20),
          chunker);
    }
  }

  @Test
  void contentDefinedChunkingInEveryModeAndOddSplitsEqualsOneMachine() {
    for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE, CountingMode.SKETCH)) {
      assertSame(DedupScanner.builder().chunker("fastcdc2020").counting(mode).maxEntries(300)
              .windowSize(64 << 10),
          new Dedup4jSpark.Options().chunker("fastcdc2020").counting(mode).maxEntries(300)
              .windowSize(64 << 10).splitSize(1_000_003), "fastcdc2020 " + mode);
    }
    // Parts of one window each (a split of 1 byte; a window is at least one largest chunk), and a
    // percent sample, with the largest chunk of 64 KiB: every edge is a task's edge.
    assertSame(DedupScanner.builder().chunker("gear").samplePercent(30, 3).windowSize(64 << 10),
        new Dedup4jSpark.Options().chunker("gear").samplePercent(30, 3).windowSize(64 << 10)
            .splitSize(1), "gear 30% split 1");
  }

  @Test
  void edgeWalksThatDoNotMeetInsideTheNextTaskAreWalkedAgainByTheDriver() {
    // One file in four tasks, its edges inside a 3 MiB zero run at an odd offset: a walk passes
    // the next task's whole range, whose own edge walk the driver then replaces.
    Path zeros = tree.resolve("zeros.bin");
    for (String chunker : List.of("gear", "fastcdc2020")) {
      for (CountingMode mode : List.of(CountingMode.EXACT, CountingMode.SAMPLE,
          CountingMode.SKETCH)) {
        assertSame(DedupScanner.builder().chunker(chunker).counting(mode).maxEntries(100)
                .windowSize(64 << 10),
            new Dedup4jSpark.Options().chunker(chunker).counting(mode).maxEntries(100)
                .windowSize(64 << 10).splitSize(1), zeros, chunker + " " + mode);
      }
    }
  }

  @Test
  void chunkRowsAreTheCutsOfOneSequentialPassWithTheirFingerprints() throws IOException {
    for (String chunker : List.of("fixed:size=4096", "fastcdc2020", "gear")) {
      Dedup4jSpark.Options o = new Dedup4jSpark.Options().chunker(chunker).windowSize(64 << 10)
          .splitSize(1);
      // The file with the zero run: the true chain's starts come from edges walked again.
      Path zeros = tree.resolve("zeros.bin");
      List<org.apache.spark.sql.Row> rows = Dedup4jSpark.chunks(LocalSpark.session(), o,
          zeros.toString()).orderBy("offset").collectAsList();
      org.dedup4j.spi.Chunker c = DedupScanner.builder().chunker(chunker).build().chunker();
      byte[] data = Files.readAllBytes(zeros);
      java.nio.ByteBuffer all = java.nio.ByteBuffer.wrap(data);
      int at = 0;
      int i = 0;
      while (at < data.length) {
        int cut = c.nextCut(all, at, data.length);
        org.apache.spark.sql.Row row = rows.get(i++);
        assertEquals(at, row.getLong(1), chunker + " chunk " + i);
        assertEquals(cut - at, row.getInt(2), chunker + " chunk " + i);
        at = cut;
      }
      assertEquals(i, rows.size(), chunker + ": no row past the file's chunks");
      if (!chunker.equals("fastcdc2020")) {
        continue;
      }
      // Over the whole tree: as many rows as chunks, as many fingerprints as unique chunks.
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> d =
          Dedup4jSpark.chunks(LocalSpark.session(), o.splitSize(1_000_003), tree.toString());
      DedupReport one = DedupScanner.builder().chunker(chunker).windowSize(64 << 10).build()
          .scan(tree);
      assertEquals(one.chunks(), d.count(), chunker);
      assertEquals(one.bytes(), d.agg(org.apache.spark.sql.functions.sum("length")).first()
          .getLong(0), chunker);
      assertEquals(one.uniqueChunks(), d.select("fingerprint").distinct().count(), chunker);
    }
  }

  @Test
  void theCommandSaysWhatItCannotDoAndExitsAsAScanWould() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, Main.run(new String[] {"scan", "--chunker", "nosuch", tree.toString()},
        o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("nosuch"), err::toString);
    Path missing = dir.resolve("missing");
    assertEquals(2, Main.run(new String[] {"scan", "--json", missing.toString()}, o, e),
        "nothing read");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("no such file or directory"),
        out::toString);
    assertEquals(2, Main.run(new String[] {"merge"}, o, e), "only scan");
    out.reset();
    assertEquals(0, Main.run(new String[] {"scan", "--json", "--compress", "lz4",
        tree.resolve("base.bin").toString()}, o, e), err::toString);
    DedupReport one = DedupScanner.builder().compress("lz4").build().scan(tree.resolve("base.bin"));
    assertEquals(ReportFields.counted(one.toJson(), "memoryBudget"),
        ReportFields.counted(out.toString(StandardCharsets.UTF_8), "memoryBudget"),
        "--compress prints the compression figures and data reduction ratio");
  }
}
