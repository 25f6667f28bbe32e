package org.dedup4j.hashers;

import java.util.List;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code xxh64}: XXH64 with seed 0, a 64-bit fingerprint equal to what {@code xxhsum -H1} prints.
 *
 * <pre>{@code
 * Hasher xxh64 = Hashers.fromSpec("xxh64"); // found through this provider
 * Digester digester = xxh64.newDigester();  // one per thread
 * long[] fp = new long[2];
 * digester.digest(block, 0, block.length, fp); // fp[0] = XXH64, fp[1] = 0
 * }</pre>
 *
 * <p>Computed by lz4-java's fastest implementation ({@code XXHashFactory.fastestInstance()}: JNI
 * where its native library loads, else Java), with hash4j for buffers that lz4-java would copy.
 * The choice is made once, quietly, after a self-test; if lz4-java cannot load at all, hash4j
 * computes everything. Every choice gives the same fingerprints.
 *
 * <p>On JDK 24 and later the JVM itself warns once when lz4-java loads its native library, unless
 * the application runs with {@code --enable-native-access=ALL-UNNAMED} (or the module's name).
 */
public final class Xxh64HasherProvider implements HasherProvider {

  /** The spec name: {@value}. */
  public static final String NAME = "xxh64";

  /** Called by {@link java.util.ServiceLoader}. */
  public Xxh64HasherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "XXH64, seed 0 (lz4-java, JNI where it loads, else Java; as xxhsum -H1)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  @Override
  public Hasher create(Options options) {
    return Xxh64Hasher.INSTANCE;
  }
}
