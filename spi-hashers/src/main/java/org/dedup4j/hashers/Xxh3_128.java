package org.dedup4j.hashers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH3-128 ({@code XXH3_128bits}: seed 0, the default secret), written for this project from the
 * xxHash specification and its reference implementation (xxHash 0.8), with the reference's
 * strategies by length: 0, 1-3, 4-8, 9-16, 17-128 and 129-240 bytes, and above 240 bytes 64-byte
 * stripes accumulated into eight lanes with the default secret, a scramble after each 1024-byte
 * block, and a merge of the lanes into each 64-bit half.
 *
 * <p>Writes the result straight into the caller's array, high 64 bits first, so hashing allocates
 * nothing (hash4j's {@code hashBytesTo128Bits} returns a new object per call). Arrays are read in
 * place through little-endian {@code VarHandle} views; buffers without a reachable array (direct,
 * mapped, read-only) are copied a block at a time into a scratch array that each instance owns, as
 * {@code MessageDigestHasher} does, so that the same loops serve every input. Copying measured
 * faster than reading the buffer in place through {@code byteBufferViewVarHandle} (7.6-8.7 against
 * 5.2-5.8 GB/s at 4 and 64 KiB with {@code Xxh3LibraryTiming}), keeps the array loop at full speed
 * in a process that also hashes buffers (a loop shared through an interface for both ran at half
 * speed there), and avoids a JDK 17 JIT quirk that sometimes left {@code byteBufferViewVarHandle}
 * reads uninlined (1.0-1.7 GB/s).
 *
 * <p>Checked against the reference C implementation's output ({@code XxHashSanityVectorsTest}),
 * against hash4j and zero-allocation-hashing at every length up to 4096 ({@code
 * XxHashCrossCheckTest}) and against hash4j on longer inputs ({@code Xxh3_128Test}). One instance
 * per thread.
 */
final class Xxh3_128 {

  private static final long PRIME32_1 = 0x9E3779B1L;
  private static final long PRIME32_2 = 0x85EBCA77L;
  private static final long PRIME32_3 = 0xC2B2AE3DL;
  private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
  private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
  private static final long PRIME64_3 = 0x165667B19E3779F9L;
  private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
  private static final long PRIME64_5 = 0x27D4EB2F165667C5L;
  private static final long PRIME_MX1 = 0x165667919E3779F9L;
  private static final long PRIME_MX2 = 0x9FB21C651E98DF25L;

  /** xxHash's default secret ({@code XXH3_kSecret}), 192 bytes. */
  private static final byte[] K_SECRET = {
    (byte) 0xb8, (byte) 0xfe, (byte) 0x6c, (byte) 0x39, (byte) 0x23, (byte) 0xa4, (byte) 0x4b,
    (byte) 0xbe, (byte) 0x7c, (byte) 0x01, (byte) 0x81, (byte) 0x2c, (byte) 0xf7, (byte) 0x21,
    (byte) 0xad, (byte) 0x1c, (byte) 0xde, (byte) 0xd4, (byte) 0x6d, (byte) 0xe9, (byte) 0x83,
    (byte) 0x90, (byte) 0x97, (byte) 0xdb, (byte) 0x72, (byte) 0x40, (byte) 0xa4, (byte) 0xa4,
    (byte) 0xb7, (byte) 0xb3, (byte) 0x67, (byte) 0x1f, (byte) 0xcb, (byte) 0x79, (byte) 0xe6,
    (byte) 0x4e, (byte) 0xcc, (byte) 0xc0, (byte) 0xe5, (byte) 0x78, (byte) 0x82, (byte) 0x5a,
    (byte) 0xd0, (byte) 0x7d, (byte) 0xcc, (byte) 0xff, (byte) 0x72, (byte) 0x21, (byte) 0xb8,
    (byte) 0x08, (byte) 0x46, (byte) 0x74, (byte) 0xf7, (byte) 0x43, (byte) 0x24, (byte) 0x8e,
    (byte) 0xe0, (byte) 0x35, (byte) 0x90, (byte) 0xe6, (byte) 0x81, (byte) 0x3a, (byte) 0x26,
    (byte) 0x4c, (byte) 0x3c, (byte) 0x28, (byte) 0x52, (byte) 0xbb, (byte) 0x91, (byte) 0xc3,
    (byte) 0x00, (byte) 0xcb, (byte) 0x88, (byte) 0xd0, (byte) 0x65, (byte) 0x8b, (byte) 0x1b,
    (byte) 0x53, (byte) 0x2e, (byte) 0xa3, (byte) 0x71, (byte) 0x64, (byte) 0x48, (byte) 0x97,
    (byte) 0xa2, (byte) 0x0d, (byte) 0xf9, (byte) 0x4e, (byte) 0x38, (byte) 0x19, (byte) 0xef,
    (byte) 0x46, (byte) 0xa9, (byte) 0xde, (byte) 0xac, (byte) 0xd8, (byte) 0xa8, (byte) 0xfa,
    (byte) 0x76, (byte) 0x3f, (byte) 0xe3, (byte) 0x9c, (byte) 0x34, (byte) 0x3f, (byte) 0xf9,
    (byte) 0xdc, (byte) 0xbb, (byte) 0xc7, (byte) 0xc7, (byte) 0x0b, (byte) 0x4f, (byte) 0x1d,
    (byte) 0x8a, (byte) 0x51, (byte) 0xe0, (byte) 0x4b, (byte) 0xcd, (byte) 0xb4, (byte) 0x59,
    (byte) 0x31, (byte) 0xc8, (byte) 0x9f, (byte) 0x7e, (byte) 0xc9, (byte) 0xd9, (byte) 0x78,
    (byte) 0x73, (byte) 0x64, (byte) 0xea, (byte) 0xc5, (byte) 0xac, (byte) 0x83, (byte) 0x34,
    (byte) 0xd3, (byte) 0xeb, (byte) 0xc3, (byte) 0xc5, (byte) 0x81, (byte) 0xa0, (byte) 0xff,
    (byte) 0xfa, (byte) 0x13, (byte) 0x63, (byte) 0xeb, (byte) 0x17, (byte) 0x0d, (byte) 0xdd,
    (byte) 0x51, (byte) 0xb7, (byte) 0xf0, (byte) 0xda, (byte) 0x49, (byte) 0xd3, (byte) 0x16,
    (byte) 0x55, (byte) 0x26, (byte) 0x29, (byte) 0xd4, (byte) 0x68, (byte) 0x9e, (byte) 0x2b,
    (byte) 0x16, (byte) 0xbe, (byte) 0x58, (byte) 0x7d, (byte) 0x47, (byte) 0xa1, (byte) 0xfc,
    (byte) 0x8f, (byte) 0xf8, (byte) 0xb8, (byte) 0xd1, (byte) 0x7a, (byte) 0xd0, (byte) 0x31,
    (byte) 0xce, (byte) 0x45, (byte) 0xcb, (byte) 0x3a, (byte) 0x8f, (byte) 0x95, (byte) 0x16,
    (byte) 0x04, (byte) 0x28, (byte) 0xaf, (byte) 0xd7, (byte) 0xfb, (byte) 0xca, (byte) 0xbb,
    (byte) 0x4b, (byte) 0x40, (byte) 0x7e,
  };

  private static final int STRIPE = 64;
  private static final int STRIPES_PER_BLOCK = (192 - STRIPE) / 8; // 16
  private static final int BLOCK = STRIPE * STRIPES_PER_BLOCK; // 1024 bytes

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The secret as 24 little-endian longs: the keys of stripe {@code s} are {@code [s, s + 8)}. */
  private static final long[] SECRET = secretLongs(0, 24);

  /** Keys of the 129-240 byte rounds after the eighth: the secret from byte 3. */
  private static final long[] MID = secretLongs(3, 12);

  /** Keys of the last 32 bytes of a 129-240 byte input: the secret from byte 103. */
  private static final long[] MID_LAST = secretLongs(136 - 17 - 16, 4);

  /** Keys of the last stripe of a long input: the secret from byte 192 - 64 - 7. */
  private static final long[] LAST_STRIPE = secretLongs(192 - STRIPE - 7, 8);

  /** Keys of the merge into the low half (the secret from byte 11) and into the high half. */
  private static final long[] MERGE_LOW = secretLongs(11, 8);

  private static final long[] MERGE_HIGH = secretLongs(192 - STRIPE - 11, 8);

  private static final long EMPTY_LOW = xxh64Avalanche(SECRET[8] ^ SECRET[9]);
  private static final long EMPTY_HIGH = xxh64Avalanche(SECRET[10] ^ SECRET[11]);
  private static final long FLIP_1TO3_LOW = secretInt(0) ^ secretInt(4);
  private static final long FLIP_1TO3_HIGH = secretInt(8) ^ secretInt(12);
  private static final long FLIP_4TO8 = SECRET[2] ^ SECRET[3];
  private static final long FLIP_9TO16_LOW = SECRET[4] ^ SECRET[5];
  private static final long FLIP_9TO16_HIGH = SECRET[6] ^ SECRET[7];

  /** Buffers without a reachable array are copied here, a block at a time. */
  private final byte[] scratch = new byte[BLOCK];

  /**
   * {@link #SECRET}, read by the striped loop through this field: read straight from the static
   * final, whose address the JIT then compiles in as a constant, the loop ran 3-9% slower at 64 KiB
   * (paired runs in one JVM, JDK 17 and 25).
   */
  private final long[] keys = SECRET;

  /** One per digester: not thread-safe. */
  Xxh3_128() {}

  /**
   * Writes XXH3-128 of {@code in[offset, offset + length)} to {@code out}: the high 64 bits to
   * {@code out[0]}, the low 64 bits to {@code out[1]}. The caller checks the range.
   *
   * @param in the bytes
   * @param offset index of the first byte
   * @param length number of bytes, at least 0
   * @param out receives the hash; length at least 2
   */
  void hash(byte[] in, int offset, int length, long[] out) {
    if (length <= 240) {
      upTo240(in, offset, length, out);
    } else {
      striped(in, null, offset, length, out);
    }
  }

  /**
   * Writes XXH3-128 of bytes {@code [offset, offset + length)} of {@code in} to {@code out}, as
   * {@link #hash(byte[], int, int, long[])} does, copying them through this instance's scratch
   * array a block at a time. The buffer's byte order and position do not matter and are left
   * unchanged; the bytes must lie below its limit. The caller checks the range.
   *
   * @param in the bytes: any buffer, direct, mapped, read-only or heap
   * @param offset index of the first byte
   * @param length number of bytes, at least 0
   * @param out receives the hash; length at least 2
   */
  void hash(ByteBuffer in, int offset, int length, long[] out) {
    if (length <= 240) {
      in.get(offset, scratch, 0, length);
      upTo240(scratch, 0, length, out);
    } else {
      striped(null, in, offset, length, out);
    }
  }

  private static void upTo240(byte[] in, int off, int len, long[] out) {
    if (len <= 16) {
      upTo16(in, off, len, out);
    } else if (len <= 128) {
      upTo128(in, off, len, out);
    } else {
      upTo240Bytes(in, off, len, out);
    }
  }

  private static void upTo16(byte[] in, int off, int len, long[] out) {
    long low;
    long high;
    if (len > 8) {
      long first = getLong(in, off);
      long last = getLong(in, off + len - 8);
      long keyed = first ^ last ^ FLIP_9TO16_LOW;
      long mLow = keyed * PRIME64_1 + ((long) (len - 1) << 54);
      long mHigh = unsignedMultiplyHigh(keyed, PRIME64_1);
      last ^= FLIP_9TO16_HIGH;
      mHigh += last + (last & 0xFFFFFFFFL) * (PRIME32_2 - 1);
      mLow ^= Long.reverseBytes(mHigh);
      low = avalanche(mLow * PRIME64_2);
      high = avalanche(unsignedMultiplyHigh(mLow, PRIME64_2) + mHigh * PRIME64_2);
    } else if (len >= 4) {
      long first = Integer.toUnsignedLong((int) INT.get(in, off));
      long last = Integer.toUnsignedLong((int) INT.get(in, off + len - 4));
      long keyed = (first + (last << 32)) ^ FLIP_4TO8;
      long prime = PRIME64_1 + (len << 2);
      long mLow = keyed * prime;
      long mHigh = unsignedMultiplyHigh(keyed, prime) + (mLow << 1);
      mLow ^= mHigh >>> 3;
      mLow ^= mLow >>> 35;
      mLow *= PRIME_MX2;
      low = mLow ^ (mLow >>> 28);
      high = avalanche(mHigh);
    } else if (len > 0) {
      int c1 = in[off] & 0xFF;
      int c2 = in[off + (len >>> 1)] & 0xFF;
      int c3 = in[off + len - 1] & 0xFF;
      int combined = (c1 << 16) | (c2 << 24) | c3 | (len << 8);
      int swapped = Integer.rotateLeft(Integer.reverseBytes(combined), 13);
      low = xxh64Avalanche(Integer.toUnsignedLong(combined) ^ FLIP_1TO3_LOW);
      high = xxh64Avalanche(Integer.toUnsignedLong(swapped) ^ FLIP_1TO3_HIGH);
    } else {
      low = EMPTY_LOW;
      high = EMPTY_HIGH;
    }
    out[0] = high;
    out[1] = low;
  }

  private static void upTo128(byte[] in, int off, int len, long[] out) {
    long accLow = len * PRIME64_1;
    long accHigh = 0;
    // pairs of 16 bytes from both ends, the innermost pair first
    for (int i = (len - 1) >>> 5; i >= 0; i--) {
      int a = off + 16 * i;
      int b = off + len - 16 * (i + 1);
      long a0 = getLong(in, a);
      long a1 = getLong(in, a + 8);
      long b0 = getLong(in, b);
      long b1 = getLong(in, b + 8);
      accLow += mix(a0 ^ SECRET[4 * i], a1 ^ SECRET[4 * i + 1]);
      accLow ^= b0 + b1;
      accHigh += mix(b0 ^ SECRET[4 * i + 2], b1 ^ SECRET[4 * i + 3]);
      accHigh ^= a0 + a1;
    }
    finish(accLow, accHigh, len, out);
  }

  private static void upTo240Bytes(byte[] in, int off, int len, long[] out) {
    long accLow = len * PRIME64_1;
    long accHigh = 0;
    for (int i = 0; i < 4; i++) {
      int a = off + 32 * i;
      long a0 = getLong(in, a);
      long a1 = getLong(in, a + 8);
      long b0 = getLong(in, a + 16);
      long b1 = getLong(in, a + 24);
      accLow += mix(a0 ^ SECRET[4 * i], a1 ^ SECRET[4 * i + 1]);
      accLow ^= b0 + b1;
      accHigh += mix(b0 ^ SECRET[4 * i + 2], b1 ^ SECRET[4 * i + 3]);
      accHigh ^= a0 + a1;
    }
    accLow = avalanche(accLow);
    accHigh = avalanche(accHigh);
    for (int i = 0; 32 * (i + 5) <= len; i++) {
      int a = off + 128 + 32 * i;
      long a0 = getLong(in, a);
      long a1 = getLong(in, a + 8);
      long b0 = getLong(in, a + 16);
      long b1 = getLong(in, a + 24);
      accLow += mix(a0 ^ MID[4 * i], a1 ^ MID[4 * i + 1]);
      accLow ^= b0 + b1;
      accHigh += mix(b0 ^ MID[4 * i + 2], b1 ^ MID[4 * i + 3]);
      accHigh ^= a0 + a1;
    }
    // the last 32 bytes, their halves swapped
    int a = off + len - 16;
    int b = off + len - 32;
    long a0 = getLong(in, a);
    long a1 = getLong(in, a + 8);
    long b0 = getLong(in, b);
    long b1 = getLong(in, b + 8);
    accLow += mix(a0 ^ MID_LAST[0], a1 ^ MID_LAST[1]);
    accLow ^= b0 + b1;
    accHigh += mix(b0 ^ MID_LAST[2], b1 ^ MID_LAST[3]);
    accHigh ^= a0 + a1;
    finish(accLow, accHigh, len, out);
  }

  /** The end of the 17-240 byte strategies. */
  private static void finish(long accLow, long accHigh, int len, long[] out) {
    long low = accLow + accHigh;
    long high = accLow * PRIME64_1 + accHigh * PRIME64_4 + len * PRIME64_2;
    out[0] = -avalanche(high);
    out[1] = avalanche(low);
  }

  /**
   * Inputs above 240 bytes, from {@code array} or, when it is null, from {@code buffer}: blocks of
   * 16 stripes, each followed by a scramble with the secret's last 64 bytes, then the stripes of
   * the last block that start before the input's last byte, then the input's last 64 bytes. A
   * buffer is copied into {@link #scratch} a block at a time, so the same loops, reading arrays
   * only, serve both.
   */
  private void striped(byte[] array, ByteBuffer buffer, int off, int len, long[] out) {
    long[] k = keys;
    long acc0 = PRIME32_3;
    long acc1 = PRIME64_1;
    long acc2 = PRIME64_2;
    long acc3 = PRIME64_3;
    long acc4 = PRIME64_4;
    long acc5 = PRIME32_2;
    long acc6 = PRIME64_5;
    long acc7 = PRIME32_1;
    byte[] a = array;
    int base = 0; // a[i - base] is the input's byte i
    // (offsets derived from the loop counters rather than carried from one iteration to the next
    // ran 40% faster on arrays)
    int blocks = (len - 1) / BLOCK;
    for (int b = 0; b < blocks; b++) {
      int from = off + b * BLOCK;
      if (array == null) {
        buffer.get(from, scratch, 0, BLOCK);
        a = scratch;
        base = from;
      }
      for (int s = 0; s < STRIPES_PER_BLOCK; s++) {
        int p = from - base + s * STRIPE;
        long d0 = getLong(a, p);
        long d1 = getLong(a, p + 8);
        long d2 = getLong(a, p + 16);
        long d3 = getLong(a, p + 24);
        long d4 = getLong(a, p + 32);
        long d5 = getLong(a, p + 40);
        long d6 = getLong(a, p + 48);
        long d7 = getLong(a, p + 56);
        acc0 += d1 + product(d0 ^ k[s]);
        acc1 += d0 + product(d1 ^ k[s + 1]);
        acc2 += d3 + product(d2 ^ k[s + 2]);
        acc3 += d2 + product(d3 ^ k[s + 3]);
        acc4 += d5 + product(d4 ^ k[s + 4]);
        acc5 += d4 + product(d5 ^ k[s + 5]);
        acc6 += d7 + product(d6 ^ k[s + 6]);
        acc7 += d6 + product(d7 ^ k[s + 7]);
      }
      acc0 = scramble(acc0, k[16]);
      acc1 = scramble(acc1, k[17]);
      acc2 = scramble(acc2, k[18]);
      acc3 = scramble(acc3, k[19]);
      acc4 = scramble(acc4, k[20]);
      acc5 = scramble(acc5, k[21]);
      acc6 = scramble(acc6, k[22]);
      acc7 = scramble(acc7, k[23]);
    }
    int from = off + blocks * BLOCK;
    if (array == null) { // the rest, and the last stripe's bytes if it starts in the block before
      int start = Math.min(from, off + len - STRIPE);
      buffer.get(start, scratch, 0, off + len - start);
      a = scratch;
      base = start;
    }
    for (int s = 0, n = ((len - 1) / STRIPE) % STRIPES_PER_BLOCK; s < n; s++) {
      int p = from - base + s * STRIPE;
      long d0 = getLong(a, p);
      long d1 = getLong(a, p + 8);
      long d2 = getLong(a, p + 16);
      long d3 = getLong(a, p + 24);
      long d4 = getLong(a, p + 32);
      long d5 = getLong(a, p + 40);
      long d6 = getLong(a, p + 48);
      long d7 = getLong(a, p + 56);
      acc0 += d1 + product(d0 ^ k[s]);
      acc1 += d0 + product(d1 ^ k[s + 1]);
      acc2 += d3 + product(d2 ^ k[s + 2]);
      acc3 += d2 + product(d3 ^ k[s + 3]);
      acc4 += d5 + product(d4 ^ k[s + 4]);
      acc5 += d4 + product(d5 ^ k[s + 5]);
      acc6 += d7 + product(d6 ^ k[s + 6]);
      acc7 += d6 + product(d7 ^ k[s + 7]);
    }
    // the input's last 64 bytes, with the secret from byte 121
    int p = off + len - STRIPE - base;
    long[] l = LAST_STRIPE;
    long d0 = getLong(a, p);
    long d1 = getLong(a, p + 8);
    long d2 = getLong(a, p + 16);
    long d3 = getLong(a, p + 24);
    long d4 = getLong(a, p + 32);
    long d5 = getLong(a, p + 40);
    long d6 = getLong(a, p + 48);
    long d7 = getLong(a, p + 56);
    acc0 += d1 + product(d0 ^ l[0]);
    acc1 += d0 + product(d1 ^ l[1]);
    acc2 += d3 + product(d2 ^ l[2]);
    acc3 += d2 + product(d3 ^ l[3]);
    acc4 += d5 + product(d4 ^ l[4]);
    acc5 += d4 + product(d5 ^ l[5]);
    acc6 += d7 + product(d6 ^ l[6]);
    acc7 += d6 + product(d7 ^ l[7]);
    merge(acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7, len, out);
  }

  /** The 128-bit result of the eight lanes of a long input. */
  private static void merge(
      long acc0,
      long acc1,
      long acc2,
      long acc3,
      long acc4,
      long acc5,
      long acc6,
      long acc7,
      int len,
      long[] out) {
    long[] m = MERGE_HIGH;
    out[0] =
        avalanche(
            ~(len * PRIME64_2)
                + mix(acc0 ^ m[0], acc1 ^ m[1])
                + mix(acc2 ^ m[2], acc3 ^ m[3])
                + mix(acc4 ^ m[4], acc5 ^ m[5])
                + mix(acc6 ^ m[6], acc7 ^ m[7]));
    m = MERGE_LOW;
    out[1] =
        avalanche(
            len * PRIME64_1
                + mix(acc0 ^ m[0], acc1 ^ m[1])
                + mix(acc2 ^ m[2], acc3 ^ m[3])
                + mix(acc4 ^ m[4], acc5 ^ m[5])
                + mix(acc6 ^ m[6], acc7 ^ m[7]));
  }

  /** A lane's contribution: its low 32 bits times its high 32 bits. */
  private static long product(long keyed) {
    return (keyed & 0xFFFFFFFFL) * (keyed >>> 32);
  }

  private static long scramble(long acc, long key) {
    return ((acc ^ (acc >>> 47)) ^ key) * PRIME32_1;
  }

  /** The 128-bit product of {@code a} and {@code b}, folded to 64 bits by xor. */
  private static long mix(long a, long b) {
    return a * b ^ unsignedMultiplyHigh(a, b);
  }

  /** {@code Math.unsignedMultiplyHigh} of Java 18, from the signed one Java 17 has. */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  private static long avalanche(long h) {
    h ^= h >>> 37;
    h *= PRIME_MX1;
    return h ^ (h >>> 32);
  }

  private static long xxh64Avalanche(long h) {
    h ^= h >>> 33;
    h *= PRIME64_2;
    h ^= h >>> 29;
    h *= PRIME64_3;
    return h ^ (h >>> 32);
  }

  private static long getLong(byte[] in, int at) {
    return (long) LONG.get(in, at);
  }

  private static long[] secretLongs(int from, int count) {
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = getLong(K_SECRET, from + 8 * i);
    }
    return keys;
  }

  private static long secretInt(int at) {
    return Integer.toUnsignedLong((int) INT.get(K_SECRET, at));
  }
}
