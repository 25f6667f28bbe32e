package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What data sets share, from summaries saved apart, against a model made of merges: the unique
 * bytes of a union of sets is what merging their summaries reports, so shared, exclusive, added
 * and kept bytes each follow from the reports of merges.
 */
class SetOverlapTest {

  @TempDir Path dir;

  @Test
  void everyFigureIsWhatMergesOfTheSummariesSay() {
    Seeds.qt("SetOverlapTest.everyFigureIsWhatMergesOfTheSummariesSay").withExamples(12)
        .forAll(longs().all(), integers().between(1, 5))
        .checkAssert((seed, n) -> {
          try {
            check(seed, n);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(long seed, int n) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    byte[][] pool = new byte[40][1024];
    for (byte[] b : pool) {
      rnd.fill(b, 0, b.length);
    }
    DedupScanner scanner = DedupScanner.builder().chunker(Chunkers.fixed(1024)).build();
    List<DedupSummary> summaries = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] data = new byte[1024 * (int) (1 + rnd.below(60))];
      for (int off = 0; off < data.length; off += 1024) {
        long r = rnd.below(10);
        if (r == 0) {
          continue; // a zero block, shared by every set that has one
        }
        System.arraycopy(pool[(int) rnd.below(pool.length)], 0, data, off, 1024);
      }
      DedupSummary s = scanner.summarize(List.of(ScanSource.of("set" + i, data)));
      Path f = dir.resolve(seed + "-" + i + ".d4js");
      s.write(f);
      summaries.add(s);
      files.add(f);
      names.add("set" + i);
    }
    long keepMask = rnd.below(1L << n);
    List<String> keep = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if ((keepMask >>> i & 1) != 0) {
        keep.add(names.get(i));
      }
    }
    SetOverlap o = SetOverlap.of(files, names, keep);
    long all = union(summaries, (1L << n) - 1);
    long stored = 0;
    for (int i = 0; i < n; i++) {
      SetOverlap.SetFigures s = o.sets().get(i);
      DedupReport alone = summaries.get(i).report();
      String where = "set " + i + " of " + n + ", seed " + seed;
      assertEquals(alone.bytes(), s.bytes(), where);
      assertEquals(alone.chunks(), s.chunks(), where);
      assertEquals(alone.uniqueBytes(), s.uniqueBytes(), where);
      assertEquals(alone.uniqueChunks(), s.uniqueChunks(), where);
      assertEquals(all - union(summaries, ((1L << n) - 1) & ~(1L << i)), s.exclusiveBytes(), where);
      long before = union(summaries, (1L << i) - 1);
      long upTo = union(summaries, (1L << (i + 1)) - 1);
      assertEquals(upTo - before, s.addedBytes(), where);
      stored += s.addedBytes();
      assertEquals(upTo, s.storedBytes(), where);
    }
    assertEquals(all, stored);
    for (SetOverlap.Pair p : o.pairs()) {
      int a = names.indexOf(p.a());
      int b = names.indexOf(p.b());
      long shared = summaries.get(a).report().uniqueBytes() + summaries.get(b).report().uniqueBytes()
          - union(summaries, (1L << a) | (1L << b));
      assertEquals(shared, p.sharedBytes(), p.a() + " " + p.b());
      assertTrue(p.jaccard() >= 0 && p.jaccard() <= 1);
    }
    assertEquals(n * (n - 1) / 2, o.pairs().size());
    if (keep.isEmpty()) {
      assertEquals(null, o.keep());
    } else {
      assertEquals(union(summaries, keepMask), o.keep().storedBytes());
      assertEquals(all - union(summaries, keepMask), o.keep().freedBytes());
    }
    assertTrue(o.toJson().contains("\"sets\""), o.toJson());
    assertTrue(o.toText().contains("set0"), o.toText());
  }

