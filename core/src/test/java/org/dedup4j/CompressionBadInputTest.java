package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad compression settings fail fast, with a message that names the value and what is allowed. */
class CompressionBadInputTest {

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + message + "' should mention '" + p + "'");
    }
  }

  @Test
  void unknownCodecListsTheAvailableOnes() {
    assertMentions(message(() -> Compression.parse("brotli:level=3")),
        "unknown codec 'brotli'", "available: deflate");
    assertMentions(message(() -> Codecs.fromSpec("")), "codec spec is empty", "deflate");
  }

  @Test
  void levelOutOfRange() {
    assertMentions(message(() -> Compression.parse("deflate:level=10")), "level", "10",
        "allowed 1..9");
    assertMentions(message(() -> Codecs.deflate(0)), "level", "0", "allowed 1..9");
  }

  @Test
  void unitNotAPowerOfTwoOrOutOfRange() {
    assertMentions(message(() -> Compression.parse("deflate:unit=5000")), "unit",
        "not a power of two", "4k, 8k", "1m, or chunk");
    assertMentions(message(() -> Compression.parse("deflate:unit=2k")), "unit", "2k",
        "out of range", "4k, 8k");
    assertMentions(message(() -> Compression.parse("deflate:unit=2m")), "out of range");
    assertMentions(message(() -> Compression.parse("deflate:unit=lots")), "unit", "lots",
        "or chunk");
    assertMentions(message(() -> Compression.of(Codecs.deflate(1), 3 << 12, 1)),
        "not a power of two");
  }

  @Test
  void grainLargerThanTheUnit() {
    assertMentions(message(() -> Compression.parse("deflate:unit=8k,grain=16k")), "grain",
        "16384", "at most the unit, 8k");
    assertMentions(message(() -> Compression.parse("deflate:grain=0")), "grain", "out of range");
  }

  @Test
  void unknownOptionListsEveryOption() {
    assertMentions(message(() -> Compression.parse("deflate:window=15")),
        "unknown option 'window'", "allowed: level, unit, grain");
    assertMentions(message(() -> Codecs.fromSpec("deflate:unit=4k")),
        "unit belongs to a Compression", "Compression.parse");
  }

  @Test
  void sampleOfZeroOrNonsense() {
    assertMentions(message(() -> CompressionSample.parse("0")), "0", "out of range",
        "allowed auto, 1..16777216 units, or all");
    assertMentions(message(() -> CompressionSample.parse("-5")), "out of range");
    assertMentions(message(() -> CompressionSample.parse("most")), "'most'", "auto", "all");
    assertMentions(message(() -> CompressionSample.auto(0, 0.95)), "precision", "allowed");
    assertMentions(message(() -> CompressionSample.auto(0.01, 1.0)), "confidence", "allowed");
  }

  @Test
  void perChunkNeedsAScan() {
    assertMentions(message(() -> CompressibilityEstimator.builder().compress("deflate:unit=chunk")),
        "unit=chunk", "needs a dedupe scan");
  }

  @Test
  void canonicalSpecs() {
    assertEquals("deflate:level=6,unit=32k,grain=1", Compression.parse("deflate").spec());
    assertEquals("deflate:level=1,unit=1m,grain=4k",
        Compression.parse(" DEFLATE:grain=4096, unit=1MiB,level=1 ").spec());
    assertEquals("deflate:level=6,unit=chunk,grain=512",
        Compression.parse("deflate:unit=chunk,grain=512").spec());
    assertEquals(CompressionSample.all(), CompressionSample.parse("ALL"));
    assertEquals(CompressionSample.units(500), CompressionSample.parse("500"));
  }

  @Test
  void storedSizeIsRoundedUpToTheGrainAndCappedAtTheUnit() {
    Compression c = Compression.parse("deflate:unit=8k,grain=512");
    assertEquals(3072, c.stored(8192, 3000));
    assertEquals(3072, c.stored(8192, 3072));
    assertEquals(8192, c.stored(8192, 8000)); // rounds to 8192: no gain, stored raw
    assertEquals(8192, c.stored(8192, 9000)); // grew: stored raw
    assertEquals(1000, c.stored(1000, 900));  // a short last unit is capped at its own size
    assertEquals(1, Compression.parse("deflate").stored(100, 1));
  }
}
