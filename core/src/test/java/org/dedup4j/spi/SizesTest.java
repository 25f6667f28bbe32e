package org.dedup4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.longs;

import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void parsesWhatUsersWrite() {
    assertEquals(4096, Sizes.parse("4096"));
    assertEquals(4096, Sizes.parse("4k"));
    assertEquals(4096, Sizes.parse("4K"));
    assertEquals(4096, Sizes.parse("4KB"));
    assertEquals(65536, Sizes.parse("64KiB"));
    assertEquals(1536, Sizes.parse("1.5k"));
    assertEquals(512L << 20, Sizes.parse("512M"));
    assertEquals(2L << 30, Sizes.parse(" 2 GiB "));
    assertEquals(1L << 40, Sizes.parse("1t"));
    assertEquals(7, Sizes.parse("7b"));
  }

  @Test
  void rejectsWhatIsNotASize() {
    for (String bad : new String[] {"", "k", "-4k", "4x", "1.3", "0.1b", "9e", "4 k b", "99999999999999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
      assertEquals(true, e.getMessage().contains(bad.trim().isEmpty() ? "" : bad), e.getMessage());
    }
  }

  @Test
  void formatIsWithinOnePercentAndExactForPowersOfTwo() {
    Seeds.qt("SizesTest.formatIsWithinOnePercentAndExactForPowersOfTwo").forAll(longs().between(0, Long.MAX_VALUE / 2)).checkAssert(n -> {
      String[] parts = Sizes.format(n).split(" ");
      int unit = java.util.List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB").indexOf(parts[1]);
      double shown = Double.parseDouble(parts[0]) * Math.pow(1024, unit);
      assertEquals(1.0, n == 0 ? 1.0 : shown / n, 0.01, n + " shown as " + Sizes.format(n));
    });
    for (int shift = 0; shift < 62; shift++) {
      assertEquals(1L << shift, Sizes.parse(Sizes.format(1L << shift).replace(" ", "")));
    }
  }
}
