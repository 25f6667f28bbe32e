package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Target;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The array models against the real qdda 2.2.3 ({@code ../shared/peers/qdda}, or the path in
 * {@code DEDUP4J_QDDA}), on 22 MiB of generated files: text-like data whose compressibility varies
 * from block to block and from 128 KiB region to region, random data, zero regions, and copies of
 * whole 128 KiB regions and of single 16 KiB blocks. Skipped, with a message, where qdda is absent.
 *
 * <p>qdda scans the files ({@code --array x1|x2|vmax}, {@code --array pmax --compress deflate:1},
 * {@code --array custom:64:8,16,32,48}) and prints its report and compression histogram. The test
 * computes the same figures from the model: it cuts the files into the target's blocks, finds the
 * unique non-zero ones (by content, where qdda keeps 60 bits of MD5), compresses each with the
 * target's codec (lz4-java, or the JDK's zlib; qdda links liblz4 1.9.4 and zlib) capped at the
 * block size like qdda's {@code compress_lz4}, and sums {@link Target#allocate}. qdda packs each
 * bucket size into whole blocks ({@code v_compressed}: {@code (size*blocks+blksz-1)/blksz}), at most
 * one partly filled block per bucket size; the test rounds the same way before it compares, and
 * prints the unrounded sum too. Figures must agree within 1% (LZ4 versions may differ by about
 * that much); block counts (total, zero, deduped) exactly.
 */
class QddaArrayComparisonTest {

  private static final int K = 1024;
  private static final int REGION = 128 * K;
  private static final long SEED = 0x0DDA_2203L;
  private static final long QDDA_TIMEOUT_SECONDS = 20;

  @TempDir static Path dir;
  private static List<byte[]> files;
  private static List<Path> paths;

  static Optional<Path> qdda() {
    String env = System.getenv("DEDUP4J_QDDA");
    Stream<Path> candidates = Stream.of(
        env == null ? null : Path.of(env),
        Path.of("..").resolve("shared/peers/qdda"),
        Path.of("../..").resolve("shared/peers/qdda"));
    return candidates.filter(p -> p != null && Files.isExecutable(p)).findFirst();
  }

  static Stream<Arguments> arrays() {
    return Stream.of(
        Arguments.of("xtremio-x1", List.of("--array", "x1")),
        Arguments.of("xtremio-x2", List.of("--array", "x2")),
        Arguments.of("vmax", List.of("--array", "vmax")),
        // qdda compresses one PowerMax block in 20; deflate:1 compresses them all, same buckets
        Arguments.of("powermax", List.of("--array", "pmax", "--compress", "deflate:1")),
        Arguments.of("array:block=64k,buckets=8k/16k/32k/48k",
            List.of("--array", "custom:64:8,16,32,48")));
  }

