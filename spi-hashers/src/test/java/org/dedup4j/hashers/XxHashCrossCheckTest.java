package org.dedup4j.hashers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.openhft.hashing.LongHashFunction;
import net.openhft.hashing.LongTupleHashFunction;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Digester;
import org.dedup4j.testkit.InputPaths;
import org.junit.jupiter.api.Test;

/**
 * Our xxHash hashers against two other implementations, on random inputs of every length from 0 to
 * 4096, each through every input path. For every hasher at least one of the two is independent of
 * the code that computes it: zero-allocation-hashing for XXH64 (computed by lz4-java and hash4j)
 * and both libraries for XXH3 (computed by one of them).
 */
class XxHashCrossCheckTest {

  private static final int MAX_LENGTH = 4096;

  /** Reference fingerprints of one input. */
  private interface Reference {
    void fingerprints(byte[] input, long[] hash4j, long[] zeroAllocationHashing);
  }

  @Test
  void xxh64() {
    LongHashFunction zah = LongHashFunction.xx();
    check(
        "xxh64",
        (in, a, b) -> {
          a[0] = Hashing.xxh64().hashBytesToLong(in);
          b[0] = zah.hashBytes(in);
        });
  }

  @Test
  void xxh3x64() {
    LongHashFunction zah = LongHashFunction.xx3();
    check(
        "xxh3-64",
        (in, a, b) -> {
          a[0] = Hashing.xxh3_64().hashBytesToLong(in);
          b[0] = zah.hashBytes(in);
        });
  }

  @Test
  void xxh3x128() {
    LongTupleHashFunction zah = LongTupleHashFunction.xx128();
    long[] lowHigh = new long[2];
    check(
        "xxh3-128",
        (in, a, b) -> {
          HashValue128 v = Hashing.xxh3_128().hashBytesTo128Bits(in);
          a[0] = v.getMostSignificantBits();
          a[1] = v.getLeastSignificantBits();
          zah.hashBytes(in, lowHigh); // zero-allocation-hashing writes low, then high
          b[0] = lowHigh[1];
          b[1] = lowHigh[0];
        });
  }

  private static void check(String spec, Reference reference) {
    Digester digester = Hashers.fromSpec(spec).newDigester();
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + spec.hashCode());
    long[] hash4j = new long[2];
    long[] zah = new long[2];
    long[] actual = new long[2];
    List<String> wrong = new ArrayList<>();
    try (InputPaths paths = new InputPaths(MAX_LENGTH)) {
      for (int length = 0; length <= MAX_LENGTH; length++) {
        byte[] input = new byte[length];
        random.nextBytes(input);
        reference.fingerprints(input, hash4j, zah);
        if (hash4j[0] != zah[0] || hash4j[1] != zah[1]) {
          wrong.add("the references disagree on " + length + " bytes");
        }
        int pad = random.nextInt(InputPaths.MAX_PAD + 1);
        for (InputPaths.Kind kind : InputPaths.Kind.values()) {
          paths.digest(kind, digester, input, pad, actual);
          if (actual[0] != zah[0] || actual[1] != zah[1]) {
            wrong.add(spec + " of " + length + " bytes via " + kind);
          }
        }
        if (wrong.size() > 20) {
          break;
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
