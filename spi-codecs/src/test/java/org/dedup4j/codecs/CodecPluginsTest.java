package org.dedup4j.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dedup4j.Codecs;
import org.dedup4j.CompressibilityEstimator;
import org.dedup4j.Compression;
import org.dedup4j.CompressionEstimate;
import org.dedup4j.CompressionSample;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The plugins are found by name, check their levels, and survive a JVM that denies native code. */
class CodecPluginsTest {

  @Test
  void foundByNameBesideTheBuiltIn() {
    List<String> names = Codecs.providers().stream().map(CodecProvider::name).toList();
    assertEquals(List.of("deflate", "none", "lz4", "lz4hc", "zstd"), names);
    assertEquals(List.of(), Codecs.problems());
    assertEquals("zstd:level=3,unit=32k,grain=1", Compression.parse("zstd").spec());
    assertEquals("lz4hc:level=9,unit=4k,grain=512", Compression.parse("lz4hc:unit=4k,grain=512").spec());
    assertEquals("lz4:unit=chunk,grain=1", Compression.parse("lz4:unit=chunk").spec());
  }

  @Test
  void levelsOutOfRangeNameTheRange() {
    String zstd = assertThrows(IllegalArgumentException.class,
        () -> Compression.parse("zstd:level=23")).getMessage();
    assertTrue(zstd.contains("level") && zstd.contains("allowed 1..22"), zstd);
    String hc = assertThrows(IllegalArgumentException.class,
        () -> Codecs.fromSpec("lz4hc:level=0")).getMessage();
    assertTrue(hc.contains("allowed 1..12"), hc);
    String lz4 = assertThrows(IllegalArgumentException.class,
        () -> Codecs.fromSpec("lz4:level=1")).getMessage();
    assertTrue(lz4.contains("unknown option 'level'") && lz4.contains("allowed: unit, grain"), lz4);
  }

  @Test
  void codecsRankAsExpectedOnText() {
    byte[] text = TestData.textLike(2 << 20, 5);
    List<CompressionEstimate> e = CompressibilityEstimator.builder()
        .compress("lz4", "lz4hc:level=9", "zstd:level=3", "zstd:level=19", "deflate:level=6")
        .sample(CompressionSample.all()).build().estimate(text).compressionEstimates();
    double lz4 = e.get(0).ratio();
    double hc = e.get(1).ratio();
    double zstd3 = e.get(2).ratio();
    double zstd19 = e.get(3).ratio();
    assertTrue(1.5 < lz4 && lz4 < hc && hc < zstd3 && zstd3 < zstd19, e.toString());
  }

  /**
   * On JDK 24 and later, {@code --illegal-native-access=deny} makes zstd-jni's native library fail
   * to load: zstd must say so and lz4 (Java fallback) and deflate must go on working.
   */
  @Test
  void aJvmThatDeniesNativeAccessKeepsTheOtherCodecs() throws Exception {
    assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access=deny needs JDK 24+");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = Files.createTempFile("deny", ".txt");
    try {
      Process p = new ProcessBuilder(java, "--illegal-native-access=deny", "-cp",
          System.getProperty("java.class.path") + File.pathSeparator
              + System.getProperty("surefire.test.class.path", ""),
          DenyNativeAccessMain.class.getName())
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), text);
      assertTrue(text.contains("codec zstd unavailable: zstd-jni's native library could not load"),
          text);
      assertTrue(text.contains("lz4 ok") && text.contains("deflate ok"), text);
      assertTrue(text.contains("zstd refused: codec zstd is unavailable"), text);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
