package org.dedup4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.Codecs;
import org.dedup4j.Compression;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Digester;
import org.junit.jupiter.api.Test;

/**
 * Contract tests for any {@link Codec}: what it compresses decompresses to the same bytes, every
 * input path ({@link InputPaths}: arrays, heap, direct, slices, read-only, mapped) gives the same output, a
 * reused compressor gives what a fresh one gives, the caller's buffer is left alone, {@code
 * output()} is a read-only view at position 0 holding the size returned, and the spec parses back
 * to a codec that compresses to the same bytes. Plugin authors extend it with their codec and its decompressor.
 *
 * <pre>{@code
 * class MyCodecTest extends AbstractCodecTest {
 *   protected Codec codec() { return Codecs.fromSpec("mycodec:level=5"); }
 *   protected byte[] decompress(byte[] c, int n) { return MyLib.decompress(c, n); }
 * }
 * }</pre>
 */
public abstract class AbstractCodecTest {

  /**
   * The codec under test.
   *
   * @return the codec
   */
  protected abstract Codec codec();

  /**
   * Decompresses what the codec's compressor produced.
   *
   * @param compressed one unit's compressed bytes
   * @param originalLength the unit's length
   * @return the original bytes
   * @throws Exception if the bytes do not decompress
   */
  protected abstract byte[] decompress(byte[] compressed, int originalLength) throws Exception;

  /** Inputs of every character and several sizes, including 1 byte and a whole MiB. */
  protected List<byte[]> inputs() {
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[] {42});
    out.add(TestData.random(4096, 1));
    out.add(TestData.textLike(4096, 2));
    out.add(TestData.textLike(32 * 1024, 3));
    out.add(new byte[64 * 1024]);
    byte[] mixed = TestData.textLike(Compression.MAX_UNIT, 4);
    System.arraycopy(TestData.random(100_000, 5), 0, mixed, 300_000, 100_000);
    out.add(mixed);
    out.add(TestData.random(Compression.MAX_UNIT + 1, 6)); // a chunk can exceed the largest unit
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  public void roundTripsEveryKindOfData() throws Exception {
    Codec codec = codec();
    try (Compressor c = codec.newCompressor()) {
      for (byte[] data : inputs()) {
        int size = c.compress(ByteBuffer.wrap(data), 0, data.length);
        ByteBuffer out = c.output();
        assertEquals(size, out.remaining(), codec.spec() + ": output() holds the size returned");
        assertTrue(out.isReadOnly() && out.position() == 0,
            codec.spec() + ": output() is a read-only view at position 0");
        byte[] back;
        try {
          back = decompress(bytes(out), data.length);
        } catch (Exception e) {
          throw new AssertionError(
              codec.spec() + ": the output for " + data.length + " bytes does not decompress", e);
        }
        assertArrayEquals(data, back, codec.spec() + ": round trip of " + data.length + " bytes");
      }
    }
  }

  @Test
  public void compressesTextAndNotNoise() {
    Codec codec = codec();
    try (Compressor c = codec.newCompressor()) {
      byte[] text = TestData.textLike(32 * 1024, 7);
      assertTrue(c.compress(ByteBuffer.wrap(text), 0, text.length) < text.length * 0.7,
          codec.spec() + " should shrink text-like data");
      byte[] zeros = new byte[32 * 1024];
      assertTrue(c.compress(ByteBuffer.wrap(zeros), 0, zeros.length) < 1024,
          codec.spec() + " should shrink zeros to almost nothing");
    }
  }

  /**
   * Every kind of buffer {@link InputPaths} feeds a digester (arrays at an offset, heap and direct
   * buffers in both byte orders, slices, read-only views, mappings) gives the same compressed
   * bytes, and the compressor leaves position, limit and content alone (InputPaths checks both).
   */
  @Test
  public void everyInputPathGivesTheSameOutput() {
    byte[] data = java.util.Arrays.copyOfRange(inputs().get(5), 1234, 1234 + 300_000);
    Codec codec = codec();
    try (Compressor c = codec.newCompressor(); InputPaths paths = new InputPaths(data.length)) {
      byte[][] out = new byte[1][];
      // A compressor seen as a digester: the "fingerprint" is the size, the bytes are kept aside.
      Digester viaCompressor = (buf, offset, length, fp) -> {
        fp[0] = c.compress(buf, offset, length);
        out[0] = bytes(c.output());
      };
      long[] fp = new long[2];
      paths.digest(InputPaths.Kind.BYTE_ARRAY, viaCompressor, data, 0, fp);
      byte[] expected = out[0];
      assertEquals(expected.length, fp[0]);
      for (InputPaths.Kind kind : InputPaths.Kind.values()) {
        paths.digest(kind, viaCompressor, data, 13, fp);
        assertEquals(expected.length, fp[0], codec.spec() + ": size through " + kind);
        assertArrayEquals(expected, out[0], codec.spec() + ": bytes through " + kind);
      }
    }
  }

  @Test
  public void aReusedCompressorGivesWhatAFreshOneGives() {
    Codec codec = codec();
    List<byte[]> in = inputs();
    try (Compressor reused = codec.newCompressor()) {
      for (int round = 0; round < 2; round++) {
        for (int i = in.size() - 1; i >= 0; i--) { // large first, then small: buffers shrink in use
          byte[] data = in.get(i);
          int size = reused.compress(ByteBuffer.wrap(data), 0, data.length);
          try (Compressor fresh = codec.newCompressor()) {
            assertEquals(fresh.compress(ByteBuffer.wrap(data), 0, data.length), size,
                codec.spec() + ": reused vs fresh, " + data.length + " bytes");
            assertArrayEquals(bytes(fresh.output()), bytes(reused.output()));
          }
        }
      }
    }
  }

  @Test
  public void specParsesBackToTheSameCodec() {
    Codec codec = codec();
    Codec parsed = Codecs.fromSpec(codec.spec());
    assertEquals(codec.spec(), parsed.spec());
    Compression c = Compression.parse(codec.spec());
    assertEquals(Compression.DEFAULT_UNIT, c.unit());
    assertEquals(c, Compression.parse(c.spec()));
    // the parsed codec is the same codec: the same bytes out, not only the same name
    try (Compressor mine = codec.newCompressor(); Compressor theirs = parsed.newCompressor()) {
      for (byte[] data : List.of(TestData.textLike(32 * 1024, 8), TestData.random(4096, 9))) {
        int size = mine.compress(ByteBuffer.wrap(data), 0, data.length);
        assertEquals(size, theirs.compress(ByteBuffer.wrap(data), 0, data.length),
            codec.spec() + ": a codec parsed from spec() compresses differently (size)");
        assertArrayEquals(bytes(mine.output()), bytes(theirs.output()),
            codec.spec() + ": a codec parsed from spec() compresses differently");
      }
    }
  }
}
