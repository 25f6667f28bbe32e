package org.dedup4j.hashers;

import java.util.List;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code xxh3-128}: 128-bit XXH3 with seed 0 and the default secret (xxHash 0.8's {@code
 * XXH3_128bits}).
 *
 * <pre>{@code
 * Hasher xxh3 = Hashers.fromSpec("xxh3-128"); // found through this provider
 * Digester digester = xxh3.newDigester();   // one per thread
 * long[] fp = new long[2];
 * digester.digest(block, 0, block.length, fp); // fp = {high 64 bits, low 64 bits}
 * }</pre>
 *
 * <p>Computed by this module's own XXH3 code, checked against the reference implementation's
 * vectors and against hash4j; arrays, heap, direct, mapped and read-only buffers all give the same
 * fingerprint, and digesting allocates nothing. Buffers without an accessible array (direct, mapped,
 * read-only) are copied through a 1 KiB scratch array that each digester owns.
 */
public final class Xxh3_128HasherProvider implements HasherProvider {

  /** The spec name: {@value}. */
  public static final String NAME = "xxh3-128";

  /** Called by {@link java.util.ServiceLoader}. */
  public Xxh3_128HasherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "XXH3 128-bit (XXH3_128bits, seed 0; high then low 64 bits, as xxhsum -H2 prints them)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return Xxh3Hasher.BITS_128;
  }
}
