package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone estimate against an exact pass and a direct computation. */
class CompressibilityEstimatorTest {

  @TempDir Path dir;

  /** 4 KiB units: text-like, random and zero ones in a fixed pattern, and a short tail. */
  static byte[] mixture(int units, int tail, long seed) {
    byte[] data = new byte[units * 4096 + tail];
    for (int u = 0; u < units; u++) {
      byte[] unit = switch ((int) ((u * 7 + seed) % 10)) {
        case 0, 1, 2 -> TestData.random(4096, seed * 1_000_003 + u);
        case 3 -> new byte[4096];
        default -> TestData.textLike(4096, seed * 1_000_003 + u);
      };
      System.arraycopy(unit, 0, data, u * 4096, 4096);
    }
    System.arraycopy(TestData.textLike(tail, seed), 0, data, units * 4096, tail);
    return data;
  }

  @Test
  void exactPassEqualsADirectComputation() {
    byte[] data = mixture(64, 1000, 3);
    Compression c = Compression.parse("deflate:level=1,unit=4k,grain=512");
    long raw = 0;
    long stored = 0;
    long zero = 0;
    try (Compressor z = c.codec().newCompressor()) {
      for (int off = 0; off < data.length; off += 4096) {
        int len = Math.min(4096, data.length - off);
        boolean isZero = true;
        for (int i = off; i < off + len; i++) {
          isZero &= data[i] == 0;
        }
        if (isZero) {
          zero++;
          continue;
        }
        raw += len;
        stored += c.stored(len, z.compress(ByteBuffer.wrap(data), off, len));
      }
    }
    CompressionReport r = CompressibilityEstimator.builder().compress(c)
        .sample(CompressionSample.all()).threads(2).build().estimate(data);
    CompressionEstimate e = r.compressionEstimates().get(0);
    assertEquals(65, e.totalUnits());
    assertEquals(65, e.sampledUnits());
    assertEquals(zero, e.zeroUnits());
    assertTrue(zero > 0);
    assertEquals(raw, e.rawBytes());
    assertEquals(stored, e.storedBytes());
    assertTrue(e.exact());
    assertEquals((double) raw / stored, e.ratio(), 1e-12);
    assertEquals(e.ratio(), e.ratioLow());
    assertEquals(e.ratio(), e.ratioHigh());
    assertEquals(data.length, r.readBytes());
  }

  @Test
  void sampledEstimateIsWithinOnePointOfTheExactPassAndItsIntervalHoldsIt() {
    byte[] data = mixture(8192, 0, 5); // 32 MiB of 4 KiB units
    CompressibilityEstimator.Builder b = CompressibilityEstimator.builder()
        .compress("deflate:level=1,unit=4k", "deflate:level=1,unit=4k,grain=2k");
    CompressionReport exact = b.sample(CompressionSample.all()).build().estimate(data);
    CompressionReport sampled = b.sample(CompressionSample.auto().seed(11)).build().estimate(data);
    for (int k = 0; k < 2; k++) {
      CompressionEstimate x = exact.compressionEstimates().get(k);
      CompressionEstimate s = sampled.compressionEstimates().get(k);
      assertTrue(x.exact());
      assertFalse(s.exact());
      assertTrue(s.sampledUnits() < x.totalUnits() / 2, s.toString());
      assertTrue(Math.abs(s.storedFraction() - x.storedFraction()) <= 0.01, s + " vs " + x);
      assertTrue(s.storedFractionLow() <= x.storedFraction()
          && x.storedFraction() <= s.storedFractionHigh(), s + " vs " + x);
      assertTrue(s.halfWidth() <= 0.01, s.toString());
      assertTrue(s.ratioLow() <= s.ratio() && s.ratio() <= s.ratioHigh());
    }
    assertTrue(sampled.readBytes() < data.length / 2, "reads only the sampled units");
  }

