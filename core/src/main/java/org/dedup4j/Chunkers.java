package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.dedup4j.internal.builtin.FixedSizeChunker;
import org.dedup4j.internal.builtin.FixedSizeChunkerProvider;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;

/**
 * Chunkers by factory method or by spec. Core carries {@code fixed}; content-defined chunkers
 * ({@code fastcdc2020}, {@code gear}, ...) come from the {@code dedup4j-chunkers} module or any
 * other plugin jar on the class path.
 *
 * <pre>{@code
 * Chunker blocks = Chunkers.fixed(4096);
 * Chunker cdc = Chunkers.fromSpec("fastcdc2020:min=2k,avg=8k,max=64k"); // needs dedup4j-chunkers
 * }</pre>
 */
public final class Chunkers {

  /** Smallest size {@link #fixed(int)} accepts. */
  public static final int FIXED_MIN_SIZE = 64;

  /** Largest size {@link #fixed(int)} accepts: 64 MiB. */
  public static final int FIXED_MAX_SIZE = 64 << 20;

  /** The default chunker: fixed 4 KiB blocks. */
  public static final String DEFAULT_SPEC = "fixed:size=4096";

  private Chunkers() {}

  /**
   * Fixed-size blocks.
   *
   * @param size block size in bytes
   * @return the chunker
   * @throws IllegalArgumentException if size is outside [{@link #FIXED_MIN_SIZE}, {@link
   *     #FIXED_MAX_SIZE}]
   */
  public static Chunker fixed(int size) {
    checkArgument(
        size >= FIXED_MIN_SIZE && size <= FIXED_MAX_SIZE,
        "fixed chunk size %s is out of range; allowed %s..%s bytes",
        size,
        FIXED_MIN_SIZE,
        FIXED_MAX_SIZE);
    return new FixedSizeChunker(size);
  }

  /**
   * Creates a chunker from a spec such as {@code fixed:size=4k}.
   *
   * @param spec name and options
   * @return the chunker
   * @throws IllegalArgumentException if the name or an option is unknown or a value out of range;
   *     the message lists what is available
   */
  public static Chunker fromSpec(String spec) {
    return Registry.INSTANCE.fromSpec(spec);
  }

  /**
   * Every chunker provider found: the built-in ones, then plugins.
   *
   * @return the providers
   */
  public static List<ChunkerProvider> providers() {
    return Registry.INSTANCE.providers();
  }

  /**
   * Plugins that were found but could not be used (failed to load, or a name clash), with reasons.
   *
   * @return one line per problem
   */
  public static List<String> problems() {
    return Registry.INSTANCE.problems();
  }

  private static final class Registry {
    static final PluginRegistry<ChunkerProvider, Chunker> INSTANCE =
        new PluginRegistry<>(
            "chunker", ChunkerProvider.class, List.of(new FixedSizeChunkerProvider()));
  }
}
