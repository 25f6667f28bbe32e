package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;
import org.dedup4j.testkit.AbstractCodecTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec contract kit catches codecs that break its rules: each case wraps the built-in deflate
 * compressor with one typical bug, and the kit's test that should notice it must fail; the wrapper
 * without a bug passes every test of the kit.
 */
class CodecContractKitTest {

  static final String SPEC = "deflate:level=6";

  static Stream<Arguments> brokenCodecs() {
    return Stream.of(
        broken("reports a size one byte too large", SPEC, 6, SizePlusOne::new, Kit::roundTrip,
            "output() holds the size returned"),
        broken("hands out bytes that do not decode", SPEC, 6, Corrupts::new, Kit::roundTrip,
            "does not decompress"),
        broken("compresses from 0, not from offset", SPEC, 6, IgnoresOffset::new, Kit::paths,
            "through BYTE_ARRAY_OFFSET"),
        broken("ignores arrayOffset()", SPEC, 6, IgnoresArrayOffset::new, Kit::paths,
            "through HEAP_SLICE"),
        broken("moves the buffer's position", SPEC, 6, MovesPosition::new, Kit::paths,
            "moved position/limit"),
        broken("remembers outputs by length", SPEC, 6, CachesByLength::new, Kit::reuse,
            "reused vs fresh"),
        broken("hands out a writable output()", SPEC, 6, WritableOutput::new, Kit::roundTrip,
            "read-only"),
        broken("has a spec no provider knows", "deflate-v0:level=6", 6, Honest::new, Kit::spec,
            "unknown codec 'deflate-v0'"),
        broken("says level 6 but compresses at level 1", SPEC, 1, Honest::new, Kit::spec,
            "compresses differently"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCodecs")
  void theKitNoticesIt(String bug, Codec codec, Consumer<Kit> test, String why) {
    Kit kit = new Kit(codec);
    Throwable failure = assertThrows(Throwable.class, () -> test.accept(kit), bug);
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    assertTrue(text.toString().contains(why), () -> "expected '" + why + "' in:\n" + text);
  }

  static Stream<Arguments> everyKitTest() {
    return Stream.of(
        Arguments.of("round trip", (Consumer<Kit>) Kit::roundTrip),
        Arguments.of("shrinks text", (Consumer<Kit>) Kit::shrinks),
        Arguments.of("input paths", (Consumer<Kit>) Kit::paths),
        Arguments.of("reuse", (Consumer<Kit>) Kit::reuse),
        Arguments.of("spec", (Consumer<Kit>) Kit::spec));
  }

  /** The wrapper without a bug passes the whole kit. */
  @ParameterizedTest(name = "honest codec: {0}")
  @MethodSource("everyKitTest")
  void theHonestCodecPasses(String name, Consumer<Kit> test) {
    test.accept(new Kit(new WrappedCodec(SPEC, 6, Honest::new)));
  }

  private static Arguments broken(String bug, String spec, int level,
      Function<Compressor, Compressor> wrapper, Consumer<Kit> test, String why) {
    return Arguments.of(bug, new WrappedCodec(spec, level, wrapper), test, why);
  }

  /** Runs the kit's tests one at a time against one codec; decompresses zlib streams. */
  static final class Kit extends AbstractCodecTest {
    private final Codec codec;

    Kit(Codec codec) {
      this.codec = codec;
    }

    @Override
    protected Codec codec() {
      return codec;
    }

    @Override
    protected byte[] decompress(byte[] compressed, int originalLength) throws Exception {
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(originalLength);
        byte[] buf = new byte[64 * 1024];
        while (!inflater.finished()) {
          int n = inflater.inflate(buf);
          if (n == 0 && inflater.needsInput()) {
            throw new IllegalStateException("truncated zlib stream");
          }
          out.write(buf, 0, n);
        }
        return out.toByteArray();
      } finally {
        inflater.end();
      }
    }

    void roundTrip() {
      try {
        roundTripsEveryKindOfData();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    void shrinks() {
      compressesTextAndNotNoise();
    }

    void paths() {
      everyInputPathGivesTheSameOutput();
    }

    void reuse() {
      aReusedCompressorGivesWhatAFreshOneGives();
    }

    void spec() {
      specParsesBackToTheSameCodec();
    }
  }

  /** Deflate at {@code level}, claiming {@code spec}, its compressors wrapped. */
  record WrappedCodec(String spec, int level, Function<Compressor, Compressor> wrapper)
      implements Codec {
    @Override
    public Compressor newCompressor() {
      return wrapper.apply(Codecs.deflate(level).newCompressor());
    }

    @Override
    public String toString() {
      return spec;
    }
  }

  /** Passes everything through: right. The others break one rule each. */
  static class Honest implements Compressor {
    final Compressor real;

    Honest(Compressor real) {
      this.real = real;
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      return real.compress(data, offset, length);
    }

    @Override
    public ByteBuffer output() {
      return real.output();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  static final class SizePlusOne extends Honest {
    SizePlusOne(Compressor real) {
      super(real);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      return real.compress(data, offset, length) + 1; // "plus the length byte we would store"
    }
  }

  static final class Corrupts extends Honest {
    Corrupts(Compressor real) {
      super(real);
    }

    @Override
    public ByteBuffer output() {
      ByteBuffer real = super.output();
      byte[] copy = new byte[real.remaining()];
      real.get(copy);
      copy[0] = 0; // the zlib header, as a codec that writes its own framing over it would
      return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }
  }

  static final class IgnoresOffset extends Honest {
    IgnoresOffset(Compressor real) {
      super(real);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      return real.compress(data, 0, length);
    }
  }

  static final class IgnoresArrayOffset extends Honest {
    IgnoresArrayOffset(Compressor real) {
      super(real);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      ByteBuffer wrong = data.hasArray() ? ByteBuffer.wrap(data.array()) : data;
      return real.compress(wrong, offset, length);
    }
  }

  static final class MovesPosition extends Honest {
    MovesPosition(Compressor real) {
      super(real);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      data.position(offset); // "so that the library can read from position()"
      return real.compress(data, offset, length);
    }
  }

  static final class CachesByLength extends Honest {
    private final Map<Integer, byte[]> seen = new HashMap<>();
    private byte[] last;

    CachesByLength(Compressor real) {
      super(real);
    }

    @Override
    public int compress(ByteBuffer data, int offset, int length) {
      last = seen.computeIfAbsent(length, n -> {
        real.compress(data, offset, n);
        ByteBuffer out = real.output();
        byte[] copy = new byte[out.remaining()];
        out.get(copy);
        return copy;
      });
      return last.length;
    }

    @Override
    public ByteBuffer output() {
      return ByteBuffer.wrap(last).asReadOnlyBuffer();
    }
  }

  static final class WritableOutput extends Honest {
    WritableOutput(Compressor real) {
      super(real);
    }

    @Override
    public ByteBuffer output() {
      ByteBuffer real = super.output();
      byte[] copy = new byte[real.remaining()];
      real.get(copy);
      return ByteBuffer.wrap(copy);
    }
  }
}
