package org.dedup4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps {@code --json} output JSON when a command fails before it printed anything: remembers
 * whether standard output was written and the messages said on standard error, and prints them as
 * one object. Scripts then parse standard output in every case, and find the exit code and the
 * reason in it.
 */
final class JsonErrors {

  private static final int MAX_MESSAGES = 64 << 10;

  private final Streams given;
  private boolean wrote;
  private final ByteArrayOutputStream said = new ByteArrayOutputStream();

  JsonErrors(Streams given) {
    this.given = given;
  }

  /** The streams to run the command with: the given ones, watched. */
  Streams streams() {
    PrintStream out = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        wrote = true;
        given.out().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        wrote |= len > 0;
        given.out().write(b, off, len);
      }

      @Override
      public void flush() {
        given.out().flush();
      }
    }, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        given.err().write(b);
        if (said.size() < MAX_MESSAGES) {
          said.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        given.err().write(b, off, len);
        if (said.size() < MAX_MESSAGES) {
          said.write(b, off, Math.min(len, MAX_MESSAGES - said.size()));
        }
      }

      @Override
      public void flush() {
        given.err().flush();
      }
    }, true, StandardCharsets.UTF_8);
    return new Streams(given.in(), out, err, given.errIsTerminal());
  }

  /** After a failure: the error object, when the command printed nothing on standard output. */
  void printIfNothingWas(int code) {
    if (wrote) {
      return;
    }
    JsonArray messages = new JsonArray();
    for (String line : said.toString(StandardCharsets.UTF_8).split("\n")) {
      int bar = line.lastIndexOf('\r'); // a progress bar's frames end where a message begins
      String m = bar >= 0 ? line.substring(bar + 1) : line;
      if (m.startsWith("dedup4j: ")) {
        messages.add(m.substring("dedup4j: ".length()));
      }
    }
    JsonObject error = new JsonObject();
    error.addProperty("exitCode", code);
    error.add("messages", messages);
    JsonObject o = new JsonObject();
    o.add("error", error);
    given.out().println(JsonTrees.GSON.newBuilder().setPrettyPrinting().create().toJson(o));
    given.out().flush();
  }
}
