package org.dedup4j.internal.count;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temp files and folders of a scan or merge (spill folders, streamed entries, a summary being
 * written): named after the process, removed when the JVM exits on a signal (Ctrl-C, SIGTERM) as
 * well as when the work ends, and swept by a later run when a kill -9 left them behind.
 *
 * <p>A name is {@code prefix + pid + "-" + random + suffix}. The sweep removes one only when its
 * process is gone and it has not changed for an hour: a live scan writes or deletes runs in its
 * folder far more often, and a process of another PID namespace that shares the folder (a
 * container) keeps its files by the same rule.
 */
public final class TempFiles {

  /** Leftovers younger than this are never swept. */
  static final Duration STALE = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PID = ProcessHandle.current().pid();
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

  private TempFiles() {}

  /** A new name in {@code dir}, not created: {@code prefix + pid + "-" + random + suffix}. */
  public static Path name(Path dir, String prefix, String suffix) {
    return dir.resolve(prefix + PID + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
  }

  /** Creates a private folder (after sweeping stale ones of the same prefix) and tracks it. */
  public static Path createDirectory(Path parent, String prefix) throws IOException {
    sweep(parent, prefix);
    Path dir = name(parent, prefix, "");
    track(dir);
    return Files.createDirectory(dir);
  }

  /** Creates a file (after sweeping stale ones of the same prefix) and tracks it. */
  public static Path createFile(Path dir, String prefix, String suffix) throws IOException {
    sweep(dir, prefix);
    Path file = name(dir, prefix, suffix);
    track(file);
    return Files.createFile(file);
  }

  /** Removes the path at exit unless {@link #release} says it is gone or kept. */
  public static void track(Path path) {
    if (!hooked) {
      synchronized (TempFiles.class) {
        if (!hooked) {
          Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removeAll, "dedup4j-temp"));
          hooked = true;
        }
      }
    }
    LIVE.add(path.toAbsolutePath());
  }

  /** The path was deleted, or renamed to a kept name: stop tracking it. */
  public static void release(Path path) {
    LIVE.remove(path.toAbsolutePath());
  }

  private static void removeAll() {
    for (Path p : LIVE) {
      try {
        deleteTree(p);
      } catch (IOException | RuntimeException e) {
        // exiting: what cannot be removed now is swept by a later run
      }
    }
  }

  /** Removes leftovers of {@code prefix} in {@code dir} whose process is gone (see the class). */
  static void sweep(Path dir, String prefix) {
    sweep(dir, prefix, STALE);
  }

  /**
   * Removes leftovers of {@code prefix} in {@code dir} whose process is gone and that have not
   * changed for {@code age}: zero for names only one scan writes at a time (a checkpoint's temp
   * file, after a kill -9).
   */
  public static void sweep(Path dir, String prefix, Duration age) {
    Instant old = Instant.now().minus(age);
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir, prefix + "*")) {
      for (Path p : list) {
        long pid = pidOf(p.getFileName().toString(), prefix);
        if (pid <= 0 || pid == PID || ProcessHandle.of(pid).isPresent()) {
          continue;
        }
        FileTime changed = Files.getLastModifiedTime(p);
        if (changed.toInstant().isBefore(old)) {
          deleteTree(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a folder we cannot list or clean is no reason to fail the scan
    }
  }

  /** The pid in {@code prefix + pid + "-" + ...}, or -1 when the name is not one of ours. */
  static long pidOf(String name, String prefix) {
    int end = name.indexOf('-', prefix.length());
    if (!name.startsWith(prefix) || end <= prefix.length()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(prefix.length(), end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Deletes a file, or a folder and the files in it (one level: what this project writes). */
  public static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> inside = Files.list(p)) {
        for (Path q : (Iterable<Path>) inside::iterator) {
          Files.deleteIfExists(q);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
