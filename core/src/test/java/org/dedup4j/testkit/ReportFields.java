package org.dedup4j.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;

/**
 * A JSON report without the fields that say how the scan ran rather than what it counted, for
 * tests that compare two ways of scanning the same data field by field (a resumed scan with an
 * uninterrupted one, a cluster's with one machine's).
 *
 * <pre>{@code
 * assertEquals(ReportFields.counted(whole.toJson()), ReportFields.counted(resumed.toJson()));
 * }</pre>
 */
public final class ReportFields {

  /** How it ran: time, threads, I/O mode, the memory the counter took and its spills. */
  public static final Set<String> HOW_IT_RAN = Set.of("elapsedSeconds", "bytesPerSecond",
      "threads", "io", "tableBytes", "counterBytes", "spillRuns", "spillBytes", "spillSeconds");

  private ReportFields() {}

  /**
   * The report without {@link #HOW_IT_RAN} and any of {@code alsoLeftOut}, at every depth.
   *
   * @param json a JSON report
   * @param alsoLeftOut more field names to leave out
   * @return the tree, to compare with {@code equals}
   */
  public static JsonElement counted(String json, String... alsoLeftOut) {
    return strip(JsonParser.parseString(json), Set.of(alsoLeftOut));
  }

  private static JsonElement strip(JsonElement e, Set<String> more) {
    if (e.isJsonObject()) {
      JsonObject o = new JsonObject();
      e.getAsJsonObject().entrySet().stream()
          .filter(x -> !HOW_IT_RAN.contains(x.getKey()) && !more.contains(x.getKey()))
          .forEach(x -> o.add(x.getKey(), strip(x.getValue(), more)));
      return o;
    }
    if (e.isJsonArray()) {
      JsonArray a = new JsonArray();
      e.getAsJsonArray().forEach(x -> a.add(strip(x, more)));
      return a;
    }
    return e;
  }
}
