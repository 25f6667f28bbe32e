package org.dedup4j;

import java.util.List;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * Targets (storage system models) by spec. Core has none built in: {@code xtremio-x1}, {@code
 * xtremio-x2}, {@code vmax}, {@code powermax}, {@code array:...} and {@code zfs:...} come from the
 * {@code dedup4j-targets} module, others from any plugin jar on the class path.
 *
 * <pre>{@code
 * Target x2 = Targets.fromSpec("xtremio-x2");  // needs dedup4j-targets
 * DedupReport r = DedupScanner.builder().target(x2).build().scan(Path.of("/vol"));
 * System.out.println(r.target().net());
 * }</pre>
 */
public final class Targets {

  private Targets() {}

  /**
   * Creates a target from its spec, such as {@code zfs:recordsize=128k,compress=lz4}.
   *
   * @param spec name and options
   * @return the target
   * @throws IllegalArgumentException if the name or an option is unknown or a value out of range;
   *     the message lists what is available
   */
  public static Target fromSpec(String spec) {
    return Registry.INSTANCE.fromSpec(spec);
  }

  /**
   * Every target provider found.
   *
   * @return the providers
   */
  public static List<TargetProvider> providers() {
    return Registry.INSTANCE.providers();
  }

  /**
   * Target plugins that were found but cannot be used (failed to load, a name clash), with
   * reasons.
   *
   * @return one line per problem
   */
  public static List<String> problems() {
    return Registry.INSTANCE.problems();
  }

  private static final class Registry {
    static final PluginRegistry<TargetProvider, Target> INSTANCE =
        new PluginRegistry<>("target", TargetProvider.class, List.of());
  }
}
