package org.dedup4j.hashers;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;

/**
 * XXH64 with seed 0: lz4-java's fastest implementation (JNI where its native library loads) for
 * arrays and, when native, for direct buffers; hash4j's XXH64 for the other buffers (read-only
 * heap buffers, and direct buffers when lz4-java runs in Java), because lz4-java's Java code calls
 * {@code duplicate()} on every big-endian buffer it is given (an allocation per chunk) and its JNI
 * code hands read-only heap buffers to that Java code. The implementation is chosen once, on first
 * use, after a self-test on xxHash's published vectors; if lz4-java is missing or fails, hash4j
 * does all the work. Nothing is printed either way.
 */
final class Xxh64Hasher implements Hasher {

  static final Xxh64Hasher INSTANCE = new Xxh64Hasher();

  private static final Hasher64 HASH4J = Hashing.xxh64();

  private Xxh64Hasher() {}

  @Override
  public String spec() {
    return Xxh64HasherProvider.NAME;
  }

  @Override
  public int digestBits() {
    return 64;
  }

  @Override
  public Digester newDigester() {
    return new Xxh64Digester(Chosen.LZ4);
  }

  /** Which implementation serves arrays, for tests and diagnostics. */
  static String implementation() {
    return Chosen.LZ4 == null ? "hash4j" : "lz4-java " + Chosen.LZ4;
  }

  @Override
  public String toString() {
    return spec();
  }

  /** The lz4-java implementation, or null; chosen when first needed. */
  private static final class Chosen {
    static final Lz4Xxh64 LZ4 = choose();

    private static Lz4Xxh64 choose() {
      Lz4Xxh64 fastest = tryLz4(true);
      return fastest != null ? fastest : tryLz4(false);
    }

    private static Lz4Xxh64 tryLz4(boolean fastest) {
      try {
        Lz4Xxh64 lz4 = fastest ? Lz4Xxh64.fastest() : Lz4Xxh64.safe();
        return passesSelfTest(lz4) ? lz4 : null;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // lz4-java is absent or cannot initialise even its Java code: NoClassDefFoundError,
        // UnsatisfiedLinkError, ExceptionInInitializerError, or an Error thrown by a static
        // initialiser as is. hash4j serves every path; nothing escapes into class initialisation.
        return null;
      }
    }

    /** Checks arrays and, when native, direct buffers against xxHash's own sanity vectors. */
    private static boolean passesSelfTest(Lz4Xxh64 lz4) {
      byte[] sanity = SanityBuffer.bytes(222);
      boolean ok =
          lz4.hash(sanity, 0, 0) == 0xEF46DB3751D8E999L
              && lz4.hash(sanity, 0, 222) == 0xB641AE8CB691C174L;
      if (ok && lz4.hashesDirectBuffersNatively()) {
        ByteBuffer direct = ByteBuffer.allocateDirect(223);
        direct.put(1, sanity);
        ok = lz4.hashDirect(direct, 1, 222) == 0xB641AE8CB691C174L;
      }
      return ok;
    }
  }

  private static final class Xxh64Digester implements Digester {
    private final Lz4Xxh64 lz4; // null: hash4j only
    private final boolean nativeDirect;

    Xxh64Digester(Lz4Xxh64 lz4) {
      this.lz4 = lz4;
      this.nativeDirect = lz4 != null && lz4.hashesDirectBuffersNatively();
    }

    @Override
    public void digest(byte[] data, int offset, int length, long[] fingerprint) {
      Lz4Xxh64 l = lz4;
      fingerprint[0] =
          l != null ? l.hash(data, offset, length) : HASH4J.hashBytesToLong(data, offset, length);
      fingerprint[1] = 0L;
    }

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      Objects.checkFromIndexSize(offset, length, data.capacity());
      long h;
      if (data.hasArray()) {
        int at = data.arrayOffset() + offset;
        byte[] array = data.array();
        h = lz4 != null ? lz4.hash(array, at, length) : HASH4J.hashBytesToLong(array, at, length);
      } else if (nativeDirect && data.isDirect()) {
        h = lz4.hashDirect(data, offset, length);
      } else {
        h = HASH4J.hashBytesToLong(data, offset, length, Buffers.access(data));
      }
      fingerprint[0] = h;
      fingerprint[1] = 0L;
    }
  }
}
