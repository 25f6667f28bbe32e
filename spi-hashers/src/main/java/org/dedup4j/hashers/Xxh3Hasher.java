package org.dedup4j.hashers;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;

/**
 * XXH3 with seed 0 and the default secret: 64 bits computed by hash4j, 128 bits by this module's
 * own {@link Xxh3_128}. hash4j reads arrays (and heap buffers, through their array) with its array
 * code and other buffers (direct, mapped, read-only) through a {@code ByteAccess} whose byte order
 * matches the buffer's.
 *
 * <p>hash4j rather than zero-allocation-hashing, by measurement on this project's 2-core machine
 * ({@code Xxh3LibraryTiming} in this module's tests; figures in the commit that added this class):
 * about equal on heap arrays (9-10 GB/s) and direct buffers, and it keeps its speed when one JVM
 * hashes both arrays and direct buffers, where zero-allocation-hashing's shared code slowed down
 * three- to fourfold. hash4j also needs no {@code sun.misc.Unsafe}: zero-allocation-hashing makes
 * JDK 24+ print a warning and fails to initialise under {@code
 * --sun-misc-unsafe-memory-access=deny}, the announced future default, and cannot read direct
 * buffers without {@code --add-exports}.
 *
 * <p>128 bits are our own code because hash4j 0.31 returns every 128-bit hash as a new {@code
 * HashValue128}, 32 bytes per chunk (its {@code hashBytesTo128Bits} is too large for the JIT to
 * inline and scalar-replace the object), and has no call that hands over both halves without one.
 * {@link Xxh3_128} writes them straight into the fingerprint and allocates nothing. In JMH's {@code
 * HasherBenchmark} (best iterations on the shared 2-core machine, JDK 17 and 25; figures in the
 * commit that documents them) it kept pace with hash4j on heap buffers (-1% to +6%) and ran 20-70%
 * faster on direct ones. hash4j remains the implementation it is tested against. {@code xxh3-64}
 * stays with hash4j, which allocates nothing there: on arrays the same loop ran level with hash4j's
 * XXH3-64 on JDK 25 but up to 14% behind on JDK 17.
 */
final class Xxh3Hasher implements Hasher {

  static final Xxh3Hasher BITS_64 = new Xxh3Hasher(64, Xxh3_64HasherProvider.NAME);
  static final Xxh3Hasher BITS_128 = new Xxh3Hasher(128, Xxh3_128HasherProvider.NAME);

  private static final Hasher64 XXH3_64 = Hashing.xxh3_64();

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

  /**
   * Our own XXH3-128 ({@link Xxh3_128}), which writes the high 64 bits to {@code fingerprint[0]}
   * (the canonical, big-endian order) and the low to {@code fingerprint[1]}, allocating nothing.
   */
  private static final class Digester128 implements Digester {
    private final Xxh3_128 xxh3 = new Xxh3_128();

    @Override
    public void digest(byte[] data, int offset, int length, long[] fingerprint) {
      Objects.checkFromIndexSize(offset, length, data.length);
      xxh3.hash(data, offset, length, fingerprint);
    }

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      Objects.checkFromIndexSize(offset, length, data.capacity());
      if (data.hasArray()) {
        xxh3.hash(data.array(), data.arrayOffset() + offset, length, fingerprint);
      } else {
        xxh3.hash(data, offset, length, fingerprint);
      }
    }
  }
}
