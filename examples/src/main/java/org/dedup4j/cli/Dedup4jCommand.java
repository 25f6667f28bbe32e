package org.dedup4j.cli;

import org.dedup4j.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code dedup4j} command: {@code scan}, {@code merge}, {@code compress}, {@code compare},
 * {@code list} and {@code demo}.
 *
 * <p>Exit codes: {@value #OK} done; {@value #SKIPPED} done, but some input was skipped or read only
 * in part (listed in the report); {@value #USAGE} bad usage (an unknown option, a value out of
 * range, an unknown chunker, hasher or codec), nothing could be read, the output could not be
 * written, or the scan ran out of memory; {@value #INTERNAL} an unexpected
 * error (a bug: the message asks to report it). Bad input never prints a stack trace, only one line
 * {@code dedup4j: <message>} on standard error; set the environment variable {@code
 * DEDUP4J_DEBUG=1} to get the stack trace of an unexpected error.
 */
@Command(
    name = "dedup4j",
    // Inherited by every subcommand: -h/--help, -V/--version and the exit codes (a subcommand
    // whose codes mean something else declares its own list).
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Dedup4jCommand.Version.class,
    exitCodeListHeading = Dedup4jCommand.EXIT_CODES,
    exitCodeList = {
      Dedup4jCommand.EXIT_OK,
      Dedup4jCommand.EXIT_SKIPPED,
      Dedup4jCommand.EXIT_USAGE,
      Dedup4jCommand.EXIT_INTERNAL
    },
    description = "Measures how far data would shrink under deduplication and compression.")
public final class Dedup4jCommand implements Callable<Integer> {

  /**
   * The commands, in the order help lists them. Registered in {@link #commandLine} rather than in
   * the annotation: picocli builds a command's model by reflection, interpreted at start-up, so a
   * run that names its command builds that one only (issue 12: a fifth of a short scan's time).
   */
  static final List<Class<?>> COMMANDS = List.of(ScanCommand.class, MergeCommand.class,
      OverlapCommand.class,
      CompressCommand.class, CompareCommand.class, ListCommand.class, DemoCommand.class);

  /** Exit code: done. */
  public static final int OK = 0;

  /** Exit code: done, but some input was skipped or read only in part. */
  public static final int SKIPPED = 1;

  /** Exit code: bad usage, nothing could be read, the output could not be written, out of memory. */
  public static final int USAGE = 2;

  /** Exit code: an unexpected error, a bug to report. */
  public static final int INTERNAL = 3;

  /** Heading of the exit code list in every command's help. */
  static final String EXIT_CODES = "%nExit codes:%n";

  /** Exit code {@value #OK} in the help. */
  static final String EXIT_OK = "0:done";

  /** Exit code {@value #SKIPPED} in the help of the commands that read input. */
  static final String EXIT_SKIPPED = "1:done, but some input was skipped or read in part, or a "
      + "codec failed on some units (listed in the report)";

  /** Exit code {@value #USAGE} in the help of the commands that read input. */
  static final String EXIT_USAGE = "2:bad usage, nothing readable, a summary that cannot be "
      + "saved, an exact count that could not spill to disk, output that could not be written, "
      + "or out of memory";

  /** Exit code {@value #INTERNAL} in every command's help. */
  static final String EXIT_INTERNAL = "3:unexpected error (please report it)";

  static final String ISSUES = "https://github.com/dedup4j/dedup4j/issues";

  @Spec private CommandSpec spec;

  /**
   * Freed on an out-of-memory error, so that the message can still be written. 2 MiB: with 256
   * KiB, a scan that filled a 32 MiB heap (HardeningTest) could not even write it or exit, since
   * pool threads that run out of memory while ending keep what they reach.
   */
  @SuppressWarnings("unused")
  private static byte[] reserve = new byte[2 << 20];

  /** Built before it is needed: writing it must not allocate much. */
  private static final String OUT_OF_MEMORY = "dedup4j: out of memory: the scan was stopped and "
      + "nothing was counted; give Java more heap (java -Xmx...), or use a lower --memory, fewer "
      + "--threads or a smaller --compress-sample";

  private Dedup4jCommand() {}

  /**
   * Entry point of {@code java -jar dedup4j.jar}.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    useTmpdir(System.getenv("TMPDIR"));
    Interrupts.allow(); // a JVM of its own: scan may take over SIGINT and SIGTERM
    int code = USAGE;
    try {
      code = run(Streams.system(), args);
    } catch (OutOfMemoryError e) { // even the message could not be written: the short form
      reserve = null;
      try {
        System.err.println(OUT_OF_MEMORY);
      } catch (OutOfMemoryError again) {
        // nothing more can be said; the exit code still says it
      }
      code = USAGE;
    }
    // On a full heap, flushing or the JVM's own shutdown can run out of memory too: the exit code
    // must still be the one decided (an error escaping main would exit 1, "done, but skipped").
    try {
      System.out.flush();
      System.err.flush();
      System.exit(code);
    } catch (OutOfMemoryError e) {
      Runtime.getRuntime().halt(code);
    }
  }

  /**
   * Spill folders, merge entries and the demo's files go to {@code java.io.tmpdir}, which the JVM
   * sets to /tmp whatever {@code TMPDIR} says: follow {@code TMPDIR}, as other Unix tools do, when
   * it names a folder and {@code -Djava.io.tmpdir} was not set to something else.
   */
  static void useTmpdir(String tmpdir) {
    if (tmpdir != null && !tmpdir.isEmpty() && "/tmp".equals(System.getProperty("java.io.tmpdir"))
        && java.nio.file.Files.isDirectory(java.nio.file.Path.of(tmpdir))) {
      System.setProperty("java.io.tmpdir", tmpdir);
    }
  }

  /**
   * Runs the command with the given streams and returns the exit code instead of exiting.
   *
   * @param in what {@code -} reads
   * @param out where results go
   * @param err where messages go (never a progress bar: it is not a terminal)
   * @param args arguments
   * @return the exit code
   */
  public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    return run(new Streams(in, out, err, false), args);
  }

  static int run(Streams given, String... args) {
    // With --json, standard output is JSON whatever happens: an error that printed no report
    // prints {"error": {"exitCode": N, "messages": [...]}} with what it said on standard error.
    JsonErrors json = Arrays.asList(args).contains("--json") ? new JsonErrors(given) : null;
    Streams io = json == null ? given : json.streams();
    PrintWriter errWriter = new PrintWriter(io.err(), true);
    int code;
    try {
      code = commandLine(io, errWriter, args.length == 0 ? null : args[0]).execute(args);
    } catch (RuntimeException | Error e) { // not through picocli's handlers
      code = internalError(errWriter, e);
    }
    errWriter.flush();
    if (json != null && code != OK) {
      json.printIfNothingWas(code);
    }
    // A PrintStream swallows write errors: a report lost to a full disk or a closed pipe must not
    // exit 0.
    io.out().flush();
    if (given.out().checkError()) { // the real stream: the watching one only passes bytes on
      errWriter.println("dedup4j: cannot write to standard output (a full disk, or a pipe closed "
          + "early?): the output is incomplete");
      code = code == INTERNAL ? INTERNAL : USAGE;
    }
    errWriter.flush();
    return code;
  }

  /**
   * The command line, with only the command named by {@code first} (the first argument) when it is
   * one, else with all of them and {@code help}: the top-level help, a missing or misspelt command.
   */
  static CommandLine commandLine(Streams io, PrintWriter errWriter, String first) {
    CommandLine cl = new CommandLine(Dedup4jCommand.class, new CommandFactory(io));
    Class<?> named = COMMANDS.stream()
        .filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst().orElse(null);
    if (named != null) {
      cl.addSubcommand(named);
    } else {
      COMMANDS.forEach(cl::addSubcommand);
      cl.addSubcommand(HelpCommand.class);
    }
    cl.getCommandSpec().usageMessage()
        .synopsisSubcommandLabel("(" + String.join(" | ", commandNames(cl.getCommandSpec())) + ")");
    cl.setOut(new PrintWriter(io.out(), true));
    cl.setErr(errWriter);
    cl.setParameterExceptionHandler(Dedup4jCommand::usageError);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ParameterException pe) {
        return usageError(pe, parseResult.originalArgs().toArray(new String[0]));
      }
      // A refused value says what was wrong; one without a message is a bug, reported as such.
      if (e instanceof UsageException
          || (e instanceof IllegalArgumentException && e.getMessage() != null)) {
        commandLine.getErr().println("dedup4j: " + TerminalText.escape(e.getMessage()));
        return USAGE;
      }
      return internalError(commandLine.getErr(), e);
    });
    return cl;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("dedup4j: " + TerminalText.escape(e.getMessage()));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    return USAGE;
  }

  private static int internalError(PrintWriter err, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        // The scan was stopped and its table released (ScanEngine): say what takes the memory.
        // Other threads may still hold memory for a moment; the reserve makes room to say it.
        reserve = null;
        err.println("dedup4j: out of memory (the Java heap is at most "
            + org.dedup4j.spi.Sizes.format(Runtime.getRuntime().maxMemory()) + "): the scan was "
            + "stopped and nothing was counted. The exact table takes about 23 bytes per unique "
            + "chunk up to --memory, each thread a read buffer, --compress-sample its chunks; give "
            + "Java more heap (java -Xmx...), or use a lower --memory, fewer --threads or a smaller "
            + "--compress-sample");
        return USAGE;
      }
    }
    Throwable shown = e instanceof CommandLine.ExecutionException && e.getCause() != null
        ? e.getCause() : e;
    err.println("dedup4j: unexpected error: " + TerminalText.escape(String.valueOf(shown))
        + "; please report it with the command line at " + ISSUES);
    if (System.getenv("DEDUP4J_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("dedup4j: (set DEDUP4J_DEBUG=1 for the stack trace)");
    }
    return INTERNAL;
  }

  /** The declared commands, in their order, without {@code help}. */
  static List<String> commandNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    spec.subcommands().forEach((name, sub) -> {
      if (!(sub.getCommand() instanceof HelpCommand) && name.equals(sub.getCommandName())) {
        names.add(name); // not an alias
      }
    });
    return names;
  }

  @Override
  public Integer call() {
    List<String> names = commandNames(spec);
    String last = names.remove(names.size() - 1);
    throw new ParameterException(spec.commandLine(),
        "missing command: " + String.join(", ", names) + " or " + last);
  }

  /**
   * A usage problem found while running, not while parsing (a missing directory for {@code demo
   * --dir}, not enough free space): exit code 2 and the message, without a usage hint.
   */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }

    UsageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The version from the jar's Maven metadata, or {@code dev} when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dedup4j " + version(), "Java " + Runtime.version() + " ("
          + System.getProperty("java.vendor", "?") + ")"};
    }

    static String version() {
      try (InputStream in = Dedup4jCommand.class.getResourceAsStream(
          "/META-INF/maven/org.dedup4j/dedup4j-examples/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
          return p.getProperty("version", "dev");
        }
      } catch (IOException e) {
        // fall through
      }
      return "dev";
    }
  }
}
