package org.dedup4j.cli;

import picocli.CommandLine.Option;

/** {@code --json}, the same in every command, mixed in with {@code @Mixin}. */
final class JsonOption {

  @Option(names = "--json", description = "Print the result as JSON, alone on standard output.")
  private boolean json;

  /** Whether {@code --json} was given. */
  boolean json() {
    return json;
  }
}
