package org.dedup4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dedup4j.SetOverlap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dedup4j overlap}: what data sets share and what each adds or frees, from summaries saved
 * apart ({@code scan --save}), one summary per set, named by the name saved in it ({@code scan
 * --name}) or else by its file name; from samples, estimates with 95% intervals.
 */
@Command(
    name = "overlap",
    description = {
      "What data sets share, from summaries saved by 'dedup4j scan --save' (one per set, in the "
          + "order of the series, each named by the name saved with --name, else by its file "
          + "name).",
      "",
      "Per set: its bytes, its unique bytes, the bytes no other set holds (what deleting it frees), "
          + "the bytes no earlier set holds (what storing it adds) and the store after it; per "
          + "pair: the bytes both hold and their Jaccard index. Streams the summaries: memory does "
          + "not grow with them. At most 64 sets.",
      "",
      "Exact summaries give exact figures. If any summary is a sample (--mode sample, or the "
          + "sample inside a sketch), every figure but the sets' bytes is estimated from the "
          + "chunks the strictest sample keeps, with a 95%% interval (JSON: NAMELow, NAMEHigh)."
    },
    exitCodeList = {
      Dedup4jCommand.EXIT_OK,
      "2:bad usage, or a summary that is unreadable, corrupt, does not match the others or names "
          + "the same set as another",
      Dedup4jCommand.EXIT_INTERNAL
    })
final class OverlapCommand implements Callable<Integer> {

  private final Streams io;

  @Mixin private JsonOption output;

  @Option(names = "--keep", paramLabel = "NAME", split = ",",
      description = "Sets to keep: prints the stored bytes of their union and what deleting the "
          + "others would free.")
  private List<String> keep = new ArrayList<>();

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Summary files (scan --save).")
  private List<Path> files;

  OverlapCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrintStream out = io.out();
    SetOverlap o;
    try {
      o = SetOverlap.of(files, keep); // IllegalArgumentException: exit 2
    } catch (IOException e) {
      throw new Dedup4jCommand.UsageException(e.getMessage(), e); // names the file and the reason
    }
    out.print(output.json() ? o.toJson() + System.lineSeparator() : o.toText());
    out.flush();
    return Dedup4jCommand.OK;
  }
}
