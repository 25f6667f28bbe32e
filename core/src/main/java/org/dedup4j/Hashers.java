package org.dedup4j;

import java.util.List;
import org.dedup4j.internal.builtin.Sha256HasherProvider;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.MessageDigestHasher;

/**
 * Hashers by factory method or by spec. Core carries {@code sha256}; {@code xxh3-128}, {@code
 * xxh64}, {@code sha1}, {@code md5} and others come from the {@code dedup4j-hashers} module or any
 * plugin jar on the class path.
 *
 * <pre>{@code
 * Hasher sha = Hashers.sha256();
 * Hasher xxh = Hashers.fromSpec("xxh3-128"); // needs dedup4j-hashers
 * }</pre>
 */
public final class Hashers {

  /** The default hasher. */
  public static final String DEFAULT_SPEC = "sha256";

  private static final Hasher SHA256 = new MessageDigestHasher("SHA-256", "sha256");

  private Hashers() {}

  /**
   * SHA-256 from the JDK.
   *
   * @return the hasher
   */
  public static Hasher sha256() {
    return SHA256;
  }

  /**
   * Creates a hasher from a spec such as {@code sha256} or {@code xxh3-128}.
   *
   * @param spec name and options
   * @return the hasher
   * @throws IllegalArgumentException if the name or an option is unknown; the message lists what
   *     is available
   */
  public static Hasher fromSpec(String spec) {
    return Registry.INSTANCE.fromSpec(spec);
  }

  /**
   * Every hasher provider found: the built-in ones, then plugins.
   *
   * @return the providers
   */
  public static List<HasherProvider> providers() {
    return Registry.INSTANCE.providers();
  }

  /**
   * Plugins that were found but could not be used, with reasons.
   *
   * @return one line per problem
   */
  public static List<String> problems() {
    return Registry.INSTANCE.problems();
  }

  private static final class Registry {
    static final PluginRegistry<HasherProvider, Hasher> INSTANCE =
        new PluginRegistry<>("hasher", HasherProvider.class, List.of(new Sha256HasherProvider()));
  }
}
