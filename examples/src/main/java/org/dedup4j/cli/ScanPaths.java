package org.dedup4j.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.dedup4j.TerminalText;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.ScanSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code PATH...}: the inputs of the commands that run a dedupe scan ({@code scan}, {@code
 * compare}), mixed in with {@code @Mixin}. {@code -} is standard input, at most once.
 */
final class ScanPaths {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Files, directories, devices, FIFOs; - for standard input.")
  private List<String> paths = new ArrayList<>();

  /** Whether any PATH was given. */
  boolean given() {
    return !paths.isEmpty();
  }

  /**
   * The sources to scan, in the order given.
   *
   * @throws ParameterException if {@code -} is named twice or a path is not valid
   */
  List<ScanSource> sources(Streams io) {
    if (paths.isEmpty()) {
      throw new ParameterException(mixee.commandLine(), "Missing required parameter: 'PATH'");
    }
    return sources(io, paths, new boolean[1]);
  }

  /**
   * The sources of some paths; {@code stdinSeen[0]} says whether {@code -} was named already (by
   * another set) and is set when it is named here.
   */
  List<ScanSource> sources(Streams io, List<String> paths, boolean[] stdinSeen) {
    List<ScanSource> sources = new ArrayList<>();
    boolean stdin = stdinSeen[0];
    for (String p : paths) {
      if (p.equals(ScanCommand.STDIN)) {
        if (stdin) {
          throw new ParameterException(mixee.commandLine(),
              "standard input (-) named more than once");
        }
        stdin = true;
        stdinSeen[0] = true;
        if (io.in() == System.in && Terminal.stdinIsClosed()) {
          throw new ParameterException(mixee.commandLine(),
              "standard input (-) is closed: nothing to read; pipe data in or name a file");
        }
        if (io.in() == System.in && Terminal.stdinIsTerminal()) {
          io.err().println("dedup4j: reading standard input from the terminal; end it with Ctrl-D");
        }
        sources.add(ScanSource.of(ScanCommand.STDIN, io.in()));
      } else {
        try {
          Path path = Path.of(p);
          if (isFifo(path)) { // opening it waits until a writer opens it too: say so, once
            io.err().println("dedup4j: " + TerminalText.escape(p) + " is a FIFO: reading waits "
                + "for a writer to open it");
          }
          sources.add(ScanSource.of(path));
        } catch (InvalidPathException e) {
          throw new ParameterException(mixee.commandLine(), "not a valid path: " + e.getMessage());
        }
      }
    }
    return sources;
  }

  /** Whether {@code path} names a FIFO (a named pipe), through links. */
  static boolean isFifo(Path path) {
    try {
      return ((Integer) java.nio.file.Files.getAttribute(path, "unix:mode") & 0170000) == 0010000;
    } catch (java.io.IOException | RuntimeException e) {
      return false; // missing, or no unix view: the scan says what it finds
    }
  }
}
