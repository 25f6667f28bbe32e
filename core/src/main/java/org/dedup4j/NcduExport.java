package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-file figures written as an ncdu export, so that {@code ncdu -f FILE} browses them as a
 * directory tree: each file's apparent size ({@code asize}) and disk usage ({@code dsize}) are what
 * the caller gives, for dedup4j its logical bytes and its exclusive bytes (what deleting it would
 * free). ncdu sums them per directory itself.
 *
 * <pre>{@code
 * List<NcduExport.FileUsage> files = List.of(
 *     new NcduExport.FileUsage("/data/a.img", 4_194_304, 1_048_576),
 *     new NcduExport.FileUsage("/data/logs/b.log", 8192, 8192));
 * try (Writer out = Files.newBufferedWriter(Path.of("usage.json"))) { // UTF-8
 *   NcduExport.write(files, out, "0.1.0", Instant.now());
 * }
 * // ncdu -f usage.json: root /data, with a.img (1.0 MiB) and the directory logs (8.0 KiB)
 * }</pre>
 *
 * <p>The format is ncdu's JSON export, major version 1, minor version 0 (ncdu 1.9 and later read
 * it, ncdu 2 too; https://dev.yorhel.nl/ncdu/jsonfmt): {@code [1,0,{"progname":"dedup4j",
 * "progver":V,"timestamp":T},[{"name":ROOT},{"name":"f","asize":N,"dsize":M},[{"name":"dir"},
 * ...],...]]}. Directories carry only their name. The root entry is named by the longest
 * directory prefix the paths share: {@code /data} for {@code /data/a} and {@code /data/b/c},
 * {@code /} when absolute paths share nothing more, {@code .} when relative paths share nothing
 * (a stream named {@code -} or {@code stdin} is such a path). Paths are split at {@code /}; empty
 * and {@code .} components are dropped, nothing else is normalized. Entries are written sorted by
 * name, and as they are written: only the tree of names is held in memory.
 *
 * <p>Names are escaped as ncdu's own export does ({@code \"}, {@code \\}, {@code \n}, {@code \r},
 * {@code \t}, {@code \b}, {@code \f}, other control characters and DEL as {@code \}{@code u00XX});
 * other characters are written as they are, so write the output as UTF-8, which ncdu expects.
 */
public final class NcduExport {

  /** The export format's major version: ncdu reads only 1. */
  public static final int MAJOR_VERSION = 1;

  /** The export format's minor version: 0, the fields of ncdu 1.9 (name, asize, dsize). */
  public static final int MINOR_VERSION = 0;

  /** The {@code progname} written in the metadata. */
  public static final String PROGNAME = "dedup4j";

  /**
   * One file's figures.
   *
   * @param path the file's path as the scan gave it, {@code /} separated, absolute or relative
   * @param apparentBytes its apparent size ({@code asize}): for dedup4j, its logical bytes
   * @param diskBytes its disk usage ({@code dsize}): for dedup4j, its exclusive bytes
   */
  public record FileUsage(String path, long apparentBytes, long diskBytes) {

    /**
     * Checks the figures.
     *
     * @param path the file's path
     * @param apparentBytes its apparent size, {@code >= 0}
     * @param diskBytes its disk usage, {@code >= 0}
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if a size is negative, or {@code path} names no file
     */
    public FileUsage {
      Objects.requireNonNull(path, "path");
      checkArgument(apparentBytes >= 0, "apparentBytes of %s is %s, not >= 0", path,
          apparentBytes);
      checkArgument(diskBytes >= 0, "diskBytes of %s is %s, not >= 0", path, diskBytes);
      checkArgument(!components(path).isEmpty(), "path '%s' names no file", path);
    }
  }

  private NcduExport() {}

