package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.dedup4j.spi.Sizes;

/**
 * Where the space goes: the inputs of one exact scan grouped (by file, directory, extension or
 * size) and, per group, what it references alone and what it shares with other groups.
 *
 * <ul>
 *   <li>{@code bytes}: the group's logical bytes;
 *   <li>{@code exclusiveBytes}: the distinct chunks only this group references, each once: what
 *       deleting the group would free;
 *   <li>{@code exclusiveReferencedBytes}: the group's references to those chunks (its bytes that
 *       dedupe within the group only);
 *   <li>{@code sharedReferencedBytes}: its references to chunks other groups reference too ({@code
 *       bytes = exclusiveReferencedBytes + sharedReferencedBytes}).
 * </ul>
 *
 * <p>Exact and independent of threads: each table entry keeps the least group that referenced it
 * and whether another did (4 bytes more per entry, only when attribution is asked for).
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().attribute(Attribution.By.parse("dir:1")).build()
 *     .scan(Path.of("/srv/data"));
 * for (Attribution.Group g : r.attribution().top(10)) {
 *   System.out.println(g.name() + " frees " + g.exclusiveBytes());
 * }
 * }</pre>
 */
public final class Attribution {

  /** Groups listed by default: the top 20 by each figure. */
  public static final int DEFAULT_TOP = 20;

  /**
   * One group's figures.
   *
   * @param name the group: a file's path, a directory, an extension ({@code .gz}, or {@code (none)})
   *     or a size class
   * @param files inputs in the group
   * @param bytes logical bytes
   * @param exclusiveChunks distinct chunks only this group references
   * @param exclusiveBytes their bytes, each once: what deleting the group frees
   * @param exclusiveReferencedBytes the group's references to them
   * @param sharedReferencedBytes its references to chunks other groups reference too
   */
  public record Group(String name, long files, long bytes, long exclusiveChunks,
      long exclusiveBytes, long exclusiveReferencedBytes, long sharedReferencedBytes) {}

  private final By by;
  private final int listed;
  private final ImmutableList<Group> groups;
  private final Group total;
  private final long sharedChunks;
  private final long sharedBytes;

