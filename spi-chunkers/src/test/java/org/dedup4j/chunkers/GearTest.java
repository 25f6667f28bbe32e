package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;

/** {@code gear}: the kernel against the definition, the gear hash of the last 64 bytes. */
class GearTest {

  /** The gear hash after byte {@code i - 1}, from the 64 bytes before {@code i} (older ones shift out). */
  static long gearHashBefore(byte[] data, int from, int i, long seed) {
    long h = 0;
    for (int p = Math.max(from, i - 64); p < i; p++) {
      h = (h << 1) + (Tables.GEAR[data[p] & 0xff] ^ seed);
    }
    return h;
  }

  static int modelCut(byte[] data, int from, int end, int min, int avg, int max, long seed) {
    int remaining = end - from;
    if (remaining <= min) {
      return end;
    }
    remaining = Math.min(remaining, max);
    long mask = -1L << (64 - Tables.log2Rounded(avg));
    for (int c = min; c <= remaining; c++) {
      if ((gearHashBefore(data, from, from + c, seed) & mask) == 0) {
        return from + c;
      }
    }
    return from + remaining;
  }

  @Test
  void kernelMatchesTheDefinition() {
    byte[] data = TestData.random(0x6ea5, 1 << 19);
    int[][] sizes = {{64, 256, 1024}, {100, 1500, 3001}, {2048, 8192, 65536}};
    long[] seeds = {0, 42, -1L};
    for (int[] s : sizes) {
      for (long seed : seeds) {
        Chunker c = Chunkers.fromSpec("gear:min=" + s[0] + ",avg=" + s[1] + ",max=" + s[2] + ",seed=" + Long.toUnsignedString(seed));
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
        for (int from = 0; from < data.length; ) {
          int expected = modelCut(data, from, data.length, s[0], s[1], s[2], seed);
          int cut = c.nextCut(ByteBuffer.wrap(data), from, data.length);
          assertEquals(expected, cut, c.spec() + " at " + from);
          assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
          from = cut;
        }
      }
    }
  }

  @Test
  void seedChangesCuts() {
    byte[] data = TestData.random(1, 1 << 20);
    assertFalse(
        Arrays.equals(
            TestData.cuts(Chunkers.fromSpec("gear:seed=0"), data), TestData.cuts(Chunkers.fromSpec("gear:seed=1"), data)));
  }
}
