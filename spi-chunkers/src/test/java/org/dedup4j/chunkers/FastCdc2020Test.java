package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * {@code fastcdc2020} against the vectors fastcdc-rs publishes ({@code src/v2020/mod.rs} tests; the
 * table in {@code ../shared/testdata/README.md}), and the fast kernel against a transliteration of
 * the reference.
 */
class FastCdc2020Test {

  private static Chunker chunker(int min, int avg, int max, int level, long seed) {
    return Chunkers.fromSpec(
        "fastcdc2020:min=" + min + ",avg=" + avg + ",max=" + max + ",level=" + level + ",seed=" + Long.toUnsignedString(seed));
  }

  @Test
  void sekien16k() {
    TestData.assertLengths(
        new int[] {21325, 17140, 28084, 18217, 24700}, chunker(4096, 16384, 65535, 1, 0), TestData.sekien());
  }

  @Test
  void sekien16kSeed666() {
    TestData.assertLengths(
        new int[] {10605, 55745, 11346, 5883, 11586, 14301},
        chunker(4096, 16384, 65535, 1, 666),
        TestData.sekien());
  }

  @Test
  void sekien32k() {
    TestData.assertLengths(new int[] {66549, 42917}, chunker(8192, 32768, 131072, 1, 0), TestData.sekien());
  }

  @Test
  void sekien64k() {
    TestData.assertLengths(new int[] {109466}, chunker(16384, 65536, 262144, 1, 0), TestData.sekien());
  }

  @Test
  void sekien16kLevel0() {
    TestData.assertLengths(
        new int[] {6634, 59915, 25597, 5237, 12083}, chunker(4096, 16384, 65535, 0, 0), TestData.sekien());
  }

  @Test
  void sekien16kLevel3() {
    TestData.assertLengths(
        new int[] {17350, 19911, 17426, 17519, 19940, 17320},
        chunker(8192, 16384, 32768, 3, 0),
        TestData.sekien());
  }

  @Test
  void defaultsAreLevel1AndSeed0() {
    assertEquals(
        "fastcdc2020:min=4096,avg=16384,max=65535,level=1,seed=0",
        Chunkers.fromSpec("fastcdc2020:min=4k,avg=16k,max=65535").spec());
    assertEquals("fastcdc2020:min=2048,avg=8192,max=65536,level=1,seed=0", Chunkers.fromSpec("fastcdc2020").spec());
  }

  /**
   * The gear hash at each cut, as fastcdc-rs's tests publish them, through the model; the model's
   * cuts are the kernel's.
   */
  @Test
  void sekienGearHashes() {
    byte[] data = TestData.sekien();
    assertHashes(data, 4096, 16384, 65535, 1,
        "17968276318003433923", "8197189939299398838", "13019990849178155730", "4509236223063678303",
        "2504464741100432583");
    assertHashes(data, 8192, 32768, 131072, 1, "15733367461443853673", "6321136627705800457");
    assertHashes(data, 16384, 65536, 262144, 1, "2504464741100432583");
    assertHashes(data, 4096, 16384, 65535, 0,
        "443122261039895162", "15733367461443853673", "10460176299449652894", "6197802202431009942",
        "6321136627705800457");
    assertHashes(data, 8192, 16384, 32768, 3,
        "10718006254707412376", "13104072099671895560", "12322483109039221194", "16009206469796846404",
        "2473608525189754172", "2504464741100432583");
  }

  private static void assertHashes(byte[] data, int min, int avg, int max, int level, String... hashes) {
    Chunker c = chunker(min, avg, max, level, 0);
    int from = 0;
    for (String hash : hashes) {
      ReferenceModels.Cut cut = ReferenceModels.v2020(data, from, data.length - from, min, avg, max, level, 0);
      assertEquals(Long.parseUnsignedLong(hash), cut.hash(), c.spec() + " hash at chunk from " + from);
      assertEquals(from + cut.length(), c.nextCut(ByteBuffer.wrap(data), from, data.length), c.spec());
      from += cut.length();
    }
    assertEquals(data.length, from, c.spec());
  }

  @Test
  void allZerosGiveMaxSizedChunksWithThePublishedHash() {
    byte[] zeros = new byte[10240];
    Chunker c = chunker(64, 256, 1024, 1, 0);
    assertArrayEquals(new int[] {1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024}, TestData.lengths(TestData.cuts(c, zeros)));
    for (int from = 0; from < zeros.length; from += 1024) {
      assertEquals(
          Long.parseUnsignedLong("14169102344523991076"),
          ReferenceModels.v2020(zeros, from, zeros.length - from, 64, 256, 1024, 1, 0).hash());
    }
  }

  /**
   * The kernel against the model for random options, with {@code avg} at most 144 bytes past {@code
   * min} (so the strict-mask loop is short or empty), any {@code max} up to 8 times {@code avg},
   * any level, and half the cases seeded.
   */
  @Test
  void kernelMatchesTheReferenceModelForAnyOptions() {
    byte[] data = TestData.random(2021, 1 << 16);
    ByteBuffer heap = ByteBuffer.wrap(data);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
    Seeds.qt("FastCdc2020Test.kernelMatchesTheReferenceModelForAnyOptions", 2020).withExamples(300)
        .forAll(integers().between(64, 4096), integers().between(0, 144),
            integers().between(0, 3), longs().all())
        .checkAssert((min, gap, level, random) -> {
          int avg = Math.max(256, min + gap);
          int max = Math.max(1024, avg * (1 + (int) (random & 7))); // up to 8 times avg
          long seed = (random & 8) == 0 ? 0 : random; // half the cases on the unseeded kernel
          Chunker c = chunker(min, avg, max, level, seed);
          for (int from = 0; from < data.length; ) {
            int want = from + ReferenceModels.v2020(data, from, data.length - from, min, avg, max, level, seed).length();
            assertEquals(want, c.nextCut(heap, from, data.length), c.spec() + " at " + from);
            assertEquals(want, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
            from = want;
          }
        });
  }

  /** The fast kernel (array and buffer paths) against the model, on many sizes, levels and seeds. */
  @Test
  void kernelMatchesTheReferenceModel() {
    int[][] sizes = {{64, 256, 1024}, {4096, 16384, 65535}, {2048, 8192, 65536}, {4097, 12288, 40000}, {100, 1500, 3001}, {8192, 16384, 32768},
      {256, 256, 1024}, {230, 256, 1024}, {1001, 1030, 5000}}; // the last three: avg close to min
    long[] seeds = {0, 666, -1L, 0x0123456789abcdefL};
    byte[] data = TestData.random(2020, 1 << 20);
    for (int[] s : sizes) {
      for (int level = 0; level <= 3; level++) {
        for (long seed : seeds) {
          Chunker c = chunker(s[0], s[1], s[2], level, seed);
          ByteBuffer heap = ByteBuffer.wrap(data);
          ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).clear();
          for (int from = 0; from < data.length; ) {
            ReferenceModels.Cut ref =
                ReferenceModels.v2020(data, from, data.length - from, s[0], s[1], s[2], level, seed);
            int cut = c.nextCut(heap, from, data.length);
            assertEquals(from + ref.length(), cut, c.spec() + " at " + from);
            assertEquals(cut, c.nextCut(direct, from, data.length), c.spec() + " direct at " + from);
            from = cut;
          }
        }
      }
    }
  }
}
