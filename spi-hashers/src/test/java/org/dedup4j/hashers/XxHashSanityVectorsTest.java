package org.dedup4j.hashers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Digester;
import org.dedup4j.testkit.InputPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XXH64, XXH3-64 and XXH3-128 against the reference C implementation's output on xxHash's sanity
 * buffer ({@code xxhash-sanity-vectors.txt}; its header says how it was made), through every input
 * path. The rows that xxHash's own sanity check publishes are pinned here too, typed from {@code
 * cli/xsum_sanity_check.c}, so a regenerated file cannot drift unnoticed.
 */
class XxHashSanityVectorsTest {

  /** One row: length, XXH64, XXH3-64, XXH3-128 high, XXH3-128 low. */
  record Row(int length, long xxh64, long xxh3, long xxh128High, long xxh128Low) {}

  private static final String VECTORS = "xxhash-sanity-vectors.txt";

  private static Map<Integer, Row> rows;

  @BeforeAll
  static void load() throws IOException {
    rows = new TreeMap<>();
    try (InputStream in = XxHashSanityVectorsTest.class.getResourceAsStream(VECTORS);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        Row row = new Row(Integer.parseInt(f[0]), hex(f[1]), hex(f[2]), hex(f[3]), hex(f[4]));
        rows.put(row.length(), row);
      }
    }
  }

  private static long hex(String s) {
    return Long.parseUnsignedLong(s, 16);
  }

  @Test
  void fileCoversTheLengthsWhereXxh3ChangesStrategy() {
    for (int length = 0; length <= 256; length++) {
      assertTrue(rows.containsKey(length), "row for length " + length);
    }
    for (int length : new int[] {403, 512, 1024, 1025, 2048, 2240, 2367, 4096, 4160}) {
      assertTrue(rows.containsKey(length), "row for length " + length);
    }
  }

  /** Values from xxHash's {@code cli/xsum_sanity_check.c}, seed 0 rows. */
  @Test
  void fileAgreesWithTheValuesXxhashPublishes() {
    long[][] xxh64 = {
      {0, 0xEF46DB3751D8E999L}, {1, 0xE934A84ADB052768L}, {4, 0x9136A0DCA57457EEL},
      {14, 0x8282DCC4994E35C8L}, {222, 0xB641AE8CB691C174L}
    };
    for (long[] v : xxh64) {
      assertEquals(v[1], rows.get((int) v[0]).xxh64(), "XXH64 of " + v[0] + " bytes");
    }
    long[][] xxh3 = {
      {0, 0x2D06800538D394C2L}, {1, 0xC44BDFF4074EECDBL}, {6, 0x27B56A84CD2D7325L},
      {12, 0xA713DAF0DFBB77E7L}, {24, 0xA3FE70BF9D3510EBL}, {48, 0x397DA259ECBA1F11L},
      {80, 0xBCDEFBBB2C47C90AL}, {195, 0xCD94217EE362EC3AL}, {403, 0xCDEB804D65C6DEA4L},
      {512, 0x617E49599013CB6BL}, {2048, 0xDD59E2C3A5F038E0L}, {2240, 0x6E73A90539CF2948L},
      {2367, 0xCB37AEB9E5D361EDL}
    };
    for (long[] v : xxh3) {
      assertEquals(v[1], rows.get((int) v[0]).xxh3(), "XXH3-64 of " + v[0] + " bytes");
    }
    // xsum_sanity_check.c writes { low64, high64 }
    long[][] xxh128 = {
      {0, 0x6001C324468D497FL, 0x99AA06D3014798D8L},
      {1, 0xC44BDFF4074EECDBL, 0xA6CD5E9392000F6AL},
      {6, 0x3E7039BDDA43CFC6L, 0x082AFE0B8162D12AL},
      {12, 0x061A192713F69AD9L, 0x6E3EFD8FC7802B18L},
      {24, 0x1E7044D28B1B901DL, 0x0CE966E4678D3761L},
      {48, 0xF942219AED80F67BL, 0xA002AC4E5478227EL},
      {81, 0x5E8BAFB9F95FB803L, 0x4952F58181AB0042L},
      {222, 0xF1AEBD597CEC6B3AL, 0x337E09641B948717L},
      {403, 0xCDEB804D65C6DEA4L, 0x1B6DE21E332DD73DL},
      {512, 0x617E49599013CB6BL, 0x18D2D110DCC9BCA1L},
      {2048, 0xDD59E2C3A5F038E0L, 0xF736557FD47073A5L},
      {2240, 0x6E73A90539CF2948L, 0xCCB134FBFA7CE49DL},
      {2367, 0xCB37AEB9E5D361EDL, 0xE89C0F6FF369B427L}
    };
    for (long[] v : xxh128) {
      Row row = rows.get((int) v[0]);
      assertEquals(v[1], row.xxh128Low(), "XXH3-128 low of " + v[0] + " bytes");
      assertEquals(v[2], row.xxh128High(), "XXH3-128 high of " + v[0] + " bytes");
    }
  }

  @Test
  void xxh64MatchesTheReference() {
    check("xxh64", row -> new long[] {row.xxh64(), 0L});
  }

  @Test
  void xxh3x64MatchesTheReference() {
    check("xxh3-64", row -> new long[] {row.xxh3(), 0L});
  }

  @Test
  void xxh3x128MatchesTheReferenceHighThenLow() {
    check("xxh3-128", row -> new long[] {row.xxh128High(), row.xxh128Low()});
  }

  private static void check(String spec, Function<Row, long[]> expected) {
    int max = rows.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    byte[] sanity = SanityBuffer.bytes(max);
    Digester digester = Hashers.fromSpec(spec).newDigester();
    long[] actual = new long[2];
    List<String> wrong = new ArrayList<>();
    try (InputPaths paths = new InputPaths(max)) {
      for (Row row : rows.values()) {
        byte[] input = Arrays.copyOf(sanity, row.length());
        for (InputPaths.Kind kind : InputPaths.Kind.values()) {
          paths.digest(kind, digester, input, row.length() % (InputPaths.MAX_PAD + 1), actual);
          long[] want = expected.apply(row);
          if (want[0] != actual[0] || want[1] != actual[1]) {
            wrong.add(spec + " of " + row.length() + " bytes via " + kind);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void sanityBufferIsXxhashs() {
    // byte i is the top byte of PRIME32 * PRIME64^i, with xxHash's decimal constants
    long prime32 = 2654435761L;
    long prime64 = Long.parseUnsignedLong("11400714785074694797");
    byte[] b = SanityBuffer.bytes(64);
    long gen = prime32;
    for (int i = 0; i < b.length; i++) {
      assertEquals((byte) (gen >>> 56), b[i], "byte " + i);
      gen *= prime64;
    }
  }
}
