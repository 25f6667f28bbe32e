package org.dedup4j.targets;

import org.dedup4j.Targets;
import org.dedup4j.spi.Target;

/** Parses target specs in tests as a scan does, through the registry (ServiceLoader). */
final class ZfsTargets {

  private ZfsTargets() {}

  static Target parse(String spec) {
    return Targets.fromSpec(spec);
  }
}
