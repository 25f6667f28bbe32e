package org.dedup4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-progress}, the same in every command that reads input, mixed in with {@code @Mixin}.
 */
final class ProgressOption {

  @Option(names = "--no-progress",
      description = "No progress bar. (Where a command draws one, it goes to standard error and "
          + "only when that is a terminal, also with --json.)")
  private boolean noProgress;

  /** Whether to draw a bar on {@code io}'s standard error. */
  boolean show(Streams io) {
    return io.errIsTerminal() && !noProgress;
  }
}
