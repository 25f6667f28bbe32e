package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * Sample mode's set figures against the exact ones, on generated sets with known overlap: blocks
 * of random data planted across four sets at known rates (a share in every set, the rest in each
 * set with its own probability, half of them repeated within a set), scanned once exactly and once in
 * sample mode with a small table (so that about 1/16 to 1/32 of the distinct chunks are kept).
 * Over {@value #TRIALS} seeds (printed; replay one with {@code -Ddedup4j.seed=N}, which becomes
 * the first), every 95% interval of every figure is checked to hold the exact figure: asserted in
 * at least 90% of all cases and 85% of each figure's (a right 95% interval falls below these far
 * less than once in a thousand runs), and the point estimates to be unbiased within 3% (their sum over the trials against the exact
 * figures').
 * Every other trial chunks by content (lengths vary, so the byte sums' variance is the
 * Horvitz-Thompson one, not a count's).
 */
class SetOverlapCoverageTest {

  private static final int TRIALS = 100;
  private static final int SETS = 4;
  private static final int MAX_ENTRIES = 256;

  /** Hits and cases per figure, and the sum of relative errors of the point estimates. */
  private static final class Tally {
    final Map<String, long[]> cases = new TreeMap<>();
    final Map<String, double[]> bias = new TreeMap<>();

    void check(String figure, Interval i, double exact) {
      long[] c = cases.computeIfAbsent(figure, k -> new long[2]);
      c[1]++;
      // Estimated counts are printed rounded; an interval end is a real number.
      if (i.low() - 0.5 <= exact && exact <= i.high() + 0.5) {
        c[0]++;
      }
      double[] b = bias.computeIfAbsent(figure, k -> new double[2]);
      b[0] += i.estimate();
      b[1] += exact;
    }
  }

  @Test
  void theIntervalsHoldTheExactFiguresOnSetsOfKnownOverlap() throws IOException {
    long first = Seeds.seed(0x5E75_0FF5L);
    System.out.println("SetOverlapCoverageTest: seeds " + first + " + 0.." + (TRIALS - 1)
        + " (override the first with -D" + Seeds.PROPERTY + "=N)");
    Tally t = new Tally();
    double rates = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      long seed = first + trial;
      Chunker chunker = trial % 2 == 0 ? Chunkers.fixed(256) : new TestGearChunker(64, 8, 1024);
      List<List<ScanSource>> sets = sets(seed);
      List<String> names = List.of("a", "b", "c", "d");
      List<String> keep = List.of("a", "c");
      SetOverlap exact = DedupScanner.builder().chunker(chunker).build()
          .scanSets(names, sets, keep).overlap();
      DedupScanner.SetScan s = DedupScanner.builder().chunker(chunker)
          .counting(CountingMode.SAMPLE).maxEntries(MAX_ENTRIES).build()
          .scanSets(names, sets, keep);
      SetOverlap est = s.overlap();
      String where = "seed " + seed;
      assertTrue(est.isEstimate() && est.samplingRate() <= 1 / 8.0, where + ": "
          + est.samplingRate());
      rates += est.samplingRate();
      // The budget holds: each set's sample within the table's capacity, and so their union.
      assertTrue(est.keptEntries() <= (long) SETS * MAX_ENTRIES, where);
      assertTrue(s.report().countingStats().keptEntries() <= MAX_ENTRIES, where);
      for (int i = 0; i < SETS; i++) {
        SetOverlap.SetFigures x = exact.sets().get(i);
        SetOverlap.SetFigures y = est.sets().get(i);
        SetOverlap.SetIntervals iv = y.intervals();
        assertEquals(x.bytes(), y.bytes(), where); // totals stay exact
        assertEquals(x.chunks(), y.chunks(), where);
        t.check("uniqueBytes", iv.uniqueBytes(), x.uniqueBytes());
        t.check("uniqueChunks", iv.uniqueChunks(), x.uniqueChunks());
        t.check("exclusiveBytes", iv.exclusiveBytes(), x.exclusiveBytes());
        t.check("exclusiveChunks", iv.exclusiveChunks(), x.exclusiveChunks());
        t.check("addedBytes", iv.addedBytes(), x.addedBytes());
        t.check("addedChunks", iv.addedChunks(), x.addedChunks());
        t.check("storedBytes", iv.storedBytes(), x.storedBytes());
      }
      for (int i = 0; i < exact.pairs().size(); i++) {
        SetOverlap.Pair x = exact.pairs().get(i);
        SetOverlap.PairIntervals iv = est.pairs().get(i).intervals();
        t.check("sharedBytes", iv.sharedBytes(), x.sharedBytes());
        t.check("sharedChunks", iv.sharedChunks(), x.sharedChunks());
        t.check("jaccard", widen(iv.jaccard()), x.jaccard());
      }
      SetOverlap.KeepIntervals k = est.keep().intervals();
      t.check("keep.storedBytes", k.storedBytes(), exact.keep().storedBytes());
      t.check("keep.freedBytes", k.freedBytes(), exact.keep().freedBytes());
      t.check("keep.freedChunks", k.freedChunks(), exact.keep().freedChunks());
    }
    long hits = 0;
    long cases = 0;
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "mean sampling rate %.4f; coverage (and the estimates' sum against the exact figures'):%n",
        rates / TRIALS));
    for (Map.Entry<String, long[]> e : t.cases.entrySet()) {
      long[] c = e.getValue();
      double[] b = t.bias.get(e.getKey());
      hits += c[0];
      cases += c[1];
      report.append(String.format(Locale.ROOT, "  %-18s %5.1f%% of %d (%+.2f%%)%n", e.getKey(),
          100.0 * c[0] / c[1], c[1], 100 * (b[0] / b[1] - 1)));
    }
    report.append(String.format(Locale.ROOT, "  all                %5.1f%% of %d%n",
        100.0 * hits / cases, cases));
    System.out.print(report);
    assertTrue(hits >= 0.90 * cases, report::toString);
    for (Map.Entry<String, long[]> e : t.cases.entrySet()) {
      assertTrue(e.getValue()[0] >= 0.85 * e.getValue()[1], e.getKey() + "\n" + report);
      double[] b = t.bias.get(e.getKey());
      assertTrue(Math.abs(b[0] / b[1] - 1) < 0.03, e.getKey() + " is biased\n" + report);
    }
  }

  /** The Jaccard index is printed to 6 decimals. */
  private static Interval widen(Interval i) {
    return new Interval(i.estimate(), i.low() - 1e-6, i.high() + 1e-6);
  }

  /**
   * Four sets of blocks of random data: 30% of the blocks in every set, the others in each set
   * with probability 0.2, 0.35, 0.5 or 0.65 (at least one); half of each set's blocks repeated
   * in it; each set's blocks in their own order. The repeats keep the figures well below their
   * certain upper limits (a set's chunks), which the estimates are clipped to: near such a limit
   * a clipped estimate is biased towards it (as the sample report's unique chunks are).
   */
  static List<List<ScanSource>> sets(long seed) {
    SplitMix64 r = new SplitMix64(seed);
    int blocks = 3000 + (int) r.below(1500);
    int blockBytes = 256;
    double[] rate = {0.2, 0.35, 0.5, 0.65};
    List<List<Integer>> members = new ArrayList<>();
    for (int i = 0; i < SETS; i++) {
      members.add(new ArrayList<>());
    }
    for (int b = 0; b < blocks; b++) {
      long mask = 0;
      if (r.below(100) < 30) {
        mask = (1L << SETS) - 1;
      } else {
        while (mask == 0) {
          for (int i = 0; i < SETS; i++) {
            if (r.below(1000) < rate[i] * 1000) {
              mask |= 1L << i;
            }
          }
        }
      }
      for (int i = 0; i < SETS; i++) {
        if ((mask >>> i & 1) != 0) {
          members.get(i).add(b);
          if (r.below(2) == 0) {
            members.get(i).add(b);
          }
        }
      }
    }
    byte[] universe = new byte[blocks * blockBytes];
    r.fill(universe, 0, universe.length);
    List<List<ScanSource>> out = new ArrayList<>();
    for (int i = 0; i < SETS; i++) {
      List<Integer> m = members.get(i);
      for (int j = m.size() - 1; j > 0; j--) { // shuffled
        int k = (int) r.below(j + 1);
        Integer x = m.get(j);
        m.set(j, m.get(k));
        m.set(k, x);
      }
      byte[] data = new byte[m.size() * blockBytes];
      for (int j = 0; j < m.size(); j++) {
        System.arraycopy(universe, m.get(j) * blockBytes, data, j * blockBytes, blockBytes);
      }
      out.add(List.of(ScanSource.of("set" + i, data)));
    }
    return out;
  }
}
