package org.dedup4j.internal.builtin;

import java.util.List;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code sha256}: the JDK's SHA-256, the original script's hash. */
public final class Sha256HasherProvider implements HasherProvider {

  @Override
  public String name() {
    return "sha256";
  }

  @Override
  public String description() {
    return "SHA-256 (JDK MessageDigest; 128 of its 256 bits are kept per chunk)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return Hashers.sha256();
  }
}
