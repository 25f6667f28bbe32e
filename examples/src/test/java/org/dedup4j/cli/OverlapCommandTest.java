package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedup4j overlap}: two days of a backup series, what they share and what keeping one costs. */
class OverlapCommandTest {

  @TempDir Path dir;

  @Test
  void aSeriesOfTwoSharesItsCommonHalfAndTheKeepAnswerAddsUp() throws IOException {
    byte[] monday = new byte[64 << 10];
    new Random(1).nextBytes(monday);
    byte[] tuesday = Arrays.copyOf(monday, monday.length);
    byte[] fresh = new byte[32 << 10];
    new Random(2).nextBytes(fresh);
    System.arraycopy(fresh, 0, tuesday, 32 << 10, fresh.length); // its second half is new
    Path mon = Files.write(dir.resolve("mon.bin"), monday);
    Path tue = Files.write(dir.resolve("tue.bin"), tuesday);
    Path s1 = dir.resolve("mon.d4js");
    Path s2 = dir.resolve("tue.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", s1.toString(), mon.toString()).code());
    assertEquals(0, ScanCommandTest.scan("--save", s2.toString(), tue.toString()).code());
    Cli.Result r = Cli.run("overlap", "--json", "--keep", "tue", s1.toString(), s2.toString())
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonArray sets = o.getAsJsonArray("sets");
    assertEquals("mon", sets.get(0).getAsJsonObject().get("name").getAsString());
    JsonObject t = sets.get(1).getAsJsonObject();
    assertEquals(32 << 10, t.get("addedBytes").getAsLong(), r::toString);
    assertEquals(32 << 10, t.get("exclusiveBytes").getAsLong());
    assertEquals(96 << 10, t.get("storedBytes").getAsLong());
    JsonObject pair = o.getAsJsonArray("overlap").get(0).getAsJsonObject();
    assertEquals(32 << 10, pair.get("sharedBytes").getAsLong());
    assertEquals(1 / 3.0, pair.get("jaccard").getAsDouble(), 1e-6);
    JsonObject keep = o.getAsJsonObject("keep");
    assertEquals(64 << 10, keep.get("storedBytes").getAsLong());
    assertEquals(32 << 10, keep.get("freedBytes").getAsLong());
    Cli.Result text = Cli.run("overlap", s1.toString(), s2.toString()).noStackTrace();
    assertTrue(text.out().contains("Shared"), text::toString);
    Cli.Result bad = Cli.run("overlap", "--keep", "wed", s1.toString()).noStackTrace();
    assertEquals(2, bad.code(), bad::toString);
    assertTrue(bad.err().contains("--keep wed"), bad::toString);
  }

  @Test
  void scanWithNamedSetsReportsEverythingAndWhatTheSetsShareAsOverlapDoes() throws IOException {
    byte[] monday = new byte[64 << 10];
    new Random(3).nextBytes(monday);
    byte[] tuesday = Arrays.copyOf(monday, 96 << 10);
    byte[] more = new byte[32 << 10];
    new Random(5).nextBytes(more);
    System.arraycopy(more, 0, tuesday, 64 << 10, more.length);
    Path mon = Files.write(dir.resolve("m.bin"), monday);
    Path tue = Files.write(dir.resolve("t.bin"), tuesday);
    Cli.Result sets = Cli.run("scan", "--json", "--set", "mon=" + mon, "--set", "tue=" + tue,
        "--keep", "tue").noStackTrace();
    assertEquals(0, sets.code(), sets::toString);
    JsonObject o = JsonParser.parseString(sets.out()).getAsJsonObject();
    Cli.Result both = ScanCommandTest.scan("--json", mon.toString(), tue.toString());
    JsonObject all = JsonParser.parseString(both.out()).getAsJsonObject();
    for (String f : new String[] {"bytes", "chunks", "uniqueChunks", "uniqueBytes",
        "refcountHistogram", "files", "dataReductionRatio"}) {
      assertEquals(all.get(f), o.get(f), f); // the report of everything, nulls kept
    }
    Path s1 = dir.resolve("mon.d4js");
    Path s2 = dir.resolve("tue.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", s1.toString(), mon.toString()).code());
    assertEquals(0, ScanCommandTest.scan("--save", s2.toString(), tue.toString()).code());
    JsonObject apart = JsonParser.parseString(Cli.run("overlap", "--json", "--keep", "tue",
        s1.toString(), s2.toString()).noStackTrace().out()).getAsJsonObject();
    assertEquals(apart.get("sets"), o.get("sets"));
    assertEquals(apart.get("overlap"), o.get("overlap"));
    assertEquals(apart.get("keep"), o.get("keep"));
    assertEquals(2, Cli.run("scan", "--keep", "x", mon.toString()).noStackTrace().code());
    Cli.Result mixed = Cli.run("scan", "--set", "mon=" + mon, tue.toString()).noStackTrace();
    assertEquals(2, mixed.code(), mixed::toString);
    Cli.Result bad = Cli.run("scan", "--set", "nameonly").noStackTrace();
    assertEquals(2, bad.code(), bad::toString);
    assertTrue(bad.err().contains("expected NAME=PATH"), bad::toString);
  }
}
