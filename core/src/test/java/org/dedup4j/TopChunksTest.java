package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most referenced chunks against a plain model: every input cut sequentially with the Chunker
 * SPI, each chunk fingerprinted with the Hasher, counted in a map that also keeps its first places
 * in input order. The scan's list must be the model's, for fixed and content-defined chunking, one
 * or two threads, read or mapped I/O.
 */
class TopChunksTest {

  @TempDir Path dir;

  /** The model's view of one distinct chunk. */
  private static final class Seen {
    final String hex;
    final int length;
    final boolean zero;
    long count;
    final List<TopChunks.Place> places = new ArrayList<>();

    Seen(String hex, int length, boolean zero) {
      this.hex = hex;
      this.length = length;
      this.zero = zero;
    }
  }

  /** The top {@code n} of a sequential cut of the inputs, with their first {@code k} places. */
  private static List<TopChunks.Chunk> model(Chunker chunker, Hasher hasher, List<String> names,
      List<byte[]> inputs, int n, int k) {
    Map<String, Seen> table = new LinkedHashMap<>();
    Digester d = hasher.newDigester();
    long[] fp = new long[2];
    for (int i = 0; i < inputs.size(); i++) {
      byte[] data = inputs.get(i);
      ByteBuffer buf = ByteBuffer.wrap(data);
      for (int from = 0; from < data.length; ) {
        int cut = chunker.nextCut(buf, from, data.length);
        d.digest(data, from, cut - from, fp);
        String hex = hasher.fingerprintBits() > 64
            ? String.format(Locale.ROOT, "%016x%016x", fp[0], fp[1])
            : String.format(Locale.ROOT, "%016x", fp[0]);
        boolean zero = true;
        for (int j = from; j < cut && zero; j++) {
          zero = data[j] == 0;
        }
        final boolean z = zero;
        final int len = cut - from;
        Seen s = table.computeIfAbsent(hex, h -> new Seen(h, len, z));
        s.count++;
        if (s.places.size() < k) {
          s.places.add(new TopChunks.Place(names.get(i), from));
        }
        from = cut;
      }
    }
    return table.values().stream().filter(s -> s.count >= 2)
        .sorted(Comparator.comparingLong((Seen s) -> -s.count).thenComparing(s -> s.hex))
        .limit(n)
        .map(s -> new TopChunks.Chunk(s.hex, s.length, s.count, s.count * s.length, s.zero,
            List.copyOf(s.places)))
        .toList();
  }

  /**
   * Data with planted duplicates: fresh random runs, copies of a few shared segments and zero
   * runs; with {@code align} every run is a multiple of it (so that fixed-size chunks line up).
   */
  private static byte[] planted(SplitMix64 rnd, byte[][] segments, int size, int align) {
    byte[] out = new byte[size];
    int at = 0;
    while (at < size) {
      int kind = (int) rnd.below(3);
      int len = kind == 1 ? segments[(int) rnd.below(segments.length)].length
          : 1 + (int) rnd.below(20_000);
      if (align > 1) {
        len = Math.max(align, len / align * align);
      }
      len = Math.min(len, size - at);
      if (kind == 0) {
        rnd.fill(out, at, at + len);
      } else if (kind == 1) {
        System.arraycopy(segments[(int) rnd.below(segments.length)], 0, out, at,
            Math.min(len, segments[0].length));
      } // kind 2: a zero run, already zeros
      at += len;
    }
    return out;
  }