  /** Unique bytes of the union of the sets in the mask, by merging their summaries. */
  private static long union(List<DedupSummary> s, long mask) {
    List<DedupSummary> chosen = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if ((mask >>> i & 1) != 0) {
        chosen.add(s.get(i));
      }
    }
    return chosen.isEmpty() ? 0 : DedupSummary.merge(chosen).report().uniqueBytes();
  }

  @Test
  void repeatedNamesTooManySetsAndUnknownKeepsAreRefused() throws IOException {
    Path exact = dir.resolve("e.d4js");
    DedupScanner.builder().build().summarize(List.of(ScanSource.of("x", new byte[9000])))
        .write(exact);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(List.of(exact, exact), List.of("e", "e"), List.of()));
    assertTrue(e.getMessage().contains("same name"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(List.of(exact), List.of("e"), List.of("f")));
    assertTrue(e.getMessage().contains("--keep f"), e.getMessage());
    List<Path> many = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add(exact);
      names.add("n" + i);
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(many, names, List.of()));
    assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
  }

  @Test
  void scanSetsReportsEverythingAsOneScanAndRefusesWhatIsNotBuilt() throws IOException {
    byte[] a = new byte[40_000];
    new SplitMix64(1).fill(a, 0, a.length);
    byte[] b = java.util.Arrays.copyOf(a, 60_000);
    new SplitMix64(2).fill(b, 40_000, b.length); // 20 new blocks after a's 40
    DedupScanner scanner = DedupScanner.builder().chunker(Chunkers.fixed(1000)).build();
    DedupScanner.SetScan r = scanner.scanSets(List.of("a", "b"),
        List.of(List.of(ScanSource.of("a", a)), List.of(ScanSource.of("b", b))));
    DedupReport one = scanner.scan(List.of(ScanSource.of("a", a), ScanSource.of("b", b)));
    assertEquals(one.uniqueBytes(), r.report().uniqueBytes());
    assertEquals(one.refcountHistogram(), r.report().refcountHistogram());
    assertEquals(40_000, r.overlap().pairs().get(0).sharedBytes());
    assertEquals(20_000, r.overlap().sets().get(1).addedBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().counting(CountingMode.SKETCH).build()
            .scanSets(List.of("a"), List.of(List.of(ScanSource.of("a", a)))));
    assertTrue(e.getMessage().contains("not of intersections")
        && e.getMessage().contains("--mode sample"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().compress("deflate").build()
            .scanSets(List.of("a"), List.of(List.of(ScanSource.of("a", a)))));
    assertTrue(e.getMessage().contains("--compress"), e.getMessage());
  }

  @Test
  void scanSetsAgreesWithAPlainMapOverChunksForAnyThreadsWindowIoAndChunker() {
    // The model: each set's chunks cut sequentially and fingerprinted into a map of its own.
    Seeds.qt("SetOverlapTest.scanSetsAgreesWithAPlainMapOverChunksForAnyThreadsWindowIoAndChunker")
        .withExamples(10)
        .forAll(longs().all(), integers().between(1, 4), integers().between(0, 7))
        .checkAssert((seed, n, knobs) -> {
          SplitMix64 rnd = new SplitMix64(seed);
          org.dedup4j.spi.Chunker chunker = (knobs & 1) == 0 ? Chunkers.fixed(1000)
              : new TestGearChunker(256, 10, 3000);
          byte[] common = org.dedup4j.testkit.TestData.shaped(seed, (int) rnd.below(5), 150_000);
          List<byte[]> data = new ArrayList<>();
          List<ModelScan> models = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            byte[] d = new byte[100_000 + (int) rnd.below(200_000)];
            rnd.fill(d, 0, d.length);
            int shared = (int) Math.min(d.length, rnd.below(common.length));
            System.arraycopy(common, 0, d, 0, shared); // a prefix the sets share
            data.add(d);
            models.add(ModelScan.of(chunker, List.of(d)));
          }
          DedupScanner scanner = DedupScanner.builder().chunker(chunker)
              .threads(1 + (knobs >>> 1) % 2).io((knobs & 4) == 0 ? IoMode.READ : IoMode.MMAP)
              .windowSize(64 << 10).build();
          List<String> names = new ArrayList<>();
          List<List<ScanSource>> sets = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            names.add("s" + i);
            sets.add(List.of(file(seed + "-" + i, data.get(i))));
          }
          DedupScanner.SetScan r;
          try {
            r = scanner.scanSets(names, sets);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          java.util.Map<String, Long> seen = new java.util.HashMap<>(); // digest -> first set
          java.util.Map<String, Integer> holders = new java.util.HashMap<>();
          java.util.Map<String, Long> length = new java.util.HashMap<>();
          for (int i = 0; i < n; i++) {
            for (var e : models.get(i).table.entrySet()) {
              seen.putIfAbsent(e.getKey(), (long) i);
              holders.merge(e.getKey(), 1, Integer::sum);
              length.put(e.getKey(), e.getValue()[1]);
            }
          }
          long added = 0;
          for (int i = 0; i < n; i++) {
            SetOverlap.SetFigures f = r.overlap().sets().get(i);
            ModelScan m = models.get(i);
            final int set = i;
            String where = "set " + i + " of " + n + ", knobs " + knobs + ", seed " + seed;
            assertEquals(m.bytes, f.bytes(), where);
            assertEquals(m.chunks, f.chunks(), where);
            assertEquals(m.uniqueBytes(), f.uniqueBytes(), where);
            assertEquals(m.table.size(), f.uniqueChunks(), where);
            assertEquals(m.table.keySet().stream().filter(k -> holders.get(k) == 1)
                .mapToLong(length::get).sum(), f.exclusiveBytes(), where);
            assertEquals(m.table.keySet().stream().filter(k -> seen.get(k) == set)
                .mapToLong(length::get).sum(), f.addedBytes(), where);
            assertTrue(f.exclusiveBytes() <= f.uniqueBytes(), where);
            added += f.addedBytes();
          }
          long unique = length.values().stream().mapToLong(Long::longValue).sum();
          assertEquals(unique, added, "the added bytes of all sets are the unique bytes of all");
          assertEquals(unique, r.report().uniqueBytes());
          assertEquals(models.stream().mapToLong(m -> m.bytes).sum(), r.report().bytes());
        });
  }

  @Test
  void setsAreNamedByTheNameSavedInTheirSummaryElseByTheFileName() throws IOException {
    byte[] a = new byte[40_000];
    new SplitMix64(3).fill(a, 0, a.length);
    byte[] b = java.util.Arrays.copyOf(a, 50_000);
    new SplitMix64(4).fill(b, 40_000, b.length);
    DedupScanner scanner = DedupScanner.builder().chunker(Chunkers.fixed(1000)).build();
    Path fa = dir.resolve("first.d4js");
    Path fb = dir.resolve("second.d4js");
    scanner.summarize(List.of(ScanSource.of("a", a)), fa, "monday");
    scanner.summarize(List.of(ScanSource.of("b", b)), fb, null);
    assertEquals("monday", DedupSummary.read(fa).name());
    assertEquals(null, DedupSummary.read(fb).name());
    SetOverlap o = SetOverlap.of(List.of(fa, fb), List.of("monday"));
    assertEquals("monday", o.sets().get(0).name());
    assertEquals("second", o.sets().get(1).name());
    assertEquals(40_000, o.keep().storedBytes());
    // Names given to SetOverlap win over saved ones.
    assertEquals("x", SetOverlap.of(List.of(fa, fb), List.of("x", "y"), List.of()).sets().get(0)
        .name());
    // A merge keeps a name all its parts share, and drops differing ones.
    DedupSummary named = DedupSummary.read(fa);
    assertEquals("monday", named.merge(named.named("monday")).name());
    assertEquals(null, named.merge(named.named("tuesday")).name());
    // Two summaries of one name: refused, naming both files.
    Path fc = dir.resolve("third.d4js");
    scanner.summarize(List.of(ScanSource.of("b", b)), fc, "monday");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(List.of(fa, fb, fc), List.of()));
    assertTrue(e.getMessage().contains(fa.toString()) && e.getMessage().contains(fc.toString())
        && e.getMessage().contains("'monday'") && e.getMessage().contains("--name"),
        e.getMessage());
    Path other = java.nio.file.Files.createDirectory(dir.resolve("other")).resolve("second.d4js");
    java.nio.file.Files.copy(fb, other);
    e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(List.of(fb, other), List.of()));
    assertTrue(e.getMessage().contains("their file names"), e.getMessage());
    for (String bad : new String[] {"", "a,b", "tab\there", "x".repeat(257)}) {
      e = assertThrows(IllegalArgumentException.class, () -> named.named(bad));
      assertTrue(e.getMessage().contains("data set name"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> scanner.summarize(List.of(ScanSource.of("a", a)), dir.resolve("bad.d4js"), bad));
      assertTrue(e.getMessage().contains("data set name"), e.getMessage());
    }
    assertTrue(!java.nio.file.Files.exists(dir.resolve("bad.d4js")));
  }

  @Test
  void summariesOfFormatVersion3AreStillReadWithoutAName() throws IOException {
    Path v4 = dir.resolve("v4.d4js");
    DedupSummary s = DedupScanner.builder().build()
        .summarize(List.of(ScanSource.of("x", new byte[20_000])));
    s.write(v4);
    byte[] b = java.nio.file.Files.readAllBytes(v4);
    // Version 3 is version 4 without the name (an empty modified-UTF-8 string after the hasher).
    java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(b));
    in.skipNBytes(8);
    assertEquals(4, in.readUnsignedShort());
    int at = 10 + 2 + in.readUTF().length();
    in.readUTF();
    at += 2 + s.hasher().length();
    assertEquals(0, b[at]);
    assertEquals(0, b[at + 1]);
    byte[] v3 = new byte[b.length - 2];
    System.arraycopy(b, 0, v3, 0, at);
    System.arraycopy(b, at + 2, v3, at, b.length - at - 2);
    v3[9] = 3;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(v3, 0, v3.length - 4);
    java.nio.ByteBuffer.wrap(v3, v3.length - 4, 4).putInt((int) crc.getValue());
    Path f3 = java.nio.file.Files.write(dir.resolve("v3.d4js"), v3);
    DedupSummary r = DedupSummary.read(f3);
    assertEquals(null, r.name());
    assertEquals(s.report().uniqueBytes(), r.report().uniqueBytes());
    assertEquals("v3", SetOverlap.of(List.of(f3), List.of()).sets().get(0).name());
    v3[9] = 5;
    java.nio.file.Files.write(f3, v3);
    IOException e = assertThrows(IOException.class, () -> DedupSummary.readFrom(
        new java.io.ByteArrayInputStream(v3)));
    assertTrue(e.getMessage().contains("version 5") && e.getMessage().contains("2 to 4"),
        e.getMessage());
  }

  @Test
  void samplesOfCompatibleThresholdsGiveTheFiguresOfTheStrictestOnesKeptChunks()
      throws IOException {
    // a: many distinct chunks, sampled at a small capacity (a high level); b: few, which an exact
    // count, a roomy sample and a sketch's sample all keep at that level as the same chunks.
    byte[] a = new byte[1_024_000];
    new SplitMix64(5).fill(a, 0, a.length);
    byte[] b = java.util.Arrays.copyOf(a, 307_200);
    new SplitMix64(6).fill(b, 0, 102_400); // 1,200 chunks, 800 shared
    org.dedup4j.spi.Chunker c = Chunkers.fixed(256);
    Path sa = dir.resolve("a.d4js");
    DedupScanner.builder().chunker(c).counting(CountingMode.SAMPLE).maxEntries(128).build()
        .summarize(List.of(ScanSource.of("a", a)), sa);
    List<SetOverlap> all = new ArrayList<>();
    for (CountingMode m : new CountingMode[] {CountingMode.EXACT, CountingMode.SAMPLE,
        CountingMode.SKETCH}) {
      Path sb = dir.resolve("b-" + m.label() + ".d4js");
      DedupScanner.builder().chunker(c).counting(m).maxEntries(4096).build()
          .summarize(List.of(ScanSource.of("b", b)), sb);
      all.add(SetOverlap.of(List.of(sa, sb), List.of("a", "b"), List.of("b")));
    }
    SetOverlap first = all.get(0);
    assertTrue(first.isEstimate(), first.toText());
    assertEquals(CountingMode.SAMPLE, first.mode());
    assertTrue(first.samplingRate() <= 1 / 16.0, first.toText());
    for (SetOverlap o : all) {
      assertEquals(first.sets(), o.sets());
      assertEquals(first.pairs(), o.pairs());
      assertEquals(first.keep(), o.keep());
      assertEquals(first.toJson(), o.toJson());
    }
    SetOverlap.SetFigures fa = first.sets().get(0);
    assertEquals(1_024_000, fa.bytes()); // totals stay exact
    assertTrue(fa.intervals().uniqueBytes().contains(1_024_000), fa.toString());
    SetOverlap.Pair p = first.pairs().get(0);
    assertTrue(p.intervals().sharedBytes().contains(204_800), p.toString());
    assertTrue(p.intervals().jaccard().contains(800 / 4400.0), p.toString());
    com.google.gson.JsonObject j = com.google.gson.JsonParser.parseString(first.toJson())
        .getAsJsonObject();
    assertTrue(j.getAsJsonObject("setCounting").get("estimated").getAsBoolean());
    com.google.gson.JsonObject js = j.getAsJsonArray("sets").get(0).getAsJsonObject();
    assertTrue(js.get("uniqueBytesLow").getAsLong() <= js.get("uniqueBytes").getAsLong()
        && js.get("uniqueBytes").getAsLong() <= js.get("uniqueBytesHigh").getAsLong(), js.toString());
    assertTrue(j.getAsJsonArray("overlap").get(0).getAsJsonObject().has("jaccardHigh"));
    assertTrue(first.toText().contains("Estimates from a content-based sample"), first.toText());
    // Exact summaries give exact figures without interval fields.
    Path ea = dir.resolve("a-exact.d4js");
    DedupScanner.builder().chunker(c).build().summarize(List.of(ScanSource.of("a", a)), ea);
    SetOverlap exact = SetOverlap.of(List.of(ea, dir.resolve("b-exact.d4js")), List.of());
    assertTrue(!exact.isEstimate() && exact.samplingRate() == 1);
    assertEquals(204_800, exact.pairs().get(0).sharedBytes());
    assertTrue(!exact.toJson().contains("Low"), exact.toJson());
  }

  private ScanSource file(String name, byte[] data) {
    try {
      return ScanSource.of(java.nio.file.Files.write(dir.resolve(name + ".bin"), data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
