package org.dedup4j.hashers;

import java.util.List;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.MessageDigestHasher;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code md5}: the JDK's MD5, for parity with tools that fingerprint with it (duperemove, rmlint). */
public final class Md5HasherProvider implements HasherProvider {

  private static final Hasher MD5 = new MessageDigestHasher("MD5", "md5");

  /** Called by {@link java.util.ServiceLoader}. */
  public Md5HasherProvider() {}

  @Override
  public String name() {
    return "md5";
  }

  @Override
  public String description() {
    return "MD5 (JDK MessageDigest, all 128 bits)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return MD5;
  }
}
