package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code powermax}: PowerMax as qdda 2.2.3 models it ({@code --array pmax}): 128 KiB blocks,
 * deflate (zlib) at level 6, buckets of 8 to 128 KiB in 8 KiB steps, zero blocks not stored. It
 * takes no options.
 *
 * <pre>{@code
 * Target t = ArrayTargets.powerMax();   // what the spec "powermax" gives
 * t.chunker();                          // "fixed:size=131072"
 * }</pre>
 *
 * @see ArrayTargets#powerMax()
 */
public final class PowerMaxTargetProvider implements TargetProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public PowerMaxTargetProvider() {}

  @Override
  public String name() {
    return "powermax";
  }

  @Override
  public String description() {
    return "PowerMax as qdda models it (--array pmax): "
        + "128 KiB blocks, deflate level 6, buckets 8..128 KiB by 8 KiB, zero blocks not stored";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  /**
   * The model; it has no options.
   *
   * @param options ignored
   * @return {@link ArrayTargets#powerMax()}
   */
  @Override
  public Target create(Options options) {
    return ArrayTargets.powerMax();
  }
}
