package org.dedup4j.codecs;

import java.util.List;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code lz4}: the LZ4 block format at its default speed, lz4-java's fastest implementation (JNI, or
 * its Java port where native code cannot load).
 */
public final class Lz4CodecProvider implements CodecProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public Lz4CodecProvider() {}

  @Override
  public String name() {
    return "lz4";
  }

  @Override
  public String description() {
    return "LZ4 block, fast compressor (lz4-java: JNI, or its Java port)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Codec create(Options options) {
    return new Lz4Codec(0);
  }
}
