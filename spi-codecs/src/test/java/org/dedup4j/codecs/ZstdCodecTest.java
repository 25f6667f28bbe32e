package org.dedup4j.codecs;

import com.github.luben.zstd.Zstd;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Codec;
import org.dedup4j.testkit.AbstractCodecTest;

/** {@code zstd} under the codec contract, decompressed by zstd-jni. */
class ZstdCodecTest extends AbstractCodecTest {

  @Override
  protected Codec codec() {
    return Codecs.fromSpec("zstd:level=3");
  }

  @Override
  protected byte[] decompress(byte[] compressed, int originalLength) {
    return Zstd.decompress(compressed, originalLength);
  }
}
