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

  @Test
  void summariesSavedWithANameAreNamedByItAndTwoOfOneNameAreRefused() throws IOException {
    byte[] data = new byte[32 << 10];
    new Random(7).nextBytes(data);
    Path in = Files.write(dir.resolve("d.bin"), data);
    Path s1 = dir.resolve("one.d4js");
    Path s2 = dir.resolve("two.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", s1.toString(), "--name", "monday",
        in.toString()).code());
    assertEquals(0, ScanCommandTest.scan("--save", s2.toString(), in.toString()).code());
    Cli.Result r = Cli.run("overlap", "--json", s1.toString(), s2.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonArray sets = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("sets");
    assertEquals("monday", sets.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("two", sets.get(1).getAsJsonObject().get("name").getAsString());
    Path s3 = dir.resolve("three.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", s3.toString(), "--name", "monday",
        in.toString()).code());
    Cli.Result dup = Cli.run("overlap", s1.toString(), s3.toString()).noStackTrace();
    assertEquals(2, dup.code(), dup::toString);
    assertTrue(dup.err().contains(s1.toString()) && dup.err().contains(s3.toString()),
        dup::toString);
    Cli.Result noSave = Cli.run("scan", "--name", "x", in.toString()).noStackTrace();
    assertEquals(2, noSave.code(), noSave::toString);
    assertTrue(noSave.err().contains("--name needs --save"), noSave::toString);
    Cli.Result comma = Cli.run("scan", "--save", dir.resolve("c.d4js").toString(), "--name",
        "a,b", in.toString()).noStackTrace();
    assertEquals(2, comma.code(), comma::toString);
    assertTrue(comma.err().contains("comma"), comma::toString);
  }

  @Test
  void sampleModeGivesEstimatesWithIntervalsAndSketchModeIsRefusedWithTheReason()
      throws IOException {
    byte[] monday = new byte[2 << 20];
    new Random(8).nextBytes(monday);
    byte[] tuesday = Arrays.copyOf(monday, 3 << 20);
    byte[] more = new byte[1 << 20];
    new Random(9).nextBytes(more);
    System.arraycopy(more, 0, tuesday, 2 << 20, more.length);
    Path mon = Files.write(dir.resolve("m.bin"), monday);
    Path tue = Files.write(dir.resolve("t.bin"), tuesday);
    Cli.Result r = Cli.run("scan", "--json", "--chunker", "fixed:size=1k", "--mode", "sample",
        "--max-entries", "256", "--set", "mon=" + mon, "--set", "tue=" + tue, "--keep", "tue")
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonObject c = o.getAsJsonObject("setCounting");
    assertTrue(c.get("estimated").getAsBoolean(), c::toString);
    assertEquals("sample", c.get("mode").getAsString());
    JsonObject t = o.getAsJsonArray("sets").get(1).getAsJsonObject();
    assertEquals(3 << 20, t.get("bytes").getAsLong()); // exact
    assertTrue(t.get("addedBytesLow").getAsLong() <= 1 << 20
        && 1 << 20 <= t.get("addedBytesHigh").getAsLong(), t::toString);
    JsonObject pair = o.getAsJsonArray("overlap").get(0).getAsJsonObject();
    assertTrue(pair.get("sharedBytesLow").getAsLong() <= 2 << 20
        && 2 << 20 <= pair.get("sharedBytesHigh").getAsLong(), pair::toString);
    assertTrue(pair.has("jaccardLow") && o.getAsJsonObject("keep").has("freedBytesHigh"),
        o::toString);
    Cli.Result text = Cli.run("scan", "--chunker", "fixed:size=1k", "--mode", "sample",
        "--max-entries", "256", "--set", "mon=" + mon, "--set", "tue=" + tue).noStackTrace();
    assertTrue(text.out().contains("Estimates from a content-based sample"), text::toString);
    Cli.Result sketch = Cli.run("scan", "--mode", "sketch", "--set", "mon=" + mon).noStackTrace();
    assertEquals(2, sketch.code(), sketch::toString);
    assertTrue(sketch.err().contains("intersections"), sketch::toString);
    // Exact: no interval fields, and says so.
    JsonObject exact = JsonParser.parseString(Cli.run("scan", "--json", "--set", "mon=" + mon,
        "--set", "tue=" + tue).noStackTrace().out()).getAsJsonObject();
    assertTrue(!exact.getAsJsonObject("setCounting").get("estimated").getAsBoolean());
    assertTrue(!exact.getAsJsonArray("sets").get(0).getAsJsonObject().has("uniqueBytesLow"));
  }
}
