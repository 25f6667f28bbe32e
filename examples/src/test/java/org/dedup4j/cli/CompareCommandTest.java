package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedup4j compare}: one pass, one report per chunker, each equal to its own scan. */
class CompareCommandTest {

  @TempDir Path dir;

  /** Versions of a "file" with small insertions: shifted duplicates that only CDC finds. */
  private Path shiftedVersions() throws IOException {
    byte[] base = ScanCommandTest.random(256 << 10, 11);
    byte[] data = new byte[4 * base.length + 300];
    int at = 0;
    for (int v = 0; v < 4; v++) {
      System.arraycopy(base, 0, data, at, base.length);
      at += base.length + 100; // a 100-byte insertion shifts every later version
      base[v * 1000] ^= 1; // and each version differs in one byte
    }
    return Files.write(dir.resolve("versions.bin"), data);
  }

  @Test
  void eachReportEqualsItsOwnScan() throws IOException {
    Path f = shiftedVersions();
    String specs = "fixed:size=4k;fastcdc2020:min=1k,avg=4k,max=32k";
    Cli.Result r = Cli.run("compare", "--json", "--no-progress", "--chunkers", specs, f.toString())
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonArray reports = JsonParser.parseString(r.out()).getAsJsonArray();
    assertEquals(2, reports.size());
    String[] each = specs.split(";");
    for (int i = 0; i < each.length; i++) {
      JsonObject compared = reports.get(i).getAsJsonObject();
      Cli.Result alone = Cli.run("scan", "--json", "--no-progress", "--chunker", each[i], f.toString());
      JsonObject scanned = JsonParser.parseString(alone.out()).getAsJsonObject();
      for (String field : new String[] {"chunker", "bytes", "chunks", "uniqueChunks", "uniqueBytes",
          "zeroChunks", "refcountHistogram", "chunkSizeHistogram"}) {
        assertEquals(scanned.get(field), compared.get(field), each[i] + ": " + field);
      }
    }
    long fixedDuplicates = duplicates(reports.get(0).getAsJsonObject());
    long cdcDuplicates = duplicates(reports.get(1).getAsJsonObject());
    assertTrue(cdcDuplicates > 2 * fixedDuplicates,
        "content-defined chunking finds the shifted duplicates: " + cdcDuplicates + " vs " + fixedDuplicates);
  }

  private static long duplicates(JsonObject r) {
    return r.get("bytes").getAsLong() - r.get("uniqueBytes").getAsLong();
  }

  @Test
  void textTableHasARowPerChunkerAndStdinWorks() {
    byte[] data = ScanCommandTest.random(64 << 10, 3);
    byte[] twice = new byte[2 * data.length];
    System.arraycopy(data, 0, twice, 0, data.length);
    System.arraycopy(data, 0, twice, data.length, data.length);
    Cli.Result r = Cli.run(new ByteArrayInputStream(twice), "compare", "--no-progress",
        "--chunkers", "fixed:size=4k;fixed:size=8k", "-").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().matches("(?s).*fixed:size=4096 .* 2\\.000:1 .*"), r::toString);
    assertTrue(r.out().matches("(?s).*fixed:size=8192 .* 2\\.000:1 .*"), r::toString);
  }

  @Test
  void defaultsCompareEightChunkers() throws IOException {
    Path f = Files.write(dir.resolve("small.bin"), ScanCommandTest.random(100_000, 5));
    Cli.Result r = Cli.run("compare", "--json", "--no-progress", f.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertEquals(8, JsonParser.parseString(r.out()).getAsJsonArray().size());
  }

  @Test
  void badSpecOrNothingToReadIsUsage() {
    Cli.Result r = Cli.run("compare", "--chunkers", "fixed:size=4k;nosuch", "x").noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("unknown chunker 'nosuch'"), r::toString);
    Cli.Result missing = Cli.run("compare", "--no-progress", dir.resolve("missing").toString())
        .noStackTrace();
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("no such file or directory"), missing::toString);
    assertTrue(missing.err().contains("dedup4j: nothing read: " + dir.resolve("missing") + " was skipped"),
        missing::toString);
  }

  @Test
  void anEmptyInputIsUsageWithTheReasonAsScanGivesIt() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    Cli.Result r = Cli.run("compare", "--no-progress", empty.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("dedup4j: nothing read: the input is empty (0 bytes)"), r::toString);
    assertEquals("", r.out(), r::toString);
  }
}
