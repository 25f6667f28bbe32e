package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the tables come from, regenerated the way their authors made them, and the rounded log2. */
class TablesTest {

  /** fastcdc-rs {@code examples/table64.rs}: MD5 of 64 bytes of value i, first 8 bytes big-endian. */
  @Test
  void gearIsTheMd5Table() throws Exception {
    for (int i = 0; i < 256; i++) {
      byte[] seed = new byte[64];
      Arrays.fill(seed, (byte) i);
      long expected = ByteBuffer.wrap(MessageDigest.getInstance("MD5").digest(seed)).getLong();
      assertEquals(expected, Tables.GEAR[i], "GEAR[" + i + "]");
    }
    // spot values as printed in fastcdc-rs src/v2020/mod.rs
    assertEquals(0x3b5d3c7d207e37dcL, Tables.GEAR[0]);
    assertEquals(0xaabd2b2a451504e1L, Tables.GEAR[255]);
    // fastcdc-rs's GEAR_LS, which our fastcdc2020 kernel replaces by shifting GEAR, is GEAR << 1
    assertEquals(0x76ba78fa40fc6fb8L, Tables.GEAR[0] << 1);
    assertEquals(0x557a56548a2a09c2L, Tables.GEAR[255] << 1);
  }

  /** fastcdc2020's kernel tests {@code H} against a mask where the reference tests {@code 2 H}. */
  @Test
  void masksUseOnlyTheLow48Bits() {
    for (int bits = 0; bits < Tables.MASKS.length; bits++) {
      assertEquals(0, Tables.MASKS[bits] >>> 48, "MASKS[" + bits + "]");
      assertEquals(bits < 5 ? 0 : bits, Long.bitCount(Tables.MASKS[bits]), "one bits of MASKS[" + bits + "]");
    }
  }

  /** fastcdc-rs {@code examples/table32.rs}: AES-256-CTR of zeros, zero key and counter, top bit cleared. */
  @Test
  void ronomonIsTheAesCtrTable() throws Exception {
    Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], "AES"), new IvParameterSpec(new byte[16]));
    ByteBuffer stream = ByteBuffer.wrap(aes.doFinal(new byte[1024]));
    for (int i = 0; i < 256; i++) {
      assertEquals(stream.getInt() & 0x7fffffff, Tables.RONOMON[i], "RONOMON[" + i + "]");
    }
    assertEquals(0x5c95c078, Tables.RONOMON[0]);
    assertEquals(0x32e8ea7e, Tables.RONOMON[255]);
  }

  /** Spot values of borg's table_base (transcribed; no generator is published). */
  @Test
  void borgTableSpotValues() {
    assertEquals(256, Tables.BORG_BUZHASH.length);
    assertEquals(0xe7f831ec, Tables.BORG_BUZHASH[0]);
    assertEquals(0x5417d6d4, Tables.BORG_BUZHASH[7]);
    assertEquals(0x84a32436, Tables.BORG_BUZHASH[15]);
    assertEquals(0x0810bfbf, Tables.BORG_BUZHASH[127]);
    assertEquals(0x813a06b4, Tables.BORG_BUZHASH[128]);
    assertEquals(0x71893f7b, Tables.BORG_BUZHASH[255]);
  }

  /** fastcdc-rs's {@code test_logarithm2} cases (v2016, v2020 and ronomon modules). */
  @ParameterizedTest(name = "log2({0}) = {1}")
  @CsvSource({
    "1,0", "2,1", "3,2", "5,2", "6,3", "11,3", "12,4", "19,4", "64,6", "128,7", "256,8", "512,9",
    "1024,10", "1100,10", "1500,11", "12288,14", "16383,14", "16384,14", "16385,14", "24576,15",
    "32767,15", "32768,15", "32769,15", "65535,16", "65536,16", "65537,16", "1048575,20",
    "1048576,20", "1048577,20", "4194303,22", "4194304,22", "4194305,22", "16777215,24",
    "16777216,24", "16777217,24", "268435456,28", "1073741824,30"
  })
  void log2IsRounded(int value, int expected) {
    assertEquals(expected, Tables.log2Rounded(value));
    assertEquals(Math.round(Math.log(value) / Math.log(2)), Tables.log2Rounded(value));
  }

  /** fastcdc-rs's {@code test_masks}: level 1 picks the masks one bit either side. */
  @Test
  void masksFollowTheAverage() {
    assertEquals(Tables.MASKS[7], Tables.MASKS[Tables.log2Rounded(256) - 1]);
    assertEquals(Tables.MASKS[9], Tables.MASKS[Tables.log2Rounded(256) + 1]);
    assertEquals(Tables.MASKS[13], Tables.MASKS[Tables.log2Rounded(16384) - 1]);
    assertEquals(Tables.MASKS[23], Tables.MASKS[Tables.log2Rounded(4_194_304) + 1]);
    for (int bits = 5; bits < Tables.MASKS.length; bits++) {
      assertEquals(bits, Long.bitCount(Tables.MASKS[bits]), "MASKS[" + bits + "] has " + bits + " one bits");
    }
  }
}
