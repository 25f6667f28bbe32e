package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedup4j demo}: the three files give 1 unique block, all unique, and half unique. */
class DemoCommandTest {

  @TempDir Path dir;

  private long entries(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      return s.count();
    }
  }

  @Test
  void jsonShowsTheThreeFilesAndTheFolderIsRemoved() throws IOException {
    Cli.Result r = Cli.run("demo", "--size", "1M", "--json", "--dir", dir.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(1 << 20, o.get("size").getAsLong());
    JsonArray results = o.getAsJsonArray("results");
    assertEquals(3, results.size());
    long[][] expected = {{256, 1, 256}, {256, 256, 0}, {256, 128, 0}}; // blocks, unique, zero
    String[] files = {"zeros.bin", "random.bin", "half.bin"};
    for (int i = 0; i < 3; i++) {
      JsonObject row = results.get(i).getAsJsonObject();
      assertEquals(files[i], row.get("file").getAsString());
      JsonObject report = row.getAsJsonObject("report");
      assertEquals(1 << 20, report.get("bytes").getAsLong());
      assertEquals(expected[i][0], report.get("chunks").getAsLong(), files[i]);
      assertEquals(expected[i][1], report.get("uniqueChunks").getAsLong(), files[i]);
      assertEquals(expected[i][2], report.get("zeroChunks").getAsLong(), files[i]);
      assertEquals("fixed:size=4096", report.get("chunker").getAsString());
      assertEquals("sha256", report.get("hasher").getAsString());
    }
    assertEquals(2.0, results.get(2).getAsJsonObject().getAsJsonObject("report")
        .get("dedupeRatio").getAsDouble());
    assertEquals(0, entries(dir), "the demo folder is removed");
  }

  @Test
  void textTableSideBySide() throws IOException {
    Cli.Result r = Cli.run("demo", "--size", "1M", "--dir", dir.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    String out = r.out();
    assertTrue(out.contains("file           size    blocks    unique  dedupability  dedupe ratio"),
        out);
    assertTrue(out.matches("(?s).*\nzeros\\.bin +1 MiB +256 +1 +256\\.00:1 +256\\.00:1 .*"), out);
    assertTrue(out.matches("(?s).*\nrandom\\.bin +1 MiB +256 +256 +1\\.00:1 +1\\.00:1 .*"), out);
    assertTrue(out.matches("(?s).*\nhalf\\.bin +1 MiB +256 +128 +2\\.00:1 +2\\.00:1 .*"), out);
    assertEquals(0, entries(dir));
  }

  @Test
  void keepLeavesTheFilesAndSaysWhere() throws IOException {
    Cli.Result r = Cli.run("demo", "--size", "1M", "--keep", "--dir", dir.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertEquals(1, entries(dir));
    Path kept;
    try (Stream<Path> s = Files.list(dir)) {
      kept = s.findFirst().orElseThrow();
    }
    assertTrue(r.err().contains("dedup4j: kept " + kept), r::toString);
    assertEquals(1 << 20, Files.size(kept.resolve("half.bin")));
    byte[] half = Files.readAllBytes(kept.resolve("half.bin"));
    for (int i = 0; i < half.length / 2; i++) {
      assertEquals(half[i], half[i + half.length / 2], "second half copies the first");
    }
  }

  @Test
  void sizeOutOfRangeOrUnaligned() {
    for (String size : new String[] {"0", "512k", "65G", "3000000", "lots"}) {
      Cli.Result r = Cli.run("demo", "--size", size, "--dir", dir.toString()).noStackTrace();
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().startsWith("dedup4j: Invalid value for option '--size': "), r::toString);
    }
    Cli.Result r = Cli.run("demo", "--size", "3000000").noStackTrace();
    assertTrue(r.err().contains("3000000 is not a multiple of 8 KiB"), r::toString);
    assertTrue(r.err().contains("try 2998272"), r::toString);
    Cli.Result r2 = Cli.run("demo", "--size", "1025k").noStackTrace();
    assertTrue(r2.err().contains("try 1MiB"), r2::toString);
    Cli.Result big = Cli.run("demo", "--size", "65G").noStackTrace();
    assertTrue(big.err().contains("65G is out of range; allowed 1 MiB..64 GiB"), big::toString);
  }

  @Test
  void missingDirectory() {
    Path nope = dir.resolve("nope");
    Cli.Result r = Cli.run("demo", "--size", "1M", "--dir", nope.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertEquals("dedup4j: --dir: " + nope + " is not a directory" + System.lineSeparator(), r.err());
  }

  @Test
  void notEnoughSpaceOrHeapIsExplained() {
    assertNull(DemoCommand.spaceProblem(dir, 1 << 20, 100L << 20));
    String space = DemoCommand.spaceProblem(Path.of("/tmp"), 512L << 20, 800L << 20);
    assertEquals("not enough free space: the demo writes 3 files of 512 MiB (1.50 GiB) in /tmp, "
        + "which has 800 MiB free; use a smaller --size or another --dir", space);
    assertNull(DemoCommand.heapProblem(512L << 20, 1L << 30));
    String heap = DemoCommand.heapProblem(64L << 30, 256L << 20);
    assertTrue(heap.startsWith("the random file's fingerprint table needs up to 832 MiB of heap, "
        + "but the JVM may use only 256 MiB"), heap);
  }
}