  @Test
  void theListIsTheModelsForAnyChunkerThreadsAndIo() {
    Seeds.qt("TopChunksTest.theListIsTheModelsForAnyChunkerThreadsAndIo").withExamples(12)
        .forAll(longs().all(), integers().between(1, 3), integers().between(0, 7))
        .checkAssert((seed, inputs, knobs) -> {
          try {
            check(seed, inputs, knobs);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(long seed, int inputs, int knobs) throws IOException {
    SplitMix64 rnd = new SplitMix64(seed);
    boolean cdc = (knobs & 1) != 0;
    Chunker chunker = cdc ? new TestGearChunker(256, 11, 8192) : Chunkers.fixed(4096);
    int align = cdc ? 1 : 4096;
    byte[][] segments = new byte[4][align > 1 ? 4 * 4096 : 12_000 + (int) rnd.below(8000)];
    for (byte[] s : segments) {
      rnd.fill(s, 0, s.length);
    }
    List<byte[]> data = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ScanSource> sources = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      byte[] d = planted(rnd, segments, 60_000 + (int) rnd.below(300_000), align);
      data.add(d);
      if (i == 1) { // a buffer among the files
        names.add("buffer" + i);
        sources.add(ScanSource.of("buffer" + i, d));
      } else {
        Path f = Files.write(dir.resolve(seed + "-" + knobs + "-" + i + ".bin"), d);
        names.add(f.toString());
        sources.add(ScanSource.of(f));
      }
    }
    int n = 1 + (int) rnd.below(12);
    int k = 1 + (int) rnd.below(4);
    List<TopChunks.Chunk> expected = model(chunker, Hashers.sha256(), names, data, n, k);
    List<TopChunks.Chunk> first = null;
    for (int threads = 1; threads <= 2; threads++) {
      DedupScanner scanner = DedupScanner.builder().chunker(chunker).threads(threads)
          .io((knobs & 2) == 0 ? IoMode.READ : IoMode.MMAP).windowSize(64 << 10).build();
      DedupScanner.TopChunkScan r = scanner.scanTopChunks(sources, n, k);
      String where = "seed " + seed + ", knobs " + knobs + ", threads " + threads + ", n " + n
          + ", k " + k;
      assertEquals(expected, r.topChunks().chunks(), where);
      DedupReport plain = scanner.scan(sources);
      assertEquals(plain.uniqueBytes(), r.report().uniqueBytes(), where);
      assertEquals(plain.refcountHistogram(), r.report().refcountHistogram(), where);
      assertEquals(k, r.topChunks().placesPerChunk());
      assertFalse(r.topChunks().stopped());
      if (first != null) {
        assertEquals(first, r.topChunks().chunks(), "the same whatever the threads; " + where);
      }
      first = r.topChunks().chunks();
      long total = data.stream().mapToLong(b -> b.length).sum();
      assertTrue(r.topChunks().rereadBytes() <= total, where);
    }
  }

  @Test
  void zeroChunksAreMarkedAndNamedAndTheReadStopsOnceEveryChunkHasItsPlaces() throws IOException {
    byte[] block = new byte[4096];
    new SplitMix64(7).fill(block, 0, block.length);
    byte[] first = new byte[16 * 4096]; // 10 zero blocks, then 6 copies of one block
    for (int i = 10; i < 16; i++) {
      System.arraycopy(block, 0, first, i * 4096, 4096);
    }
    byte[] rest = new byte[2 << 20];
    new SplitMix64(8).fill(rest, 0, rest.length);
    Path a = Files.write(dir.resolve("a.bin"), first);
    Path b = Files.write(dir.resolve("b.bin"), rest);
    DedupScanner.TopChunkScan r = DedupScanner.builder().threads(2).build()
        .scanTopChunks(List.of(ScanSource.of(a), ScanSource.of(b)), 5, 3);
    List<TopChunks.Chunk> top = r.topChunks().chunks();
    assertEquals(2, top.size(), "chunks referenced once are not listed");
    TopChunks.Chunk zero = top.get(0);
    assertTrue(zero.zero());
    assertEquals(10, zero.count());
    assertEquals(40960, zero.referencedBytes());
    assertEquals(List.of(new TopChunks.Place(a.toString(), 0),
        new TopChunks.Place(a.toString(), 4096), new TopChunks.Place(a.toString(), 8192)),
        zero.places());
    assertFalse(top.get(1).zero());
    assertEquals(6, top.get(1).count());
    assertEquals(40960, top.get(1).places().get(0).offset());
    assertEquals(first.length, r.topChunks().rereadBytes(), "b.bin is not read again");
    String text = r.topChunks().toText();
    assertTrue(text.contains("zero chunk"), text);
    assertTrue(text.contains(top.get(1).fingerprint()), text);
    assertTrue(text.contains("at " + a + " offset 8192"), text);
    JsonObject o = JsonParser.parseString(r.topChunks().toJson()).getAsJsonObject();
    assertEquals(3, o.get("placesPerChunk").getAsInt());
    assertEquals(first.length, o.get("rereadBytes").getAsLong());
    JsonArray chunks = o.getAsJsonArray("chunks");
    JsonObject z = chunks.get(0).getAsJsonObject();
    assertTrue(z.get("zero").getAsBoolean());
    assertEquals(32, z.get("fingerprint").getAsString().length(), "128 bits of SHA-256");
    assertEquals(4096, z.get("length").getAsInt());
    assertEquals(10, z.get("count").getAsLong());
    assertEquals(40960, z.get("referencedBytes").getAsLong());
    JsonObject place = z.getAsJsonArray("places").get(2).getAsJsonObject();
    assertEquals(a.toString(), place.get("input").getAsString());
    assertEquals(8192, place.get("offset").getAsLong());
    // The zero chunk's fingerprint is SHA-256 of 4096 zero bytes, as sha256sum prints its start.
    assertEquals("ad7facb2586fc6e966c004d7d1d16b02", zero.fingerprint());
  }

  @Test
  void noDuplicatesGiveAnEmptyListAndNoSecondRead() throws IOException {
    byte[] d = new byte[64 << 10];
    new SplitMix64(3).fill(d, 0, d.length);
    DedupScanner.TopChunkScan r = DedupScanner.builder().build()
        .scanTopChunks(List.of(ScanSource.of("d", d)), 10, 3);
    assertTrue(r.topChunks().chunks().isEmpty());
    assertEquals(0, r.topChunks().rereadBytes());
    assertTrue(r.topChunks().toText().contains("none"), r.topChunks().toText());
  }

  @Test
  void samplesStreamsAndNumbersOutOfRangeAreRefusedBeforeAnythingIsRead() {
    List<ScanSource> d = List.of(ScanSource.of("d", new byte[9000]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().counting(CountingMode.SAMPLE).build().scanTopChunks(d, 5, 3));
    assertTrue(e.getMessage().contains("--mode sample"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().counting(CountingMode.SKETCH).build().scanTopChunks(d, 5, 3));
    assertTrue(e.getMessage().contains("--mode sketch"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().samplePercent(10, 1).build().scanTopChunks(d, 5, 3));
    assertTrue(e.getMessage().contains("--percent"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder().build()
        .scanTopChunks(List.of(ScanSource.of("in", new ByteArrayInputStream(new byte[10]))), 5, 3));
    assertTrue(e.getMessage().contains("in is a stream"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().build().scanTopChunks(d, 0, 3));
    assertTrue(e.getMessage().contains("1.." + TopChunks.MAX_CHUNKS), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().build().scanTopChunks(d, 5, TopChunks.MAX_PLACES + 1));
    assertTrue(e.getMessage().contains("1.." + TopChunks.MAX_PLACES), e.getMessage());
  }

  @Test
  void autoCountsExactly() throws IOException {
    byte[] d = new byte[64 << 10]; // zeros: one chunk, 16 references
    DedupScanner.TopChunkScan r = DedupScanner.builder().counting(CountingMode.AUTO).build()
        .scanTopChunks(List.of(ScanSource.of("z", d)), 1, 1);
    assertEquals(CountingMode.EXACT, r.report().countingStats().mode());
    assertEquals(16, r.topChunks().chunks().get(0).count());
    assertEquals(List.of(new TopChunks.Place("z", 0)), r.topChunks().chunks().get(0).places());
  }
}
