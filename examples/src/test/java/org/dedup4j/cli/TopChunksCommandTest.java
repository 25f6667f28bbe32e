package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.dedup4j.Chunkers;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup4j scan --top-chunks}: the JSON {@code topChunks} array against a plain map over a
 * sequential cut of the files (the Chunker SPI over the bytes, the Hasher on each chunk), for a
 * fixed and a content-defined chunker and one or two threads; the report's own fields unchanged;
 * the text table; and the combinations that cannot work refused with the option named.
 */
class TopChunksCommandTest {

  @TempDir Path dir;

  /** Two files with planted duplicates (copies of a 40 KiB segment) and zero runs. */
  private List<Path> files() throws IOException {
    Random rnd = new Random(15);
    byte[] segment = new byte[40 << 10];
    rnd.nextBytes(segment);
    List<Path> out = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      byte[] d = new byte[(600 + 200 * f) << 10];
      int at = 0;
      for (int part = 0; at < d.length; part++) {
        // Runs of whole 4 KiB blocks, so that fixed-size chunks line up with the copies too.
        // Zero runs longer than fastcdc2020:avg=8k's largest chunk (64 KiB), so that they repeat.
        int len = Math.min(d.length - at, (part % 3 == 2 ? 3 : 1)
            * Math.max(4096, (int) (segment.length * (0.5 + rnd.nextDouble())) / 4096 * 4096));
        switch (part % 3) {
          case 0 -> {
            byte[] fresh = new byte[len];
            rnd.nextBytes(fresh);
            System.arraycopy(fresh, 0, d, at, len);
          }
          case 1 -> System.arraycopy(segment, 0, d, at, Math.min(len, segment.length));
          default -> { } // a zero run
        }
        at += len;
      }
      out.add(Files.write(dir.resolve("f" + f + ".img"), d));
    }
    return out;
  }

  /** The model: {fingerprint, length, count, zero, places...} of the top n, k places each. */
  private static List<String> model(Chunker chunker, Hasher hasher, List<Path> files, int n,
      int k) throws IOException {
    Map<String, long[]> counts = new LinkedHashMap<>(); // hex -> {count, length, zero}
    Map<String, List<String>> places = new LinkedHashMap<>();
    Digester d = hasher.newDigester();
    long[] fp = new long[2];
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      ByteBuffer buf = ByteBuffer.wrap(data);
      for (int from = 0; from < data.length; ) {
        int cut = chunker.nextCut(buf, from, data.length);
        d.digest(data, from, cut - from, fp);
        String hex = String.format(Locale.ROOT, "%016x%016x", fp[0], fp[1]);
        boolean zero = true;
        for (int i = from; i < cut && zero; i++) {
          zero = data[i] == 0;
        }
        long[] c = counts.computeIfAbsent(hex, h -> new long[3]);
        c[0]++;
        c[1] = cut - from;
        c[2] = zero ? 1 : 0;
        List<String> p = places.computeIfAbsent(hex, h -> new ArrayList<>());
        if (p.size() < k) {
          p.add(f + "@" + from);
        }
        from = cut;
      }
    }
    return counts.entrySet().stream().filter(e -> e.getValue()[0] >= 2)
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(e -> e.getKey() + " " + e.getValue()[1] + " " + e.getValue()[0] + " "
            + (e.getValue()[2] == 1) + " " + places.get(e.getKey()))
        .toList();
  }

  private static List<String> listed(JsonArray top) {
    List<String> out = new ArrayList<>();
    for (var e : top) {
      JsonObject c = e.getAsJsonObject();
      List<String> p = new ArrayList<>();
      for (var x : c.getAsJsonArray("places")) {
        p.add(x.getAsJsonObject().get("input").getAsString() + "@"
            + x.getAsJsonObject().get("offset").getAsLong());
      }
      assertEquals(c.get("count").getAsLong() * c.get("length").getAsLong(),
          c.get("referencedBytes").getAsLong());
      out.add(c.get("fingerprint").getAsString() + " " + c.get("length").getAsInt() + " "
          + c.get("count").getAsLong() + " " + c.get("zero").getAsBoolean() + " " + p);
    }
    return out;
  }

  @Test
  void theJsonListIsAPlainMapsTopForEitherChunkerAndThreadCount() throws IOException {
    List<Path> files = files();
    for (String spec : new String[] {"fixed:size=4k", "fastcdc2020:avg=8k"}) {
      List<String> expected = model(Chunkers.fromSpec(spec), Hashers.sha256(), files, 6, 2);
      assertTrue(expected.size() == 6 && expected.stream().anyMatch(s -> s.contains(" true ")),
          "the data plants at least six duplicated chunks, a zero chunk among them: " + expected);
      for (String threads : new String[] {"1", "2"}) {
        Cli.Result r = ScanCommandTest.scan("--json", "--chunker", spec, "--threads", threads,
            "--top-chunks", "6", "--top-chunks-places", "2", files.get(0).toString(),
            files.get(1).toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(expected, listed(o.getAsJsonArray("topChunks")), spec + ", " + threads);
        Cli.Result plain = ScanCommandTest.scan("--json", "--chunker", spec, "--threads", threads,
            files.get(0).toString(), files.get(1).toString());
        JsonObject p = JsonParser.parseString(plain.out()).getAsJsonObject();
        for (String field : p.keySet()) {
          if (!field.equals("elapsedSeconds") && !field.equals("bytesPerSecond")
              ) {
            assertEquals(p.get(field), o.get(field), field + ": the report's fields stay");
          }
        }
        assertEquals(p.keySet().size() + 1, o.keySet().size(), "one field added: topChunks");
      }
    }
  }

  @Test
  void theTextTableFollowsTheReportAndNamesZeroChunks() throws IOException {
    List<Path> files = files();
    Cli.Result r = ScanCommandTest.scan("--top-chunks", "3", files.get(0).toString(),
        files.get(1).toString());
    assertEquals(0, r.code(), r::toString);
    int table = r.out().indexOf("Top duplicated chunks (the first 3 places of each;");
    assertTrue(table > r.out().indexOf("Dedupe ratio"), r::toString);
    assertTrue(r.out().contains("zero chunk"), r::toString);
    assertTrue(r.out().contains("at " + files.get(0) + " offset "), r::toString);
  }

  @Test
  void combinationsThatCannotWorkAreRefusedNamingTheOption() throws IOException {
    Path f = files().get(0);
    String[][] cases = {
      {"--top-chunks", "0", f.toString()},
      {"--top-chunks", "3", "--top-chunks-places", "0", f.toString()},
      {"--top-chunks", "3", "--set", "a=" + f},
      {"--top-chunks", "3", "--save", dir.resolve("s.d4js").toString(), f.toString()},
      {"--top-chunks", "3", "--mode", "sample", f.toString()},
      {"--top-chunks", "3", "--mode", "sketch", f.toString()},
      {"--top-chunks", "3", "--percent", "10", f.toString()},
    };
    String[] named = {"--top-chunks", "--top-chunks-places", "--set", "--save", "--mode sample",
        "--mode sketch", "--percent"};
    for (int i = 0; i < cases.length; i++) {
      Cli.Result r = ScanCommandTest.scan(cases[i]);
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().contains(named[i]), named[i] + ": " + r);
      assertEquals("", r.out(), r::toString);
    }
    Cli.Result stdin = Cli.run(new ByteArrayInputStream(new byte[10]), "scan", "--top-chunks",
        "3", "-").noStackTrace();
    assertEquals(2, stdin.code(), stdin::toString);
    assertTrue(stdin.err().contains("standard input"), stdin::toString);
    Cli.Result note = ScanCommandTest.scan("--top-chunks-places", "2", f.toString());
    assertEquals(0, note.code(), note::toString);
    assertTrue(note.err().contains("--top-chunks-places has no effect"), note::toString);
  }
}