  /**
   * Writes the files as one ncdu export.
   *
   * @param files the files, each path once, in any order
   * @param out where the export goes (as UTF-8 when it is bytes); not closed
   * @param progver the {@code progver} written in the metadata (dedup4j's version)
   * @param timestamp the {@code timestamp} written in the metadata, in whole seconds
   * @throws IllegalArgumentException if {@code files} is empty (ncdu refuses an empty root), mixes
   *     absolute and relative paths, names a path twice, or names a path both as a file and as a
   *     directory of another; the message names the path
   * @throws IOException if {@code out} fails
   */
  public static void write(Collection<FileUsage> files, Appendable out, String progver,
      Instant timestamp) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progver, "progver");
    Objects.requireNonNull(timestamp, "timestamp");
    checkArgument(!files.isEmpty(), "no files to export: ncdu refuses an empty directory");
    Tree tree = tree(files);
    out.append('[').append(Integer.toString(MAJOR_VERSION)).append(',')
        .append(Integer.toString(MINOR_VERSION)).append(",{\"progname\":");
    string(out, PROGNAME);
    out.append(",\"progver\":");
    string(out, progver);
    out.append(",\"timestamp\":").append(Long.toString(timestamp.getEpochSecond())).append("},");
    dir(out, tree.rootName(), tree.root());
    out.append("]\n");
  }

  /** A directory: its entries by name, each a {@link Dir} or a {@link FileUsage}. */
  private static final class Dir {
    final Map<String, Object> entries = new TreeMap<>();
  }

  /** The root entry's name and what it holds. */
  private record Tree(String rootName, Dir root) {}

  /** The tree below the paths' longest common directory prefix. */
  private static Tree tree(Collection<FileUsage> files) {
    FileUsage first = files.iterator().next();
    boolean absolute = first.path().startsWith("/");
    List<String> prefix = null;
    List<List<String>> split = new ArrayList<>(files.size());
    for (FileUsage f : files) {
      checkArgument(f.path().startsWith("/") == absolute,
          "paths mix absolute and relative ('%s', '%s'): give them all absolute", first.path(),
          f.path());
      List<String> c = components(f.path());
      split.add(c);
      List<String> dirs = c.subList(0, c.size() - 1);
      if (prefix == null) {
        prefix = new ArrayList<>(dirs);
      } else {
        int n = 0;
        while (n < prefix.size() && n < dirs.size() && prefix.get(n).equals(dirs.get(n))) {
          n++;
        }
        prefix.subList(n, prefix.size()).clear();
      }
    }
    Dir root = new Dir();
    String joined = String.join("/", prefix);
    String rootName = absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    int i = 0;
    for (FileUsage f : files) {
      List<String> c = split.get(i++);
      Dir d = root;
      for (int k = prefix.size(); k < c.size() - 1; k++) {
        Object e = d.entries.computeIfAbsent(c.get(k), name -> new Dir());
        if (!(e instanceof Dir)) {
          throw new IllegalArgumentException("path '" + f.path() + "' has the file '"
              + (absolute ? "/" : "") + String.join("/", c.subList(0, k + 1))
              + "' as a directory");
        }
        d = (Dir) e;
      }
      Object was = d.entries.putIfAbsent(c.get(c.size() - 1), f);
      if (was instanceof Dir) {
        throw new IllegalArgumentException(
            "path '" + f.path() + "' is a file and a directory of other paths");
      } else if (was != null) {
        throw new IllegalArgumentException("path '" + f.path() + "' is given twice"
            + (((FileUsage) was).path().equals(f.path()) ? "" : " (as '"
                + ((FileUsage) was).path() + "')"));
      }
    }
    return new Tree(rootName, root);
  }

  /** The path's names: split at '/', without empty and "." components. */
  private static List<String> components(String path) {
    List<String> c = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      if (!s.isEmpty() && !s.equals(".")) {
        c.add(s);
      }
    }
    return c;
  }

  private static void dir(Appendable out, String name, Dir d) throws IOException {
    out.append("\n[{\"name\":");
    string(out, name);
    out.append('}');
    for (Map.Entry<String, Object> e : d.entries.entrySet()) {
      out.append(',');
      if (e.getValue() instanceof Dir sub) {
        dir(out, e.getKey(), sub);
      } else {
        FileUsage f = (FileUsage) e.getValue();
        out.append("\n{\"name\":");
        string(out, e.getKey());
        out.append(",\"asize\":").append(Long.toString(f.apparentBytes()))
            .append(",\"dsize\":").append(Long.toString(f.diskBytes())).append('}');
      }
    }
    out.append(']');
  }

  /** A JSON string, escaped as ncdu's export escapes (ncdu's reader refuses raw control chars). */
  private static void string(Appendable out, String s) throws IOException {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (ch < 0x20 || ch == 0x7F) {
            out.append("\\u00").append(Character.forDigit(ch >> 4, 16))
                .append(Character.forDigit(ch & 0xF, 16));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
