package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.dedup4j.testkit.AbstractHasherContractTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hasher contract kit catches hashers that break its rules: each case is a hasher with one
 * typical bug, and the kit's test that should notice it must fail.
 */
class HasherContractKitTest {

  static Stream<Arguments> brokenHashers() {
    return Stream.of(
        broken("ignores arrayOffset()", IgnoresArrayOffset::new, 64, Kit::paths, "HEAP_SLICE"),
        broken("reads relative to position()", MovesPosition::new, 64, Kit::paths, "moved"),
        broken("reads longs in buffer order", ReadsBufferOrder::new, 64, Kit::paths, "LITTLE_"),
        broken("leaves fingerprint[1] alone", LeavesSecondHalf::new, 64, Kit::width, "writes 0"),
        broken("fills only half of 128 bits", Fnv::new, 128, Kit::width, "fingerprint[1] of 16"),
        broken("ignores the last byte", IgnoresLastByte::new, 64, Kit::changes, "kept the"),
        broken("carries state between calls", Remembers::new, 64, Kit::reuse, "round"),
        broken("has a spec no provider knows", Fnv::new, 64, Kit::spec, "unknown hasher 'broken'"),
        broken("fails on empty direct buffers", FailsWhenEmpty::new, 64, Kit::empty, "Index"),
        broken("hands out one shared digester", Fnv::new, 0, Kit::threads, "new digester"),
        broken("allocates per digest", Allocates::new, 64, Kit::allocation, "bytes in"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenHashers")
  void theKitNoticesIt(String bug, BrokenHasher hasher, Consumer<Kit> test, String why) {
    Kit kit = new Kit(hasher);
    kit.open();
    try {
      Throwable failure = assertThrows(Throwable.class, () -> test.accept(kit), bug);
      StringBuilder text = new StringBuilder();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        text.append(t).append('\n');
      }
      assertTrue(text.toString().contains(why), () -> "expected '" + why + "' in:\n" + text);
    } finally {
      kit.close();
    }
  }

  private static Arguments broken(
      String bug, Supplier<Digester> digesters, int bits, Consumer<Kit> test, String why) {
    return Arguments.of(bug, new BrokenHasher(digesters, bits), test, why);
  }

  /** Runs the kit's tests one at a time against a broken hasher. */
  static final class Kit extends AbstractHasherContractTest {
    private final Hasher hasher;

    Kit(Hasher hasher) {
      this.hasher = hasher;
    }

    @Override
    protected Hasher hasher() {
      return hasher;
    }

    @Override
    protected int examples() {
      return 40;
    }

    void open() {
      openPaths();
    }

    void close() {
      closePaths();
    }

    void paths() {
      everyInputPathGivesTheSameFingerprint();
    }

    void width() {
      fingerprintWidthIsHonoured();
    }

    void changes() {
      changedInputsGiveDifferentFingerprints();
    }

    void reuse() {
      digesterIsReusableAndForgetsEarlierInputs();
    }

    void spec() {
      specResolvesToAnEquivalentHasher();
    }

    void empty() {
      emptyInputWorksEverywhere();
    }

    void allocation() {
      try {
        digestingAllocatesNothing();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void threads() {
      try {
        digestersAgreeAcrossThreads();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * A hasher around broken digesters. {@code bits} 0 means 64 bits and one digester shared by
   * every caller.
   */
  static final class BrokenHasher implements Hasher {
    private final Supplier<Digester> digesters;
    private final int bits;
    private final Digester shared;

    BrokenHasher(Supplier<Digester> digesters, int bits) {
      this.digesters = digesters;
      this.bits = bits;
      this.shared = digesters.get();
    }

    @Override
    public String spec() {
      return "broken";
    }

    @Override
    public int digestBits() {
      return bits == 0 ? 64 : bits;
    }

    @Override
    public Digester newDigester() {
      return bits == 0 ? shared : digesters.get();
    }

    @Override
    public String toString() {
      return spec();
    }
  }

  /** FNV-1a 64 through absolute gets: right on every path. The others break one rule each. */
  static class Fnv implements Digester {
    static final long BASIS = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      long h = BASIS;
      for (int i = 0; i < length; i++) {
        h = (h ^ (data.get(offset + i) & 0xff)) * PRIME;
      }
      fingerprint[0] = h;
      fingerprint[1] = 0;
    }
  }

  static final class IgnoresArrayOffset extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      ByteBuffer wrong = data.hasArray() ? ByteBuffer.wrap(data.array()) : data;
      super.digest(wrong, offset, length, fingerprint);
    }
  }

  static final class MovesPosition extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      long h = BASIS;
      data.position(offset);
      for (int i = 0; i < length; i++) {
        h = (h ^ (data.get() & 0xff)) * PRIME;
      }
      fingerprint[0] = h;
      fingerprint[1] = 0;
    }
  }

  static final class ReadsBufferOrder extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      long h = BASIS;
      int i = 0;
      for (; i + 8 <= length; i += 8) {
        h = (h ^ data.getLong(offset + i)) * PRIME;
      }
      for (; i < length; i++) {
        h = (h ^ (data.get(offset + i) & 0xff)) * PRIME;
      }
      fingerprint[0] = h;
      fingerprint[1] = 0;
    }
  }

  static final class LeavesSecondHalf extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      long second = fingerprint[1];
      super.digest(data, offset, length, fingerprint);
      fingerprint[1] = second;
    }
  }

  static final class IgnoresLastByte extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      super.digest(data, offset, Math.max(0, length - 1), fingerprint);
    }
  }

  static final class Remembers extends Fnv {
    private long last;

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      super.digest(data, offset, length, fingerprint);
      fingerprint[0] ^= last;
      last = fingerprint[0];
    }
  }

  static final class Allocates extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      long[] scratch = new long[2]; // what a digester must not do per chunk
      super.digest(data, offset, length, scratch);
      System.arraycopy(scratch, 0, fingerprint, 0, 2);
    }
  }

  static final class FailsWhenEmpty extends Fnv {
    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      if (length == 0 && data.isDirect()) {
        data.get(offset); // reads one byte too many
      }
      super.digest(data, offset, length, fingerprint);
    }
  }
}
