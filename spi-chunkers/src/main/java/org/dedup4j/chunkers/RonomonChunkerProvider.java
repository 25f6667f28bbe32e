package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code ronomon}: the FastCDC variant of {@code @ronomon/deduplication} and its Java port {@code
 * fastcdc-java}, cut for cut as fastcdc-rs's {@code ronomon} module. Its cut points differ from
 * {@code fastcdc2016} and {@code fastcdc2020}.
 *
 * <pre>{@code
 * Chunker cdc = Chunkers.fromSpec("ronomon:min=8k,avg=16k,max=32k");
 * }</pre>
 *
 * <p>Options: {@code min}, {@code avg}, {@code max} within the limits below (those of the
 * reference) and {@code min <= avg <= max}; an {@code avg} that is not a power of two selects the
 * masks of the nearest power of two. Bad values fail with an {@link IllegalArgumentException} that
 * names the option, the value and the allowed range. Cut points are a contract and never change
 * under this name.
 */
public final class RonomonChunkerProvider implements ChunkerProvider {

  /** Smallest {@code min}: 64 bytes. */
  public static final int MINIMUM_MIN = 64;

  /** Largest {@code min}: 64 MiB. */
  public static final int MINIMUM_MAX = 67_108_864;

  /** Smallest {@code avg}: 256 bytes. */
  public static final int AVERAGE_MIN = 256;

  /** Largest {@code avg}: 256 MiB. */
  public static final int AVERAGE_MAX = 268_435_456;

  /** Smallest {@code max}: 1 KiB. */
  public static final int MAXIMUM_MIN = 1024;

  /** Largest {@code max}: 1 GiB. */
  public static final int MAXIMUM_MAX = 1_073_741_824;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public RonomonChunkerProvider() {}

  @Override
  public String name() {
    return "ronomon";
  }

  @Override
  public String description() {
    return "FastCDC variant of @ronomon/deduplication and fastcdc-java (31-bit, right shift)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 64 MiB"),
        new OptionInfo("avg", "8k", "target chunk size, 256 B to 256 MiB, min <= avg <= max; rounded to the nearest power of two for the masks"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 1 GiB"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    return new RonomonChunker(s.min(), s.avg(), s.max());
  }
}
