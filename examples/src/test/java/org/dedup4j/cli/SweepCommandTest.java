package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --sweep}: the front and the recommendation against a brute force over the points. */
class SweepCommandTest {

  @TempDir Path dir;

  @Test
  void theFrontIsTheUndominatedPointsAndTheRecommendationTheBestThatFits() throws IOException {
    // Three "releases": a base, then versions with a few bytes inserted, which shifts the rest.
    Random rnd = new Random(7);
    byte[] base = new byte[1 << 20];
    rnd.nextBytes(base);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (int v = 0; v < 3; v++) {
      int cut = 100_000 * (v + 1);
      all.write(base, 0, cut);
      byte[] inserted = new byte[37 * v];
      rnd.nextBytes(inserted);
      all.write(inserted, 0, inserted.length);
      all.write(base, cut, base.length - cut);
    }
    Path tar = Files.write(dir.resolve("releases.bin"), all.toByteArray());
    Cli.Result r = Cli.run("compare", "--sweep", "--json", "--sweep-sizes", "4k,16k,64k",
        "--ram-budget", "3k", tar.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonArray points = o.getAsJsonArray("points");
    assertEquals(6, points.size());
    String best = null;
    double bestRatio = -1;
    for (JsonElement e : points) {
      JsonObject p = e.getAsJsonObject();
      double ratio = p.get("dedupeRatio").getAsDouble();
      long memory = p.get("indexBytes").getAsLong();
      boolean dominated = false;
      for (JsonElement f : points) {
        JsonObject q = f.getAsJsonObject();
        double qr = q.get("dedupeRatio").getAsDouble();
        long qm = q.get("indexBytes").getAsLong();
        dominated |= q != p && qr >= ratio && qm <= memory && (qr > ratio || qm < memory);
      }
      assertEquals(!dominated, p.get("pareto").getAsBoolean(), p::toString);
      if (memory <= 3 << 10 && ratio > bestRatio) {
        best = p.get("chunker").getAsString();
        bestRatio = ratio;
      }
    }
    assertEquals(best, o.get("recommended").isJsonNull() ? null : o.get("recommended").getAsString());
    // Content-defined chunking finds the shifted copies that fixed blocks miss.
    assertTrue(points.get(3).getAsJsonObject().get("dedupeRatio").getAsDouble()
        > points.get(0).getAsJsonObject().get("dedupeRatio").getAsDouble(), r::toString);
    Cli.Result text = Cli.run("compare", "--sweep", "--sweep-sizes", "4k,16k", "--ram-budget", "1",
        tar.toString()).noStackTrace();
    assertTrue(text.out().contains("No point's index fits in 1 B."), text::toString);
    Cli.Result bad = Cli.run("compare", "--ram-budget", "1m", tar.toString()).noStackTrace();
    assertEquals(2, bad.code(), bad::toString);
    assertTrue(bad.err().contains("--ram-budget needs --sweep"), bad::toString);
  }
}
