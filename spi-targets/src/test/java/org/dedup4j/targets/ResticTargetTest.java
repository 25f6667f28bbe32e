package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.dedup4j.Chunkers;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Target;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases of the restic model; docs/targets.md ("Backup store: restic") cites each
 * figure's source in restic.
 */
class ResticTargetTest {

  private static Target restic(String options) {
    return ResticTargets.parse("restic:" + options);
  }

  @Test
  void defaultsSpelledOutAndSpecRoundTrips() {
    Target t = ResticTargets.parse("restic");
    assertEquals("restic:version=0.17,compression=auto", t.spec());
    assertEquals(t, ResticTargets.parse(t.spec()));
    Target u = restic("compression=MAX,version=0.18");
    assertEquals("restic:version=0.18,compression=max", u.spec());
    assertEquals(u, ResticTargets.parse(u.spec()));
    assertEquals("restic:version=0.19,compression=better",
        restic("version=0.19,compression=better").spec());
  }

  @Test
  void badOptionsAreRefusedNamingTheOptionAndWhatIsAllowed() {
    IllegalArgumentException v =
        assertThrows(IllegalArgumentException.class, () -> restic("version=0.16"));
    assertTrue(v.getMessage().contains("option version")
        && v.getMessage().contains("0.17, 0.18, 0.19"), v.getMessage());
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> restic("compression=lz4"));
    assertTrue(c.getMessage().contains("option compression") && c.getMessage().contains("max"),
        c.getMessage());
    IllegalArgumentException k =
        assertThrows(IllegalArgumentException.class, () -> restic("packsize=16m"));
    assertTrue(k.getMessage().contains("packsize") && k.getMessage().contains("compression"),
        k.getMessage());
    // fastest and better came with restic 0.19
    IllegalStateException s =
        assertThrows(IllegalStateException.class, () -> restic("version=0.17,compression=fastest"));
    assertTrue(s.getMessage().contains("compression") && s.getMessage().contains("0.19"),
        s.getMessage());
  }

  @Test
  void codecFollowsTheCompressionMode() {
    assertEquals("zstd:level=3", restic("compression=auto").codec());
    assertEquals("zstd:level=11", restic("compression=max").codec());
    assertEquals("none", restic("compression=off").codec());
    assertEquals("zstd:level=1", restic("version=0.19,compression=fastest").codec());
    assertEquals("zstd:level=7", restic("version=0.19,compression=better").codec());
    for (String mode : ResticTargetProvider.COMPRESSIONS_0_19) {
      Target t = restic("version=0.19,compression=" + mode);
      assertEquals(t.codec(), Codecs.fromSpec(t.codec()).spec());
    }
  }

  /** restic/chunker: MinSize 512 KiB, MaxSize 8 MiB, splitmask (1 << 20) - 1. */
  @Test
  void chunkerIsResticsAndTheRabinChunkerAcceptsIt() {
    Target t = ResticTargets.parse("restic");
    assertEquals("rabin:min=512k,avg=1m,max=8m,poly=0x3da3358b4dc173", t.chunker());
    Chunker c = Chunkers.fromSpec(t.chunker());
    assertEquals(ResticTargetProvider.MIN_BLOB, c.minChunkSize());
    assertEquals(ResticTargetProvider.MAX_BLOB, c.maxChunkSize());
    assertEquals("rabin:min=524288,avg=1048576,max=8388608,poly=0x3da3358b4dc173", c.spec());
    // avg is rounded to a power of two whose log is the mask's bits: 2^20, restic's splitmask.
    assertTrue(c.spec().contains(",avg=" + (1 << ResticTargetProvider.SPLIT_MASK_BITS) + ","));
    // Zeros: the digest of a window of zeros is 0, so restic cuts them at MinSize.
    ByteBuffer zeros = ByteBuffer.allocate(3 << 20);
    assertEquals(512 << 10, c.nextCut(zeros, 0, zeros.capacity()));
    // Random data: cuts between min and max.
    byte[] random = TestData.random(20 << 20, 16);
    int from = 0;
    int cuts = 0;
    while (from < random.length) {
      int to = c.nextCut(ByteBuffer.wrap(random), from, random.length);
      assertTrue(to - from >= 512 << 10 || to == random.length);
      assertTrue(to - from <= 8 << 20);
      from = to;
      cuts++;
    }
    assertTrue(cuts >= 4 && cuts <= 30, "cuts " + cuts); // mean chunk about 1.5 MiB
  }

  /** A compressed blob: the zstd frame + 16 (IV) + 16 (MAC) + 41 (entry with plaintext length). */
  @Test
  void compressibleBlobIsItsFramePlusCryptoPlusCompressedEntry() {
    Target t = restic("compression=auto");
    assertEquals(400_000 + 32 + 41, t.allocate(1 << 20, 400_000));
    assertEquals(400_073, t.allocate(1 << 20, 400_000));
    Target max = restic("compression=max");
    assertEquals(123 + 73, max.allocate(600_000, 123));
  }

  /**
   * An incompressible blob: restic keeps the zstd frame though it is longer than the blob
   * (Repository.saveAndEncrypt); a failed compression counts the blob's raw size.
   */
  @Test
  void incompressibleBlobKeepsTheLongerFrame() {
    Target t = restic("compression=auto");
    int raw = 1 << 20;
    byte[] random = TestData.random(raw, 7);
    int frame;
    try (Compressor z = Codecs.fromSpec(t.codec()).newCompressor()) {
      frame = z.compress(ByteBuffer.wrap(random), 0, raw);
    }
    assertTrue(frame > raw, "zstd frame " + frame + " of random data is longer than " + raw);
    assertEquals(frame + 73L, t.allocate(raw, frame));
    assertEquals(raw + 73L, t.allocate(raw, -1));
    // compression=off: the blob as it is, 32 bytes of IV and MAC, a 37-byte entry.
    Target off = restic("compression=off");
    assertEquals(raw + 32L + 37, off.allocate(raw, -1));
    assertEquals(1_000_069L, off.allocate(1_000_000, -1));
  }

  /** A zero blob is stored once like any other; zstd shrinks 512 KiB of zeros to a few bytes. */
  @Test
  void zeroBlobIsStoredOnceAndCompressed() {
    Target t = restic("compression=auto");
    assertTrue(t.storesZeroChunks());
    assertEquals(1, t.copies());
    assertEquals(0, t.overheadPerChunk());
    int raw = 512 << 10;
    int frame;
    try (Compressor z = Codecs.fromSpec(t.codec()).newCompressor()) {
      frame = z.compress(ByteBuffer.allocate(raw), 0, raw);
    }
    assertTrue(frame < 100, "frame " + frame);
    assertEquals(frame + 73L, t.allocate(raw, frame));
    assertEquals(raw + 69L, restic("compression=off").allocate(raw, -1));
  }

  /** indexEntry: 32 + 8 + 8 + 4 + 4 + 4 = 60, 64 aligned; buckets 8 / 2; pack IDs 32 / 8. */
  @Test
  void indexFiguresPerBlob() {
    List<Target.IndexCost> auto = restic("compression=auto").index();
    assertEquals(4, auto.size());
    assertEquals(64, auto.get(0).bytesPerEntry());
    assertEquals(4, auto.get(1).bytesPerEntry());
    assertEquals(4, auto.get(2).bytesPerEntry());
    assertEquals(153, auto.get(3).bytesPerEntry());
    assertEquals(123, restic("compression=off").index().get(3).bytesPerEntry());
    for (Target.IndexCost c : auto) {
      assertTrue(c.source().startsWith("restic 0.17 "), c.source());
    }
    // The JSON of one blob, as Go's encoding/json writes blobJSON, comma included.
    String id = "3ec79977ef0cf5de7b08cd12b874cd0f62bbaf7f07f3497a5b1bbcc8cb39b1ce";
    String json = "{\"id\":\"" + id + "\",\"type\":\"data\",\"offset\":12345678,\"length\":1234567,"
        + "\"uncompressed_length\":1234567},";
    assertEquals(153, json.length());
    assertEquals(123, json.replace(",\"uncompressed_length\":1234567", "").length());
  }
}
