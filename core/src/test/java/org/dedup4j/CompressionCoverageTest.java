package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;
import org.junit.jupiter.api.Test;

/**
 * The stated 95% interval holds the true stored fraction in at least ~95% of samples (asserted: at
 * least 180 of 200 seeds, which a correct 95% interval fails with probability below 0.3%). The units
 * carry their own "compressed size" in their first four bytes and a stand-in codec reads it, so a
 * trial costs microseconds and the data's true ratio is known exactly.
 */
class CompressionCoverageTest {

  private static final int UNIT = 4096;
  private static final int TRIALS = 200;

  /** Reads the compressed size the unit declares. */
  static final Codec DECLARED = new Codec() {
    @Override
    public String spec() {
      return "declared";
    }

    @Override
    public Compressor newCompressor() {
      return new Compressor() {
        @Override
        public int compress(ByteBuffer data, int offset, int length) {
          return data.getInt(offset);
        }

        @Override
        public ByteBuffer output() {
          throw new UnsupportedOperationException();
        }
      };
    }
  };

  /** Units whose stored fractions come from {@code fraction}; {@code zeroShare} of them all zero. */
  static double[] data(ByteBuffer buf, int units, double zeroShare, DoubleSupplier fraction,
      SplittableRandom r) {
    long raw = 0;
    long stored = 0;
    for (int u = 0; u < units; u++) {
      if (r.nextDouble() < zeroShare) {
        continue;
      }
      int size = Math.max(1, (int) Math.round(fraction.getAsDouble() * UNIT));
      buf.putInt(u * UNIT, size);
      raw += UNIT;
      stored += Math.min(size, UNIT);
    }
    return new double[] {(double) stored / raw};
  }

  private static void assertCoverage(String name, int units, double zeroShare,
      DoubleSupplier fraction, SplittableRandom r, CompressionSample sample, boolean checkWidth) {
    ByteBuffer buf = ByteBuffer.allocate(units * UNIT);
    double truth = data(buf, units, zeroShare, fraction, r)[0];
    CompressibilityEstimator.Builder b = CompressibilityEstimator.builder()
        .compress(Compression.of(DECLARED, UNIT, 1)).threads(2);
    int covered = 0;
    int narrow = 0;
    double worst = 0;
    for (int seed = 1; seed <= TRIALS; seed++) {
      CompressionEstimate e = b.sample(sample.seed(seed)).build().estimate(buf)
          .compressionEstimates().get(0);
      if (e.storedFractionLow() <= truth && truth <= e.storedFractionHigh()) {
        covered++;
      }
      if (e.halfWidth() <= sample.halfWidth() + 1e-12) {
        narrow++;
      }
      worst = Math.max(worst, Math.abs(e.storedFraction() - truth));
    }
    String summary = name + ": covered " + covered + " of " + TRIALS + ", precision met in "
        + narrow + ", worst error " + worst + ", truth " + truth;
    System.out.println(summary);
    assertTrue(covered >= 180, summary);
    if (checkWidth) {
      assertTrue(narrow >= 190, summary);
    }
  }

  @Test
  void bimodalWithZeros() {
    SplittableRandom r = new SplittableRandom(1);
    assertCoverage("bimodal", 10_000, 0.05,
        () -> r.nextDouble() < 0.35 ? 0.15 + 0.2 * r.nextDouble() : 0.85 + 0.2 * r.nextDouble(),
        r, CompressionSample.auto(), true);
  }

  @Test
  void rareCompressibleUnits() {
    SplittableRandom r = new SplittableRandom(2);
    assertCoverage("rare", 20_000, 0, () -> r.nextDouble() < 0.03 ? 0.05 : 1.2, r,
        CompressionSample.auto(), true);
  }

  @Test
  void smallFixedSamples() {
    SplittableRandom r = new SplittableRandom(3);
    assertCoverage("n=300", 5_000, 0.1, () -> 0.2 + 0.8 * r.nextDouble() * r.nextDouble(), r,
        CompressionSample.units(300), false);
  }
}
