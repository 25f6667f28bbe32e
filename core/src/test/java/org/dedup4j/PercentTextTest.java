package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/** The percent mode's text says when the sample saw no duplicate at all (hardening sweep). */
class PercentTextTest {

  private static final String NOTE = "no chunk of the sample was seen twice";

  @Test
  void aSampleWithoutDuplicatesSaysSo() {
    byte[] unique = new byte[4096 * 4000];
    new SplitMix64(5).fill(unique, 0, unique.length);
    DedupScanner scanner = DedupScanner.builder().samplePercent(5, 1).build();
    String text = scanner.scan(List.of(ScanSource.of("unique", unique))).toText();
    assertTrue(text.contains(NOTE), text);
    // Every block four times: the sample sees twins, and the note goes.
    byte[] copies = new byte[unique.length];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(unique, 0, copies, i * unique.length / 4, unique.length / 4);
    }
    String dup = scanner.scan(List.of(ScanSource.of("copies", copies))).toText();
    assertFalse(dup.contains(NOTE), dup);
  }
}
