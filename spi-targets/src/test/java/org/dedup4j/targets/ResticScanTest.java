package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.dedup4j.Chunkers;
import org.dedup4j.Codecs;
import org.dedup4j.CompressionSample;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.TargetCapacity;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Target;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * A scan for the restic target against a plain model: the data cut with restic's chunker, blobs
 * deduplicated by SHA-256 in a map, each unique blob compressed with the target's codec and
 * allocated by the target's rule (every unique blob compressed, so the estimates are sums).
 */
class ResticScanTest {

  /**
   * About 13 MiB: random (incompressible) and text-like (compressible) parts, each repeated, and
   * a run of zeros that restic cuts into 512 KiB blobs of which one is stored.
   */
  private static byte[] data() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] random = TestData.random(3 << 20, 21);
    byte[] text = TestData.textLike(3 << 20, 22);
    out.writeBytes(random);
    out.writeBytes(text);
    out.writeBytes(new byte[(2 << 20) + 12345]);
    out.writeBytes(random);
    out.writeBytes(TestData.random(100_000, 23));
    out.writeBytes(text);
    return out.toByteArray();
  }

  @Test
  void stepsEqualAPlainModelForEachCompressionMode() {
    byte[] data = data();
    for (String mode : new String[] {"auto", "off", "max"}) {
      check(data, ResticTargets.parse("restic:compression=" + mode));
    }
  }

  private static void check(byte[] data, Target t) {
    DedupReport r = DedupScanner.builder().target(t).compressSample(CompressionSample.all())
        .threads(2).build().scan(data);
    TargetCapacity c = r.target();
    // The model.
    Chunker chunker = Chunkers.fromSpec(t.chunker());
    boolean none = t.codec().equals("none");
    Compressor z = none ? null : Codecs.fromSpec(t.codec()).newCompressor();
    Map<String, Integer> unique = new HashMap<>();
    long compressed = 0;
    long net = 0;
    long zeroBlobs = 0;
    ByteBuffer buf = ByteBuffer.wrap(data);
    for (int from = 0; from < data.length; ) {
      int to = chunker.nextCut(buf, from, data.length);
      int len = to - from;
      boolean zero = true;
      for (int i = from; i < to && zero; i++) {
        zero = data[i] == 0;
      }
      if (zero) {
        zeroBlobs++;
      }
      if (unique.putIfAbsent(sha(data, from, len), len) == null) {
        int frame = none ? -1 : z.compress(buf, from, len);
        compressed += frame < 0 ? len : Math.min(frame, len); // core's compressed step
        net += t.allocate(len, frame) + t.overheadPerChunk();
      }
      from = to;
    }
    if (z != null) {
      z.close();
    }
    long uniqueBytes = unique.values().stream().mapToLong(Integer::longValue).sum();
    String where = t.spec();
    assertTrue(zeroBlobs >= 2, where + ": zero blobs " + zeroBlobs);
    assertTrue(unique.size() >= 6, where + ": unique blobs " + unique.size());
    assertEquals(data.length, c.step("logical").estimate(), where);
    assertEquals(data.length, c.step("thin").estimate(), where); // restic stores zero blobs
    assertEquals(uniqueBytes, c.step("deduped").estimate(), 0.5, where);
    assertEquals(compressed, c.step("compressed").estimate(), 0.5, where);
    assertEquals(net, c.step("allocated").estimate(), 0.5, where);
    assertEquals(net, c.net().estimate(), 0.5, where);
    assertEquals(unique.size(), c.uniqueChunks().estimate(), where);
    assertEquals(64.0 * unique.size(), c.index().get(0).bytes().estimate(), where);
    assertEquals((double) data.length / net, c.combinedRatio().estimate(), 1e-9, where);
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
