package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --attribute} and {@code --ncdu}: a copy shared by two directories, one file alone. */
class AttributeCommandTest {

  @TempDir Path dir;

  private Path tree() throws IOException {
    byte[] shared = new byte[64 << 10];
    new Random(1).nextBytes(shared);
    byte[] own = new byte[16 << 10];
    new Random(2).nextBytes(own);
    Files.write(Files.createDirectories(dir.resolve("data/a")).resolve("one.img"), shared);
    Files.write(Files.createDirectories(dir.resolve("data/b")).resolve("copy.img"), shared);
    Files.write(dir.resolve("data/b/own.log"), own);
    return dir.resolve("data");
  }

  @Test
  void byDirectoryTheCopyIsSharedAndTheOwnFileExclusive() throws IOException {
    Path data = tree();
    Cli.Result r = Cli.run("scan", "--json", "--attribute", "dir:1", data.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject a = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("attribution");
    assertEquals("dir:1", a.get("by").getAsString());
    assertEquals(2, a.get("groupCount").getAsInt());
    Map<String, JsonObject> groups = new HashMap<>();
    for (JsonElement e : a.getAsJsonArray("groups")) {
      groups.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
    }
    JsonObject b = groups.get(data.resolve("b").toString());
    assertEquals(80 << 10, b.get("bytes").getAsLong(), r::toString);
    assertEquals(16 << 10, b.get("exclusiveBytes").getAsLong());
    assertEquals(16 << 10, b.get("exclusiveReferencedBytes").getAsLong());
    assertEquals(64 << 10, b.get("sharedReferencedBytes").getAsLong());
    JsonObject first = groups.get(data.resolve("a").toString());
    assertEquals(0, first.get("exclusiveBytes").getAsLong());
    assertEquals(144 << 10, a.getAsJsonObject("total").get("bytes").getAsLong());
    assertEquals(64 << 10, a.get("sharedBytes").getAsLong());
    Cli.Result text = Cli.run("scan", "--attribute", "ext", data.toString()).noStackTrace();
    assertTrue(text.out().contains("Attribution by ext: 2 groups"), text::toString);
    assertTrue(text.out().contains(".img"), text::toString);
  }

  @Test
  void ncduWritesEachFileWithItsExclusiveBytesAndRefusesOtherGroupings() throws IOException {
    Path data = tree();
    Path export = dir.resolve("usage.json");
    Cli.Result r = Cli.run("scan", "--ncdu", export.toString(), data.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonArray root = JsonParser.parseString(Files.readString(export)).getAsJsonArray();
    assertEquals(1, root.get(0).getAsInt());
    String json = root.toString();
    assertTrue(json.contains("{\"name\":\"own.log\",\"asize\":16384,\"dsize\":16384}"), json);
    assertTrue(json.contains("{\"name\":\"copy.img\",\"asize\":65536,\"dsize\":0}"), json);
    Cli.Result again = Cli.run("scan", "--ncdu", export.toString(), data.toString()).noStackTrace();
    assertEquals(2, again.code(), again::toString);
    assertTrue(again.err().contains("--overwrite"), again::toString);
    Cli.Result dirs = Cli.run("scan", "--ncdu", dir.resolve("x.json").toString(), "--attribute",
        "dir:1", data.toString()).noStackTrace();
    assertEquals(2, dirs.code(), dirs::toString);
    assertTrue(dirs.err().contains("--attribute file"), dirs::toString);
    assertFalse(Files.exists(dir.resolve("x.json")));
  }

  @Test
  void planForecastsTheGroupTagAndEachSetsTable() throws IOException {
    Path data = tree();
    JsonObject plain = JsonParser.parseString(Cli.run("scan", "--plan", "--json", data.toString())
        .noStackTrace().out()).getAsJsonObject();
    JsonObject tagged = JsonParser.parseString(Cli.run("scan", "--plan", "--json", "--attribute",
        "file", data.toString()).noStackTrace().out()).getAsJsonObject();
    String field = "exactMemoryBytes";
    assertTrue(plain.has(field), plain::toString);
    // 22 instead of 18 bytes a slot (SHA-256, fixed 4 KiB chunks): the forecast scales with it.
    assertEquals(22.0 / 18, tagged.get(field).getAsDouble() / plain.get(field).getAsDouble(), 0.02,
        tagged + " vs " + plain);
    Cli.Result sets = Cli.run("scan", "--plan", "--json", "--set", "a=" + data.resolve("a"),
        "--set", "b=" + data.resolve("b")).noStackTrace();
    assertEquals(0, sets.code(), sets::toString);
    JsonObject o = JsonParser.parseString(sets.out()).getAsJsonObject();
    assertEquals(2, o.getAsJsonArray("sets").size());
    long a = o.getAsJsonArray("sets").get(0).getAsJsonObject().getAsJsonObject("plan")
        .get("exactMemoryHighBytes").getAsLong();
    long b = o.getAsJsonArray("sets").get(1).getAsJsonObject().getAsJsonObject("plan")
        .get("exactMemoryHighBytes").getAsLong();
    assertEquals(Math.max(a, b), o.get("peakTableBytesHigh").getAsLong());
  }

  @Test
  void badGroupingsAndModesAreUsageErrorsNamingTheOption() throws IOException {
    Path data = tree();
    Cli.Result r = Cli.run("scan", "--attribute", "owner", data.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--attribute"), r::toString);
    Cli.Result s = Cli.run("scan", "--attribute", "file", "--mode", "sample", data.toString())
        .noStackTrace();
    assertEquals(2, s.code(), s::toString);
    assertTrue(s.err().contains("exact only"), s::toString);
  }
}
