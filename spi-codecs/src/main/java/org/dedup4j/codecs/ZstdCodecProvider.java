package org.dedup4j.codecs;

import java.util.List;
import java.util.Optional;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code zstd:level=3}: Zstandard through zstd-jni. When zstd-jni's native library cannot load here
 * (a JVM that denies native access, a platform without a bundled build) the provider stays listed,
 * says why in {@link #unavailableReason()}, and refuses to create codecs; nothing fails at class
 * load.
 */
public final class ZstdCodecProvider implements CodecProvider {

  /** Lowest level offered (zstd's negative "fast" levels are not). */
  public static final int MIN_LEVEL = 1;

  /** Highest level. */
  public static final int MAX_LEVEL = 22;

  /** zstd's default level. */
  public static final int DEFAULT_LEVEL = 3;

  /** Called by {@link java.util.ServiceLoader}. */
  public ZstdCodecProvider() {}

  @Override
  public String name() {
    return "zstd";
  }

  @Override
  public String description() {
    return "Zstandard frames (zstd-jni, a reused context per thread)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(new OptionInfo("level", String.valueOf(DEFAULT_LEVEL),
        "compression level " + MIN_LEVEL + ".." + MAX_LEVEL));
  }

  @Override
  public Codec create(Options options) {
    unavailableReason().ifPresent(r -> {
      throw new IllegalArgumentException("codec zstd is unavailable: " + r);
    });
    return new ZstdCodec(options.integer("level", MIN_LEVEL, MAX_LEVEL));
  }

  @Override
  public Optional<String> unavailableReason() {
    return unavailableReason0();
  }

  static Optional<String> unavailableReason0() {
    return Optional.ofNullable(Availability.REASON);
  }

  /** Loads the native library once, on first use, and checks it with a round trip. */
  private static final class Availability {
    static final String REASON = check();

    private Availability() {}

    private static String check() {
      try {
        com.github.luben.zstd.util.Native.load();
        byte[] in = new byte[1000];
        java.util.Arrays.fill(in, (byte) 'z');
        byte[] back;
        try (com.github.luben.zstd.ZstdCompressCtx ctx = new com.github.luben.zstd.ZstdCompressCtx()) {
          back = com.github.luben.zstd.Zstd.decompress(ctx.compress(in), in.length);
        }
        return java.util.Arrays.equals(in, back) ? null : "the native library failed a round trip";
      } catch (LinkageError | RuntimeException e) {
        // UnsatisfiedLinkError without a library for this platform; IllegalCallerException where
        // the JVM denies native access (JDK 24+ with --illegal-native-access=deny).
        return "zstd-jni's native library could not load: " + e;
      }
    }
  }
}
