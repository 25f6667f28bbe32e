package org.dedup4j.hashers;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;

/**
 * XXH3 with seed 0 and the default secret, 64 or 128 bits, computed by hash4j: arrays (and heap
 * buffers, through their array) with hash4j's array code, other buffers (direct, mapped,
 * read-only) through a {@code ByteAccess} whose byte order matches the buffer's.
 *
 * <p>hash4j rather than zero-allocation-hashing, by measurement on this project's 2-core machine
 * ({@code Xxh3LibraryTiming} in this module's tests; figures in the commit that added this class):
 * about equal on heap arrays (9-10 GB/s) and direct buffers, and it keeps its speed when one JVM
 * hashes both arrays and direct buffers, where zero-allocation-hashing's shared code slowed down
 * three- to fourfold. hash4j also
 * needs no {@code sun.misc.Unsafe}: zero-allocation-hashing makes JDK 24+ print a warning and
 * fails to initialise under {@code --sun-misc-unsafe-memory-access=deny}, the announced future
 * default, and cannot read direct buffers without {@code --add-exports}.
 *
 * <p>One cost: hash4j returns a 128-bit hash as a {@code HashValue128} object, so {@code xxh3-128}
 * allocates 32 bytes per chunk (the method is too large for the JIT to inline and scalar-replace
 * it). Measured, it costs no throughput; {@code xxh3-64} allocates nothing.
 */
final class Xxh3Hasher implements Hasher {

  static final Xxh3Hasher BITS_64 = new Xxh3Hasher(64, Xxh3_64HasherProvider.NAME);
  static final Xxh3Hasher BITS_128 = new Xxh3Hasher(128, Xxh3_128HasherProvider.NAME);

  private static final Hasher64 XXH3_64 = Hashing.xxh3_64();
  private static final Hasher128 XXH3_128 = Hashing.xxh3_128();

  private final int bits;
  private final String spec;

  private Xxh3Hasher(int bits, String spec) {
    this.bits = bits;
    this.spec = spec;
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public int digestBits() {
    return bits;
  }

  @Override
  public Digester newDigester() {
    return bits == 64 ? new Digester64() : new Digester128();
  }

  @Override
  public String toString() {
    return spec;
  }

  private static final class Digester64 implements Digester {
    @Override
    public void digest(byte[] data, int offset, int length, long[] fingerprint) {
      fingerprint[0] = XXH3_64.hashBytesToLong(data, offset, length);
      fingerprint[1] = 0L;
    }

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      Objects.checkFromIndexSize(offset, length, data.capacity());
      fingerprint[0] =
          data.hasArray()
              ? XXH3_64.hashBytesToLong(data.array(), data.arrayOffset() + offset, length)
              : XXH3_64.hashBytesToLong(data, offset, length, Buffers.access(data));
      fingerprint[1] = 0L;
    }
  }

  /** Writes the high 64 bits to {@code fingerprint[0]}: the canonical, big-endian order. */
  private static final class Digester128 implements Digester {
    @Override
    public void digest(byte[] data, int offset, int length, long[] fingerprint) {
      set(XXH3_128.hashBytesTo128Bits(data, offset, length), fingerprint);
    }

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      Objects.checkFromIndexSize(offset, length, data.capacity());
      set(
          data.hasArray()
              ? XXH3_128.hashBytesTo128Bits(data.array(), data.arrayOffset() + offset, length)
              : XXH3_128.hashBytesTo128Bits(data, offset, length, Buffers.access(data)),
          fingerprint);
    }

    private static void set(HashValue128 hash, long[] fingerprint) {
      fingerprint[0] = hash.getMostSignificantBits();
      fingerprint[1] = hash.getLeastSignificantBits();
    }
  }
}
