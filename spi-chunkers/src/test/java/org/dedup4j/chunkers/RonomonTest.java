package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;

/**
 * {@code ronomon} against the vectors of {@code @ronomon/deduplication} as fastcdc-rs's {@code
 * ronomon} module publishes them, and against a transliteration of that module.
 */
class RonomonTest {

  private static Chunker chunker(int min, int avg, int max) {
    return Chunkers.fromSpec("ronomon:min=" + min + ",avg=" + avg + ",max=" + max);
  }

  @Test
  void sekien16k() {
    TestData.assertLengths(new int[] {22366, 8282, 16303, 18696, 32768, 11051}, chunker(8192, 16384, 32768), TestData.sekien());
  }

  @Test
  void sekien32k() {
    TestData.assertLengths(new int[] {32857, 16408, 60201}, chunker(16384, 32768, 65536), TestData.sekien());
  }

  @Test
  void sekien64k() {
    TestData.assertLengths(new int[] {32857, 76609}, chunker(32768, 65536, 131072), TestData.sekien());
  }

  @Test
  void sekienHashes() {
    byte[] data = TestData.sekien();
    assertHashes(data, 8192, 16384, 32768, 1527472128L, 1174757376L, 2687197184L, 1210105856L, 2984739645L, 1121740051L);
    assertHashes(data, 16384, 32768, 65536, 2772598784L, 1651589120L, 1121740051L);
    assertHashes(data, 32768, 65536, 131072, 2772598784L, 1121740051L);
  }

  private static void assertHashes(byte[] data, int min, int avg, int max, long... hashes) {
    Chunker c = chunker(min, avg, max);
    int from = 0;
    for (long hash : hashes) {
      ReferenceModels.Cut cut = ReferenceModels.ronomon(data, from, data.length - from, min, avg, max);
      assertEquals(hash, cut.hash(), c.spec() + " hash at chunk from " + from);
      assertEquals(from + cut.length(), c.nextCut(ByteBuffer.wrap(data), from, data.length), c.spec());
      from += cut.length();
    }
    assertEquals(data.length, from, c.spec());
  }

  @Test
  void allZerosGiveMaxSizedChunksWithThePublishedHash() {
    byte[] zeros = new byte[10240];
    int[] tens = new int[10];
    Arrays.fill(tens, 1024);
    assertArrayEquals(tens, TestData.lengths(TestData.cuts(chunker(64, 256, 1024), zeros)));
    for (int from = 0; from < zeros.length; from += 1024) {
      assertEquals(3106636015L, ReferenceModels.ronomon(zeros, from, zeros.length - from, 64, 256, 1024).hash());
    }
  }

  @Test
  void kernelMatchesTheReferenceModel() {
    int[][] sizes = {{64, 256, 1024}, {8192, 16384, 32768}, {2048, 8192, 65536}, {4097, 12288, 40000}, {100, 1500, 3001}, {1000, 1000, 1024}};
    byte[] data = TestData.random(7, 1 << 20);
    for (int[] s : sizes) {
      Chunker c = chunker(s[0], s[1], s[2]);
      ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
      for (int from = 0; from < data.length; ) {
        ReferenceModels.Cut ref = ReferenceModels.ronomon(data, from, data.length - from, s[0], s[1], s[2]);
        int cut = c.nextCut(ByteBuffer.wrap(data), from, data.length);
        assertEquals(from + ref.length(), cut, c.spec() + " at " + from);
        assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
        from = cut;
      }
    }
  }
}
