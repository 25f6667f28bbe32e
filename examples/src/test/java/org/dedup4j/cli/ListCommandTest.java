package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.Chunkers;
import org.dedup4j.Hashers;
import org.dedup4j.spi.PluginProvider;
import org.junit.jupiter.api.Test;

/** {@code dedup4j list} shows every provider the registries find, with options. */
class ListCommandTest {

  @Test
  void textShowsEveryProviderWithItsOptions() {
    Cli.Result r = Cli.run("list").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    for (PluginProvider<?> p : all()) {
      assertTrue(r.out().contains("  " + p.name() + " "), () -> p.name() + " missing:\n" + r);
      assertTrue(r.out().contains(p.description()), r::toString);
    }
    assertTrue(r.out().matches("(?s).*size=4k +block size, 64 B to 64 MiB.*"), r::toString);
    assertTrue(r.out().matches("(?s).*max=64k +cut here when no newline came.*"), r::toString);
    assertTrue(r.out().matches("(?s).*fixed +fixed-size blocks[^\n]*\\[default].*"), r::toString);
  }

  @Test
  void jsonListsChunkersAndHashers() {
    Cli.Result r = Cli.run("list", "--json").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(Chunkers.DEFAULT_SPEC, o.get("defaultChunker").getAsString());
    assertEquals(Hashers.DEFAULT_SPEC, o.get("defaultHasher").getAsString());
    assertEquals(names(Chunkers.providers()), names(o.getAsJsonArray("chunkers")));
    assertEquals(names(Hashers.providers()), names(o.getAsJsonArray("hashers")));
    assertTrue(names(o.getAsJsonArray("chunkers")).contains("lines"));
    JsonObject fixed = o.getAsJsonArray("chunkers").get(0).getAsJsonObject();
    JsonObject size = fixed.getAsJsonArray("options").get(0).getAsJsonObject();
    assertEquals("size", size.get("name").getAsString());
    assertEquals("4k", size.get("default").getAsString());
    assertTrue(size.get("description").getAsString().contains("64 B to 64 MiB"));
    assertEquals(0, o.getAsJsonArray("problems").size());
  }

  private static List<PluginProvider<?>> all() {
    List<PluginProvider<?>> all = new ArrayList<>(Chunkers.providers());
    all.addAll(Hashers.providers());
    return all;
  }

  private static List<String> names(List<? extends PluginProvider<?>> providers) {
    return providers.stream().map(p -> p.name()).toList();
  }

  private static List<String> names(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(e.getAsJsonObject().get("name").getAsString());
    }
    return out;
  }
}
