package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * A target's net capacity and index memory from samples (a compression sample of 150 chunks, and a
 * sample-mode count of 2048 entries) against the exact figures (every unique chunk compressed,
 * counted exactly): the 95% intervals must hold them in most of 25 generated data sets whose
 * blocks compress by random amounts and repeat at random rates.
 */
class TargetCoverageTest {

  @Test
  void netCapacityAndIndexIntervalsHoldTheExactFigures() {
    long seed0 = Seeds.seed(20261204);
    System.out.println("TargetCoverageTest: seed " + seed0);
    int trials = 25;
    int netHeld = 0;
    int indexHeld = 0;
    for (int t = 0; t < trials; t++) {
      byte[] data = data(seed0 + t);
      TargetCapacityTest.Buckets target = new TargetCapacityTest.Buckets(false);
      TargetCapacity exact = DedupScanner.builder().target(target)
          .compressSample(CompressionSample.all()).build().scan(data).target();
      TargetCapacity sampled = DedupScanner.builder().target(target)
          .compressSample(CompressionSample.units(150).seed(seed0 + t))
          .counting(CountingMode.SAMPLE).maxEntries(2048).build().scan(data).target();
      Interval net = sampled.net();
      Interval index = sampled.index().get(0).bytes();
      if (net.low() <= exact.net().estimate() && exact.net().estimate() <= net.high()) {
        netHeld++;
      }
      double truth = exact.index().get(0).bytes().estimate();
      if (index.low() <= truth && truth <= index.high()) {
        indexHeld++;
      }
    }
    System.out.println("TargetCoverageTest: net held " + netHeld + "/" + trials + ", index held "
        + indexHeld + "/" + trials);
    assertTrue(netHeld >= 0.85 * trials, "net capacity intervals held " + netHeld + "/" + trials);
    assertTrue(indexHeld >= 0.85 * trials, "index intervals held " + indexHeld + "/" + trials);
  }

  /** 4 KiB blocks: random, or a random byte run (compresses by a random amount); some repeated. */
  private static byte[] data(long seed) {
    SplitMix64 rnd = new SplitMix64(seed);
    int blocks = 4000;
    byte[] out = new byte[blocks * 4096];
    double repeat = 0.1 + 0.5 * rnd.below(1000) / 1000.0;
    for (int b = 0; b < blocks; b++) {
      int at = b * 4096;
      if (b > 0 && rnd.below(1000) < repeat * 1000) {
        int from = (int) rnd.below(b) * 4096;
        System.arraycopy(out, from, out, at, 4096);
        continue;
      }
      int random = (int) rnd.below(4097); // the rest repeats one byte: compresses
      rnd.fill(out, at, at + random);
      java.util.Arrays.fill(out, at + random, at + 4096, (byte) (1 + rnd.below(255)));
    }
    return out;
  }
}
