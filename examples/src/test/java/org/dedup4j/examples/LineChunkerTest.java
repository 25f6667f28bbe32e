package org.dedup4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The toy chunker keeps the {@link Chunker} contract: the chunks cover the input exactly, each is
 * within min..max except the last, the cuts are deterministic, a pass resumed at any cut agrees with
 * one pass, and seeing only {@code max} bytes gives the same cut as seeing everything.
 */
class LineChunkerTest {

  /** Text-like bytes: short runs of letters and newlines, sometimes long lines. */
  static byte[] text(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = r.nextInt(r.nextBoolean() ? 8 : 400) == 0 ? (byte) '\n' : (byte) ('a' + r.nextInt(26));
    }
    return b;
  }

  static List<Integer> cuts(Chunker c, ByteBuffer data, int from) {
    List<Integer> cuts = new ArrayList<>();
    int end = data.capacity();
    while (from < end) {
      int cut = c.nextCut(data, from, end);
      assertTrue(cut > from && cut <= end, "cut " + cut + " outside (" + from + ", " + end + "]");
      cuts.add(cut);
      from = cut;
    }
    return cuts;
  }

  @Test
  void contract() {
    Seeds.qt("LineChunkerTest.contract").withExamples(300)
        .forAll(longs().all(), integers().between(0, 20_000), integers().between(1, 64),
            integers().between(1, 2048))
        .checkAssert((seed, length, min, extra) -> {
          int max = min + extra - 1;
          Chunker c = Chunkers.fromSpec("lines:min=" + min + ",max=" + max);
          byte[] bytes = text(seed, length);
          ByteBuffer heap = ByteBuffer.wrap(bytes);
          List<Integer> cuts = cuts(c, heap, 0);

          int from = 0;
          for (int i = 0; i < cuts.size(); i++) {
            int size = cuts.get(i) - from;
            boolean last = i == cuts.size() - 1;
            assertTrue(size <= max, "chunk of " + size + " > max " + max);
            assertTrue(last || size >= min, "chunk of " + size + " < min " + min);
            assertTrue(last || size == max || bytes[cuts.get(i) - 1] == '\n',
                "a chunk ends in a newline unless it is max long or the last");
            from = cuts.get(i);
          }
          assertEquals(length, cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1), "covers the input");

          ByteBuffer direct = ByteBuffer.allocateDirect(length).put(bytes).flip();
          assertEquals(cuts, cuts(c, direct, 0), "direct buffer");
          assertEquals(cuts, cuts(c, heap.duplicate(), 0), "deterministic");
          if (cuts.size() > 2) {
            int k = cuts.size() / 2;
            assertEquals(cuts.subList(k, cuts.size()), cuts(c, heap, cuts.get(k - 1)), "resumed");
          }
          int f = 0;
          for (int cut : cuts) { // only max bytes in view, unless at the end of the input
            int to = Math.min(length, f + max);
            assertEquals(cut, c.nextCut(heap, f, to), "limited view at " + f);
            f = cut;
          }
        });
  }

  @Test
  void specRoundTripsAndDefaults() {
    Chunker c = Chunkers.fromSpec("lines");
    assertEquals("lines:min=1,max=65536", c.spec());
    assertEquals(1, c.minChunkSize());
    assertEquals(65536, c.maxChunkSize());
    assertEquals(0, c.fixedChunkSize(), "content-defined");
    assertEquals(c.spec(), Chunkers.fromSpec(c.spec()).spec());
    assertEquals("lines:min=16,max=4096", Chunkers.fromSpec("lines:min=16,max=4k").spec());
  }

  @Test
  void limitsAreChecked() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("lines:min=0"));
    assertTrue(zero.getMessage().contains("option min: 0 is out of range; allowed 1..1048576"),
        zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("lines:max=2M"));
    IllegalStateException conflict =
        assertThrows(IllegalStateException.class, () -> Chunkers.fromSpec("lines:min=10,max=5"));
    assertEquals("chunker lines: option min (10) is larger than max (5)", conflict.getMessage());
  }

  @Test
  void foundThroughServiceLoader() {
    assertTrue(Chunkers.providers().stream().anyMatch(p -> p instanceof LineChunkerProvider));
    assertInstanceOf(LineChunker.class, Chunkers.fromSpec("lines"));
  }
}
