package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Compressor;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compression inside a dedupe scan: only unique non-zero chunks, exact under take-backs. */
class ScanCompressionTest {

  @TempDir Path dir;

  /** Text-like and random stretches, repeated in part, with zero runs at odd offsets. */
  static byte[] data(int size, long seed) {
    byte[] d = new byte[size];
    int pos = 0;
    int k = 0;
    while (pos < size) {
      int len = Math.min(size - pos, 3000 + (int) ((seed * 31 + k * 7919) % 40_000));
      byte[] part = switch (k % 5) {
        case 0, 1 -> TestData.textLike(len, seed + k);
        case 2 -> TestData.random(len, seed + k);
        case 3 -> new byte[len];
        default -> java.util.Arrays.copyOfRange(d, 0, Math.min(len, pos)); // a repeat
      };
      System.arraycopy(part, 0, d, pos, part.length);
      pos += len;
      k++;
    }
    return d;
  }

  /** The model: cut sequentially, compress each distinct non-zero chunk once. */
  static final class Model {
    long uniqueBytes;
    long uniqueZeroBytes;
    long uniqueNonZero;
    long zeroUnique;
    long raw;
    long stored;

    Model(Chunker chunker, byte[] data, Compression c) {
      Map<String, Boolean> seen = new HashMap<>();
      ByteBuffer buf = ByteBuffer.wrap(data);
      try (Compressor z = c.codec().newCompressor()) {
        for (int from = 0; from < data.length; ) {
          int cut = chunker.nextCut(buf, from, data.length);
          int len = cut - from;
          String key = ModelScan.sha256Hex(data, from, len);
          if (seen.put(key, true) == null) {
            uniqueBytes += len;
            boolean zero = true;
            for (int i = from; i < cut; i++) {
              zero &= data[i] == 0;
            }
            if (zero) {
              zeroUnique++;
              uniqueZeroBytes += len;
            } else {
              uniqueNonZero++;
              raw += len;
              int piece = c.isPerChunk() ? len : c.unit();
              for (int p = 0; p < len; p += piece) {
                int n = Math.min(piece, len - p);
                stored += c.stored(n, z.compress(buf, from + p, n));
              }
            }
          }
          from = cut;
        }
      }
    }
  }

  @Test
  void exactPassEqualsTheModelForFixedAndContentDefinedChunks() throws Exception {
    byte[] data = data(1_500_000, 1);
    Path file = Files.write(dir.resolve("data"), data);
    List<Chunker> chunkers = List.of(Chunkers.fixed(4096), new TestGearChunker(64, 8, 1024),
        Chunkers.fixed(16384));
    for (Chunker chunker : chunkers) {
      for (String spec : List.of("deflate:level=1,unit=chunk", "deflate:level=1,unit=4k,grain=512")) {
        Compression c = Compression.parse(spec);
        Model m = new Model(chunker, data, c);
        for (IoMode io : IoMode.values()) {
          for (int threads : new int[] {1, 3}) {
            // the smallest window makes many edges to reconcile for content-defined chunking
            DedupReport r = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
                .windowSize(DedupScanner.MIN_WINDOW_SIZE).compress(c)
                .compressSample(CompressionSample.all()).build().scan(file);
            String where = chunker.spec() + ", " + spec + ", " + io + ", " + threads + " threads";
            CompressionEstimate e = r.compressionEstimates().get(0);
            assertEquals(m.uniqueBytes, r.uniqueBytes(), where);
            assertEquals(m.uniqueZeroBytes, r.uniqueZeroBytes(), where);
            assertEquals(m.uniqueNonZero, e.totalUnits(), where);
            assertEquals(m.uniqueNonZero, e.sampledUnits(), where);
            assertEquals(m.zeroUnique, e.zeroUnits(), where);
            assertEquals(m.raw, e.rawBytes(), where);
            assertEquals(m.stored, e.storedBytes(), where);
            assertTrue(e.exact(), where);
            double drr = (double) data.length / ((m.uniqueBytes - m.uniqueZeroBytes)
                * ((double) m.stored / m.raw));
            assertEquals(drr, r.dataReductionRatio(), 1e-9 * drr, where);
            assertEquals(r.dataReductionRatio(), r.dataReductionRatioLow(), where);
          }
          // Without compression too (it was 0 there): the window edges' take-backs included.
          DedupReport plain = DedupScanner.builder().chunker(chunker).threads(3).io(io)
              .windowSize(DedupScanner.MIN_WINDOW_SIZE).build().scan(file);
          assertEquals(m.uniqueZeroBytes, plain.uniqueZeroBytes(), chunker.spec() + ", " + io);
        }
      }
      assertTrue(m(chunker, data).uniqueZeroBytes > 0, "the data has zero chunks");
    }
  }

  private static Model m(Chunker chunker, byte[] data) {
    return new Model(chunker, data, Compression.parse("deflate:level=1,unit=chunk"));
  }

