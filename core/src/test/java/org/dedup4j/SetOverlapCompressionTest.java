package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Compressor;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The sets' stored (compressed) bytes of a scan of sets with {@code compress}: with every chunk
 * compressed ({@code CompressionSample.all()}) against a plain model that compresses each distinct
 * chunk of each figure with the codec directly, exactly; with a small sample, the intervals
 * against those exact figures over {@value #TRIALS} seeds.
 */
class SetOverlapCompressionTest {

  private static final int TRIALS = 50;
  private static final String SPEC = "deflate:unit=chunk";

  @Test
  void everyChunkCompressedGivesThePlainModelsSumsExactly() {
    Seeds.qt("SetOverlapCompressionTest.everyChunkCompressedGivesThePlainModelsSumsExactly")
        .withExamples(8)
        .forAll(longs().all(), integers().between(1, 4), integers().between(0, 3))
        .checkAssert((seed, n, knobs) -> {
          try {
            checkModel(seed, n, knobs);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void checkModel(long seed, int n, int knobs) throws IOException {
    Chunker chunker = (knobs & 1) == 0 ? Chunkers.fixed(1024) : new TestGearChunker(256, 10, 3000);
    List<byte[]> data = data(seed, n, 150);
    List<List<ScanSource>> sets = sources(data);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("s" + i);
    }
    Compression c = Compression.parse(SPEC);
    DedupScanner scanner = DedupScanner.builder().chunker(chunker).threads(1 + (knobs >>> 1))
        .compress(c).compressSample(CompressionSample.all()).build();
    DedupScanner.SetScan r = scanner.scanSets(names, sets);
    SetOverlap o = r.overlap();
    // The model: each set cut sequentially, each distinct chunk compressed with the codec.
    Map<String, long[]> chunks = new HashMap<>(); // digest -> {stored, mask}
    try (Compressor z = c.codec().newCompressor()) {
      for (int i = 0; i < n; i++) {
        byte[] d = data.get(i);
        ByteBuffer buf = ByteBuffer.wrap(d);
        for (int from = 0; from < d.length; ) {
          int cut = chunker.nextCut(buf, from, d.length);
          int len = cut - from;
          boolean zero = true;
          for (int k = from; k < cut && zero; k++) {
            zero = d[k] == 0;
          }
          long stored = zero ? 0 : c.stored(len, z.compress(buf, from, len));
          chunks.computeIfAbsent(ModelScan.sha256Hex(d, from, len),
              x -> new long[] {stored, 0})[1] |= 1L << i;
          from = cut;
        }
      }
    }
    String where = "seed " + seed + ", " + n + " sets, knobs " + knobs;
    assertEquals(c.spec(), o.compression().spec(), where);
    assertTrue(!o.isStoredEstimate(), where);
    long store = 0;
    for (int i = 0; i < n; i++) {
      long bit = 1L << i;
      long lower = bit - 1;
      long unique = 0;
      long exclusive = 0;
      long added = 0;
      for (long[] e : chunks.values()) {
        if ((e[1] & bit) != 0) {
          unique += e[0];
          exclusive += e[1] == bit ? e[0] : 0;
          added += (e[1] & lower) == 0 ? e[0] : 0;
        }
      }
      store += added;
      SetOverlap.StoredFigures s = o.storedFigures().get(i);
      assertEquals(names.get(i), s.name(), where);
      assertEquals(unique, s.uniqueStoredBytes(), where + ", set " + i);
      assertEquals(exclusive, s.exclusiveStoredBytes(), where + ", set " + i);
      assertEquals(added, s.addedStoredBytes(), where + ", set " + i);
      assertEquals(store, s.storedCompressedBytes(), where + ", set " + i);
      assertTrue(s.intervals().uniqueStoredBytes().isExact(), where);
    }
    // The report of everything compresses as one scan of it all.
    List<ScanSource> everything = sets.stream().flatMap(List::stream).toList();
    CompressionEstimate one = scanner.scan(everything).compressionEstimates().get(0);
    CompressionEstimate all = r.report().compressionEstimates().get(0);
    assertEquals(one.storedBytes(), all.storedBytes(), where);
    assertEquals(one.rawBytes(), all.rawBytes(), where);
    assertEquals(store, all.storedBytes(), where);
    JsonObject j = JsonParser.parseString(o.toJson()).getAsJsonObject();
    JsonObject js = j.getAsJsonArray("sets").get(n - 1).getAsJsonObject();
    assertEquals(store, js.get("storedCompressedBytes").getAsLong(), where);
    assertTrue(!js.has("storedCompressedBytesLow"), js.toString());
    assertTrue(j.getAsJsonObject("setCompression").get("exact").getAsBoolean(), j.toString());
    assertTrue(o.toText().contains("Stored under " + c.spec()), o.toText());
  }

  /** Hits and cases per figure, and the sums of the estimates and the exact figures. */
  private static final class Tally {
    final Map<String, long[]> cases = new TreeMap<>();
    final Map<String, double[]> bias = new TreeMap<>();

    void check(String figure, Interval i, double exact) {
      long[] c = cases.computeIfAbsent(figure, k -> new long[2]);
      c[1]++;
      if (i.low() - 0.5 <= exact && exact <= i.high() + 0.5) {
        c[0]++;
      }
      double[] b = bias.computeIfAbsent(figure, k -> new double[2]);
      b[0] += i.estimate();
      b[1] += exact;
    }
  }

  @Test
  void theIntervalsOfASmallSampleHoldTheExactFigures() throws IOException {
    long first = Seeds.seed(0xC0_4E55L);
    System.out.println("SetOverlapCompressionTest: seeds " + first + " + 0.." + (TRIALS - 1)
        + " (override the first with -D" + Seeds.PROPERTY + "=N)");
    Tally t = new Tally();
    List<String> names = List.of("a", "b", "c", "d");
    long sampled = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      long seed = first + trial;
      Chunker chunker = trial % 2 == 0 ? Chunkers.fixed(1024) : new TestGearChunker(256, 10, 3000);
      List<List<ScanSource>> sets = sources(data(seed, names.size(), 200));
      SetOverlap exact = DedupScanner.builder().chunker(chunker).threads(1).compress(SPEC)
          .compressSample(CompressionSample.all()).build().scanSets(names, sets).overlap();
      // Every third trial counts the fingerprints from a sample too: both are then estimated.
      DedupScanner.Builder b = DedupScanner.builder().chunker(chunker).threads(1).compress(SPEC)
          .compressSample(CompressionSample.units(100).seed(seed));
      if (trial % 3 == 2) {
        b.counting(CountingMode.SAMPLE).maxEntries(512);
      }
      SetOverlap est = b.build().scanSets(names, sets).overlap();
      assertTrue(est.isStoredEstimate(), "seed " + seed);
      sampled += est.storedSampledChunks();
      for (int i = 0; i < names.size(); i++) {
        SetOverlap.StoredFigures x = exact.storedFigures().get(i);
        SetOverlap.StoredIntervals iv = est.storedFigures().get(i).intervals();
        t.check("uniqueStoredBytes", iv.uniqueStoredBytes(), x.uniqueStoredBytes());
        t.check("exclusiveStoredBytes", iv.exclusiveStoredBytes(), x.exclusiveStoredBytes());
        t.check("addedStoredBytes", iv.addedStoredBytes(), x.addedStoredBytes());
        t.check("storedCompressedBytes", iv.storedCompressedBytes(), x.storedCompressedBytes());
      }
    }
    long hits = 0;
    long cases = 0;
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "mean compressed chunks per trial %d; coverage (and the estimates' sum against the exact"
            + " figures'):%n", sampled / TRIALS));
    for (Map.Entry<String, long[]> e : t.cases.entrySet()) {
      long[] c = e.getValue();
      double[] b = t.bias.get(e.getKey());
      hits += c[0];
      cases += c[1];
      report.append(String.format(Locale.ROOT, "  %-22s %5.1f%% of %d (%+.2f%%)%n", e.getKey(),
          100.0 * c[0] / c[1], c[1], 100 * (b[0] / b[1] - 1)));
    }
    report.append(String.format(Locale.ROOT, "  all                    %5.1f%% of %d%n",
        100.0 * hits / cases, cases));
    System.out.print(report);
    assertTrue(hits >= 0.90 * cases, report::toString);
    for (Map.Entry<String, long[]> e : t.cases.entrySet()) {
      assertTrue(e.getValue()[0] >= 0.85 * e.getValue()[1], e.getKey() + "\n" + report);
      double[] b = t.bias.get(e.getKey());
      assertTrue(Math.abs(b[0] / b[1] - 1) < 0.05, e.getKey() + " is biased\n" + report);
    }
  }

  /**
   * Sets of 4 KiB blocks of varying compressibility (a random share of random bytes, the rest a
   * repeated byte; one block in 20 all zero; content-defined chunks of about 1 KiB resynchronise
   * within a block): 30% of the blocks in every set, the others in each
   * with its own probability; a quarter repeated within the set.
   */
  static List<byte[]> data(long seed, int n, int blocks) {
    SplitMix64 r = new SplitMix64(seed);
    int size = 4096;
    byte[] universe = new byte[blocks * size];
    for (int b = 0; b < blocks; b++) {
      if (r.below(20) == 0) {
        continue; // all zero
      }
      int random = (int) r.below(size + 1);
      r.fill(universe, b * size, b * size + random);
      java.util.Arrays.fill(universe, b * size + random, (b + 1) * size, (byte) (1 + b % 251));
    }
    List<List<Integer>> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new ArrayList<>());
    }
    for (int b = 0; b < blocks; b++) {
      boolean everywhere = r.below(10) < 3;
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (everywhere || r.below(100) < 20 + 15 * i || (i == n - 1 && !any)) {
          any = true;
          members.get(i).add(b);
          if (r.below(4) == 0) {
            members.get(i).add(b);
          }
        }
      }
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Integer> m = members.get(i);
      for (int j = m.size() - 1; j > 0; j--) {
        int k = (int) r.below(j + 1);
        Integer x = m.get(j);
        m.set(j, m.get(k));
        m.set(k, x);
      }
      byte[] data = new byte[m.size() * size];
      for (int j = 0; j < m.size(); j++) {
        System.arraycopy(universe, m.get(j) * size, data, j * size, size);
      }
      out.add(data);
    }
    return out;
  }

  private static List<List<ScanSource>> sources(List<byte[]> data) {
    List<List<ScanSource>> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      out.add(List.of(ScanSource.of("set" + i, data.get(i))));
    }
    return out;
  }
}
