package org.dedup4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.Codecs;
import org.dedup4j.Compression;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.Compressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests for any {@link Codec}: what it compresses decompresses to the same bytes, every
 * input path (heap array, heap slice, read-only heap, direct, mapped) gives the same output, a
 * reused compressor gives what a fresh one gives, the caller's buffer is left alone, and the spec
 * parses back. Plugin authors extend it with their codec and its decompressor.
 *
 * <pre>{@code
 * class MyCodecTest extends AbstractCodecTest {
 *   protected Codec codec() { return Codecs.fromSpec("mycodec:level=5"); }
 *   protected byte[] decompress(byte[] c, int n) { return MyLib.decompress(c, n); }
 * }
 * }</pre>
 */
public abstract class AbstractCodecTest {

  @TempDir Path dir;

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
  void roundTripsEveryKindOfData() throws Exception {
    Codec codec = codec();
    try (Compressor c = codec.newCompressor()) {
      for (byte[] data : inputs()) {
        int size = c.compress(ByteBuffer.wrap(data), 0, data.length);
        ByteBuffer out = c.output();
        assertEquals(size, out.remaining(), codec.spec() + ": output() holds the size returned");
        assertArrayEquals(data, decompress(bytes(out), data.length),
            codec.spec() + ": round trip of " + data.length + " bytes");
      }
    }
  }

  @Test
  void compressesTextAndNotNoise() {
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

  @Test
  void everyInputPathGivesTheSameOutput() throws IOException {
    byte[] data = inputs().get(5);
    int off = 1234;
    int len = 300_000;
    byte[] expected;
    Codec codec = codec();
    try (Compressor c = codec.newCompressor()) {
      c.compress(ByteBuffer.wrap(data), off, len);
      expected = bytes(c.output());

      // a slice: the array offset is not 0
      byte[] padded = new byte[data.length + 77];
      System.arraycopy(data, 0, padded, 77, data.length);
      ByteBuffer slice = ByteBuffer.wrap(padded, 77, data.length).slice();
      check(c, slice, off, len, expected, "heap slice");

      check(c, ByteBuffer.wrap(data).asReadOnlyBuffer(), off, len, expected, "read-only heap");

      ByteBuffer direct = ByteBuffer.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN);
      direct.put(data).clear();
      check(c, direct, off, len, expected, "direct");

      Path file = Files.write(dir.resolve("data"), data);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length);
        check(c, mapped, off, len, expected, "mapped");
      }
    }
  }

  private void check(Compressor c, ByteBuffer buf, int off, int len, byte[] expected, String path) {
    buf.position(5).limit(buf.capacity() - 3);
    int size = c.compress(buf, off, len);
    assertEquals(5, buf.position(), path + ": position unchanged");
    assertEquals(buf.capacity() - 3, buf.limit(), path + ": limit unchanged");
    assertEquals(expected.length, size, codec().spec() + ": size through " + path);
    assertArrayEquals(expected, bytes(c.output()), codec().spec() + ": bytes through " + path);
  }

  @Test
  void aReusedCompressorGivesWhatAFreshOneGives() {
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
  void specParsesBackToTheSameCodec() {
    Codec codec = codec();
    assertEquals(codec.spec(), Codecs.fromSpec(codec.spec()).spec());
    Compression c = Compression.parse(codec.spec());
    assertEquals(Compression.DEFAULT_UNIT, c.unit());
    assertEquals(c, Compression.parse(c.spec()));
  }
}
