package org.dedup4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The Gson instance for the few JSON trees the command builds itself (the error object, the demo's
 * nested reports). Its own class so that Gson's ~140 classes load only when one of those is written,
 * not on every start: a static field in {@link Streams} cost every command 0.1 s.
 */
final class JsonTrees {

  /** Writes JSON trees as the library writes its own: nulls kept, no HTML escaping. */
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private JsonTrees() {}
}
