package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Recomputes the golden vectors of every chunker of this module; any moved cut point fails. */
class GoldenVectorsTest {

  private static Map<String, byte[]> inputs;

  @BeforeAll
  static void inputs() {
    inputs = GoldenVectors.inputs();
  }

  static Set<String> names() {
    return GoldenVectors.SPECS.keySet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void cutPointsMatchTheGoldenVectors(String name) throws IOException {
    List<String> expected = new ArrayList<>();
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("golden/" + name + ".tsv")) {
      assertNotNull(in, "golden/" + name + ".tsv is missing");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          expected.add(line);
        }
      }
    }
    List<String> actual = GoldenVectors.rows(name, inputs);
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        fail(name + ": cut points moved at golden row " + (i + 1) + "\n  expected " + expected.get(i) + "\n  actual   " + actual.get(i));
      }
    }
    assertEquals(expected.size(), actual.size(), name + ": number of chunks");
  }

  /** The input generator is the SplitMix64 of java.util.SplittableRandom(seed), written out. */
  @Test
  void inputGeneratorIsSplitMix64() {
    java.util.SplittableRandom jdk = new java.util.SplittableRandom(0x5EED);
    org.dedup4j.testkit.SplitMix64 ours =
        new org.dedup4j.testkit.SplitMix64(0x5EED);
    for (int i = 0; i < 1000; i++) {
      assertEquals(jdk.nextLong(), ours.nextLong());
    }
  }

  /** Every content-defined chunker this module registers has golden vectors. */
  @Test
  void everyChunkerOfThisModuleIsCovered() {
    Set<String> ours =
        Chunkers.providers().stream()
            .filter(p -> p.getClass().getPackageName().equals("org.dedup4j.chunkers"))
            .map(ChunkerProvider::name)
            .collect(Collectors.toSet());
    assertEquals(Set.of("fastcdc2020", "fastcdc2016", "ronomon", "gear", "rabin", "buzhash"), ours);
    assertEquals(ours, names());
  }
}
