package org.dedup4j.chunkers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.SplitMix64;

/**
 * The generator of the golden vectors in {@code src/test/resources/org/dedup4j/chunkers/golden/}:
 * for each chunker spec and input, one row per chunk, {@code spec TAB input TAB offset TAB length TAB
 * sha256}. {@link GoldenVectorsTest} recomputes them; any change of a cut point fails it.
 *
 * <p>Regenerate ({@code main}) only to add a chunker or a spec, never to accept a change of cut
 * points under an existing name: that is a new name and a changelog entry.
 *
 * <p>Inputs: {@code splitmix64-1MiB} is 1 MiB from SplitMix64 with seed {@code 0x5EED} (each
 * {@code nextLong()} stored little-endian; see {@link SplitMix64}), {@code splitmix64-1MiB-odd} is
 * 1 MiB + 12,345 bytes from seed 2026, {@code zeros-256KiB} is 262,144 zero bytes and {@code
 * short-1000} is 1,000 bytes from seed 1, shorter than every minimum used here.
 */
final class GoldenVectors {

  private GoldenVectors() {}

  /** Specs by chunker name, each with defaults and at least one non-power-of-two average. */
  static final Map<String, List<String>> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("fastcdc2020", List.of(
        "fastcdc2020",
        "fastcdc2020:min=4k,avg=16k,max=64k,level=0",
        "fastcdc2020:min=2k,avg=12288,max=48k,level=2,seed=666",
        "fastcdc2020:min=1001,avg=6000,max=20000,level=3,seed=0xfedcba9876543210"));
    SPECS.put("fastcdc2016", List.of(
        "fastcdc2016",
        "fastcdc2016:min=2k,avg=12288,max=48k,level=2",
        "fastcdc2016:min=1001,avg=6000,max=20000,level=0"));
    SPECS.put("ronomon", List.of(
        "ronomon",
        "ronomon:min=3000,avg=12288,max=40000"));
    SPECS.put("gear", List.of(
        "gear",
        "gear:min=1k,avg=6000,max=32k,seed=0x123456789"));
    SPECS.put("rabin", List.of(
        "rabin",
        "rabin:min=1000,avg=12288,max=50000,poly=0x" + Long.toHexString(RabinTest.randomIrreducible(new SplitMix64(1)))));
    SPECS.put("buzhash", List.of(
        "buzhash",
        "buzhash:min=4k,avg=12288,max=64k,window=4095,seed=0xdeadbeef"));
  }

  /** The inputs, by name. */
  static Map<String, byte[]> inputs() {
    Map<String, byte[]> in = new LinkedHashMap<>();
    in.put("splitmix64-1MiB", TestData.random(0x5EED, 1 << 20));
    in.put("splitmix64-1MiB-odd", TestData.random(2026, (1 << 20) + 12345));
    in.put("zeros-256KiB", new byte[256 * 1024]);
    in.put("short-1000", TestData.random(1, 1000));
    return in;
  }

  /** The rows for one chunker name, recomputed. */
  static List<String> rows(String name, Map<String, byte[]> inputs) {
    List<String> rows = new ArrayList<>();
    for (String text : SPECS.get(name)) {
      Chunker c = Chunkers.fromSpec(text);
      for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
        byte[] data = e.getValue();
        for (int from = 0; from < data.length; ) {
          int cut = c.nextCut(ByteBuffer.wrap(data), from, data.length);
          rows.add(c.spec() + "\t" + e.getKey() + "\t" + from + "\t" + (cut - from) + "\t" + TestData.sha256(data, from, cut - from));
          from = cut;
        }
      }
    }
    return rows;
  }

  static String header(String name) {
    return "# Golden cut points of " + name + ": spec, input, offset, length, SHA-256 of the chunk.\n"
        + "# Written by org.dedup4j.chunkers.GoldenVectors (test sources), checked by GoldenVectorsTest.\n"
        + "# Cut points are a contract: never regenerate to accept a change under an existing name.\n";
  }

  /**
   * Writes the files.
   *
   * @param args the target folder, by default {@code src/test/resources/org/dedup4j/chunkers/golden}
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/org/dedup4j/chunkers/golden");
    Files.createDirectories(dir);
    Map<String, byte[]> inputs = inputs();
    for (String name : SPECS.keySet()) {
      StringBuilder out = new StringBuilder(header(name));
      for (String row : rows(name, inputs)) {
        out.append(row).append('\n');
      }
      Files.write(dir.resolve(name + ".tsv"), out.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
