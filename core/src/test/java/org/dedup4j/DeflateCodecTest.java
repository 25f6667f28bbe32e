package org.dedup4j;

import java.io.ByteArrayOutputStream;
import java.util.zip.Inflater;
import org.dedup4j.spi.Codec;
import org.dedup4j.testkit.AbstractCodecTest;

/** The built-in deflate codec under the codec contract. */
class DeflateCodecTest extends AbstractCodecTest {

  @Override
  protected Codec codec() {
    return Codecs.fromSpec("deflate:level=1");
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
}
