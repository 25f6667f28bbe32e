package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedup4j compress} and {@code dedup4j scan --compress}: output, exit codes, bad input. */
class CompressCommandTest {

  @TempDir Path dir;

  private Path textFile(String name, int bytes) throws IOException {
    return Files.write(dir.resolve(name), TestData.textLike(bytes, 1));
  }

  @Test
  void compressPrintsEachCodecInTheRatioStyle() throws IOException {
    Path f = textFile("text", 3 << 20);
    Cli.Result r = Cli.run("compress", "--compress", "lz4:unit=4k", "--compress", "zstd:level=1",
        f.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().matches("(?s)lz4:unit=4k,grain=1: +\\d\\.\\d\\dx  \\(.*"), r::toString);
    assertTrue(r.out().contains("zstd:level=1,unit=32k,grain=1:"), r::toString);
    assertTrue(r.out().contains("Sample:"), r::toString);
    assertEquals("", r.err(), r::toString);
  }

  @Test
  void compressDefaultsToLz4AndZstd() throws IOException {
    Cli.Result r = Cli.run("compress", "--compress-sample", "all", textFile("t", 100_000).toString())
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("lz4:unit=32k,grain=1:") && r.out().contains("zstd:level=3,"),
        r::toString);
    assertTrue(r.out().contains("exact"), r::toString);
  }

  @Test
  void compressJsonIsAloneOnStdoutAndTheSeedReproducesIt() throws IOException {
    Path f = textFile("text", 4 << 20);
    String[] args = {"compress", "--json", "--compress", "deflate:level=1,unit=4k",
        "--compress-sample", "500", "--seed", "3", f.toString()};
    Cli.Result a = Cli.run(args).noStackTrace();
    Cli.Result b = Cli.run(args).noStackTrace();
    assertEquals(0, a.code(), a::toString);
    JsonObject o = JsonParser.parseString(a.out()).getAsJsonObject();
    JsonObject c = o.getAsJsonArray("compression").get(0).getAsJsonObject();
    for (String field : new String[] {"codec", "unit", "grain", "sampledUnits", "totalUnits",
        "zeroUnits", "ratio", "ratioLow", "ratioHigh", "confidence", "failedUnits"}) {
      assertTrue(c.has(field), field);
    }
    assertEquals(500, c.get("sampledUnits").getAsLong());
    assertEquals(1024, c.get("totalUnits").getAsLong());
    assertEquals(0.95, c.get("confidence").getAsDouble());
    assertEquals(3, o.get("seed").getAsLong());
    assertTrue(o.get("readBytes").getAsLong() < o.get("bytes").getAsLong());
    JsonObject again = JsonParser.parseString(b.out()).getAsJsonObject()
        .getAsJsonArray("compression").get(0).getAsJsonObject();
    assertEquals(c.get("ratio"), again.get("ratio"));
  }

  @Test
  void scanWithCompressPrintsCompressionAndDataReduction() throws IOException {
    byte[] half = TestData.textLike(64 * 4096, 2);
    byte[] data = new byte[half.length * 2];
    System.arraycopy(half, 0, data, 0, half.length);
    System.arraycopy(half, 0, data, half.length, half.length);
    Path f = Files.write(dir.resolve("twice"), data);
    Cli.Result r = Cli.run("scan", "--compress", "deflate:level=1,unit=chunk", "--compress", "lz4",
        "--compress-sample", "all", f.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().matches("(?s).*Compression: +deflate:level=1,unit=chunk,grain=1  "
        + "\\d\\.\\d\\dx  \\(exact.*"), r::toString);
    assertTrue(r.out().matches("(?s).*Data reduction: +\\d\\.\\d\\dx .*"), r::toString);

    Cli.Result json = Cli.run("scan", "--json", "--compress", "deflate:level=1,unit=chunk",
        f.toString()).noStackTrace();
    JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
    JsonArray c = o.getAsJsonArray("compression");
    assertEquals(1, c.size());
    assertEquals("chunk", c.get(0).getAsJsonObject().get("unit").getAsString());
    double drr = o.get("dataReductionRatio").getAsDouble();
    assertTrue(drr > 2 * 1.5, json::toString); // dedupe 2x times text compression
    assertTrue(o.get("dataReductionRatioLow").getAsDouble() <= drr
        && drr <= o.get("dataReductionRatioHigh").getAsDouble());
  }

  @Test
  void badCompressionSettingsAreUsageErrorsNamingTheAllowedValues() throws IOException {
    String f = textFile("t", 10_000).toString();
    String[][] cases = {
      {"--compress", "brotli", "unknown codec 'brotli'", "available: deflate, none, lz4, lz4hc, zstd"},
      {"--compress", "zstd:level=99", "level", "allowed 1..22"},
      {"--compress", "lz4:unit=3000", "unit", "4k, 8k"},
      {"--compress", "lz4:unit=6k", "not a power of two", "or chunk"},
      {"--compress", "lz4:unit=4k,grain=8k", "grain", "at most the unit"},
      {"--compress-sample", "0", "out of range", "auto, 1..16777216 units, or all"},
      {"--compress-sample", "some", "not auto, a number"},
    };
    for (String command : new String[] {"compress", "scan"}) {
      for (String[] c : cases) {
        String[] args = command.equals("scan") && c[0].equals("--compress-sample")
            ? new String[] {command, "--compress", "lz4", c[0], c[1], f}
            : new String[] {command, c[0], c[1], f};
        Cli.Result r = Cli.run(args).noStackTrace();
        assertEquals(2, r.code(), r::toString);
        for (int i = 2; i < c.length; i++) {
          assertTrue(r.err().contains(c[i]), "'" + c[i] + "' missing:\n" + r);
        }
        assertEquals("", r.out(), r::toString);
      }
    }
  }

  @Test
  void perChunkUnitStandingAloneAndStdinAreRefused() throws IOException {
    String f = textFile("t", 10_000).toString();
    Cli.Result chunk = Cli.run("compress", "--compress", "lz4:unit=chunk", f).noStackTrace();
    assertEquals(2, chunk.code(), chunk::toString);
    assertTrue(chunk.err().contains("needs a dedupe scan"), chunk::toString);
    Cli.Result stdin = Cli.run("compress", "-").noStackTrace();
    assertEquals(2, stdin.code(), stdin::toString);
    assertTrue(stdin.err().contains("cannot be read by position"), stdin::toString);
  }

  @Test
  void missingAndEmptyInputs() throws IOException {
    Cli.Result missing = Cli.run("compress", dir.resolve("nope").toString()).noStackTrace();
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("nothing read"), missing::toString);
    Path empty = Files.createFile(dir.resolve("empty"));
    Cli.Result r = Cli.run("compress", empty.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("empty"), r::toString);
    Cli.Result partly = Cli.run("compress", textFile("t", 50_000).toString(),
        dir.resolve("nope").toString()).noStackTrace();
    assertEquals(1, partly.code(), partly::toString);
    assertTrue(partly.out().contains("no such file"), partly::toString);
  }

  @Test
  void seedAndSampleNotesInScan() throws IOException {
    String f = textFile("t", 10_000).toString();
    Cli.Result r = Cli.run("scan", "--compress-sample", "all", f).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("--compress-sample has no effect without --compress"), r::toString);
    assertFalse(r.out().contains("Compression:"), r::toString);
  }

  @Test
  void listShowsTheCodecsAndTheirCommonOptions() {
    Cli.Result r = Cli.run("list").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Codecs (--compress"), r::toString);
    assertTrue(r.out().matches("(?s).*  zstd +Zstandard.*level=3 +compression level 1..22.*"),
        r::toString);
    assertTrue(r.out().contains("unit=32k") && r.out().contains("grain=1"), r::toString);
    JsonObject o = JsonParser.parseString(Cli.run("list", "--json").out()).getAsJsonObject();
    assertEquals(5, o.getAsJsonArray("codecs").size()); // deflate, none, lz4, lz4hc, zstd
    assertEquals(2, o.getAsJsonArray("codecOptions").size());
  }

  /**
   * A block device is read by position like a file of its size (sysfs gives the size; stat says
   * 0): the same figures as the file behind a loop device. Needs root and a free loop device.
   */
  @Test
  void aBlockDeviceIsEstimatedLikeTheFileBehindIt() throws Exception {
    Path file = textFile("behind-loop", 3 << 20); // a multiple of the loop device's 512-byte sectors
    Process attach = new ProcessBuilder("losetup", "--find", "--show", "--read-only",
        file.toString()).redirectErrorStream(true).start();
    String device = new String(attach.getInputStream().readAllBytes()).trim();
    org.junit.jupiter.api.Assumptions.assumeTrue(attach.waitFor() == 0 && device.startsWith("/dev/"),
        "no loop device could be attached (needs root): " + device);
    try {
      String[] common = {"compress", "--json", "--compress", "lz4:unit=4k", "--compress-sample", "all"};
      Cli.Result onFile = Cli.run(concat(common, file.toString())).noStackTrace();
      Cli.Result onDevice = Cli.run(concat(common, device)).noStackTrace();
      assertEquals(0, onDevice.code(), onDevice::toString);
      JsonObject a = JsonParser.parseString(onFile.out()).getAsJsonObject();
      JsonObject b = JsonParser.parseString(onDevice.out()).getAsJsonObject();
      assertEquals(a.get("bytes").getAsLong(), b.get("bytes").getAsLong(), onDevice::toString);
      assertEquals(a.getAsJsonArray("compression").toString(),
          b.getAsJsonArray("compression").toString(), onDevice::toString);
    } finally {
      new ProcessBuilder("losetup", "--detach", device).start().waitFor();
    }
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
