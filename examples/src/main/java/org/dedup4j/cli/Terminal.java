package org.dedup4j.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard error (where the progress bar goes) or standard input is a terminal.
 *
 * <p>Java has no portable {@code isatty(2)}. On Linux the answer is exact: {@code /proc/self/fd/N}
 * names the terminal device ({@code /dev/pts/3}, {@code /dev/tty1}) or a pipe or file. Elsewhere we
 * fall back to the console: on JDK 17 {@code System.console()} exists only when standard input and
 * output are both terminals; from JDK 22 on it exists even when they are redirected, so we ask
 * {@code Console.isTerminal()} (looked up reflectively: the code is compiled for Java 17). The
 * fallback is about input and output, not error, so it errs towards no bar when output is piped.
 */
final class Terminal {

  private Terminal() {}

  /** Whether standard error is a terminal. */
  static boolean stderrIsTerminal() {
    Boolean tty = fdIsTerminal(2);
    return tty != null ? tty : consoleIsTerminal();
  }

  /** Whether standard input is a terminal. */
  static boolean stdinIsTerminal() {
    Boolean tty = fdIsTerminal(0);
    return tty != null ? tty : consoleIsTerminal();
  }

  /**
   * Linux only: whether standard input was closed when the process started ({@code <&-}). The JVM
   * then opens its own files on descriptor 0, so reading it would read the JDK's class image (or
   * the class-data archive or the jar) as if it were the user's data.
   */
  static boolean stdinIsClosed() {
    Path link = Path.of("/proc/self/fd/0");
    try {
      if (!Files.isSymbolicLink(link)) {
        return false;
      }
      Path target = Files.readSymbolicLink(link);
      String name = target.toString();
      if (name.endsWith(".jsa") || name.endsWith(".aot")) {
        return true;
      }
      if (Files.isRegularFile(target)) {
        Path real = target.toRealPath();
        if (real.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) {
          return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
          if (!entry.isEmpty() && Files.exists(Path.of(entry))
              && Files.isSameFile(real, Path.of(entry))) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Linux only: whether file descriptor {@code fd} of this process is a terminal device.
   *
   * @return the answer, or null when {@code /proc} cannot tell
   */
  static Boolean fdIsTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (!Files.isSymbolicLink(link)) {
        return null;
      }
      return isTerminalDevice(Files.readSymbolicLink(link).toString());
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Columns of the terminal, or 80 when it cannot be told. */
  static int width() {
    // Not through JLine (which the progress bar library would use): by default JLine puts the OS
    // default back for SIGINT, so Ctrl-C would kill the JVM without running shutdown hooks (which
    // remove the demo's files), and on JDK 24+ it loads native code with a warning. stty asks the
    // controlling terminal instead; where there is none, COLUMNS or 80.
    File tty = new File("/dev/tty");
    if (tty.exists()) {
      try {
        Process p = new ProcessBuilder("stty", "size")
            .redirectInput(tty)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
          int columns = parseSttySize(out);
          if (columns > 0) {
            return columns;
          }
        }
      } catch (IOException e) {
        // no stty: fall through
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** The columns from {@code stty size} output ({@code "rows columns"}), or 0. */
  static int parseSttySize(String out) {
    String[] parts = out.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** Whether a path names a terminal device. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }

  /** The console check: {@code System.console() != null}, and {@code isTerminal()} on JDK 22+. */
  static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console exists only when attached to a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
