package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dedup4j.Chunkers;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Target;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The array models against a plain table of buckets read off qdda 2.2.3's source, without qdda.
 *
 * <p>The table, from {@code src/qdda.cpp}, {@code Metadata::setArray} (buckets in KiB):
 *
 * <pre>
 * else if(in=="x1")    { init(8,1,x1,lz4); buckets &lt;&lt; 2 &lt;&lt; 4 &lt;&lt; 8 ; }
 * else if(in=="x2")    { init(16,1,x2,lz4); for(int i=1;i&lt;=16;i++) if(i!=14) buckets &lt;&lt; i; }
 * else if(in=="vmax")  { init(128,1,vmax,lz4); for(int i=8;i&lt;=128;i+=8) buckets &lt;&lt; i; }
 * else if(in=="pmax")  { init(128,20,pmax,deflate); for(int i=8;i&lt;=128;i+=8) buckets &lt;&lt; i; }
 * </pre>
 *
 * <p>How a compressed size becomes a bucket ({@code src/database.cpp}, {@code QddaDB::createdb}):
 * view {@code v_sums_compressed} groups unique non-zero blocks by {@code ((bytes-1)/1024)+1}, the
 * compressed size in KiB rounded up, and {@code v_bucket_compressed} takes {@code (select
 * min(bucksz) from buckets where bucksz >= size)}. {@code compress_lz4} ({@code src/qdda.cpp})
 * returns the block size when LZ4's output would not fit in the block, so an incompressible block
 * takes the largest bucket, the block. Zero blocks hash to 0 ({@code hash_md5}) and are left out
 * of every compressed view ({@code where hash!=0}).
 */
class ArrayModelsTest {

