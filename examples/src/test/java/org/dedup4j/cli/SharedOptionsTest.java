package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed-in options: every command that reads input takes the same input, progress and output
 * options with the same help, and a value the library refuses names the option, exit code 2.
 */
class SharedOptionsTest {

  private static final List<String> READING = List.of("scan", "compress", "compare");

  @TempDir Path dir;

  private String file() throws IOException {
    Path f = dir.resolve("data.txt");
    Files.writeString(f, "the same line of text, again and again\n".repeat(4000));
    return f.toString();
  }

  /** The help line of an option, up to its first full stop. */
  private static String helpOf(String command, String option) {
    String help = Cli.run(command, "--help").noStackTrace().out().replaceAll("\\s+", " ");
    int at = help.indexOf(" " + option + " ");
    if (at < 0) {
      at = help.indexOf(" " + option + "=");
    }
    assertTrue(at >= 0, () -> option + " missing from the help of " + command + ":\n" + help);
    int end = help.indexOf('.', at);
    return help.substring(help.indexOf(' ', at + 1), end).trim();
  }

  @Test
  void readingCommandsShareTheirOptionsAndHelp() {
    for (String option : List.of("--threads", "--follow-links", "--no-progress", "--json")) {
      String first = helpOf("scan", option);
      for (String command : READING) {
        assertEquals(first, helpOf(command, option), command + " " + option);
      }
    }
    for (String option : List.of("--io", "--window")) {
      assertEquals(helpOf("scan", option), helpOf("compare", option), option);
    }
    for (String command : List.of("merge", "list", "demo")) {
      assertEquals(helpOf("scan", "--json"), helpOf(command, "--json"), command);
    }
  }

  @Test
  void compressTakesNoProgress() throws IOException {
    Cli.Result r = Cli.run("compress", "--no-progress", file()).noStackTrace();
    assertEquals(Dedup4jCommand.OK, r.code(), r::toString);
  }

  @Test
  void theLibraryChecksTheRangeAndTheMessageNamesTheOption() throws IOException {
    String f = file();
    for (String command : READING) {
      Cli.Result r = Cli.run(command, "--threads", "0", f).noStackTrace();
      assertEquals(Dedup4jCommand.USAGE, r.code(), r::toString);
      assertTrue(r.err().startsWith("dedup4j: Invalid value for option '--threads': "
          + "threads 0 is out of range; allowed 1..1024"), r::toString);
      assertTrue(r.err().contains("Try 'dedup4j " + command + " --help'"), r::toString);
      assertEquals("", r.out(), r::toString);
    }
    Cli.Result window = Cli.run("compare", "--window", "2G", f).noStackTrace();
    assertEquals(Dedup4jCommand.USAGE, window.code(), window::toString);
    assertTrue(window.err().startsWith("dedup4j: Invalid value for option '--window': window size"),
        window::toString);
    Cli.Result percent = Cli.run("compare", "--percent", "0", f).noStackTrace();
    assertEquals(Dedup4jCommand.USAGE, percent.code(), percent::toString);
    assertTrue(percent.err().startsWith("dedup4j: Invalid value for option '--percent': "),
        percent::toString);
  }
}
