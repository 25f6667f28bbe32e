package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code fastcdc2016}: FastCDC as in the 2016 paper (Xia et al., USENIX ATC), cut for cut as the
 * {@code v2016} module of the Rust crate {@code fastcdc} (nlfiedler/fastcdc-rs 3.x).
 *
 * <pre>{@code
 * Chunker cdc = Chunkers.fromSpec("fastcdc2016:min=2k,avg=8k,max=64k,level=1");
 * }</pre>
 *
 * <p>Options: {@code min}, {@code avg}, {@code max} (within the limits below, {@code min <= avg <=
 * max}; an {@code avg} that is not a power of two selects the mask of the nearest power of two, as
 * the reference's rounded logarithm does) and {@code level} (normalization 0-3, default 1). The
 * reference has no seed for this variant. The limits are those of fastcdc-rs, which checks them
 * only in debug builds; here they are checked always, with an {@link IllegalArgumentException} that
 * names the option, the value and the allowed range.
 *
 * <p>Cut points are a contract: they equal fastcdc-rs's and never change under this name.
 */
public final class FastCdc2016ChunkerProvider implements ChunkerProvider {

  /** Smallest {@code min}: 64 bytes. */
  public static final int MINIMUM_MIN = 64;

  /** Largest {@code min}: 1 MiB. */
  public static final int MINIMUM_MAX = 1_048_576;

  /** Smallest {@code avg}: 256 bytes. */
  public static final int AVERAGE_MIN = 256;

  /** Largest {@code avg}: 4 MiB. */
  public static final int AVERAGE_MAX = 4_194_304;

  /** Smallest {@code max}: 1 KiB. */
  public static final int MAXIMUM_MIN = 1024;

  /** Largest {@code max}: 16 MiB. */
  public static final int MAXIMUM_MAX = 16_777_216;

  /** Smallest normalization level. */
  public static final int LEVEL_MIN = 0;

  /** Largest normalization level. */
  public static final int LEVEL_MAX = 3;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public FastCdc2016ChunkerProvider() {}

  @Override
  public String name() {
    return "fastcdc2016";
  }

  @Override
  public String description() {
    return "FastCDC 2016 (gear hash, normalized chunking), cut points as fastcdc-rs v2016";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 1 MiB"),
        new OptionInfo("avg", "8k", "target chunk size, 256 B to 4 MiB, min <= avg <= max; rounded to the nearest power of two for the masks"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 16 MiB"),
        new OptionInfo("level", "1", "normalization level, 0 to 3"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    int level = OptionChecks.integer(options, "level", LEVEL_MIN, LEVEL_MAX);
    return new FastCdc2016Chunker(s.min(), s.avg(), s.max(), level);
  }
}
