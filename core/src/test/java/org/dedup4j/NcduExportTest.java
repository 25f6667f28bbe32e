package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dedup4j.NcduExport.FileUsage;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The ncdu export, parsed back: the header ncdu checks, one entry per file under the right
 * directories with its sizes, the root named by the longest common directory prefix, and names
 * escaped so that ncdu's reader (which refuses raw control characters and DEL) takes them.
 */
class NcduExportTest {

  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void theExactFormat() throws IOException {
    String out = export(List.of(new FileUsage("/data/sub/b", 5, 0),
        new FileUsage("/data/a", 3, 2)), "1.2");
    assertEquals("[1,0,{\"progname\":\"dedup4j\",\"progver\":\"1.2\",\"timestamp\":1700000000},\n"
        + "[{\"name\":\"/data\"},\n"
        + "{\"name\":\"a\",\"asize\":3,\"dsize\":2},\n"
        + "[{\"name\":\"sub\"},\n"
        + "{\"name\":\"b\",\"asize\":5,\"dsize\":0}]]]\n", out);
  }

  @Test
  void escapesAsNcduDoes() throws IOException {
    String name = "q\"b\\s\n\r\t\b\f\u0001\u001f\u007f é\u2028😀";
    String out = export(List.of(new FileUsage("d/" + name, 1, 1)), "v\"1");
    assertTrue(out.contains("{\"name\":\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f"
        + " é\u2028😀\",\"asize\":1"), out);
    assertTrue(out.contains("\"progver\":\"v\\\"1\""), out);
    assertEquals(name, parse(out).files.keySet().iterator().next()
        .substring("d/".length()));
  }

  @Test
  void rootIsTheLongestCommonDirectory() throws IOException {
    assertEquals("/data", parse(export(List.of(new FileUsage("/data/x.img", 7, 3)))).root);
    assertEquals(".", parse(export(List.of(new FileUsage("-", 7, 3)))).root);
    assertEquals(".", parse(export(List.of(new FileUsage("stdin", 1, 1),
        new FileUsage("a/b", 1, 1)))).root);
    assertEquals("/", parse(export(List.of(new FileUsage("/x", 1, 1),
        new FileUsage("/y/z", 1, 1)))).root);
    assertEquals("a", parse(export(List.of(new FileUsage("a/b/c", 1, 1),
        new FileUsage("a/d", 1, 1)))).root);
    assertEquals("a/b", parse(export(List.of(new FileUsage("a/b/c/d", 1, 1),
        new FileUsage("a/b/e/f", 1, 1)))).root);
    assertEquals("../x", parse(export(List.of(new FileUsage("../x/c", 1, 1),
        new FileUsage("../x/d/e", 1, 1)))).root);
    // empty and "." components are dropped; a trailing '/' too
    Parsed p = parse(export(List.of(new FileUsage("./data/a", 1, 2),
        new FileUsage("data//sub/./b/", 3, 4))));
    assertEquals("data", p.root);
    assertEquals(Map.of("data/a", List.of(1L, 2L), "data/sub/b", List.of(3L, 4L)), p.files);
  }

  @Test
  void refusesWhatNcduCannotShow() {
    assertMessage("path '/a/b' is given twice", List.of(new FileUsage("/a/b", 1, 1),
        new FileUsage("/a/b", 2, 2)));
    assertMessage("path '/a//b' is given twice (as '/a/b')", List.of(new FileUsage("/a/b", 1, 1),
        new FileUsage("/a//b", 2, 2)));
    assertMessage("path '/a/b/c' has the file '/a/b' as a directory",
        List.of(new FileUsage("/a/b", 1, 1), new FileUsage("/a/b/c", 2, 2)));
    assertMessage("path 'a/b' is a file and a directory of other paths",
        List.of(new FileUsage("a/b/c", 1, 1), new FileUsage("a/b", 2, 2)));
    assertMessage("paths mix absolute and relative ('/a/b', 'c')",
        List.of(new FileUsage("/a/b", 1, 1), new FileUsage("c", 2, 2)));
    assertMessage("no files to export", List.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FileUsage("/", 1, 1))
        .getMessage().contains("path '/' names no file"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FileUsage("", 1, 1))
        .getMessage().contains("path '' names no file"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FileUsage("f", -1, 1))
        .getMessage().contains("apparentBytes of f is -1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FileUsage("f", 1, -2))
        .getMessage().contains("diskBytes of f is -2"));
  }

