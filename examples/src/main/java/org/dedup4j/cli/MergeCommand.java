package org.dedup4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dedup4j merge}: adds up summaries saved by {@code dedup4j scan --save} (on other hosts, or
 * of other parts of the data) and prints the report one scan of everything would print: exact
 * summaries give exact counts; any sample or sketch gives estimates within the stated bounds.
 */
@Command(
    name = "merge",
    description = {
      "Merges summaries saved by 'dedup4j scan --save' and reports the total.",
      "",
      "Exact with exact stays exact; a sample or sketch makes the result an estimate. Summaries of "
          + "different chunkers, hashers or percent samples do not merge."
    },
    exitCodeList = {
      Dedup4jCommand.EXIT_OK,
      "1:done, but some input of the scans was skipped or read in part (listed in the report)",
      "2:bad usage, or a summary that is unreadable, corrupt, truncated or does not match the "
          + "others",
      Dedup4jCommand.EXIT_INTERNAL
    })
final class MergeCommand implements Callable<Integer> {

  private final Streams io;

  @Mixin private JsonOption output;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Also save the merged summary, to merge again later.")
  private Path save;

  @Option(names = "--overwrite",
      description = "Let --save replace an existing file (only a regular file, once every summary "
          + "was read).")
  private boolean overwrite;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Summary files (scan --save).")
  private List<Path> files;

  MergeCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrintStream out = io.out();
    PrintStream err = io.err();
    if (save != null) {
      SaveTarget.check(save, overwrite);
    }
    DedupReport report;
    try {
      // Exact summaries merge as streams: memory does not grow with them.
      report = DedupSummary.mergeFiles(files, save); // IllegalArgumentException: exit 2
    } catch (IOException e) {
      throw new Dedup4jCommand.UsageException(e.getMessage(), e); // names the file and the reason
    }
    int code = ScanCommand.printAndExit(report, fixedSize(report.chunker()), output.json(), out, err);
    noteCopies(err);
    return code;
  }

  /**
   * Says which summaries are byte for byte the same: most likely one scan saved or copied twice,
   * whose data the merge counts twice (right only for two copies of the same data).
   */
  private void noteCopies(PrintStream err) {
    for (int i = 0; i < files.size(); i++) {
      for (int j = 0; j < i; j++) {
        try {
          if (Files.mismatch(files.get(j), files.get(i)) == -1) {
            err.println("dedup4j: note: " + files.get(j) + " and " + files.get(i) + " are identical"
                + " (one scan saved twice?): the merge counts that data twice");
          }
        } catch (IOException e) {
          // read a moment ago; nothing to note
        }
      }
    }
  }

  /** The fixed chunk size of a chunker spec for the report's notes; 0 if not fixed or not here. */
  private static int fixedSize(String spec) {
    try {
      return Chunkers.fromSpec(spec).fixedChunkSize();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return 0; // a plugin this command does not have: the summaries still merge
    }
  }
}
