package org.dedup4j.internal.builtin;

import java.util.List;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code none}: no compression (a unit is stored as it is), for targets that do not compress. */
public final class NoneCodecProvider implements CodecProvider {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public String description() {
    return "no compression: each unit stored as it is (for targets that do not compress)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Codec create(Options options) {
    return NoneCodec.INSTANCE;
  }
}
