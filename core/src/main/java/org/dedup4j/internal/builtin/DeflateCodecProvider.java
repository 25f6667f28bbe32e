package org.dedup4j.internal.builtin;

import java.util.List;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code deflate:level=6}. */
public final class DeflateCodecProvider implements CodecProvider {

  @Override
  public String name() {
    return "deflate";
  }

  @Override
  public String description() {
    return "deflate in a zlib stream (JDK), as ZFS gzip-N stores blocks";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(new OptionInfo("level", String.valueOf(Codecs.DEFLATE_DEFAULT_LEVEL),
        "compression level " + Codecs.DEFLATE_MIN_LEVEL + ".." + Codecs.DEFLATE_MAX_LEVEL));
  }

  @Override
  public Codec create(Options options) {
    return Codecs.deflate(
        options.integer("level", Codecs.DEFLATE_MIN_LEVEL, Codecs.DEFLATE_MAX_LEVEL));
  }
}
