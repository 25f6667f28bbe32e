package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The hardening sweep's options (issue 13): every option of every command that takes a number or
 * a size, given an absurd value, either runs or is refused with exit 2 and a message that names
 * the option; never an internal error (exit 3), a stack trace or a hang. Every single-valued
 * option given twice is refused. The options are read from the command line's own model, so a new
 * option is swept without being listed here.
 */
class AbsurdValuesTest {

  /** Absurd for every number and size; the last three must always be refused. */
  private static final List<String> VALUES = List.of("0", "-1", "-4k", "1e300", "1e-300", "4kb",
      "4 KiB", "NaN", "", "99999999999999999999");
  private static final Set<String> ALWAYS_REFUSED = Set.of("NaN", "", "99999999999999999999");

  /** Commands swept; {@code demo} writes its data set, {@code list} takes no number. */
  private static final List<String> COMMANDS = List.of("scan", "compress", "compare", "merge");

  @TempDir Path dir;
  private Path data;
  private Path tiny;
  private Path summary;

  @BeforeEach
  void files() throws IOException {
    data = Files.writeString(dir.resolve("data.txt"), "a line, and the same line again\n".repeat(3000));
    tiny = Files.write(dir.resolve("tiny.bin"), new byte[512]);
    summary = dir.resolve("data.d4s");
    assertEquals(0, Cli.run("scan", "--no-progress", "--save", summary.toString(), data.toString())
        .noStackTrace().code());
  }

  /** Options of a command whose value is a number or a size (by type, or by its label). */
  private static List<OptionSpec> numericOptions(String command) {
    CommandLine cl = Dedup4jCommand.commandLine(new Streams(new ByteArrayInputStream(new byte[0]),
        new PrintStream(OutputStream.nullOutputStream()),
        new PrintStream(OutputStream.nullOutputStream()), false),
        new PrintWriter(OutputStream.nullOutputStream()), command);
    List<OptionSpec> out = new ArrayList<>();
    for (OptionSpec o : cl.getSubcommands().get(command).getCommandSpec().options()) {
      Class<?> t = o.type();
      boolean number = t == int.class || t == long.class || t == double.class
          || Number.class.isAssignableFrom(t)
          || o.paramLabel().matches("(.*\\|)?(N|SIZE|P|DURATION)(\\|.*)?"); // --compress-sample auto|N|all
      if (o.arity().max() > 0 && number) {
        out.add(o);
      }
    }
    return out;
  }

  private List<String> args(String command, String option, String value) {
    // A rate cap that parses ("4kb": 4 KiB/s) is valid: it gets a file it reads in a moment.
    Path input = command.equals("merge") ? summary : option.equals("--max-rate") ? tiny : data;
    return new ArrayList<>(List.of(command, "--no-progress", option, value, input.toString()));
  }

  @Test
  void everyNumericOptionRunsOrIsRefusedByName() {
    int swept = 0;
    for (String command : COMMANDS) {
      for (OptionSpec o : numericOptions(command)) {
        for (String value : VALUES) {
          String[] argv = args(command, o.longestName(), value).toArray(new String[0]);
          Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(argv),
              () -> String.join(" ", argv) + " did not end within a minute");
          String where = String.join(" ", argv) + "\n" + r;
          assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), where);
          assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, "exit " + r.code() + ": " + where);
          if (ALWAYS_REFUSED.contains(value)) {
            assertEquals(2, r.code(), where);
          }
          if (r.code() == 2) {
            assertTrue(o.names().length > 0 && java.util.Arrays.stream(o.names()).anyMatch(
                n -> r.err().contains(n)), "the message names the option: " + where);
          }
          swept++;
        }
      }
    }
    assertTrue(swept >= 10 * VALUES.size(), "options swept: " + swept / VALUES.size());
  }

  @Test
  void aSingleValuedOptionGivenTwiceIsRefused() {
    for (String command : COMMANDS) {
      for (OptionSpec o : numericOptions(command)) {
        if (o.isMultiValue()) {
          continue;
        }
        String n = o.longestName();
        Cli.Result r = Cli.run(command, "--no-progress", n, "1", n, "1",
            command.equals("merge") ? summary.toString() : data.toString()).noStackTrace();
        assertEquals(2, r.code(), command + " " + n + " twice: " + r);
        assertTrue(r.err().contains("should be specified only once"), command + " " + n + ": " + r);
      }
    }
  }
}
