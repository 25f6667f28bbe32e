package org.dedup4j.benchmarks;

import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;

/**
 * Resolves plugins by spec at run time, so a benchmark parameter naming a plugin that this build
 * lacks fails alone, with a clear message, instead of breaking the build or the other parameters.
 */
final class Plugins {

  private Plugins() {}

  /**
   * The hasher for a spec such as {@code xxh3-128}.
   *
   * @throws IllegalStateException naming the spec, the module that provides it and what is
   *     available, when the spec is unknown here
   */
  static Hasher hasher(String spec) {
    try {
      return Hashers.fromSpec(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("hasher '" + spec + "' is not available in this build of the"
          + " benchmarks (hashers beyond sha256 come from dedup4j-hashers or another plugin jar on"
          + " the class path); this parameter is skipped. Registry says: " + e.getMessage(), e);
    }
  }
}
