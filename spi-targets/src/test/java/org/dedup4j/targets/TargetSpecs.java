package org.dedup4j.targets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * Finds targets by spec through {@link ServiceLoader}, the way core's registry does for the other
 * plugin kinds, using only the public SPI: core has no {@code Targets} facade yet, and its internal
 * registry is not exported from its module.
 */
final class TargetSpecs {

  private static final List<TargetProvider> PROVIDERS =
      ServiceLoader.load(TargetProvider.class).stream().map(ServiceLoader.Provider::get).toList();

  private TargetSpecs() {}

  static List<TargetProvider> providers() {
    return PROVIDERS;
  }

  /** {@code name[:key=value[,key=value]...]}, as every plugin spec. */
  static Target parse(String spec) {
    String trimmed = spec.strip();
    int colon = trimmed.indexOf(':');
    String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
    TargetProvider provider = PROVIDERS.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown target '" + name + "'; available: "
            + PROVIDERS.stream().map(TargetProvider::name).collect(Collectors.joining(", "))));
    Map<String, String> given = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String pair : trimmed.substring(colon + 1).split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("target spec '" + spec + "': expected key=value");
        }
        String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (provider.options().stream().noneMatch(o -> o.name().equals(key))) {
          throw new IllegalArgumentException("target " + name + ": unknown option '" + key
              + "'; allowed: " + (provider.options().isEmpty() ? "none"
                  : provider.options().stream().map(OptionInfo::name)
                      .collect(Collectors.joining(", "))));
        }
        if (given.put(key, pair.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException("target spec '" + spec + "': " + key + " given twice");
        }
      }
    }
    return provider.create(new Options("target", name, given, provider.options()));
  }
}
