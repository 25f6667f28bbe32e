package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void terminalDevices() {
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertTrue(Terminal.isTerminalDevice("/dev/console"));
    assertFalse(Terminal.isTerminalDevice("pipe:[123456]"));
    assertFalse(Terminal.isTerminalDevice("/tmp/log.txt"));
    assertFalse(Terminal.isTerminalDevice("/dev/null"));
  }

  @Test
  void sttySize() {
    org.junit.jupiter.api.Assertions.assertEquals(132, Terminal.parseSttySize("43 132\n"));
    org.junit.jupiter.api.Assertions.assertEquals(0, Terminal.parseSttySize(""));
    org.junit.jupiter.api.Assertions.assertEquals(0, Terminal.parseSttySize("stty: not a tty"));
  }

  @Test
  void underTheTestRunnerStderrIsNotATerminal() {
    // Surefire pipes the forked JVM's output.
    assertFalse(Terminal.stderrIsTerminal());
  }
}
