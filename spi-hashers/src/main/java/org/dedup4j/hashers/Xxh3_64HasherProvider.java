package org.dedup4j.hashers;

import java.util.List;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code xxh3-64}: 64-bit XXH3 with seed 0 and the default secret (xxHash 0.8's {@code
 * XXH3_64bits}).
 *
 * <pre>{@code
 * Hasher xxh3 = Hashers.fromSpec("xxh3-64"); // found through this provider
 * Digester digester = xxh3.newDigester();   // one per thread
 * long[] fp = new long[2];
 * digester.digest(block, 0, block.length, fp); // fp[0] = XXH3-64, fp[1] = 0
 * }</pre>
 *
 * <p>Computed by hash4j ({@code Hashing.xxh3_64()}); arrays, heap, direct, mapped and read-only
 * buffers all give the same fingerprint, and digesting allocates nothing.
 */
public final class Xxh3_64HasherProvider implements HasherProvider {

  /** The spec name: {@value}. */
  public static final String NAME = "xxh3-64";

  /** Called by {@link java.util.ServiceLoader}. */
  public Xxh3_64HasherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "XXH3 64-bit (XXH3_64bits, seed 0; as xxhsum -H3 prints it)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return Xxh3Hasher.BITS_64;
  }
}
