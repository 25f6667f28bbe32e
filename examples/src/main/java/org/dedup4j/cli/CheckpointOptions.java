package org.dedup4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.TerminalText;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint}, {@code --checkpoint-interval} and {@code --resume} of {@code scan}: a long
 * scan that survives a kill, a crash or Ctrl-C (see {@link DedupScanner.Builder#checkpoint}).
 */
final class CheckpointOptions {

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Write a checkpoint to FILE every --checkpoint-interval and when stopped "
          + "(Ctrl-C, SIGTERM), so that a killed or stopped scan can go on with --resume FILE. "
          + "Written atomically; an exact count's spilled runs are hard-linked into FILE.runs-N "
          + "beside it. Deleted when the scan completes. Files only (not standard input or "
          + "pipes), outside the scanned folders; FILE must not exist yet.")
  private Path checkpoint;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      converter = Converters.Interval.class,
      description = "Time between checkpoints, e.g. 30s, 10m, 2h (default: 10m); 0 writes one "
          + "after every window. The scan pauses while one is written (about 19 bytes per "
          + "distinct chunk held in memory).")
  private Duration interval;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Go on from the checkpoint FILE, and keep checkpointing to it: run the same "
          + "command with the same paths and options (the threads, the I/O mode and the memory "
          + "budget may change). "
          + "The report is the one the uninterrupted scan gives. Refused, with what differs, if "
          + "an option the counts depend on or an input changed.")
  private Path resume;

  /** Whether a checkpoint is written. */
  boolean enabled() {
    return checkpoint != null || resume != null;
  }

  /** The checkpoint file. */
  Path file() {
    return resume != null ? resume : checkpoint;
  }

  /**
   * Sets the options on a builder after checking them: a checkpoint never replaces an existing
   * file (a mistyped --checkpoint would otherwise destroy it).
   *
   * @throws Dedup4jCommand.UsageException naming the option at fault
   */
  void applyTo(DedupScanner.Builder b, PrintStream err) {
    if (interval != null && !enabled()) {
      err.println("dedup4j: note: --checkpoint-interval has no effect without --checkpoint");
    }
    if (resume != null) {
      if (checkpoint != null && !checkpoint.toAbsolutePath().normalize()
          .equals(resume.toAbsolutePath().normalize())) {
        throw new Dedup4jCommand.UsageException("--checkpoint " + checkpoint + " with --resume "
            + resume + ": a resumed scan checkpoints to the file it resumes from; give one of them");
      }
      if (!Files.isRegularFile(resume)) {
        throw new Dedup4jCommand.UsageException("--resume " + resume + ": "
            + (Files.exists(resume, LinkOption.NOFOLLOW_LINKS) ? "not a regular file"
                : "no such file"));
      }
      if (interval != null) {
        b.checkpoint(resume, interval);
      }
      b.resume(resume);
      return;
    }
    if (checkpoint != null) {
      if (Files.exists(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
        throw new Dedup4jCommand.UsageException("--checkpoint " + checkpoint + ": the file "
            + "exists; to go on from it use --resume " + checkpoint + ", else delete it or name "
            + "another file (a checkpoint never replaces a file)");
      }
      Path parent = checkpoint.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
        throw new Dedup4jCommand.UsageException("--checkpoint " + checkpoint + ": its folder "
            + parent + " is missing or cannot be written");
      }
      b.checkpoint(checkpoint, interval == null ? DedupScanner.DEFAULT_CHECKPOINT_INTERVAL
          : interval);
    }
  }

  /** After a stopped scan: where its checkpoint is and how to go on. */
  void sayWhere(DedupReport report, PrintStream err) {
    if (enabled() && report.partial() && Files.exists(file())) {
      err.println("dedup4j: checkpoint written to " + TerminalText.escape(file().toString())
          + "; to go on, run the same command with --resume "
          + TerminalText.escape(file().toString()));
    }
  }
}
