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

  @Option(names = "--max-rate", paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Read at most SIZE bytes per second over all threads (e.g. 200M), to stay "
          + "polite on a production system; the progress bar shows the cap. Default: no cap. "
          + "For low I/O priority as well: ionice -c3 dedup4j ...")
  private Long maxRate;

  @Option(names = "--max-bytes", paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Read each stream input (standard input, a pipe, a device such as /dev/zero) "
          + "to at most SIZE bytes; one that reached it is listed as limited, not failed. "
          + "Regular files are read whole. Default: no bound.")
  private Long maxBytes;

  /** The progress bar's label: the task, with the rate cap when there is one. */
  String label(String task) {
    return maxRate == null ? task
        : task + " (max " + org.dedup4j.spi.Sizes.format(maxRate) + "/s)";
  }

  /** Sets the I/O mode, the window, the rate cap and the stream bound given, on a builder. */
  DedupScanner.Builder applyTo(DedupScanner.Builder b) {
    b.io(io);
    if (maxRate != null) {
      Converters.check(mixee, "--max-rate", () -> {
        if (maxRate < 1) { // 0 would read as "no cap" in the API: say what was meant instead
          throw new IllegalArgumentException("a rate of " + maxRate + " bytes per second reads "
              + "nothing; give at least 1 (e.g. 200M), or leave the option out for no cap");
        }
        b.maxRate(maxRate);
      });
    }
    if (maxBytes != null) {
      Converters.check(mixee, "--max-bytes", () -> b.maxStreamBytes(maxBytes));
    }
    if (window != null) {
      Converters.check(mixee, "--window", () -> b.windowSize(window));
    }
    return b;
  }
}
