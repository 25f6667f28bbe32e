package org.dedup4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tree this benchmark jar was built from, as the build recorded it in {@code git.properties}:
 * the commit, and whether the working tree held uncommitted changes. A jar built from an experiment
 * and measured after the experiment was reverted files its figures against the wrong code; this
 * line in every log shows it. As in git, "uncommitted changes" means changes to tracked files: a new
 * file not yet added to git does not count ({@code chunkers-when-quiet.sh} lists such files).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.BuildInfo
 * built from dafc9cc (2026-11-26T06:19:22Z), with uncommitted changes
 * </pre>
 */
public final class BuildInfo {

  private BuildInfo() {}

  /**
   * Prints {@link #describe()}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.out.println(describe());
  }

  /**
   * One line naming the commit the jar was built from.
   *
   * @return {@code built from COMMIT (TIME)}, with {@code , with uncommitted changes} when the tree
   *     was dirty, or a line saying the build recorded no commit (built outside a git clone)
   */
  public static String describe() {
    Properties git = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading git.properties from the benchmark jar", e);
    }
    String commit = git.getProperty("git.commit.id.abbrev");
    if (commit == null) {
      return "built outside a git clone: no commit recorded";
    }
    return "built from " + commit + " (" + git.getProperty("git.commit.time") + ")"
        + (Boolean.parseBoolean(git.getProperty("git.dirty")) ? ", with uncommitted changes" : "");
  }
}
