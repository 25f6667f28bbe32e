package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code vmax}: VMAX All Flash as qdda 2.2.3 models it ({@code --array vmax}): 128 KiB blocks, LZ4
 * (standing in for the array's LZS), buckets of 8 to 128 KiB in 8 KiB steps, zero blocks not
 * stored. It takes no options.
 *
 * <pre>{@code
 * Target t = ArrayTargets.vmax();   // what the spec "vmax" gives
 * t.chunker();                      // "fixed:size=131072"
 * }</pre>
 *
 * @see ArrayTargets#vmax()
 */
public final class VmaxTargetProvider implements TargetProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public VmaxTargetProvider() {}

  @Override
  public String name() {
    return "vmax";
  }

  @Override
  public String description() {
    return "VMAX All Flash as qdda models it (--array vmax): "
        + "128 KiB blocks, lz4, buckets 8..128 KiB by 8 KiB, zero blocks not stored";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  /**
   * The model; it has no options.
   *
   * @param options ignored
   * @return {@link ArrayTargets#vmax()}
   */
  @Override
  public Target create(Options options) {
    return ArrayTargets.vmax();
  }
}
