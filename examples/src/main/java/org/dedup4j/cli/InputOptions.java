package org.dedup4j.cli;

import org.dedup4j.CompressibilityEstimator;
import org.dedup4j.DedupScanner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --threads} and {@code --follow-links}: the options of every command that reads input
 * ({@code scan}, {@code compare}, {@code compress}), mixed in with {@code @Mixin}. The library's
 * builders check the values; a bad one is a usage error naming the option.
 */
final class InputOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
      description = "Threads to read and work with, 1.." + DedupScanner.MAX_THREADS
          + " (default: one per processor, here ${DEFAULT-VALUE}). The results do not depend on it.")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--follow-links",
      description = "Follow symbolic links met inside directories (named paths are always "
          + "followed). Loops are detected and listed.")
  private boolean followLinks;

  /** Sets the threads and links on a scanner's builder. */
  DedupScanner.Builder applyTo(DedupScanner.Builder b) {
    Converters.check(mixee, "--threads", () -> b.threads(threads));
    return b.followLinks(followLinks);
  }

  /** Sets the threads and links on an estimator's builder. */
  CompressibilityEstimator.Builder applyTo(CompressibilityEstimator.Builder b) {
    Converters.check(mixee, "--threads", () -> b.threads(threads));
    return b.followLinks(followLinks);
  }
}
