package org.dedup4j.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes: standard input, output and error, and whether error is a
 * terminal (which decides the progress bar). Tests pass their own streams; {@link #system()} is the
 * real console.
 *
 * @param in what {@code -} reads
 * @param out results: the report, JSON
 * @param err messages, notes and the progress bar
 * @param errIsTerminal whether {@code err} is shown on a terminal
 */
record Streams(InputStream in, PrintStream out, PrintStream err, boolean errIsTerminal) {

  Streams {
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
  }

  /** The process's own streams. */
  static Streams system() {
    return new Streams(System.in, System.out, System.err, Terminal.stderrIsTerminal());
  }
}