  private static void assertMessage(String expected, List<FileUsage> files) {
    String m = assertThrows(IllegalArgumentException.class, () -> export(files)).getMessage();
    assertTrue(m.contains(expected), m);
  }

  /**
   * Random trees (absolute or relative, one to 40 files at depths 1 to 5, names with quotes,
   * backslashes, control characters, DEL and non-ASCII): every file once, with its sizes, under
   * its directories; each directory's sums are those of the files below it.
   */
  @Test
  void everyFileOnceUnderItsDirectories() {
    Seeds.qt("NcduExportTest.everyFileOnceUnderItsDirectories").withExamples(200)
        .forAll(longs().all(), integers().between(1, 40))
        .checkAssert((seed, n) -> {
          try {
            checkRandomTree(seed, n);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static final String[] NAME_PARTS = {"a", "b", "data", "x.img", " ", "\"", "\\", "\n",
      "\t", "\u0000", "\u0001", "\u007f", "é", "日本", "😀", "-", ".."};

  private static void checkRandomTree(long seed, int n) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    boolean absolute = rnd.below(2) == 0;
    String[] dirNames = new String[1 + (int) rnd.below(4)];
    for (int i = 0; i < dirNames.length; i++) {
      dirNames[i] = name(rnd);
    }
    List<FileUsage> files = new ArrayList<>();
    Map<String, List<Long>> model = new TreeMap<>();
    Set<String> taken = new HashSet<>(); // model paths and every directory above them
    for (int i = 0; i < n; i++) {
      int depth = 1 + (int) rnd.below(5);
      List<String> c = new ArrayList<>();
      for (int k = 0; k < depth - 1; k++) {
        c.add(dirNames[(int) rnd.below(dirNames.length)]); // few names: shared directories
      }
      c.add(name(rnd));
      String key = String.join("/", c);
      if (!canAdd(c, taken, model)) {
        continue;
      }
      long asize = rnd.below(1L << (1 + rnd.below(40)));
      long dsize = rnd.below(asize + 1);
      files.add(new FileUsage((absolute ? "/" : "") + key, asize, dsize));
      model.put(key, List.of(asize, dsize));
      for (int k = 1; k < c.size(); k++) {
        taken.add(String.join("/", c.subList(0, k)));
      }
    }
    String out = export(files);
    Parsed p = parse(out);
    assertEquals(model, p.files, out);
    assertEquals(absolute, p.root.startsWith("/"), p.root);
    // longest: the root holds a file or more than one entry, else its one directory is common too
    assertTrue(p.rootHasFile || p.rootEntries > 1, out);
    for (Map.Entry<String, long[]> d : p.dirSums.entrySet()) {
      long a = 0;
      long s = 0;
      for (Map.Entry<String, List<Long>> f : model.entrySet()) {
        if (d.getKey().isEmpty() || f.getKey().startsWith(d.getKey() + "/")) {
          a += f.getValue().get(0);
          s += f.getValue().get(1);
        }
      }
      assertEquals(a, d.getValue()[0], d.getKey());
      assertEquals(s, d.getValue()[1], d.getKey());
    }
  }

  /** No path twice, none a directory of another, no directory a file. */
  private static boolean canAdd(List<String> c, Set<String> dirs, Map<String, List<Long>> files) {
    String key = String.join("/", c);
    if (files.containsKey(key) || dirs.contains(key)) {
      return false;
    }
    for (int k = 1; k < c.size(); k++) {
      if (files.containsKey(String.join("/", c.subList(0, k)))) {
        return false;
      }
    }
    return true;
  }

  private static String name(SplitMix64 rnd) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + (int) rnd.below(3);
    for (int i = 0; i < parts; i++) {
      b.append(NAME_PARTS[(int) rnd.below(NAME_PARTS.length)]);
    }
    String s = b.toString();
    return s.equals("..") ? "up" : s; // ".." is kept as a name; a test path stays plain
  }

  private static String export(List<FileUsage> files) throws IOException {
    return export(files, "0.1.0");
  }

  private static String export(List<FileUsage> files, String progver) throws IOException {
    StringBuilder out = new StringBuilder();
    NcduExport.write(files, out, progver, T);
    return out.toString();
  }

  /** An export read back: files by path (root name's components, then entry names). */
  private static final class Parsed {
    String root;
    int rootEntries;
    boolean rootHasFile;
    final Map<String, List<Long>> files = new LinkedHashMap<>();
    final Map<String, long[]> dirSums = new TreeMap<>(); // by path, as files ("" for / and .)
  }

  /**
   * Parses strictly, checks what ncdu's reader needs (no raw control character or DEL; escapes
   * only below 0x80, since ncdu does not join surrogate pairs) and the shape of every entry.
   */
  private static Parsed parse(String out) {
    for (int i = 0; i < out.length(); i++) {
      char ch = out.charAt(i);
      assertTrue(ch == '\n' || (ch >= 0x20 && ch != 0x7F), "raw char " + (int) ch + " at " + i);
      if (ch == '\\' && out.charAt(i + 1) == 'u') {
        assertTrue(out.startsWith("\\u00", i) && out.charAt(i + 4) <= '7', out.substring(i));
      }
      if (ch == '\\') {
        i++;
      }
    }
    JsonReader reader = new JsonReader(new StringReader(out));
    reader.setStrictness(Strictness.STRICT);
    JsonArray top = JsonParser.parseReader(reader).getAsJsonArray();
    assertEquals(4, top.size());
    assertEquals(1, top.get(0).getAsInt());
    assertEquals(0, top.get(1).getAsInt());
    JsonObject meta = top.get(2).getAsJsonObject();
    assertEquals("dedup4j", meta.get("progname").getAsString());
    assertEquals(T.getEpochSecond(), meta.get("timestamp").getAsLong());
    JsonArray root = top.get(3).getAsJsonArray();
    Parsed p = new Parsed();
    p.root = dirInfo(root);
    p.rootEntries = root.size() - 1;
    for (int i = 1; i < root.size(); i++) {
      p.rootHasFile |= root.get(i).isJsonObject();
    }
    List<String> base = new ArrayList<>();
    for (String s : p.root.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        base.add(s);
      }
    }
    walk(root, base, p);
    return p;
  }

  private static String dirInfo(JsonArray dir) {
    JsonObject info = dir.get(0).getAsJsonObject();
    assertEquals(Set.of("name"), info.keySet());
    return info.get("name").getAsString();
  }

  /** Adds the files below {@code dir}; returns their sums. */
  private static long[] walk(JsonArray dir, List<String> path, Parsed p) {
    long[] sums = new long[2];
    Set<String> names = new HashSet<>();
    for (int i = 1; i < dir.size(); i++) {
      JsonElement e = dir.get(i);
      List<String> c = new ArrayList<>(path);
      long[] s;
      String name;
      if (e.isJsonArray()) {
        name = dirInfo(e.getAsJsonArray());
        c.add(name);
        s = walk(e.getAsJsonArray(), c, p);
      } else {
        JsonObject f = e.getAsJsonObject();
        assertEquals(Set.of("name", "asize", "dsize"), f.keySet());
        name = f.get("name").getAsString();
        c.add(name);
        s = new long[] {f.get("asize").getAsLong(), f.get("dsize").getAsLong()};
        List<Long> was = p.files.put(String.join("/", c), List.of(s[0], s[1]));
        assertEquals(null, was, String.join("/", c));
      }
      assertTrue(names.add(name), "twice in one directory: " + name);
      sums[0] += s[0];
      sums[1] += s[1];
    }
    p.dirSums.put(String.join("/", path), sums);
    return sums;
  }
}
