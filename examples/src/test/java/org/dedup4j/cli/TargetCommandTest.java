package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --target}: the capacity steps, the index and the target's own table, in text and JSON. */
class TargetCommandTest {

  @TempDir Path dir;

  private Path data() throws IOException {
    Random rnd = new Random(5);
    byte[] d = new byte[4 << 20];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (i % 3 == 0 ? rnd.nextInt(256) : 'a' + i % 7); // compresses by about a third
    }
    System.arraycopy(d, 0, d, 2 << 20, 1 << 20); // a duplicate MiB
    java.util.Arrays.fill(d, 3 << 20, (3 << 20) + (256 << 10), (byte) 0); // zero blocks
    return Files.write(dir.resolve("vol.img"), d);
  }

  @Test
  void jsonStepsShrinkInOrderAndTheRatiosAreTheirQuotients() throws IOException {
    Path f = data();
    Cli.Result r = Cli.run("scan", "--json", "--target", "xtremio-x2", f.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonObject t = o.getAsJsonObject("target");
    assertEquals("xtremio-x2", t.get("spec").getAsString());
    assertEquals("fixed:size=16384", o.get("chunker").getAsString());
    JsonArray steps = t.getAsJsonArray("steps");
    String[] names = {"logical", "thin", "deduped", "compressed", "allocated", "net"};
    double previous = Double.MAX_VALUE;
    for (int i = 0; i < names.length; i++) {
      JsonObject s = steps.get(i).getAsJsonObject();
      assertEquals(names[i], s.get("name").getAsString());
      double bytes = s.get("bytes").getAsDouble();
      assertTrue(s.get("bytesLow").getAsDouble() <= bytes && bytes <= s.get("bytesHigh").getAsDouble(),
          s::toString);
      if (i != 4) { // allocation rounds the compressed bytes up again
        assertTrue(bytes <= previous, names[i] + " " + bytes + " after " + previous);
      }
      previous = bytes;
    }
    double logical = steps.get(0).getAsJsonObject().get("bytes").getAsDouble();
    double net = steps.get(5).getAsJsonObject().get("bytes").getAsDouble();
    assertEquals(4 << 20, logical);
    assertEquals(logical / net, t.getAsJsonObject("ratios").get("combined").getAsDouble(), 1e-3);
    JsonArray index = t.getAsJsonArray("index");
    assertEquals("dedup4j exact table", index.get(index.size() - 1).getAsJsonObject()
        .get("name").getAsString());
  }

  @Test
  void zfsPrintsItsSimulatedTableAndTheChunkerCannotBeGivenToo() throws IOException {
    Path f = data();
    Cli.Result r = Cli.run("scan", "--target", "zfs:recordsize=64k,compress=lz4", f.toString())
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Target zfs:recordsize=64k"), r::toString);
    assertTrue(r.out().contains("Simulated DDT histogram:"), r::toString);
    assertTrue(r.out().contains("dedup * compress / copies = "), r::toString);
    Cli.Result both = Cli.run("scan", "--target", "xtremio-x2", "--chunker", "fixed", f.toString())
        .noStackTrace();
    assertEquals(2, both.code(), both::toString);
    assertTrue(both.err().contains("drop --chunker"), both::toString);
    Cli.Result bad = Cli.run("scan", "--target", "netapp", f.toString()).noStackTrace();
    assertEquals(2, bad.code(), bad::toString);
    assertTrue(bad.err().contains("--target"), bad::toString);
  }
}
