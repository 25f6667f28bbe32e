package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code xtremio-x1}: XtremIO X1 as qdda 2.2.3 models it ({@code --array x1}): 8 KiB blocks, LZ4,
 * buckets of 2, 4 and 8 KiB, zero blocks not stored. It takes no options.
 *
 * <pre>{@code
 * Target t = ArrayTargets.xtremioX1();   // what the spec "xtremio-x1" gives
 * t.chunker();                           // "fixed:size=8192"
 * }</pre>
 *
 * @see ArrayTargets#xtremioX1()
 */
public final class XtremioX1TargetProvider implements TargetProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public XtremioX1TargetProvider() {}

  @Override
  public String name() {
    return "xtremio-x1";
  }

  @Override
  public String description() {
    return "XtremIO X1 as qdda models it (--array x1): "
        + "8 KiB blocks, lz4, buckets 2/4/8 KiB, zero blocks not stored";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of();
  }

  /**
   * The model; it has no options.
   *
   * @param options ignored
   * @return {@link ArrayTargets#xtremioX1()}
   */
  @Override
  public Target create(Options options) {
    return ArrayTargets.xtremioX1();
  }
}
