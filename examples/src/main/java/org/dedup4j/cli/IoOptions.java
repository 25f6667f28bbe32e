package org.dedup4j.cli;

import org.dedup4j.DedupScanner;
import org.dedup4j.IoMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --io} and {@code --window}: how the commands that run a dedupe scan ({@code scan}, {@code
 * compare}) read regular files, mixed in with {@code @Mixin}. Neither changes a result.
 */
final class IoOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--io", paramLabel = "auto|read|mmap", converter = Converters.Io.class,
      description = "How to read regular files: auto (the default: mmap for fixed-size "
          + "chunkers where the scan can unmap its windows itself, else read), read (positioned "
          + "reads into a buffer) or mmap (memory-mapped windows, read in place). The results "
          + "are the same; the report names the mode used.")
  private IoMode io = IoMode.AUTO;

  @Option(names = "--window", paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Unit of parallel work within a file, 64k..1G (default: 32M, or the "
          + "chunker's largest chunk if that is larger). The results do not depend on it.")
  private Long window;

  /** Sets the I/O mode, and the window when one was given, on a scanner's builder. */
  DedupScanner.Builder applyTo(DedupScanner.Builder b) {
    b.io(io);
    if (window != null) {
      Converters.check(mixee, "--window", () -> b.windowSize(window));
    }
    return b;
  }
}
