package org.dedup4j.internal.report;

import java.util.List;
import org.dedup4j.Skipped;

/**
 * What a standalone compression run measured, as it crosses to the public package, where {@code
 * CompressionReport} is made from it (see there for each component's meaning).
 *
 * @param compression one estimate per compression, in the order given
 * @param files inputs estimated
 * @param bytes bytes in those inputs
 * @param readBytes bytes read to estimate
 * @param elapsedNanos wall-clock time
 * @param threads threads used
 * @param sample the sample setting, as text
 * @param seed the sample's seed
 * @param skipped inputs not read, or read only in part
 */
public record CompressionRunTotals(
    List<CompressionFigures> compression,
    long files,
    long bytes,
    long readBytes,
    long elapsedNanos,
    int threads,
    String sample,
    long seed,
    List<Skipped> skipped) {

  /** Copies the lists. */
  public CompressionRunTotals {
    compression = List.copyOf(compression);
    skipped = List.copyOf(skipped);
  }
}
