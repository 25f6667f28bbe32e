package org.dedup4j.codecs;

import java.util.List;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code lz4hc:level=9}: LZ4's high-compression mode, same block format as {@code lz4}. */
public final class Lz4HcCodecProvider implements CodecProvider {

  /** Lowest level. */
  public static final int MIN_LEVEL = 1;

  /** Highest level (LZ4HC_CLEVEL_MAX). */
  public static final int MAX_LEVEL = 12;

  /** lz4's default HC level. */
  public static final int DEFAULT_LEVEL = 9;

  /** Called by {@link java.util.ServiceLoader}. */
  public Lz4HcCodecProvider() {}

  @Override
  public String name() {
    return "lz4hc";
  }

  @Override
  public String description() {
    return "LZ4 block, high-compression mode (lz4-java: JNI, or its Java port)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(new OptionInfo("level", String.valueOf(DEFAULT_LEVEL),
        "compression level " + MIN_LEVEL + ".." + MAX_LEVEL));
  }

  @Override
  public Codec create(Options options) {
    return new Lz4Codec(options.integer("level", MIN_LEVEL, MAX_LEVEL));
  }
}
