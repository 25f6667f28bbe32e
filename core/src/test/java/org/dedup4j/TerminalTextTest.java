package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.strings;

import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** Names from disks and summaries reach the terminal escaped (hardening D15). */
class TerminalTextTest {

  @Test
  void escapedTextHoldsNothingATerminalInterpretsAndNamesOneString() {
    Seeds.qt("TerminalTextTest.escaped").withExamples(2000)
        .forAll(strings().betweenCodePoints(0, 0x2100).ofLengthBetween(0, 40))
        .checkAssert(s -> {
          String e = TerminalText.escape(s);
          for (char c : e.toCharArray()) {
            assertTrue(c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !(c >= 0x202A && c <= 0x202E)
                && !(c >= 0x2066 && c <= 0x2069) && c != 0x2028 && c != 0x2029,
                () -> "left " + (int) c + " in " + e);
          }
          assertEquals(s, unescape(e), e); // the escaping is reversible: one string only
        });
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "/data/vm 1/disk-é.img";
    assertSame(plain, TerminalText.escape(plain));
    assertEquals("a\\nb\\x1b[2Jc\\\\d\\u202e", TerminalText.escape("a\nb\u001b[2Jc\\d\u202e"));
  }

  /** The model: what the escapes mean. */
  private static String unescape(String e) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char k = e.charAt(++i);
      switch (k) {
        case '\\' -> sb.append('\\');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'x' -> {
          sb.append((char) Integer.parseInt(e.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          sb.append((char) Integer.parseInt(e.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new AssertionError("unknown escape \\" + k + " in " + e);
      }
    }
    return sb.toString();
  }
}
