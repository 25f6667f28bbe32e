package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code xtremio-x2}: XtremIO X2 as qdda 2.2.3 models it ({@code --array x2}): 16 KiB blocks, LZ4,
 * buckets of 1 to 16 KiB in 1 KiB steps without 14 KiB, zero blocks not stored. It takes no
 * options.
 *
 * <pre>{@code
 * Target t = ArrayTargets.xtremioX2();   // what the spec "xtremio-x2" gives
 * t.chunker();                           // "fixed:size=16384"
 * }</pre>
 *
 * @see ArrayTargets#xtremioX2()
 */
public final class XtremioX2TargetProvider implements TargetProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public XtremioX2TargetProvider() {}

  @Override
  public String name() {
    return "xtremio-x2";
  }

  @Override
  public String description() {
    return "XtremIO X2 as qdda models it (--array x2): "
        + "16 KiB blocks, lz4, buckets 1..16 KiB by 1 KiB without 14 KiB, zero blocks not stored";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  /**
   * The model; it has no options.
   *
   * @param options ignored
   * @return {@link ArrayTargets#xtremioX2()}
   */
  @Override
  public Target create(Options options) {
    return ArrayTargets.xtremioX2();
  }
}