  @Test
  void resultDoesNotDependOnThreadsOrInputPathAndTheSeedReproducesIt() throws Exception {
    byte[] data = mixture(3000, 123, 9);
    Path file = Files.write(dir.resolve("data"), data);
    CompressibilityEstimator.Builder b = CompressibilityEstimator.builder()
        .compress("deflate:level=1,unit=4k").sample(CompressionSample.units(400).seed(3));
    CompressionEstimate one = b.threads(1).build().estimate(data).compressionEstimates().get(0);
    CompressionEstimate two = b.threads(2).build().estimate(file).compressionEstimates().get(0);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
    CompressionEstimate three = b.threads(3).build().estimate(direct).compressionEstimates().get(0);
    assertEquals(one, two);
    assertEquals(one, three);
    assertEquals(400, one.sampledUnits());
    CompressionEstimate other = b.sample(CompressionSample.units(400).seed(4)).build()
        .estimate(data).compressionEstimates().get(0);
    assertTrue(other.storedBytes() != one.storedBytes(), "another seed, another sample");
  }

  @Test
  void aFailingCodecIsCountedAndTheRestGoesOn() {
    Codec flaky = new Codec() {
      @Override
      public String spec() {
        return "flaky";
      }

      @Override
      public Compressor newCompressor() {
        Compressor real = Codecs.deflate(1).newCompressor();
        return new Compressor() {
          @Override
          public int compress(ByteBuffer data, int offset, int length) {
            if (data.get(offset) == 7) {
              throw new IllegalStateException("boom");
            }
            return real.compress(data, offset, length);
          }

          @Override
          public ByteBuffer output() {
            return real.output();
          }
        };
      }
    };
    byte[] data = TestData.textLike(40 * 4096, 1);
    data[5 * 4096] = 7;
    data[17 * 4096] = 7;
    CompressionEstimate e = CompressibilityEstimator.builder()
        .compress(Compression.of(flaky, 4096, 1), Compression.parse("deflate:level=1,unit=4k"))
        .sample(CompressionSample.all()).build().estimate(data).compressionEstimates().get(0);
    assertEquals(2, e.failedUnits());
    assertEquals(40, e.sampledUnits());
    assertTrue(e.ratio() > 1.5, "the other units still count: " + e);
  }

  @Test
  void directoriesEmptyFilesAndStreams() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.write(tree.resolve("a"), TestData.textLike(50_000, 1));
    Files.write(tree.resolve("b"), new byte[0]);
    Files.write(tree.resolve("c"), TestData.random(10_000, 2));
    CompressionReport r = CompressibilityEstimator.builder().compress("deflate:unit=4k")
        .sample(CompressionSample.all()).build()
        .estimate(List.of(ScanSource.of(tree), ScanSource.of("in", new java.io.ByteArrayInputStream(
            new byte[10]))));
    CompressionEstimate e = r.compressionEstimates().get(0);
    assertEquals(13 + 3, e.totalUnits());
    assertEquals(60_000, e.rawBytes());
    assertEquals(1, r.skipped().size());
    assertTrue(r.skipped().get(0).reason().contains("reads units by position"), r.toText());
    JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
    JsonObject c = json.getAsJsonArray("compression").get(0).getAsJsonObject();
    assertEquals("deflate:level=6", c.get("codec").getAsString());
    assertEquals(4096, c.get("unit").getAsInt());
    assertEquals(1, c.get("grain").getAsInt());
    assertEquals(16, c.get("totalUnits").getAsLong());
    assertEquals(1.0, c.get("confidence").getAsDouble());
    assertTrue(c.get("ratio").getAsDouble() > 1);
    assertTrue(r.toText().contains("deflate:level=6,unit=4k,grain=1:"), r.toText());
    assertTrue(r.toText().matches("(?s).*\\d\\.\\d\\dx .*"), r.toText());
  }

  @Test
  void emptyInputHasNoRatioRatherThanAWrongOne() {
    CompressionEstimate e = CompressibilityEstimator.builder().build().estimate(new byte[0])
        .compressionEstimates().get(0);
    assertTrue(Double.isNaN(e.ratio()));
    assertEquals(0, e.totalUnits());
    CompressionEstimate zeros = CompressibilityEstimator.builder().build()
        .estimate(new byte[100_000]).compressionEstimates().get(0);
    assertTrue(Double.isNaN(zeros.ratio()));
    assertEquals(4, zeros.zeroUnits());
  }
}