  /** The table above, written out by hand in KiB: no loop shared with the code under test. */
  private static final Map<String, int[]> BUCKETS_KIB = Map.of(
      "xtremio-x1", new int[] {2, 4, 8},
      "xtremio-x2", new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16},
      "vmax", new int[] {8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128},
      "powermax", new int[] {8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128});

  private static final Map<String, Integer> BLOCK_KIB =
      Map.of("xtremio-x1", 8, "xtremio-x2", 16, "vmax", 128, "powermax", 128);

  private static final Map<String, String> CODEC = Map.of(
      "xtremio-x1", "lz4", "xtremio-x2", "lz4", "vmax", "lz4", "powermax", "deflate:level=6");

  private static Target target(String spec) {
    return TargetSpecs.parse(spec);
  }

  /**
   * qdda's mapping, as its SQL does it: the compressed bytes (at most the block, as {@code
   * compress_lz4} caps them) in KiB rounded up, then the smallest bucket at least that large.
   */
  private static long qddaBucketBytes(String model, int compressed) {
    int blockKib = BLOCK_KIB.get(model);
    int bytes = compressed < 0 || compressed > blockKib * 1024 ? blockKib * 1024 : compressed;
    int sizeKib = ((bytes - 1) / 1024) + 1; // SQLite integer division truncates toward zero
    int best = Integer.MAX_VALUE;
    for (int b : BUCKETS_KIB.get(model)) {
      if (b >= sizeKib && b < best) {
        best = b;
      }
    }
    return best * 1024L;
  }

  @Test
  void theServiceFileListsEveryArray() {
    List<String> names = TargetSpecs.providers().stream().map(p -> p.name()).toList();
    assertTrue(names.containsAll(
        List.of("xtremio-x1", "xtremio-x2", "vmax", "powermax", "array")), names.toString());
    for (var p : TargetSpecs.providers()) {
      assertFalse(p.description().isBlank(), p.name());
    }
  }

  @Test
  void theFourModelsAreFoundByNameWithQddasBlockSizesAndCodecs() {
    for (String model : BUCKETS_KIB.keySet()) {
      Target t = target(model);
      assertEquals(model, t.spec());
      assertEquals(t, target(t.spec()), "the spec round-trips");
      assertEquals("fixed:size=" + BLOCK_KIB.get(model) * 1024, t.chunker());
      assertEquals(t.chunker(), Chunkers.fromSpec(t.chunker()).spec(), "a canonical chunker spec");
      assertEquals(CODEC.get(model), t.codec());
      assertEquals(t.codec(), Codecs.fromSpec(t.codec()).spec(), "a canonical codec spec");
      assertFalse(t.storesZeroChunks(), model + " is thin: zero blocks take no space");
      assertEquals(1, t.copies());
      assertEquals(0, t.overheadPerChunk());
      assertEquals(List.of(), t.index(), "qdda has no index figure");
      assertThrows(IllegalArgumentException.class, () -> target(model + ":block=8k"));
    }
    assertEquals(ArrayTargets.xtremioX1(), target("xtremio-x1"));
    assertEquals(ArrayTargets.xtremioX2(), target("xtremio-x2"));
    assertEquals(ArrayTargets.vmax(), target("vmax"));
    assertEquals(ArrayTargets.powerMax(), target("powermax"));
  }

  @Test
  void theBucketListsAreQddas() {
    for (String model : BUCKETS_KIB.keySet()) {
      BucketArray t = (BucketArray) target(model);
      List<Integer> expected = new ArrayList<>();
      for (int b : BUCKETS_KIB.get(model)) {
        expected.add(b * 1024);
      }
      assertEquals(expected, t.buckets(), model);
      assertEquals(BLOCK_KIB.get(model) * 1024, t.blockSize());
    }
  }

  @Test
  void everyBucketEdgeAndTheByteAfterIt() {
    for (String model : BUCKETS_KIB.keySet()) {
      Target t = target(model);
      int block = BLOCK_KIB.get(model) * 1024;
      int[] kib = BUCKETS_KIB.get(model);
      assertEquals(kib[0] * 1024L, t.allocate(block, 1), model + ": 1 byte, the smallest bucket");
      assertEquals(kib[0] * 1024L, t.allocate(block, 0), model + ": 0 bytes, the smallest bucket");
      for (int i = 0; i < kib.length; i++) {
        int edge = kib[i] * 1024;
        assertEquals(edge, t.allocate(block, edge), model + ": exactly " + edge);
        assertEquals(edge, t.allocate(block, edge - 1), model + ": " + (edge - 1));
        if (i + 1 < kib.length) {
          assertEquals(kib[i + 1] * 1024L, t.allocate(block, edge + 1), model + ": " + (edge + 1));
        }
      }
    }
  }

  @Test
  void theX2HasNo14KiBBucket() {
    Target x2 = ArrayTargets.xtremioX2();
    assertEquals(13 * 1024, x2.allocate(16384, 13 * 1024));
    assertEquals(15 * 1024, x2.allocate(16384, 13 * 1024 + 1));
    assertEquals(15 * 1024, x2.allocate(16384, 14 * 1024));
    assertEquals(15 * 1024, x2.allocate(16384, 14 * 1024 + 1));
    assertEquals(15 * 1024, x2.allocate(16384, 15 * 1024));
    assertEquals(16 * 1024, x2.allocate(16384, 15 * 1024 + 1));
    Seeds.qt("ArrayModelsTest.theX2HasNo14KiBBucket", 14).withExamples(2000)
        .forAll(integers().between(-1, 3 * 16384))
        .checkAssert(c -> assertNotEquals(14 * 1024L, x2.allocate(16384, c)));
  }

  @Test
  void incompressibleBlocksTakeTheWholeBlock() {
    for (String model : BUCKETS_KIB.keySet()) {
      Target t = target(model);
      int block = BLOCK_KIB.get(model) * 1024;
      assertEquals(block, t.allocate(block, block), model + ": compressed to its own size");
      assertEquals(block, t.allocate(block, block + 1), model + ": LZ4 grew it by a byte");
      assertEquals(block, t.allocate(block, block + block / 255 + 16), model + ": LZ4's bound");
      assertEquals(block, t.allocate(block, -1), model + ": not compressed");
      int below = BUCKETS_KIB.get(model)[BUCKETS_KIB.get(model).length - 2] * 1024;
      assertEquals(block, t.allocate(block, below + 1), model + ": 1 byte over the next bucket");
    }
  }

  @Test
  void anyCompressedSizeGetsQddasBucket() {
    for (String model : BUCKETS_KIB.keySet()) {
      Target t = target(model);
      int block = BLOCK_KIB.get(model) * 1024;
      Seeds.qt("ArrayModelsTest.anyCompressedSizeGetsQddasBucket[" + model + "]", 0x16A4L)
          .withExamples(3000)
          .forAll(integers().between(-1, 2 * block))
          .checkAssert(c -> {
            long a = t.allocate(block, c);
            assertEquals(qddaBucketBytes(model, c), a, model + " compressed " + c);
            assertTrue(a >= Math.min(c, block) && a <= block, model + " compressed " + c);
          });
      Seeds.qt("ArrayModelsTest.allocationGrowsWithTheCompressedSize[" + model + "]", 0x16A5L)
          .withExamples(1000)
          .forAll(integers().between(0, 2 * block), integers().between(0, 2 * block))
          .checkAssert((a, b) -> assertTrue(
              t.allocate(block, Math.min(a, b)) <= t.allocate(block, Math.max(a, b)),
              model + " " + a + " " + b));
    }
  }

  @Test
  void aShortLastBlockIsRoundedUpToItsBucket() {
    Target x2 = ArrayTargets.xtremioX2();
    assertEquals(5 * 1024, x2.allocate(5000, -1), "not compressed: its own size, in a bucket");
    assertEquals(5 * 1024, x2.allocate(5000, 5100), "grew: its own size");
    assertEquals(1024, x2.allocate(5000, 100));
  }

  @Test
  void outOfRangeArgumentsAreRefused() {
    Target x1 = ArrayTargets.xtremioX1();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> x1.allocate(8193, 100));
    assertTrue(e.getMessage().contains("8193") && e.getMessage().contains("1..8192"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> x1.allocate(0, 0));
    assertThrows(IllegalArgumentException.class, () -> x1.allocate(8192, -2));
  }

  @Test
  void theGenericArrayWithQddasListsEqualsEachModel() {
    for (String model : BUCKETS_KIB.keySet()) {
      String buckets = java.util.Arrays.stream(BUCKETS_KIB.get(model))
          .mapToObj(k -> k + "k").collect(Collectors.joining("/"));
      Target custom = target("array:block=" + BLOCK_KIB.get(model) + "k,buckets=" + buckets
          + ",codec=" + CODEC.get(model));
      Target named = target(model);
      assertEquals(named.chunker(), custom.chunker());
      assertEquals(named.codec(), custom.codec());
      int block = BLOCK_KIB.get(model) * 1024;
      for (int c = -1; c <= block + 10; c++) {
        assertEquals(named.allocate(block, c), custom.allocate(block, c), model + " " + c);
      }
      assertEquals(custom, target(custom.spec()), "the canonical spec round-trips");
    }
  }

  @Test
  void theGenericSpecIsCanonical() {
    // qdda --array custom:64:8,16,32,48 (its example in the man page)
    Target t = target("array:block=64k,buckets=48k/8k/16k/32k/16k");
    assertEquals("array:block=65536,buckets=8192/16384/32768/49152/65536,codec=lz4", t.spec());
    assertEquals(t, ArrayTargets.custom(65536, List.of(8192, 16384, 32768, 49152), "lz4"));
    assertEquals("fixed:size=65536", t.chunker());
    assertEquals(32768, t.allocate(65536, 16385));
    assertEquals(65536, t.allocate(65536, 49153));
    assertEquals("array:block=16384,buckets=16384,codec=lz4", target("array").spec(),
        "defaults: 16 KiB blocks stored whole");
    assertEquals(16384, target("array").allocate(16384, 1));
    assertEquals("deflate:level=6", target("array:codec=deflate").codec());
    assertEquals("none", target("array:codec=NONE").codec());
    assertEquals("lz4hc:level=9", target("array:codec=lz4hc:level=9").codec());
  }

  @Test
  void theGenericArrayRefusesBadOptionsByName() {
    assertRefused("array:block=16k,buckets=32k", "buckets", "32k", "512..16384");
    assertRefused("array:block=16k,buckets=8", "buckets", "8 is out of range", "unit");
    assertRefused("array:block=16k,buckets=1k//2k", "buckets", "empty bucket");
    assertRefused("array:block=16k,buckets=1q", "buckets", "1q");
    assertRefused("array:block=256", "block", "256", "512..67108864");
    assertRefused("array:block=128M", "block", "128M");
    assertRefused("array:codec=nosuch", "codec", "nosuch", "lz4");
    assertRefused("array:copies=2", "copies", "allowed: block, buckets, codec");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArrayTargets.custom(16384, List.of(100), "lz4"));
    assertTrue(e.getMessage().contains("100 is out of range"), e.getMessage());
  }

  private static void assertRefused(String spec, String... words) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target(spec));
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), spec + ": '" + w + "' not in: " + e.getMessage());
    }
  }

  @Test
  void anyGenericArrayMatchesALinearScanOverItsBuckets() {
    Seeds.qt("ArrayModelsTest.anyGenericArrayMatchesALinearScanOverItsBuckets", 0xA77AL)
        .withExamples(300)
        .forAll(integers().between(1, 256),
            lists().of(integers().between(1, 256)).ofSizeBetween(0, 20),
            integers().between(-1, 300 * 512))
        .checkAssert((blockSectors, bucketSectors, compressed) -> {
          int block = blockSectors * 512;
          TreeSet<Integer> buckets = new TreeSet<>();
          for (int s : bucketSectors) {
            if (s * 512 <= block) {
              buckets.add(s * 512);
            }
          }
          Target t = ArrayTargets.custom(block, new ArrayList<>(buckets), "lz4");
          buckets.add(block);
          int need = compressed < 0 ? block : Math.min(compressed, block);
          long expected = block;
          for (int b : buckets) {
            if (b >= need) {
              expected = b;
              break;
            }
          }
          assertEquals(expected, t.allocate(block, compressed), t.spec() + " " + compressed);
          assertEquals(t, target(t.spec()));
        });
  }
}
