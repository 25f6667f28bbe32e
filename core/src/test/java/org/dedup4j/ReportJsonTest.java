package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report keeps the field names users script against, and its numbers agree. */
class ReportJsonTest {

  @TempDir Path dir;

  static final Set<String> STABLE_FIELDS = Set.of("bytes", "chunks", "uniqueChunks", "uniqueBytes",
      "zeroChunks", "dedupeRatio", "chunkRatio", "sampledChunks", "tableBytes", "elapsedSeconds",
      "bytesPerSecond", "chunker", "hasher", "threads", "files", "skipped", "refcountHistogram");

  @Test
  void fieldsAndValues() throws Exception {
    byte[] data = new byte[4096 * 10];
    new SplitMix64(2).fill(data, 0, data.length);
    System.arraycopy(data, 0, data, 4096 * 5, 4096 * 5); // second half repeats the first
    Path f = Files.write(dir.resolve("half"), data);
    DedupReport r = DedupScanner.builder().build().scan(f, dir.resolve("missing"));
    JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
    assertTrue(json.keySet().containsAll(STABLE_FIELDS), json.keySet().toString());
    assertEquals(40960, json.get("bytes").getAsLong());
    assertEquals(10, json.get("chunks").getAsLong());
    assertEquals(5, json.get("uniqueChunks").getAsLong());
    assertEquals(20480, json.get("uniqueBytes").getAsLong());
    assertEquals(2.0, json.get("dedupeRatio").getAsDouble());
    assertEquals(2.0, json.get("chunkRatio").getAsDouble());
    assertEquals("fixed:size=4096", json.get("chunker").getAsString());
    assertEquals("sha256", json.get("hasher").getAsString());
    assertEquals(1, json.get("files").getAsLong());
    JsonArray skipped = json.getAsJsonArray("skipped");
    assertEquals(1, skipped.size());
    assertEquals(dir.resolve("missing").toString(), skipped.get(0).getAsJsonObject().get("path").getAsString());
    JsonArray histogram = json.getAsJsonArray("refcountHistogram");
    assertEquals(1, histogram.size());
    JsonObject row = histogram.get(0).getAsJsonObject();
    assertEquals(2, row.get("refcount").getAsLong());
    assertEquals(5, row.get("chunks").getAsLong());
    assertEquals(20480, row.get("bytes").getAsLong());
    assertEquals(10, row.get("referencedChunks").getAsLong());
    String text = r.toText();
    assertTrue(text.contains("Dedupability:") && text.contains("2.00:1"), text);
    assertTrue(text.contains("no such file or directory"), text);
  }

  @Test
  void emptyScanHasNoRatioRatherThanAWrongOne() {
    JsonObject json = JsonParser.parseString(DedupScanner.builder().build().scan(new byte[0]).toJson())
        .getAsJsonObject();
    assertTrue(json.get("dedupeRatio").isJsonNull());
    assertTrue(json.get("chunkRatio").isJsonNull());
  }
}
