package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --mode/--memory/--max-entries/--plan/--save} and {@code merge}: the modes through the
 * command, summaries that add up to one scan, and bad values and files with exit code 2.
 */
class CountingCommandsTest {

  @TempDir Path dir;

  private Path file(String name, int size, long seed) throws IOException {
    return Files.write(dir.resolve(name), ScanCommandTest.random(size, seed));
  }

  @Test
  void sampleAndSketchModesReportIntervals() throws IOException {
    Path f = file("a.bin", 1 << 20, 1);
    for (String mode : new String[] {"sample", "sketch"}) {
      Cli.Result r = ScanCommandTest.scan("--json", "--chunker", "fixed:size=64", "--mode", mode,
          "--max-entries", "256", f.toString());
      assertEquals(0, r.code(), r::toString);
      JsonObject j = ScanCommandTest.json(r);
      assertEquals(mode, j.get("mode").getAsString());
      JsonObject c = j.getAsJsonObject("counting");
      assertTrue(c.get("samplingRate").getAsDouble() < 1, r::toString);
      assertTrue(c.get("uniqueChunksLow").getAsDouble() <= 16384
          && 16384 <= c.get("uniqueChunksHigh").getAsDouble(), r::toString);
      Cli.Result text = ScanCommandTest.scan("--chunker", "fixed:size=64", "--mode", mode,
          "--max-entries", "256", f.toString());
      assertTrue(text.out().contains("Dedupe ratio (95%):"), text::toString);
    }
  }

  @Test
  void exactWithATinyMemoryBudgetSpillsAndCountsTheSame() throws IOException {
    Path f = file("b.bin", 3 << 20, 2);
    Cli.Result memory = ScanCommandTest.scan("--json", "--chunker", "fixed:size=64", f.toString());
    Cli.Result spilled = ScanCommandTest.scan("--json", "--chunker", "fixed:size=64", "--memory", "1M",
        f.toString());
    assertEquals(0, spilled.code(), spilled::toString);
    JsonObject a = ScanCommandTest.json(memory);
    JsonObject b = ScanCommandTest.json(spilled);
    assertTrue(b.getAsJsonObject("counting").get("spillRuns").getAsInt() > 0, spilled::toString);
    assertEquals(a.get("uniqueChunks"), b.get("uniqueChunks"));
    assertEquals(a.get("uniqueBytes"), b.get("uniqueBytes"));
    assertEquals(a.get("refcountHistogram"), b.get("refcountHistogram"));
    Cli.Result text = ScanCommandTest.scan("--chunker", "fixed:size=64", "--memory", "1M", f.toString());
    assertTrue(text.out().contains("spilled"), text::toString);
  }

  @Test
  void planPrintsOnlyTheForecast() throws IOException {
    Path f = file("c.bin", 1 << 20, 3);
    Cli.Result r = ScanCommandTest.scan("--plan", f.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Plan:") && r.out().contains("Choice:"), r::toString);
    assertFalse(r.out().contains("File blocks"), r::toString);
    Cli.Result big = ScanCommandTest.scan("--plan", "--json", "--chunker", "fixed:size=64",
        "--memory", "1M", file("d.bin", 8 << 20, 4).toString());
    assertEquals("sample", ScanCommandTest.json(big).get("choice").getAsString(), big::toString);
    Cli.Result saving = ScanCommandTest.scan("--plan", "--save", dir.resolve("x.d4js").toString(),
        f.toString());
    assertTrue(saving.err().contains("--save has no effect with --plan"), saving::toString);
    assertFalse(Files.exists(dir.resolve("x.d4js")), saving::toString);
    Cli.Result auto = ScanCommandTest.scan("--mode", "auto", f.toString());
    assertTrue(auto.out().contains("Choice:") && auto.out().contains("File blocks"), auto::toString);
  }

  @Test
  void savedSummariesMergeIntoTheWholeScan() throws IOException {
    byte[] whole = ScanCommandTest.random(64 * 4096, 5);
    System.arraycopy(whole, 0, whole, 40 * 4096, 8 * 4096); // shared across the two parts
    Path p1 = Files.write(dir.resolve("p1"), Arrays.copyOfRange(whole, 0, 32 * 4096));
    Path p2 = Files.write(dir.resolve("p2"), Arrays.copyOfRange(whole, 32 * 4096, whole.length));
    Path s1 = dir.resolve("p1.d4js");
    Path s2 = dir.resolve("p2.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", s1.toString(), p1.toString()).code());
    assertEquals(0, ScanCommandTest.scan("--save", s2.toString(), p2.toString()).code());
    Cli.Result both = ScanCommandTest.scan("--json", p1.toString(), p2.toString());
    Cli.Result merged = Cli.run("merge", "--json", s2.toString(), s1.toString()).noStackTrace();
    assertEquals(0, merged.code(), merged::toString);
    JsonObject a = ScanCommandTest.json(both);
    JsonObject b = ScanCommandTest.json(merged);
    for (String f : new String[] {"bytes", "chunks", "uniqueChunks", "uniqueBytes", "dedupeRatio",
        "refcountHistogram", "files"}) {
      assertEquals(a.get(f), b.get(f), f);
    }
    assertEquals(56, b.get("uniqueChunks").getAsInt());
    Cli.Result text = Cli.run("merge", s1.toString(), s2.toString()).noStackTrace();
    assertTrue(text.out().contains("Total unique:          56"), text::toString);
  }

