package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;

/** {@code buzhash}: the rolling kernel against borg's {@code buzhash()} computed afresh per window, and borg's seed notes. */
class BuzhashTest {

  /** borg's {@code buzhash(data, len, h)} with {@code h = table_base ^ seed}. */
  static int borgBuzhash(byte[] data, int offset, int len, int seed) {
    int sum = 0;
    int p = offset;
    for (int i = len - 1; i > 0; i--) {
      sum ^= Integer.rotateLeft(Tables.BORG_BUZHASH[data[p++] & 0xff] ^ seed, i & 0x1f);
    }
    return sum ^ (Tables.BORG_BUZHASH[data[p] & 0xff] ^ seed);
  }

  /** Cut by definition: the first c in [min, min(max, n)] whose window [c - w, c) hashes to zero under the mask. */
  static int modelCut(byte[] data, int from, int end, int min, int avg, int max, int w, int seed) {
    int remaining = end - from;
    if (remaining <= min) {
      return end;
    }
    remaining = Math.min(remaining, max);
    int mask = (1 << Tables.log2Rounded(avg)) - 1;
    for (int c = min; c <= remaining; c++) {
      if ((borgBuzhash(data, from + c - w, w, seed) & mask) == 0) {
        return from + c;
      }
    }
    return from + remaining;
  }

  @Test
  void rollingKernelMatchesBorgsHashPerWindow() {
    byte[] data = TestData.random(0xb0, 1 << 18);
    int[][] params = {{64, 256, 1024, 31, 0}, {256, 1024, 8192, 100, 7}, {2048, 2048, 4096, 2048, -1}, {700, 1500, 3000, 33, 12345}};
    for (int[] p : params) {
      Chunker c = Chunkers.fromSpec("buzhash:min=" + p[0] + ",avg=" + p[1] + ",max=" + p[2] + ",window=" + p[3] + ",seed=" + Integer.toUnsignedString(p[4]));
      ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
      for (int from = 0; from < data.length; ) {
        int expected = modelCut(data, from, data.length, p[0], p[1], p[2], p[3], p[4]);
        int cut = c.nextCut(ByteBuffer.wrap(data), from, data.length);
        assertEquals(expected, cut, c.spec() + " at " + from);
        assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
        from = cut;
      }
    }
  }

  /** borg's note 3: with a window that is a multiple of 64 the seed cancels out; with 63 it does not. */
  @Test
  void seedCancelsOutForWindowsThatAreMultiplesOf64() {
    byte[] data = TestData.random(64, 1 << 20);
    int[] seed0 = TestData.cuts(Chunkers.fromSpec("buzhash:min=2k,avg=8k,max=64k,window=64,seed=0"), data);
    int[] seeded = TestData.cuts(Chunkers.fromSpec("buzhash:min=2k,avg=8k,max=64k,window=64,seed=0x9e3779b9"), data);
    assertArrayEquals(seed0, seeded);
    assertFalse(
        Arrays.equals(
            TestData.cuts(Chunkers.fromSpec("buzhash:min=2k,avg=8k,max=64k,window=63,seed=0"), data),
            TestData.cuts(Chunkers.fromSpec("buzhash:min=2k,avg=8k,max=64k,window=63,seed=0x9e3779b9"), data)));
  }

  @Test
  void defaults() {
    assertEquals("buzhash:min=2048,avg=8192,max=65536,window=31,seed=0", Chunkers.fromSpec("buzhash").spec());
  }
}
