package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.dedup4j.internal.builtin.DeflateCodec;
import org.dedup4j.internal.builtin.DeflateCodecProvider;
import org.dedup4j.internal.builtin.NoneCodecProvider;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;

/**
 * Codecs by factory method or by spec. Core carries {@code deflate} (the JDK's zlib); {@code lz4},
 * {@code lz4hc} and {@code zstd} come from the {@code dedup4j-codecs} module or any other plugin jar
 * on the class path.
 *
 * <pre>{@code
 * Codec zlib = Codecs.deflate(6);
 * Codec zstd = Codecs.fromSpec("zstd:level=3");              // needs dedup4j-codecs
 * Compression c = Compression.parse("zstd:level=3,unit=32k"); // codec plus unit and grain
 * }</pre>
 *
 * <p>A codec whose native library cannot load on this platform (zstd-jni on a JVM that denies
 * native access, say) is still listed by {@link #providers()}, refused by {@link #fromSpec} with the
 * reason, and named in {@link #problems()}; the other codecs keep working.
 */
public final class Codecs {

  /** Lowest deflate level (fastest). */
  public static final int DEFLATE_MIN_LEVEL = 1;

  /** Highest deflate level. */
  public static final int DEFLATE_MAX_LEVEL = 9;

  /** zlib's default deflate level. */
  public static final int DEFLATE_DEFAULT_LEVEL = 6;

  private Codecs() {}

  /**
   * Deflate from the JDK, each unit one zlib stream.
   *
   * @param level {@link #DEFLATE_MIN_LEVEL} to {@link #DEFLATE_MAX_LEVEL}
   * @return the codec
   * @throws IllegalArgumentException if the level is out of range
   */
  public static Codec deflate(int level) {
    checkArgument(level >= DEFLATE_MIN_LEVEL && level <= DEFLATE_MAX_LEVEL,
        "codec deflate: option level: %s is out of range; allowed %s..%s", level,
        DEFLATE_MIN_LEVEL, DEFLATE_MAX_LEVEL);
    return new DeflateCodec(level);
  }

  /**
   * Creates a codec from a spec of its own options, such as {@code zstd:level=3}. The unit and grain
   * are set with {@link Compression#parse(String)}.
   *
   * @param spec name and options
   * @return the codec
   * @throws IllegalArgumentException if the name or an option is unknown, a value out of range, the
   *     spec sets {@code unit} or {@code grain}, or the codec is unavailable on this platform; the
   *     message lists what is available or says why
   */
  public static Codec fromSpec(String spec) {
    PluginRegistry.Parsed<CodecProvider> parsed = parse(spec, Compression.OPTIONS);
    for (OptionInfo o : Compression.OPTIONS) {
      checkArgument(!parsed.common().isGiven(o.name()),
          "codec %s: option %s belongs to a Compression, not to the codec: use Compression.parse(\"%s\")",
          parsed.provider().name(), o.name(), spec);
    }
    return parsed.provider().create(parsed.options());
  }

  /** Parses a spec and refuses unavailable codecs; {@link Compression} passes its own options. */
  static PluginRegistry.Parsed<CodecProvider> parse(String spec, List<OptionInfo> common) {
    PluginRegistry.Parsed<CodecProvider> parsed = Registry.INSTANCE.parse(spec, common);
    Optional<String> unavailable = parsed.provider().unavailableReason();
    if (unavailable.isPresent()) {
      throw new IllegalArgumentException(
          "codec " + parsed.provider().name() + " is unavailable: " + unavailable.get());
    }
    return parsed;
  }

  /**
   * Every codec provider found, available or not: the built-in ones, then plugins.
   *
   * @return the providers
   */
  public static List<CodecProvider> providers() {
    return Registry.INSTANCE.providers();
  }

  /**
   * Codec plugins that were found but cannot be used (failed to load, a name clash, or a native
   * library that is unavailable here), with reasons.
   *
   * @return one line per problem
   */
  public static List<String> problems() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    out.addAll(Registry.INSTANCE.problems());
    for (CodecProvider p : Registry.INSTANCE.providers()) {
      p.unavailableReason().ifPresent(r -> out.add("codec " + p.name() + " unavailable: " + r));
    }
    return out.build();
  }

  private static final class Registry {
    static final PluginRegistry<CodecProvider, Codec> INSTANCE =
        new PluginRegistry<>("codec", CodecProvider.class, List.of(new DeflateCodecProvider(), new NoneCodecProvider()));
  }
}
