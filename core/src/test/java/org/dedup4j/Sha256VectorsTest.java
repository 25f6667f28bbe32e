package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sha256} against the examples published with the standard (FIPS 180-2, Appendix B; also in
 * NIST's "Cryptographic Standards and Guidelines: Examples with Intermediate Values"), through a
 * byte array, a heap, a direct and a read-only buffer. A fingerprint is the digest's first 16 bytes,
 * big-endian, as {@code sha256sum} prints them.
 */
class Sha256VectorsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty, '', 1, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "abc, abc, 1, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "448-bit message, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq, 1,"
        + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    "one million a, a, 1000000, cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  })
  void publishedDigests(String name, String text, int repeat, String digestHex) {
    byte[] message = text.repeat(repeat).getBytes(StandardCharsets.US_ASCII);
    long[] expected = {
      Long.parseUnsignedLong(digestHex.substring(0, 16), 16),
      Long.parseUnsignedLong(digestHex.substring(16, 32), 16)
    };
    Hasher sha256 = Hashers.sha256();
    assertEquals(256, sha256.digestBits());
    assertEquals(128, sha256.fingerprintBits());
    Digester digester = sha256.newDigester();
    long[] actual = new long[2];

    digester.digest(message, 0, message.length, actual);
    assertArrayEquals(expected, actual, "byte[]");

    byte[] padded = new byte[message.length + 10];
    Arrays.fill(padded, (byte) 'x');
    System.arraycopy(message, 0, padded, 3, message.length);
    digester.digest(ByteBuffer.wrap(padded), 3, message.length, actual);
    assertArrayEquals(expected, actual, "heap buffer");

    // more than the digester's scratch array: direct buffers are copied through it in pieces
    ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).clear();
    digester.digest(direct, 3, message.length, actual);
    assertArrayEquals(expected, actual, "direct buffer");
    digester.digest(direct.asReadOnlyBuffer(), 3, message.length, actual);
    assertArrayEquals(expected, actual, "read-only direct buffer");
    digester.digest(ByteBuffer.wrap(padded).asReadOnlyBuffer(), 3, message.length, actual);
    assertArrayEquals(expected, actual, "read-only heap buffer");
  }
}
