package org.dedup4j.hashers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our XXH3-128 against hash4j beyond the 4096 bytes that {@code XxHashCrossCheckTest} covers:
 * arrays, and buffers copied block by block (direct in both byte orders, read-only heap), at every
 * block boundary up to 70 KiB, around them, and at random lengths up to 256 KiB, at an offset.
 */
class Xxh3_128Test {

  private static final int MAX_LENGTH = 256 << 10;
  private static final int AT = 13;

  @Test
  void agreesWithHash4jOnLongInputs() {
    SplittableRandom random = new SplittableRandom(0x128);
    TreeSet<Integer> lengths = new TreeSet<>();
    for (int block = 1; block <= 70; block++) {
      for (int d = -65; d <= 65; d += 13) {
        lengths.add(1024 * block + d);
      }
      lengths.add(1024 * block - 1);
      lengths.add(1024 * block + 1);
    }
    for (int i = 0; i < 64; i++) {
      lengths.add(random.nextInt(241, MAX_LENGTH + 1));
    }
    lengths.add(MAX_LENGTH);

    byte[] data = new byte[AT + MAX_LENGTH];
    random.nextBytes(data);
    ByteBuffer bigEndian = ByteBuffer.allocateDirect(data.length).put(data).clear();
    ByteBuffer littleEndian = bigEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer();
    Hasher128 hash4j = Hashing.xxh3_128();
    Xxh3_128 ours = new Xxh3_128();
    long[] out = new long[2];
    List<String> wrong = new ArrayList<>();
    for (int length : lengths) {
      HashValue128 want = hash4j.hashBytesTo128Bits(data, AT, length);
      ours.hash(data, AT, length, out);
      check(want, out, "array", length, wrong);
      ours.hash(bigEndian, AT, length, out);
      check(want, out, "direct big-endian", length, wrong);
      ours.hash(littleEndian, AT, length, out);
      check(want, out, "direct little-endian", length, wrong);
      ours.hash(readOnly, AT, length, out);
      check(want, out, "read-only heap", length, wrong);
    }
    assertEquals(List.of(), wrong);
  }

  private static void check(
      HashValue128 want, long[] out, String path, int length, List<String> wrong) {
    if (out[0] != want.getMostSignificantBits() || out[1] != want.getLeastSignificantBits()) {
      wrong.add(path + ", " + length + " bytes");
    }
  }
}
