package org.dedup4j.hashers;

import java.util.List;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.MessageDigestHasher;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code sha1}: the JDK's SHA-1, for parity with tools that fingerprint with it (git, rsync). */
public final class Sha1HasherProvider implements HasherProvider {

  private static final Hasher SHA1 = new MessageDigestHasher("SHA-1", "sha1");

  /** Called by {@link java.util.ServiceLoader}. */
  public Sha1HasherProvider() {}

  @Override
  public String name() {
    return "sha1";
  }

  @Override
  public String description() {
    return "SHA-1 (JDK MessageDigest; 128 of its 160 bits are kept per chunk)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return SHA1;
  }
}
