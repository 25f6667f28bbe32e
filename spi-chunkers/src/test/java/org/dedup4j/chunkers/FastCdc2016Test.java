package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;

/** {@code fastcdc2016} against fastcdc-rs's published vectors ({@code src/v2016/mod.rs}) and its model. */
class FastCdc2016Test {

  private static Chunker chunker(int min, int avg, int max, int level) {
    return Chunkers.fromSpec("fastcdc2016:min=" + min + ",avg=" + avg + ",max=" + max + ",level=" + level);
  }

  @Test
  void sekien16k() {
    TestData.assertLengths(
        new int[] {21325, 17140, 28084, 18217, 24700}, chunker(4096, 16384, 65535, 1), TestData.sekien());
  }

  @Test
  void sekien32k() {
    TestData.assertLengths(new int[] {66549, 42917}, chunker(8192, 32768, 131072, 1), TestData.sekien());
  }

  @Test
  void sekien16kLevel0() {
    TestData.assertLengths(
        new int[] {6634, 59915, 25597, 5237, 12083}, chunker(4096, 16384, 65535, 0), TestData.sekien());
  }

  @Test
  void sekien16kLevel3() {
    TestData.assertLengths(
        new int[] {17350, 19911, 17426, 17519, 19940, 17320}, chunker(4096, 16384, 65535, 3), TestData.sekien());
  }

  @Test
  void sekienGearHashes() {
    byte[] data = TestData.sekien();
    assertHashes(data, 4096, 16384, 65535, 1,
        "17968276318003433923", "4098594969649699419", "15733367461443853673", "4509236223063678303",
        "2504464741100432583");
    assertHashes(data, 8192, 32768, 131072, 1, "15733367461443853673", "2504464741100432583");
    assertHashes(data, 16384, 65536, 262144, 1, "2504464741100432583");
  }

  private static void assertHashes(byte[] data, int min, int avg, int max, int level, String... hashes) {
    Chunker c = chunker(min, avg, max, level);
    int from = 0;
    for (String hash : hashes) {
      ReferenceModels.Cut cut = ReferenceModels.v2016(data, from, data.length - from, min, avg, max, level);
      assertEquals(Long.parseUnsignedLong(hash), cut.hash(), c.spec() + " hash at chunk from " + from);
      assertEquals(from + cut.length(), c.nextCut(ByteBuffer.wrap(data), from, data.length), c.spec());
      from += cut.length();
    }
    assertEquals(data.length, from, c.spec());
  }

  @Test
  void allZerosGiveMaxSizedChunksWithThePublishedHash() {
    byte[] zeros = new byte[10240];
    Chunker c = chunker(64, 256, 1024, 1);
    int[] tens = new int[10];
    java.util.Arrays.fill(tens, 1024);
    assertArrayEquals(tens, TestData.lengths(TestData.cuts(c, zeros)));
    assertEquals(
        Long.parseUnsignedLong("14169102344523991076"),
        ReferenceModels.v2016(zeros, 0, zeros.length, 64, 256, 1024, 1).hash());
  }

  @Test
  void kernelMatchesTheReferenceModel() {
    int[][] sizes = {{64, 256, 1024}, {4096, 16384, 65535}, {2048, 8192, 65536}, {4097, 12288, 40000}, {100, 1500, 3001}};
    byte[] data = TestData.random(2016, 1 << 20);
    for (int[] s : sizes) {
      for (int level = 0; level <= 3; level++) {
        Chunker c = chunker(s[0], s[1], s[2], level);
        ByteBuffer heap = ByteBuffer.wrap(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
        for (int from = 0; from < data.length; ) {
          ReferenceModels.Cut ref = ReferenceModels.v2016(data, from, data.length - from, s[0], s[1], s[2], level);
          int cut = c.nextCut(heap, from, data.length);
          assertEquals(from + ref.length(), cut, c.spec() + " at " + from);
          assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
          from = cut;
        }
      }
    }
  }
}
