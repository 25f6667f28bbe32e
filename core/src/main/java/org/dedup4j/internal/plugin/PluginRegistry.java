package org.dedup4j.internal.plugin;

import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.PluginProvider;

/**
 * Built-in providers first, then those {@link ServiceLoader} finds; resolves specs like {@code
 * fixed:size=4k} to plugins. A provider that fails to load is listed as unavailable with the
 * reason instead of breaking the registry.
 *
 * @param <P> the provider type
 * @param <T> what providers create
 */
public final class PluginRegistry<P extends PluginProvider<T>, T> {

  private final String kind;
  private final ImmutableList<P> providers;
  private final ImmutableList<String> problems;

  /**
   * Loads the registry.
   *
   * @param kind for messages: {@code chunker} or {@code hasher}
   * @param service the service interface
   * @param builtIns providers that ship with core, found without class-path scanning
   */
  public PluginRegistry(String kind, Class<P> service, List<P> builtIns) {
    this.kind = kind;
    Map<String, P> byName = new LinkedHashMap<>();
    ImmutableList.Builder<String> trouble = ImmutableList.builder();
    for (P p : builtIns) {
      byName.put(p.name(), p);
    }
    Set<Class<?>> builtInTypes = builtIns.stream().map(Object::getClass).collect(Collectors.toSet());
    ServiceLoader<P> loader = ServiceLoader.load(service, PluginRegistry.class.getClassLoader());
    try {
      loader.stream()
          .filter(h -> !builtInTypes.contains(h.type()))
          .forEach(
              h -> {
                try {
                  P p = h.get();
                  P clash = byName.putIfAbsent(p.name(), p);
                  if (clash != null) {
                    trouble.add(
                        kind + " " + p.name() + " from " + h.type().getName()
                            + " ignored: the name is taken by " + clash.getClass().getName());
                  }
                } catch (ServiceConfigurationError | LinkageError e) {
                  trouble.add(kind + " provider " + h.type().getName() + " unavailable: " + e);
                }
              });
    } catch (ServiceConfigurationError | LinkageError e) {
      trouble.add(kind + " providers could not all be listed: " + e);
    }
    this.providers = ImmutableList.copyOf(byName.values());
    this.problems = trouble.build();
  }

  /** Every available provider: built-ins first, then plugins in class-path order. */
  public ImmutableList<P> providers() {
    return providers;
  }

  /** Plugins that were found but could not be loaded or clashed by name, with reasons. */
  public ImmutableList<String> problems() {
    return problems;
  }

  /**
   * Creates a plugin from a spec {@code name[:key=value[,key=value]...]}.
   *
   * @throws IllegalArgumentException naming the unknown plugin or option and listing what exists
   */
  public T fromSpec(String spec) {
    Parsed<P> parsed = parse(spec, List.of());
    return parsed.provider().create(parsed.options());
  }

  /**
   * A spec split into its provider, the provider's own options and the options common to every
   * plugin of this kind (core handles those, such as a codec's {@code unit} and {@code grain}).
   *
   * @param <P> the provider type
   * @param provider the provider the name selects
   * @param options the provider's own options
   * @param common the common options, with their defaults
   */
  public record Parsed<P>(P provider, Options options, Options common) {}

  /**
   * Parses a spec {@code name[:key=value[,key=value]...]} whose keys may also be among {@code
   * common}, without creating the plugin.
   *
   * @param spec the spec
   * @param common options every plugin of this kind accepts besides its own
   * @return the provider and both sets of options
   * @throws IllegalArgumentException naming the unknown plugin or option and listing what exists
   */
  public Parsed<P> parse(String spec, List<OptionInfo> common) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(kind + " spec is empty; available: " + names());
    }
    String trimmed = spec.trim();
    int colon = trimmed.indexOf(':');
    String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
    P provider =
        providers.stream()
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown " + kind + " '" + name + "'; available: " + names()));
    Map<String, String> given = new LinkedHashMap<>();
    Map<String, String> givenCommon = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String pair : Splitter.on(',').trimResults().split(trimmed.substring(colon + 1))) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
          throw new IllegalArgumentException(
              kind + " spec '" + spec + "': expected key=value, found '" + pair + "'");
        }
        String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        Map<String, String> target;
        if (provider.options().stream().anyMatch(o -> o.name().equals(key))) {
          target = given;
        } else if (common.stream().anyMatch(o -> o.name().equals(key))) {
          target = givenCommon;
        } else {
          throw new IllegalArgumentException(
              kind + " " + name + ": unknown option '" + key + "'; allowed: "
                  + optionList(provider, common));
        }
        if (target.put(key, pair.substring(eq + 1).trim()) != null) {
          throw new IllegalArgumentException(
              kind + " spec '" + spec + "': option " + key + " given twice");
        }
      }
    }
    return new Parsed<>(provider, new Options(kind, name, given, provider.options()),
        new Options(kind, name, givenCommon, common));
  }

  private String names() {
    return providers.stream().map(PluginProvider::name).collect(Collectors.joining(", "));
  }

  private static String optionList(PluginProvider<?> p, List<OptionInfo> common) {
    List<OptionInfo> all = new ArrayList<>(p.options());
    all.addAll(common);
    return all.isEmpty()
        ? "none"
        : Joiner.on(", ").join(all.stream().map(OptionInfo::name).iterator());
  }
}