  @Test
  void badValuesAndFilesExitWithTwoAndTheReason() throws IOException {
    Path f = file("e.bin", 64 * 1024, 6);
    Cli.Result r = ScanCommandTest.scan("--mode", "fast", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("'fast' is not one of: exact, sample, sketch, auto"), r::toString);
    r = ScanCommandTest.scan("--memory", "10k", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("Invalid value for option '--memory': "
        + "memory budget 10240 bytes is too small; allowed at least 1048576 bytes"), r::toString);
    r = ScanCommandTest.scan("--max-entries", "1", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("1 is out of range; allowed 64.."), r::toString);
    r = ScanCommandTest.scan("--save", dir.resolve("no/such/dir/s.d4js").toString(), f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("cannot save the summary"), r::toString);

    Path good = dir.resolve("good.d4js");
    assertEquals(0, ScanCommandTest.scan("--save", good.toString(), f.toString()).code());
    byte[] bytes = Files.readAllBytes(good);
    bytes[bytes.length / 2] ^= 1;
    Path corrupt = Files.write(dir.resolve("corrupt.d4js"), bytes);
    r = Cli.run("merge", good.toString(), corrupt.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("checksum mismatch"), r::toString);
    Path cut = Files.write(dir.resolve("cut.d4js"), Arrays.copyOf(bytes, 10));
    r = Cli.run("merge", cut.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("truncated"), r::toString);
    r = Cli.run("merge", f.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("not a dedup4j summary"), r::toString);
    r = Cli.run("merge", dir.resolve("missing.d4js").toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);

    Path other = dir.resolve("other.d4js");
    assertEquals(0, ScanCommandTest.scan("--chunker", "fixed:size=8k", "--save", other.toString(),
        f.toString()).code());
    r = Cli.run("merge", good.toString(), other.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("summaries of different chunkers cannot merge"), r::toString);
    Path sha1 = dir.resolve("sha1.d4js");
    assertEquals(0, ScanCommandTest.scan("--hasher", "sha1", "--save", sha1.toString(),
        f.toString()).code());
    r = Cli.run("merge", good.toString(), sha1.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("summaries of different hashers cannot merge: sha256 and sha1"),
        r::toString);
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "temp files left");
    }
  }

  @Test
  void helpDescribesTheNewOptionsAndCommand() {
    Cli.Result r = Cli.run("scan", "--help").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    for (String o : new String[] {"--mode", "--memory", "--max-entries", "--plan", "--save",
        "95% intervals"}) {
      assertTrue(r.out().contains(o), o + " in\n" + r);
    }
    Cli.Result m = Cli.run("merge", "--help").noStackTrace();
    assertTrue(m.out().contains("Merges summaries"), m::toString);
  }
}