  @BeforeAll
  static void generate() throws IOException {
    Random r = new Random(SEED);
    byte[] text = textLike(r, 2 * REGION);
    // a: 8 MiB in 512-byte units of random bytes, text or log lines; the share of random units
    // varies by 128 KiB region (skewed to few) and by 8 KiB piece, to fill every bucket
    byte[] a = new byte[64 * REGION];
    int line = 0;
    for (int region = 0; region < 64; region++) {
      double p = Math.pow(r.nextDouble(), 1.5);
      for (int piece = region * REGION; piece < (region + 1) * REGION; piece += 8 * K) {
        double q = Math.min(1, Math.max(0, p + (r.nextDouble() - 0.5) * 0.5));
        for (int unit = piece; unit < piece + 8 * K; unit += 512) {
          double x = r.nextDouble();
          if (x < q) {
            fillRandom(r, a, unit, 512);
          } else if (x < q + (1 - q) / 2) {
            System.arraycopy(text, r.nextInt(text.length - 512), a, unit, 512);
          } else {
            for (int i = unit; i < unit + 512; ) {
              byte[] l = String.format(Locale.ROOT, "2026-12-04 10:%02d:%02d INFO vol%d write ok %d\n",
                  line / 60 % 60, line % 60, r.nextInt(4), line++).getBytes(StandardCharsets.US_ASCII);
              int n = Math.min(l.length, unit + 512 - i);
              System.arraycopy(l, 0, a, i, n);
              i += n;
            }
          }
        }
      }
    }
    // b: 4 MiB random, 2 MiB of zeros in 128 KiB regions between
    byte[] b = new byte[48 * REGION];
    for (int region = 0; region < 48; region++) {
      if (region % 3 != 2) {
        fillRandom(r, b, region * REGION, REGION);
      }
    }
    // c: 8 MiB of copies: whole regions of a and b, single 16 KiB blocks of a, zero regions
    byte[] c = new byte[64 * REGION];
    for (int region = 0; region < 64; region++) {
      int at = region * REGION;
      switch (region % 4) {
        case 0 -> System.arraycopy(a, r.nextInt(64) * REGION, c, at, REGION);
        case 1 -> System.arraycopy(b, r.nextInt(48) * REGION, c, at, REGION);
        case 2 -> {
          for (int blk = at; blk < at + REGION; blk += 16 * K) {
            System.arraycopy(a, r.nextInt(a.length / (16 * K)) * 16 * K, c, blk, 16 * K);
          }
        }
        default -> { } // zeros
      }
    }
    files = List.of(a, b, c);
    paths = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path p = dir.resolve("data-" + (char) ('a' + i) + ".bin");
      Files.write(p, files.get(i));
      paths.add(p);
    }
  }

  /** Words of a small vocabulary with spaces, digits and line breaks. */
  private static byte[] textLike(Random r, int size) {
    String[] words = ("the of and to in is that for it as was with be by on not he this are or his "
        + "from at which but have an they you were her she there been one all we their has would "
        + "storage block bucket compress array dedupe capacity volume snapshot replica").split(" ");
    StringBuilder s = new StringBuilder(size + 64);
    while (s.length() < size) {
      s.append(words[r.nextInt(words.length)]);
      int x = r.nextInt(20);
      s.append(x == 0 ? "\n" : x == 1 ? ", " + r.nextInt(10_000) + " " : " ");
    }
    return s.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static void fillRandom(Random r, byte[] a, int from, int length) {
    byte[] chunk = new byte[length];
    r.nextBytes(chunk);
    System.arraycopy(chunk, 0, a, from, length);
  }

  /** qdda's figures, or ours computed the way qdda reports them. */
  record Figures(long totalBlocks, long zeroBlocks, long dedupedBlocks, double compressedMib,
      long allocatedBlocks, Map<Integer, Long> histogram) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void theModelAllocatesWhatQddaAllocates(String spec, List<String> qddaArray) throws Exception {
    Optional<Path> qdda = qdda();
    Assumptions.assumeTrue(qdda.isPresent(), "qdda not found (../shared/peers/qdda,"
        + " ../../shared/peers/qdda from the module, or DEDUP4J_QDDA): comparison skipped");
    long start = System.nanoTime();
    Target target = TargetSpecs.parse(spec);
    Figures theirs = runQdda(qdda.get(), qddaArray, spec.replaceAll("[^a-z0-9]", "_"));
    long qddaNanos = System.nanoTime() - start;
    Ours ours = ours(target);
    Figures mine = ours.figures;
    int block = ((BucketArray) target).blockSize();
    double blockMib = block / 1048576.0;
    System.out.printf(Locale.ROOT,
        "qdda vs %s: blocks total %d/%d, zero %d/%d, deduped %d/%d; compressed %.2f/%.2f MiB"
            + " (%+.3f%%); sum of buckets %.2f/%.2f MiB (%+.3f%%); allocated (packed) %.2f/%.2f MiB"
            + " (%+.3f%%);"
            + " histogram KiB=count qdda %s ours %s; %d of %d unique blocks compressed above"
            + " the block; %s; qdda %.1f s, ours %.1f s%n",
        spec, theirs.totalBlocks, mine.totalBlocks, theirs.zeroBlocks, mine.zeroBlocks,
        theirs.dedupedBlocks, mine.dedupedBlocks, theirs.compressedMib, mine.compressedMib,
        pct(mine.compressedMib, theirs.compressedMib), bucketSum(theirs.histogram) / 1048576.0,
        ours.allocateSum / 1048576.0, pct(ours.allocateSum, bucketSum(theirs.histogram)),
        theirs.allocatedBlocks * blockMib,
        mine.allocatedBlocks * blockMib, pct(mine.allocatedBlocks, theirs.allocatedBlocks),
        theirs.histogram, mine.histogram, ours.grew,
        mine.dedupedBlocks, Codecs.fromSpec(target.codec()), qddaNanos / 1e9, (System.nanoTime() - start - qddaNanos) / 1e9);

    assertEquals(theirs.totalBlocks, mine.totalBlocks, "total blocks");
    assertEquals(theirs.zeroBlocks, mine.zeroBlocks, "zero blocks (thin, not stored)");
    assertEquals(theirs.dedupedBlocks, mine.dedupedBlocks, "unique non-zero blocks");
    assertWithinOnePercent(theirs.compressedMib, mine.compressedMib, "compressed MiB");
    assertEquals(theirs.dedupedBlocks, theirs.histogram.values().stream().mapToLong(x -> x).sum(),
        "qdda's histogram covers every unique block");
    // what allocate() models: the sum of each unique block's bucket, from qdda's histogram
    assertWithinOnePercent(bucketSum(theirs.histogram), ours.allocateSum, "sum of buckets");
    // qdda's "allocated" packs each bucket size into whole blocks: one block of slack, since one
    // block that LZ4 puts in the next bucket can move the rounding by a whole block
    assertTrue(Math.abs(theirs.allocatedBlocks - mine.allocatedBlocks)
            <= Math.max(1, 0.01 * theirs.allocatedBlocks),
        "allocated blocks: ours " + mine.allocatedBlocks + ", qdda " + theirs.allocatedBlocks);
    // packing adds less than one block per bucket size
    long packing = (long) mine.histogram.size() * block;
    assertTrue(mine.allocatedBlocks * block - ours.allocateSum < packing, "packing");
    // And the scan itself, as `dedup4j scan --target SPEC --compress-sample all` runs it.
    org.dedup4j.TargetCapacity scan = org.dedup4j.DedupScanner.builder().target(target)
        .compressSample(org.dedup4j.CompressionSample.all()).build()
        .scan(paths.toArray(new Path[0])).target();
    assertEquals(theirs.dedupedBlocks * (double) block, scan.step("deduped").estimate(),
        "scan: deduped bytes");
    // qdda prints its compressed figure in whole blocks (rounded down): as it does here.
    assertWithinOnePercent(theirs.compressedMib * 1048576.0,
        Math.floor(scan.step("compressed").estimate() / block) * block, "scan: compressed bytes");
    assertWithinOnePercent(bucketSum(theirs.histogram), scan.step("allocated").estimate(),
        "scan: allocated bytes (sum of buckets)");
  }

  private static long bucketSum(Map<Integer, Long> histogram) {
    return histogram.entrySet().stream().mapToLong(e -> e.getKey() * (long) K * e.getValue()).sum();
  }

  private static double pct(double ours, double theirs) {
    return theirs == 0 ? 0 : 100.0 * (ours - theirs) / theirs;
  }

  private static void assertWithinOnePercent(double theirs, double ours, String what) {
    assertTrue(Math.abs(ours - theirs) <= 0.01 * Math.abs(theirs),
        what + ": ours " + ours + ", qdda " + theirs + " (" + pct(ours, theirs) + "%)");
  }

  private record Ours(Figures figures, long allocateSum, long grew) {}

  private static Ours ours(Target target) throws NoSuchAlgorithmException {
    int block = ((BucketArray) target).blockSize();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Set<ByteBuffer> seen = new HashSet<>();
    long total = 0;
    long zero = 0;
    long compressedBytes = 0;
    long allocateSum = 0;
    long grew = 0;
    Map<Integer, Long> histogram = new TreeMap<>();
    byte[] zeros = new byte[block];
    try (Compressor c = Codecs.fromSpec(target.codec()).newCompressor()) {
      for (byte[] file : files) {
        for (int at = 0; at < file.length; at += block) {
          total++;
          if (java.util.Arrays.equals(file, at, at + block, zeros, 0, block)) {
            zero++;
            continue;
          }
          sha.update(file, at, block);
          if (!seen.add(ByteBuffer.wrap(sha.digest()))) {
            continue;
          }
          int size = c.compress(ByteBuffer.wrap(file), at, block);
          if (size > block) {
            grew++;
          }
          compressedBytes += Math.min(size, block); // compress_lz4 caps at the block size
          long allocated = target.allocate(block, size);
          allocateSum += allocated;
          histogram.merge((int) (allocated / K), 1L, Long::sum);
        }
      }
    }
    long packedBlocks = 0; // v_compressed: (size*blocks+blksz-1)/blksz per bucket size
    for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
      packedBlocks += (e.getKey() * (long) K * e.getValue() + block - 1) / block;
    }
    // qdda's "compressed" is whole blocks: (int64) (unique / (unique * blksz / sum(bytes)))
    double compressedMib = (compressedBytes / block) * (block / 1048576.0);
    return new Ours(new Figures(total, zero, seen.size(), compressedMib, packedBlocks, histogram),
        allocateSum, grew);
  }

  private static Figures runQdda(Path qdda, List<String> array, String name) throws Exception {
    Path db = dir.resolve(name + ".db");
    List<String> scan = new ArrayList<>(List.of(qdda.toAbsolutePath().toString(),
        "-d", db.toString(), "--tmpdir", dir.toString(), "-b", "0", "--workers", "1", "-x"));
    scan.addAll(array);
    paths.forEach(p -> scan.add(p.toString()));
    String detail = run(scan);
    // a second run appends nothing (stdin is /dev/null, which qdda reads as a file: -a keeps the
    // database) and prints the summary report
    String report = run(List.of(qdda.toAbsolutePath().toString(), "-d", db.toString(),
        "--tmpdir", dir.toString(), "-b", "0", "-a"));
    Map<Integer, Long> histogram = new TreeMap<>();
    Matcher h = Pattern.compile("(?m)^(\\d+)\\s+(\\d+)\\s+[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+[\\d.]+\\s*$")
        .matcher(detail.substring(detail.indexOf("Compression Histogram")));
    while (h.find()) {
      histogram.put(Integer.parseInt(h.group(1)), Long.parseLong(h.group(2)));
    }
    return new Figures(blocks(report, "total"), blocks(report, "free \\(zero\\)"),
        blocks(report, "deduped"), mib(report, "compressed"), blocks(report, "allocated"),
        histogram);
  }

  private static long blocks(String report, String line) {
    Matcher m = Pattern.compile("(?m)^" + line + "\\s+=\\s+[\\d.]+ MiB \\(\\s*(\\d+) blocks\\)")
        .matcher(report);
    assertTrue(m.find(), "no '" + line + "' line in qdda's report:\n" + report);
    return Long.parseLong(m.group(1));
  }

  private static double mib(String report, String line) {
    Matcher m = Pattern.compile("(?m)^" + line + "\\s+=\\s+([\\d.]+) MiB").matcher(report);
    assertTrue(m.find(), "no '" + line + "' line in qdda's report:\n" + report);
    return Double.parseDouble(m.group(1));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "qdda", ".out");
    Process p = new ProcessBuilder(command)
        .redirectInput(new File("/dev/null"))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    if (!p.waitFor(QDDA_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("qdda did not finish in " + QDDA_TIMEOUT_SECONDS + " s: " + command);
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "qdda failed: " + command + "\n" + text);
    return text;
  }
}
