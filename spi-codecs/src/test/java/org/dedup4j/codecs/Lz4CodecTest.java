package org.dedup4j.codecs;

import net.jpountz.lz4.LZ4Factory;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Codec;
import org.dedup4j.testkit.AbstractCodecTest;

/** {@code lz4} under the codec contract, decompressed by lz4-java's safe Java decompressor. */
class Lz4CodecTest extends AbstractCodecTest {

  @Override
  protected Codec codec() {
    return Codecs.fromSpec("lz4");
  }

  @Override
  protected byte[] decompress(byte[] compressed, int originalLength) {
    byte[] out = new byte[originalLength];
    int n = LZ4Factory.safeInstance().safeDecompressor()
        .decompress(compressed, 0, compressed.length, out, 0);
    if (n != originalLength) {
      throw new IllegalStateException("decompressed " + n + " of " + originalLength + " bytes");
    }
    return out;
  }
}
