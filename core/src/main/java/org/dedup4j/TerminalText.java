package org.dedup4j;

/**
 * Makes a string safe to print on a terminal: file names and strings read from summaries can hold
 * escape sequences, newlines or bidirectional overrides that would move the cursor, recolour the
 * screen, forge a line of the report or reorder what is shown. The text reports print every name
 * through it; JSON needs nothing (its strings are escaped).
 *
 * <pre>{@code
 * System.err.println("cannot read " + TerminalText.escape(path.toString()));
 * }</pre>
 *
 * <p>Escaped as {@code ls --quoting-style=escape} does: {@code \n}, {@code \t}, {@code \r}, other
 * C0 and C1 controls and DEL as {@code \xNN}, the bidirectional controls (U+202A..U+202E,
 * U+2066..U+2069) and line or paragraph separators as {@code \\uNNNN}, and a backslash as {@code
 * \\}, so that the escaped text names one string only. Anything else is kept.
 */
public final class TerminalText {

  private TerminalText() {}

  /**
   * The string with what a terminal would interpret escaped.
   *
   * @param s any string, or null
   * @return the string itself when it needs nothing (the usual case), an escaped copy otherwise,
   *     {@code "null"} for null
   */
  public static String escape(String s) {
    if (s == null) {
      return "null";
    }
    int i = 0;
    while (i < s.length() && !special(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!special(c)) {
        sb.append(c);
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x100) {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  private static boolean special(char c) {
    return c < 0x20 || c == '\\' || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028 || c == 0x2029;
  }
}