  /**
   * Attribution figures (the scan makes them; public for merges and tests).
   *
   * @param by how inputs were grouped, and how many groups per figure the report lists
   * @param groups every group, any order
   * @param sharedChunks distinct chunks that more than one group references
   * @param sharedBytes their bytes, each once
   */
  public Attribution(By by, List<Group> groups, long sharedChunks, long sharedBytes) {
    this.by = by;
    this.listed = by.top();
    List<Group> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparingLong(Group::exclusiveBytes).reversed()
        .thenComparing(Comparator.comparingLong(Group::bytes).reversed())
        .thenComparing(Group::name));
    this.groups = ImmutableList.copyOf(sorted);
    long[] t = new long[6];
    for (Group g : groups) {
      t[0] += g.files();
      t[1] += g.bytes();
      t[2] += g.exclusiveChunks();
      t[3] += g.exclusiveBytes();
      t[4] += g.exclusiveReferencedBytes();
      t[5] += g.sharedReferencedBytes();
    }
    this.total = new Group("total", t[0], t[1], t[2], t[3], t[4], t[5]);
    this.sharedChunks = sharedChunks;
    this.sharedBytes = sharedBytes;
  }

  /**
   * How the inputs were grouped.
   *
   * @return how the inputs were grouped
   */
  public By by() {
    return by;
  }

  /**
   * The groups the report lists: {@link #top} of {@link By#top()}.
   *
   * @return the groups the report lists: {@link #top} of {@link By#top()}
   */
  public List<Group> listed() {
    return top(listed);
  }

  /**
   * Every group, by exclusive bytes (most first), then bytes, then name.
   *
   * @return every group, by exclusive bytes (most first), then bytes, then name
   */
  public List<Group> groups() {
    return groups;
  }

  /**
   * The sums over all groups (named {@code total}).
   *
   * @return the sums over all groups (named {@code total})
   */
  public Group total() {
    return total;
  }

  /**
   * Distinct chunks that more than one group references.
   *
   * @return distinct chunks that more than one group references
   */
  public long sharedChunks() {
    return sharedChunks;
  }

  /**
   * Bytes of the distinct chunks more than one group references, each once.
   *
   * @return bytes of the distinct chunks more than one group references, each once
   */
  public long sharedBytes() {
    return sharedBytes;
  }

  /**
   * The groups among the top {@code n} by any of bytes, exclusive bytes, exclusive referenced bytes
   * and shared referenced bytes, in the order of {@link #groups()}.
   *
   * @param n groups per figure, at least 0
   * @return at most {@code 4 n} groups
   */
  public List<Group> top(int n) {
    checkArgument(n >= 0, "top must be >= 0: %s", n);
    if (groups.size() <= n) {
      return groups;
    }
    Set<Group> picked = new LinkedHashSet<>();
    for (ToLongFunction<Group> f : List.<ToLongFunction<Group>>of(Group::bytes,
        Group::exclusiveBytes, Group::exclusiveReferencedBytes, Group::sharedReferencedBytes)) {
      groups.stream().sorted(Comparator.comparingLong(f).reversed().thenComparing(Group::name))
          .limit(n).forEach(picked::add);
    }
    return groups.stream().filter(picked::contains).toList();
  }

  /**
   * The text form of {@link #listed()}: see {@link #toText(int)}.
   *
   * @return the text form of {@link #listed()}: see {@link #toText(int)}
   */
  public String toText() {
    return toText(listed);
  }

  /**
   * The text form: a table of the top groups and the totals.
   *
   * @param top groups per figure ({@link #top})
   * @return lines ending in a newline
   */
  public String toText(int top) {
    List<Group> shown = top(top);
    int width = Math.max(5, shown.stream().mapToInt(g -> g.name().length()).max().orElse(5));
    width = Math.min(width, 60);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Attribution by %s: %d groups%s%n", by.label(),
        groups.size(), shown.size() < groups.size()
            ? String.format(Locale.ROOT, " (the top %d by each figure shown)", top) : ""));
    String row = "  %-" + width + "s %10s %12s %14s %12s%n";
    out.append(String.format(Locale.ROOT, row, "group", "bytes", "exclusive", "excl. refs",
        "shared refs"));
    for (Group g : shown) {
      out.append(String.format(Locale.ROOT, row, ellipsize(g.name(), width),
          Sizes.format(g.bytes()), Sizes.format(g.exclusiveBytes()),
          Sizes.format(g.exclusiveReferencedBytes()),
          Sizes.format(g.sharedReferencedBytes())));
    }
    out.append(String.format(Locale.ROOT, row, "total", Sizes.format(total.bytes()),
        Sizes.format(total.exclusiveBytes()),
        Sizes.format(total.exclusiveReferencedBytes()),
        Sizes.format(total.sharedReferencedBytes())));
    out.append(String.format(Locale.ROOT, "  shared by more than one group: %s in %d chunks%n",
        Sizes.format(sharedBytes), sharedChunks));
    return out.toString();
  }

  private static String ellipsize(String s, int width) {
    return s.length() <= width ? s : "..." + s.substring(s.length() - width + 3);
  }

  /**
   * How inputs are grouped: {@code file}, {@code dir:DEPTH}, {@code ext} or {@code size}.
   *
   * <pre>{@code
   * Attribution.By by = Attribution.By.parse("dir:2"); // two levels below each named directory
   * }</pre>
   */
  public static final class By {
    private final Kind kind;
    private final int depth;
    private final int top;

    /** What inputs are grouped by. */
    public enum Kind {
      /** Each input its own group. */
      FILE,
      /** The directory {@code depth} levels below the named directory the file was found in. */
      DIR,
      /** The file name's extension, lower case. */
      EXT,
      /** A size class: powers of 16 from 4 KiB. */
      SIZE
    }

    private By(Kind kind, int depth) {
      this(kind, depth, DEFAULT_TOP);
    }

    private By(Kind kind, int depth, int top) {
      this.kind = kind;
      this.depth = depth;
      this.top = top;
    }

    /**
     * The same grouping, listing the top {@code n} groups by each figure in reports.
     *
     * @param n at least 0 (default {@value Attribution#DEFAULT_TOP})
     * @return a copy
     */
    public By listing(int n) {
      checkArgument(n >= 0, "groups to list must be >= 0: %s", n);
      return new By(kind, depth, n);
    }

    /**
     * Groups listed per figure in reports.
     *
     * @return groups listed per figure in reports
     */
    public int top() {
      return top;
    }

    /**
     * Parses {@code file}, {@code dir:DEPTH} (DEPTH 0 or more; {@code dir} alone is {@code dir:1}),
     * {@code ext} or {@code size}.
     *
     * @param spec the grouping
     * @return it
     * @throws IllegalArgumentException naming what is wrong
     */
    public static By parse(String spec) {
      String s = spec.trim().toLowerCase(Locale.ROOT);
      switch (s) {
        case "file":
          return new By(Kind.FILE, 0);
        case "ext":
          return new By(Kind.EXT, 0);
        case "size":
          return new By(Kind.SIZE, 0);
        case "dir":
          return new By(Kind.DIR, 1);
        default:
          break;
      }
      if (s.startsWith("dir:")) {
        try {
          int d = Integer.parseInt(s.substring(4));
          if (d >= 0) {
            return new By(Kind.DIR, d);
          }
        } catch (NumberFormatException e) {
          // the message below names the spec
        }
        throw new IllegalArgumentException("attribution " + spec
            + ": the depth after dir: must be a whole number >= 0 (e.g. dir:2)");
      }
      throw new IllegalArgumentException("attribution " + spec
          + ": expected file, dir:DEPTH, ext or size");
    }

    /**
     * What inputs are grouped by.
     *
     * @return what inputs are grouped by
     */
    public Kind kind() {
      return kind;
    }

    /**
     * The spec in canonical form: {@code file}, {@code dir:2}, {@code ext}, {@code size}.
     *
     * @return the spec in canonical form: {@code file}, {@code dir:2}, {@code ext}, {@code size}
     */
    public String label() {
      return kind == Kind.DIR ? "dir:" + depth : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return label();
    }

    /**
     * The group of one input.
     *
     * @param name the input's name as the report gives it (its path, or a stream's name)
     * @param foundUnder the directory named to the scan it was found under, or null (the input was
     *     named itself, or is a stream)
     * @param size its size in bytes, or -1 for a stream
     * @return the group's name
     */
    public String groupOf(String name, String foundUnder, long size) {
      switch (kind) {
        case FILE:
          return name;
        case EXT: {
          String base = name.substring(name.lastIndexOf('/') + 1);
          int dot = base.lastIndexOf('.');
          return dot <= 0 || dot == base.length() - 1 ? "(none)"
              : base.substring(dot).toLowerCase(Locale.ROOT);
        }
        case SIZE:
          return sizeClass(size);
        default:
          return directory(name, foundUnder);
      }
    }

    private String directory(String name, String foundUnder) {
      if (foundUnder == null) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : name.substring(0, slash);
      }
      String root = foundUnder.endsWith("/") && foundUnder.length() > 1
          ? foundUnder.substring(0, foundUnder.length() - 1) : foundUnder;
      String rest = name.startsWith(root) ? name.substring(root.length()) : name;
      if (rest.startsWith("/")) {
        rest = rest.substring(1);
      }
      String[] parts = rest.split("/");
      StringBuilder group = new StringBuilder(root);
      for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
        group.append(group.length() == 0 || group.charAt(group.length() - 1) == '/' ? "" : "/")
            .append(parts[i]);
      }
      return group.toString();
    }

    /** Sizes in classes by powers of 16 from 4 KiB; streams apart. */
    static String sizeClass(long size) {
      if (size < 0) {
        return "stream";
      }
      String[] names = {"< 4 KiB", "4 KiB - 64 KiB", "64 KiB - 1 MiB", "1 MiB - 16 MiB",
          "16 MiB - 256 MiB", "256 MiB - 4 GiB", "4 GiB - 64 GiB"};
      long limit = 4096;
      for (String n : names) {
        if (size < limit) {
          return n;
        }
        limit *= 16;
      }
      return ">= 64 GiB";
    }
  }
}
