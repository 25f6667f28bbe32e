package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/** Parses target specs in tests as the registry will, with only the restic provider built in. */
final class ResticTargets {
  private static final PluginRegistry<TargetProvider, Target> REGISTRY =
      new PluginRegistry<>("target", TargetProvider.class, List.of(new ResticTargetProvider()));

  private ResticTargets() {}

  static Target parse(String spec) {
    return REGISTRY.fromSpec(spec);
  }
}
