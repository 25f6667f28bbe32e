package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution against a plain model: every file cut sequentially into a map of its own, grouped by
 * file, directory, extension or size class, and each chunk exclusive to a group when no other
 * group's map holds it. For any threads, window, I/O mode and chunker.
 */
class AttributionTest {

  @TempDir Path dir;

  @Test
  void attributionAgreesWithAPlainMapPerGroupForAnyThreadsWindowIoAndChunker() {
    Seeds.qt("AttributionTest.attributionAgreesWithAPlainMapPerGroupForAnyThreadsWindowIoAndChunker")
        .withExamples(12)
        .forAll(longs().all(), integers().between(0, 15), integers().between(0, 3))
        .checkAssert((seed, knobs, grouping) -> {
          try {
            check(seed, knobs, grouping);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(long seed, int knobs, int grouping) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    Chunker chunker = (knobs & 1) == 0 ? Chunkers.fixed(1000) : new TestGearChunker(256, 10, 3000);
    Attribution.By by = Attribution.By.parse(new String[] {"file", "dir:1", "ext", "size"}[grouping]);
    Path root = Files.createDirectories(dir.resolve("s" + Long.toHexString(seed) + "-" + knobs));
    byte[] common = TestData.shaped(seed, (int) rnd.below(5), 200_000);
    String[] dirs = {"", "a", "a/deep", "b", "c"};
    String[] exts = {".bin", ".img", ".tar", ""};
    List<Path> files = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    for (int i = 0, n = 3 + (int) rnd.below(6); i < n; i++) {
      byte[] d = new byte[(int) rnd.below(5) == 0 ? (int) rnd.below(3000) : 20_000 + (int) rnd.below(120_000)];
      rnd.fill(d, 0, d.length);
      if (rnd.below(3) > 0) { // a piece of the common data somewhere, at a chunk-aligned offset or not
        int len = (int) Math.min(d.length, rnd.below(common.length));
        int at = (int) rnd.below(Math.max(1, d.length - len));
        at = rnd.below(2) == 0 ? at / 1000 * 1000 : at;
        System.arraycopy(common, 0, d, at, len);
      }
      if (rnd.below(4) == 0) { // a zero run
        java.util.Arrays.fill(d, 0, Math.min(d.length, 5000), (byte) 0);
      }
      Path f = Files.createDirectories(root.resolve(dirs[(int) rnd.below(dirs.length)]))
          .resolve("f" + i + exts[(int) rnd.below(exts.length)]);
      Files.write(f, d);
      files.add(f);
      data.add(d);
    }
    // The model: a map per file, a group per file as its name says.
    Map<String, Set<String>> groupsOf = new HashMap<>(); // digest -> groups
    Map<String, long[]> entry = new HashMap<>(); // digest -> {refs, length}
    Map<String, long[]> perGroup = new HashMap<>(); // group -> {files, bytes}
    Map<String, Map<String, Long>> refsByGroup = new HashMap<>(); // group -> digest -> refs
    for (int i = 0; i < files.size(); i++) {
      String g = modelGroup(by, root, files.get(i), data.get(i).length);
      ModelScan m = ModelScan.of(chunker, List.of(data.get(i)));
      long[] pg = perGroup.computeIfAbsent(g, k -> new long[2]);
      pg[0]++;
      pg[1] += m.bytes;
      for (var e : m.table.entrySet()) {
        groupsOf.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(g);
        entry.computeIfAbsent(e.getKey(), k -> new long[] {0, e.getValue()[1]})[0] += e.getValue()[0];
        refsByGroup.computeIfAbsent(g, k -> new HashMap<>()).merge(e.getKey(), e.getValue()[0], Long::sum);
      }
    }
    DedupScanner scanner = DedupScanner.builder().chunker(chunker).attribute(by)
        .threads(1 + (knobs >>> 1) % 2).io((knobs & 4) == 0 ? IoMode.READ : IoMode.MMAP)
        .windowSize((knobs & 8) == 0 ? 64 << 10 : 1 << 20).build();
    DedupReport r = scanner.scan(root);
    Attribution a = r.attribution();
    String where = by + ", knobs " + knobs + ", seed " + seed;
    assertEquals(perGroup.keySet(), new TreeSet<>(a.groups().stream().map(Attribution.Group::name).toList()), where);
    for (Attribution.Group g : a.groups()) {
      String w = where + ", group " + g.name();
      long exclusive = 0;
      long exclusiveChunks = 0;
      long exclusiveRefs = 0;
      for (var e : refsByGroup.getOrDefault(g.name(), Map.of()).entrySet()) {
        if (groupsOf.get(e.getKey()).size() == 1) {
          exclusiveChunks++;
          exclusive += entry.get(e.getKey())[1];
          exclusiveRefs += e.getValue() * entry.get(e.getKey())[1];
        }
      }
      assertEquals(perGroup.get(g.name())[0], g.files(), w);
      assertEquals(perGroup.get(g.name())[1], g.bytes(), w);
      assertEquals(exclusiveChunks, g.exclusiveChunks(), w);
      assertEquals(exclusive, g.exclusiveBytes(), w);
      assertEquals(exclusiveRefs, g.exclusiveReferencedBytes(), w);
      assertEquals(g.bytes() - exclusiveRefs, g.sharedReferencedBytes(), w);
    }
    // The sums: totals are the report's, exclusive and shared chunks make up the unique ones.
    assertEquals(r.bytes(), a.total().bytes(), where);
    assertEquals(r.files(), a.total().files(), where);
    assertEquals(r.uniqueBytes(), a.total().exclusiveBytes() + a.sharedBytes(), where);
    assertEquals(r.uniqueChunks(), a.total().exclusiveChunks() + a.sharedChunks(), where);
    assertEquals(r.bytes(), a.total().exclusiveReferencedBytes() + a.total().sharedReferencedBytes(), where);
    assertTrue(a.total().exclusiveBytes() <= r.uniqueBytes(), where);
  }

  /** The group, from the file's path as the test made it (not from the code under test). */
  private static String modelGroup(Attribution.By by, Path root, Path file, long size) {
    String name = file.toString();
    switch (by.kind()) {
      case FILE:
        return name;
      case DIR: {
        Path rel = root.relativize(file);
        return rel.getNameCount() == 1 ? root.toString() : root.resolve(rel.getName(0)).toString();
      }
      case EXT: {
        String base = file.getFileName().toString();
        return base.contains(".") ? base.substring(base.lastIndexOf('.')) : "(none)";
      }
      default:
        return size < 4096 ? "< 4 KiB" : size < 65536 ? "4 KiB - 64 KiB" : "64 KiB - 1 MiB";
    }
  }

  @Test
  void byParsesItsSpecsAndNamesWhatIsWrong() {
    assertEquals("dir:1", Attribution.By.parse("dir").label());
    assertEquals("dir:0", Attribution.By.parse("DIR:0").label());
    assertEquals("file", Attribution.By.parse("file").label());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Attribution.By.parse("dir:x"));
    assertTrue(e.getMessage().contains("dir:x"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Attribution.By.parse("owner"));
    assertTrue(e.getMessage().contains("file, dir:DEPTH, ext or size"), e.getMessage());
  }

  @Test
  void attributionRefusesWhatItCannotCountExactly() {
    Attribution.By by = Attribution.By.parse("file");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().attribute(by).counting(CountingMode.SAMPLE).build());
    assertTrue(e.getMessage().contains("exact only"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().attribute(by).samplePercent(10, 1).build());
    assertTrue(e.getMessage().contains("percent"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder().attribute(by)
        .checkpoint(dir.resolve("c"), java.time.Duration.ofMinutes(1)).build());
    assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    // auto counts exactly when attributing
    assertEquals(CountingMode.EXACT,
        DedupScanner.builder().attribute(by).counting(CountingMode.AUTO).build().countingMode());
  }

  @Test
  void topListsTheLeadersOfEachFigureInGroupOrder() {
    List<Attribution.Group> groups = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      groups.add(new Attribution.Group("g" + i, 1, 1000 + i, 0, (i * 37) % 50, (i * 37) % 50,
          1000 + i - (i * 37) % 50));
    }
    Attribution a = new Attribution(Attribution.By.parse("file").listing(3), groups, 0, 0);
    List<Attribution.Group> top = a.listed();
    assertTrue(top.size() >= 3 && top.size() <= 12, "" + top.size());
    assertTrue(top.contains(a.groups().get(0)));
    for (int i = 1; i < top.size(); i++) {
      assertTrue(a.groups().indexOf(top.get(i - 1)) < a.groups().indexOf(top.get(i)));
    }
    assertEquals(groups.stream().mapToLong(Attribution.Group::bytes).sum(), a.total().bytes());
  }
}
