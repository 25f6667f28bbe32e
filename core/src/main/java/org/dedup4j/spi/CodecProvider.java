package org.dedup4j.spi;

import java.util.Optional;

/**
 * Service interface for codec plugins, found by {@link java.util.ServiceLoader}. See {@link
 * PluginProvider} for naming and registration. The options {@code unit} and {@code grain} belong to
 * every codec spec and are handled by core ({@link org.dedup4j.Compression}): a provider declares
 * and receives only its own options, such as {@code level}.
 *
 * <pre>{@code
 * public final class MyCodecProvider implements CodecProvider {
 *   public MyCodecProvider() {}
 *   public String name() { return "mycodec"; }
 *   public String description() { return "my codec (levels 1..9)"; }
 *   public List<OptionInfo> options() { return List.of(new OptionInfo("level", "5", "1..9")); }
 *   public Codec create(Options o) { return new MyCodec(o.integer("level", 1, 9)); }
 * }
 * }</pre>
 *
 * <p>A provider whose library needs native code must not fail at class-load time when that code
 * cannot load: it stays listable and says why in {@link #unavailableReason()}.
 */
public interface CodecProvider extends PluginProvider<Codec> {

  /**
   * Why this codec cannot be used on this platform (a native library that failed to load, ...), or
   * empty when it can. The registry refuses specs of an unavailable codec with this reason and lists
   * it among the problems; other codecs keep working.
   *
   * @return the reason, or empty when available
   */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }
}
