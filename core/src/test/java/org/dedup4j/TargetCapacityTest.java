package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Target;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * A target's capacity steps against a plain model: every unique chunk cut, deduplicated by
 * SHA-256 in a map, compressed with the codec and allocated by the target's rule, with every
 * unique chunk compressed (so the estimates are sums, exact).
 */
class TargetCapacityTest {

  /** 4 KiB blocks, deflate, 1 KiB buckets, zeros dropped unless told, two copies, 10 B a chunk. */
  record Buckets(boolean zeros) implements Target {
    public String spec() { return "test-buckets:zeros=" + zeros; }
    public String chunker() { return "fixed:size=4096"; }
    public String codec() { return "deflate:level=6"; }
    public long allocate(int raw, int compressed) {
      long c = compressed < 0 ? raw : compressed;
      return c >= raw ? 4096 : (c + 1023) / 1024 * 1024;
    }
    public boolean storesZeroChunks() { return zeros; }
    public int copies() { return 2; }
    public long overheadPerChunk() { return 10; }
    public List<IndexCost> index() { return List.of(new IndexCost("test", 64, "this test")); }
  }

  @Test
  void stepsEqualAPlainModelWhenEveryUniqueChunkIsCompressed() {
    Seeds.qt("TargetCapacityTest.stepsEqualAPlainModelWhenEveryUniqueChunkIsCompressed")
        .withExamples(8)
        .forAll(longs().all(), integers().between(0, 4), integers().between(0, 1))
        .checkAssert((seed, shape, zeros) -> check(seed, shape, zeros == 1));
  }

  private void check(long seed, int shape, boolean zeros) {
    byte[] data = TestData.shaped(seed, shape, 300_000 + (int) new SplitMix64(seed).below(200_000));
    Target t = new Buckets(zeros);
    DedupReport r = DedupScanner.builder().target(t).compressSample(CompressionSample.all())
        .threads(2).build().scan(data);
    TargetCapacity c = r.target();
    // The model.
    Map<String, Integer> unique = new HashMap<>();
    long logical = data.length;
    long zeroBytes = 0;
    long compressed = 0;
    long allocated = 0;
    long storedChunks = 0;
    Compressor deflate = Codecs.deflate(6).newCompressor();
    for (int from = 0; from < data.length; from += 4096) {
      int len = Math.min(4096, data.length - from);
      boolean zero = true;
      for (int i = from; i < from + len; i++) {
        zero &= data[i] == 0;
      }
      if (zero) {
        zeroBytes += len;
      }
      String key = sha(data, from, len);
      if (unique.putIfAbsent(key, len) != null || (zero && !zeros)) {
        continue;
      }
      int z = deflate.compress(ByteBuffer.wrap(data), from, len);
      compressed += Math.min(z, len); // a compression stores a unit raw when that is smaller
      allocated += t.allocate(len, z);
      storedChunks++;
    }
    long uniqueBytes = unique.values().stream().mapToLong(Integer::longValue).sum();
    String where = "seed " + seed + " shape " + shape + " zeros " + zeros;
    assertEquals(logical, c.step("logical").estimate(), where);
    assertEquals(zeros ? logical : logical - zeroBytes, c.step("thin").estimate(), where);
    assertEquals(zeros ? uniqueBytes : uniqueBytes - r.uniqueZeroBytes(),
        c.step("deduped").estimate(), where);
    assertEquals(compressed, c.step("compressed").estimate(), 0.5, where);
    assertEquals(allocated, c.step("allocated").estimate(), 0.5, where);
    assertEquals(2.0 * allocated + 10 * storedChunks, c.net().estimate(), 0.5, where);
    assertTrue(c.net().isExact() || c.net().low() <= c.net().high(), where);
    assertEquals(64.0 * unique.size(), c.index().get(0).bytes().estimate(), where);
    assertEquals("dedup4j exact table", c.index().get(1).name(), where);
    assertEquals(ScanPlan.exactBytesPerEntry(128, 4096) * unique.size(),
        c.index().get(1).bytes().estimate(), 1e-6, where);
    assertEquals(logical / c.net().estimate(), c.combinedRatio().estimate(), 1e-9, where);
  }

  private static String sha(byte[] data, int from, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, from, len);
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
