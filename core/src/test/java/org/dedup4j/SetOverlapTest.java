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
  void samplesRepeatedNamesTooManySetsAndUnknownKeepsAreRefused() throws IOException {
    Path exact = dir.resolve("e.d4js");
    DedupScanner.builder().build().summarize(List.of(ScanSource.of("x", new byte[9000])))
        .write(exact);
    Path sample = dir.resolve("s.d4js");
    DedupScanner.builder().counting(CountingMode.SAMPLE).build()
        .summarize(List.of(ScanSource.of("y", new byte[9000]))).write(sample);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SetOverlap.of(List.of(exact, sample), List.of("e", "s"), List.of()));
    assertTrue(e.getMessage().contains("exact summaries"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
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
        () -> DedupScanner.builder().counting(CountingMode.SAMPLE).build()
            .scanSets(List.of("a"), List.of(List.of(ScanSource.of("a", a)))));
    assertTrue(e.getMessage().contains("counted exactly"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().compress("deflate").build()
            .scanSets(List.of("a"), List.of(List.of(ScanSource.of("a", a)))));
    assertTrue(e.getMessage().contains("--compress"), e.getMessage());
  }
}
