package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command in-process with captured streams; never exits the JVM. */
final class Cli {

  private Cli() {}

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {

    /** Fails if standard error shows a stack trace. */
    Result noStackTrace() {
      assertFalse(err.contains("\tat ") || err.contains("Exception in thread"),
          () -> "stack trace on stderr:\n" + err);
      return this;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Result run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  static Result run(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Dedup4jCommand.run(in, o, e, args);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