  @Test
  void theSampleDependsOnTheDataAndSeedOnlyNotOnThreadsWindowsOrIo() throws Exception {
    byte[] data = data(2_000_000, 2);
    Path file = Files.write(dir.resolve("data"), data);
    for (Chunker chunker : List.of(Chunkers.fixed(4096), new TestGearChunker(64, 8, 1024))) {
      List<CompressionEstimate> seen = new ArrayList<>();
      for (IoMode io : IoMode.values()) {
        for (int threads : new int[] {1, 2, 4}) {
          for (long window : new long[] {DedupScanner.MIN_WINDOW_SIZE, 1 << 20}) {
            DedupReport r = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
                .windowSize(window).compress("deflate:level=1,unit=chunk")
                .compressSample(CompressionSample.units(40).seed(9)).build().scan(file);
            seen.add(r.compressionEstimates().get(0));
          }
        }
      }
      CompressionEstimate first = seen.get(0);
      assertEquals(40, first.sampledUnits());
      assertFalse(first.exact());
      for (CompressionEstimate e : seen) {
        assertEquals(first, e, chunker.spec());
      }
    }
  }

  @Test
  void sampledEstimateHoldsTheExactOneAndOnlyUniqueChunksAreCompressed() {
    byte[] once = data(733 * 4096, 3); // a whole number of chunks, so the copy repeats them
    byte[] twice = new byte[once.length * 2];
    System.arraycopy(once, 0, twice, 0, once.length);
    System.arraycopy(once, 0, twice, once.length, once.length);
    DedupScanner.Builder b = DedupScanner.builder().compress("deflate:level=1,unit=chunk");
    CompressionEstimate exact = b.compressSample(CompressionSample.all()).build().scan(once)
        .compressionEstimates().get(0);
    DedupReport sampled = b.compressSample(CompressionSample.units(300).seed(1)).build().scan(twice);
    CompressionEstimate s = sampled.compressionEstimates().get(0);
    // duplicates do not change what is stored: the unique chunks are the same
    assertEquals(exact.totalUnits(), s.totalUnits());
    assertTrue(s.storedFractionLow() <= exact.storedFraction()
        && exact.storedFraction() <= s.storedFractionHigh(), s + " vs " + exact);
    assertTrue(sampled.dataReductionRatioLow() <= sampled.dataReductionRatio()
        && sampled.dataReductionRatio() <= sampled.dataReductionRatioHigh());
    assertTrue(sampled.dataReductionRatio() > 2 * sampled.dedupeRatio() / 2.5, sampled.toText());
  }

  @Test
  void reportCarriesCompressionAndDataReduction() {
    byte[] data = data(400_000, 4);
    DedupReport r = DedupScanner.builder()
        .compress("deflate:level=1,unit=chunk", "deflate:level=9,unit=4k,grain=4k").build()
        .scan(data);
    JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
    JsonArray c = json.getAsJsonArray("compression");
    assertEquals(2, c.size());
    JsonObject first = c.get(0).getAsJsonObject();
    assertEquals("deflate:level=1", first.get("codec").getAsString());
    assertEquals("chunk", first.get("unit").getAsString());
    assertEquals(4096, c.get(1).getAsJsonObject().get("unit").getAsInt());
    for (String f : List.of("codec", "unit", "grain", "sampledUnits", "totalUnits", "zeroUnits",
        "ratio", "ratioLow", "ratioHigh", "confidence", "failedUnits", "dataReductionRatio")) {
      assertTrue(first.has(f), f);
    }
    assertEquals(r.dataReductionRatio(), json.get("dataReductionRatio").getAsDouble(), 1e-6);
    assertTrue(json.has("dataReductionRatioLow") && json.has("dataReductionRatioHigh"));
    String text = r.toText();
    assertTrue(text.contains("Compression:") && text.contains("Data reduction:"), text);
    assertTrue(text.matches("(?s).*Data reduction: +\\d+\\.\\d\\dx .*"), text);

    JsonObject plain = JsonParser.parseString(DedupScanner.builder().build().scan(data).toJson())
        .getAsJsonObject();
    assertEquals(0, plain.getAsJsonArray("compression").size());
    assertTrue(plain.get("dataReductionRatio").isJsonNull());
  }

  @Test
  void allZeroDataStoresNothing() {
    DedupReport r = DedupScanner.builder().compress("deflate:unit=chunk").build()
        .scan(new byte[100_000]);
    assertEquals(0, r.compressionEstimates().get(0).totalUnits());
    assertEquals(2, r.compressionEstimates().get(0).zeroUnits()); // 4096-byte chunks and the short tail
    assertTrue(Double.isInfinite(r.dataReductionRatio()), r.toText());
    assertTrue(JsonParser.parseString(r.toJson()).getAsJsonObject().get("dataReductionRatio")
        .isJsonNull());
  }
}
