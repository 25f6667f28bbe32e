package org.dedup4j.spi;

import java.util.List;

/**
 * A named factory for a plugin, found by {@link java.util.ServiceLoader}. The common shape of
 * {@link ChunkerProvider} and {@link HasherProvider}.
 *
 * <p>A plugin is written as a spec: its short lowercase name, then options: {@code
 * fastcdc2020:min=2k,avg=8k,max=64k}. The registry parses the spec, rejects options that {@link
 * #options()} does not list, and calls {@link #create(Options)}; the provider checks values and
 * ranges through {@link Options}.
 *
 * <p>A third-party plugin jar ships an implementation of {@link ChunkerProvider} (or {@link
 * HasherProvider}) with a public no-argument constructor, and names it in {@code
 * META-INF/services/org.dedup4j.spi.ChunkerProvider} (and in {@code provides} of its {@code
 * module-info} when it is a module).
 *
 * @param <T> what the provider creates
 */
public interface PluginProvider<T> {

  /**
   * The short name users type: lowercase letters, digits and {@code -}; unique among providers of
   * the same kind. An output-changing revision of an algorithm gets a new name.
   *
   * @return the name, e.g. {@code fixed}
   */
  String name();

  /**
   * One line for {@code dedup4j list}: what it is and whose algorithm it follows.
   *
   * @return the description
   */
  String description();

  /**
   * The options the plugin accepts, with defaults; empty when it takes none.
   *
   * @return the options in the order {@code list} shows them
   */
  List<OptionInfo> options();

  /**
   * Creates the plugin from checked options.
   *
   * @param options the parsed options; only names from {@link #options()} are present
   * @return the plugin
   * @throws IllegalArgumentException if a value is malformed or out of range; the message names the
   *     option and the allowed range
   * @throws IllegalStateException if options conflict with each other
   */
  T create(Options options);
}
