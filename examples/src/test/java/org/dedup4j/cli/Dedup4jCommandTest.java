package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The top-level command's own help. */
class Dedup4jCommandTest {

  @Test
  void usageLineNamesEveryCommandTheHelpLists() {
    Cli.Result r = Cli.run("--help").noStackTrace();
    assertEquals(Dedup4jCommand.OK, r.code(), r::toString);
    String usage = r.out().lines().filter(l -> l.startsWith("Usage: dedup4j")).findFirst().orElseThrow();
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    Matcher m = Pattern.compile("(?m)^  ([a-z]+) ").matcher(commands);
    List<String> listed = m.results().map(x -> x.group(1)).filter(c -> !c.equals("help")).toList();
    assertTrue(listed.size() >= 6, () -> "commands listed: " + listed + "\n" + r);
    for (String command : listed) {
      assertTrue(usage.matches(".*[(| ]" + command + "[ |)].*"), () -> command + " missing from: " + usage);
    }
  }
}
