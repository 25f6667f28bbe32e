package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dedup4j.Interval;
import org.dedup4j.internal.report.PercentFigures;
import org.junit.jupiter.api.Test;
import org.dedup4j.internal.report.ReportTotals;

/**
 * The stated 95% intervals against the truth over seeded trials (the salt changes which fingerprints
 * the sample keeps): they must hold the truth in about 95% of trials. The tolerance (88% to 99.5% of
 * 200 trials, over 4 standard deviations from 95%) keeps the test stable.
 */
class EstimatorCoverageTest {

  private static final int TRIALS = 200;

  /** Distinct chunks with variable lengths and skewed multiplicities; known truth. */
  private static final class Data {
    final long[] k0;
    final long[] k1;
    final int[] length;
    final int[] copies;
    long uniqueBytes;
    long totalBytes;
    long singles;
    long chunks;

    Data(long seed, int distinct) {
      Random r = new Random(seed);
      k0 = new long[distinct];
      k1 = new long[distinct];
      length = new int[distinct];
      copies = new int[distinct];
      for (int i = 0; i < distinct; i++) {
        k0[i] = r.nextLong();
        k1[i] = r.nextLong();
        length[i] = 2048 + r.nextInt(14 * 1024);
        copies[i] = r.nextInt(3) == 0 ? 1 + r.nextInt(r.nextInt(20) == 0 ? 100 : 4) : 1;
        uniqueBytes += length[i];
        totalBytes += (long) length[i] * copies[i];
        singles += copies[i] == 1 ? 1 : 0;
        chunks += copies[i];
      }
    }

    CountState count(long salt, int maxEntries, boolean sketch) {
      SampleCounter c = new SampleCounter(128, maxEntries, salt, sketch);
      for (int i = 0; i < k0.length; i++) {
        for (int j = 0; j < copies[i]; j++) {
          c.add(k0[i], k1[i], length[i]);
        }
      }
      return c.finish(true);
    }
  }

  private static ReportTotals report(CountState s, Data d) {
    ReportTotals b = new ReportTotals();
    Reporting.fill(b, s, d.totalBytes, d.chunks, d.chunks, d.totalBytes, 100, null);
    return b;
  }

  @Test
  void sampleIntervalsHoldTheTruthInAbout95PercentOfTrials() {
    Data d = new Data(1, 40_000);
    int[] hits = new int[4];
    double ratio = (double) d.totalBytes / d.uniqueBytes;
    for (int t = 0; t < TRIALS; t++) {
      ReportTotals r = report(d.count(0x1234_5678L * (t + 1), 2048, false), d);
      hits[0] += r.counting.uniqueChunks().contains(d.k0.length) ? 1 : 0;
      hits[1] += r.counting.uniqueBytes().contains(d.uniqueBytes) ? 1 : 0;
      hits[2] += r.counting.dedupeRatio().contains(ratio) ? 1 : 0;
      // Row 1 of the histogram: chunks referenced once.
      Interval ones = r.counting.refcountHistogram().get(0);
      hits[3] += r.refcountHistogram.get(0).refcount() == 1 && ones.contains(d.singles) ? 1 : 0;
    }
    String[] names = {"unique chunks", "unique bytes", "dedupe ratio", "refcount-1 row"};
    for (int i = 0; i < hits.length; i++) {
      double coverage = (double) hits[i] / TRIALS;
      System.out.printf(Locale.ROOT, "coverage of the sample's 95%% interval, %s: %.1f%%%n",
          names[i], 100 * coverage);
      assertTrue(coverage >= 0.88 && coverage <= 0.995, String.format(Locale.ROOT,
          "%s: interval held the truth in %.1f%% of %d trials", names[i], 100 * coverage, TRIALS));
    }
  }

  @Test
  void sketchErrorMatchesItsStatedRelativeStandardError() {
    Data d = new Data(2, 60_000);
    int hits = 0;
    double sumSquares = 0;
    int trials = 120;
    for (int t = 0; t < trials; t++) {
      ReportTotals r = report(d.count(0x9876_5432L * (t + 1), 1024, true), d);
      Interval u = r.counting.uniqueChunks();
      hits += u.contains(d.k0.length) ? 1 : 0;
      double rel = u.estimate() / d.k0.length - 1;
      sumSquares += rel * rel;
    }
    double rse = Math.sqrt(sumSquares / trials);
    double coverage = (double) hits / trials;
    System.out.printf(Locale.ROOT, "sketch: coverage %.1f%%, measured RSE %.4f, stated %.4f%n",
        100 * coverage, rse, Reporting.SKETCH_RSE);
    assertTrue(coverage >= 0.87, "sketch interval held the truth in " + coverage);
    assertTrue(rse < 1.5 * Reporting.SKETCH_RSE && rse > 0.5 * Reporting.SKETCH_RSE,
        "measured relative standard error " + rse + ", stated " + Reporting.SKETCH_RSE);
  }

  @Test
  void percentBoundsOfGeeHoldTheTruthOnGeneratedData() {
    // A population of chunks (by position) with known distinct count; Bernoulli samples of it.
    Data d = new Data(3, 50_000);
    List<Integer> population = new ArrayList<>();
    for (int i = 0; i < d.k0.length; i++) {
      for (int j = 0; j < d.copies[i]; j++) {
        population.add(i);
      }
    }
    for (double q : new double[] {0.01, 0.05, 0.10}) {
      for (int trial = 0; trial < 20; trial++) {
        Random r = new Random(trial * 1000L + (long) (q * 100));
        ExactCounter c = new ExactCounter(128, 0);
        long sampled = 0;
        long sampledBytes = 0;
        for (int i : population) {
          if (r.nextDouble() < q) {
            c.add(d.k0[i], d.k1[i], d.length[i]);
            sampled++;
            sampledBytes += d.length[i];
          }
        }
        ReportTotals b = new ReportTotals();
        Reporting.fill(b, c.finish(false), d.totalBytes, population.size(), sampled, sampledBytes,
            q * 100, null);
        PercentFigures gee = b.estimates.get(0);
        assertTrue(gee.uniqueChunksLow() <= d.k0.length && d.k0.length <= gee.uniqueChunksHigh(),
            String.format(Locale.ROOT, "q=%.2f trial %d: %d outside GEE bounds %.0f..%.0f", q, trial,
                d.k0.length, gee.uniqueChunksLow(), gee.uniqueChunksHigh()));
      }
    }
  }
}
