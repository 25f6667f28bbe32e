package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dedup4j.NcduExport.FileUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export read by the real ncdu ({@code ncdu -f}), in a detached tmux session on a server of
 * its own, reading the screen with {@code tmux capture-pane}: the root, the top entries with their
 * disk usage ({@code dsize}), their apparent sizes after {@code a}, and a subdirectory's children
 * after Down and Enter. Skipped when {@code ncdu} or {@code tmux} is not on the PATH (Debian:
 * {@code apt-get install ncdu tmux}). Written against ncdu 1.18's screen.
 */
class NcduExportNcduTest {

  private static final long TIMEOUT_MILLIS = 20_000;

  @TempDir Path dir;

  @Test
  void ncduBrowsesTheExport() throws Exception {
    assumeTrue(onPath("ncdu") && onPath("tmux"),
        "ncdu or tmux is not on the PATH: skipped (apt-get install ncdu tmux)");
    Path export = dir.resolve("usage.json");
    try (Writer out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
      NcduExport.write(List.of(
          new FileUsage("/data/big.img", 10 << 20, 3 << 20),
          new FileUsage("/data/logs/a.log", 2048, 1024),
          new FileUsage("/data/logs/b.log", 6144, 512),
          new FileUsage("/data/logs/del\u007fx", 0, 0), // raw DEL would stop ncdu's reader
          new FileUsage("/data/small", 100, 100),
          new FileUsage("/data/\"quoted\" name", 0, 0)), out, "test", Instant.now());
    }
    // A server of its own, its socket in the temp dir (-S), no user config (-f /dev/null): no
    // other tmux is touched, and nothing is left behind.
    String server = dir.resolve("tmux.sock").toString();
    try {
      run("tmux", "-S", server, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "120",
          "-y", "40", "ncdu -f '" + export.toString().replace("'", "'\\''") + "'");

      String screen = await(server, "--- /data -", "Total disk usage");
      assertLine(screen, "3\\.0 MiB \\[[# ]*\\]  big\\.img");
      assertLine(screen, "1\\.5 KiB \\[[# ]*\\] /logs");
      assertLine(screen, "100\\.0   B \\[[# ]*\\]  small");
      assertLine(screen, "0\\.0   B \\[[# ]*\\]  \"quoted\" name");
      assertLine(screen, "Total disk usage: +3\\.0 MiB +Apparent size: +10\\.0 MiB +Items: 7");

      run("tmux", "-S", server, "send-keys", "-t", "t", "a"); // show apparent sizes
      screen = await(server, "10.0 MiB [");
      assertLine(screen, "10\\.0 MiB \\[[# ]*\\]  big\\.img");
      assertLine(screen, "8\\.0 KiB \\[[# ]*\\] /logs");
      assertLine(screen, "100\\.0   B \\[[# ]*\\]  small");

      // The cursor is on the first row (big.img, the largest either way): Down to /logs, enter.
      run("tmux", "-S", server, "send-keys", "-t", "t", "Down", "Enter");
      screen = await(server, "--- /data/logs -");
      assertLine(screen, "/\\.\\.");
      assertLine(screen, "6\\.0 KiB \\[[# ]*\\]  b\\.log");
      assertLine(screen, "2\\.0 KiB \\[[# ]*\\]  a\\.log");
      assertLine(screen, "0\\.0   B \\[[# ]*\\]  del.*x");

      run("tmux", "-S", server, "send-keys", "-t", "t", "a"); // back to disk usage
      screen = await(server, "512.0   B [");
      assertLine(screen, "1\\.0 KiB \\[[# ]*\\]  a\\.log");
      assertLine(screen, "512\\.0   B \\[[# ]*\\]  b\\.log");
    } finally {
      run("tmux", "-S", server, "kill-server");
    }
  }

  /** Polls the screen until it shows every text, or fails after the timeout with the screen. */
  private static String await(String server, String... texts) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = run("tmux", "-S", server, "capture-pane", "-p", "-t", "t");
      boolean all = true;
      for (String t : texts) {
        all &= screen.contains(t);
      }
      if (all) {
        return screen;
      }
      Thread.sleep(100);
    }
    return fail("ncdu did not show " + List.of(texts) + " in " + TIMEOUT_MILLIS + " ms; screen:\n"
        + screen);
  }

  /** Some line of the screen, stripped, ends with the pattern. */
  private static void assertLine(String screen, String regex) {
    Pattern p = Pattern.compile(".*" + regex);
    assertTrue(screen.lines().map(String::strip).anyMatch(l -> p.matcher(l).matches()),
        "no line matches /" + regex + "/ on the screen:\n" + screen);
  }

  /** Runs a command (10 s at most) and returns its output. */
  private static String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("TMUX"); // tests run from inside tmux start a server of their own too
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(List.of(command) + " did not finish in 10 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0 && !command[command.length - 1].equals("kill-server")) {
      throw new IOException(List.of(command) + " exited " + p.exitValue() + ": " + out);
    }
    return out;
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }
}
