package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Assumptions;

/** Shared inputs and helpers for the chunker tests. */
final class TestData {

  /** {@code ../shared/testdata/SekienAkashita.jpg}, fastcdc-rs's fixture; tests skip without it. */
  static final Path SEKIEN = Paths.get("..", "..", "shared", "testdata", "SekienAkashita.jpg");

  static final String SEKIEN_SHA256 = "d9e749d9367fc908876749d6502eb212fee88c9a94892fb07da5ef3ba8bc39ed";

  private TestData() {}

  /** The fixture, or the test is skipped with a message when {@code ../shared/testdata} is absent. */
  static byte[] sekien() {
    Path p = SEKIEN.toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        Files.isRegularFile(p),
        "skipped: " + p + " is absent (../shared/testdata travels with this workspace, not with a clone)");
    try {
      byte[] b = Files.readAllBytes(p);
      Assumptions.assumeTrue(sha256(b, 0, b.length).equals(SEKIEN_SHA256), "skipped: " + p + " is not the expected file");
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code length} bytes of SplitMix64 output from {@code seed}, little-endian words. */
  static byte[] random(long seed, int length) {
    byte[] b = new byte[length];
    new SplitMix64(seed).fill(b, 0, length);
    return b;
  }

  static int[] cuts(Chunker c, byte[] data) {
    return AbstractChunkerContractTest.cutAll(c, ByteBuffer.wrap(data), 0, data.length);
  }

  /** Chunk lengths from cuts. */
  static int[] lengths(int[] cuts) {
    int[] out = new int[cuts.length];
    int from = 0;
    for (int i = 0; i < cuts.length; i++) {
      out[i] = cuts[i] - from;
      from = cuts[i];
    }
    return out;
  }

  static void assertLengths(int[] expected, Chunker c, byte[] data) {
    assertArrayEquals(expected, lengths(cuts(c, data)), c.spec());
  }

  static String sha256(byte[] b, int offset, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(b, offset, length);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
