package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code fastcdc2020}: FastCDC as in the 2020 paper (Xia et al., IEEE TPDS), cut for cut as the
 * {@code v2020} module of the Rust crate {@code fastcdc} (nlfiedler/fastcdc-rs 3.x). Found by name
 * through {@link org.dedup4j.Chunkers#fromSpec(String)}:
 *
 * <pre>{@code
 * Chunker cdc = Chunkers.fromSpec("fastcdc2020:min=2k,avg=8k,max=64k");
 * Chunker seeded = Chunkers.fromSpec("fastcdc2020:min=4096,avg=16384,max=65535,level=1,seed=666");
 * }</pre>
 *
 * <p>Options: {@code min}, {@code avg}, {@code max} (sizes, within the limits below and {@code min
 * <= avg <= max}; an {@code avg} that is not a power of two selects the mask of the nearest power of
 * two, as the reference's rounded logarithm does), {@code level} (normalization 0-3, default 1) and
 * {@code seed} (an unsigned 64-bit number, decimal or {@code 0x} hex, default 0, XORed into the
 * gear table and, shifted left by one, into the left-shifted table, as fastcdc-rs's {@code
 * with_level_and_seed}). The reference steps two bytes at a time from {@code min} rounded down to
 * even, so an odd {@code min} allows chunks of {@code min - 1} bytes, as {@link
 * Chunker#minChunkSize()} reports. Bad values fail with an {@link IllegalArgumentException} that names the
 * option, the value and the allowed range.
 *
 * <p>Cut points are a contract: they equal fastcdc-rs's for the same options and never change
 * under this name.
 */
public final class FastCdc2020ChunkerProvider implements ChunkerProvider {

  /** Smallest {@code min}: 64 bytes (fastcdc-rs {@code MINIMUM_MIN}). */
  public static final int MINIMUM_MIN = 64;

  /** Largest {@code min}: 1 MiB (fastcdc-rs {@code MINIMUM_MAX}). */
  public static final int MINIMUM_MAX = 1_048_576;

  /** Smallest {@code avg}: 256 bytes (fastcdc-rs {@code AVERAGE_MIN}). */
  public static final int AVERAGE_MIN = 256;

  /** Largest {@code avg}: 4 MiB (fastcdc-rs {@code AVERAGE_MAX}). */
  public static final int AVERAGE_MAX = 4_194_304;

  /** Smallest {@code max}: 1 KiB (fastcdc-rs {@code MAXIMUM_MIN}). */
  public static final int MAXIMUM_MIN = 1024;

  /** Largest {@code max}: 16 MiB (fastcdc-rs {@code MAXIMUM_MAX}). */
  public static final int MAXIMUM_MAX = 16_777_216;

  /** Smallest normalization level. */
  public static final int LEVEL_MIN = 0;

  /** Largest normalization level. */
  public static final int LEVEL_MAX = 3;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public FastCdc2020ChunkerProvider() {}

  @Override
  public String name() {
    return "fastcdc2020";
  }

  @Override
  public String description() {
    return "FastCDC 2020 (gear hash, normalized chunking, two bytes per step), cut points as fastcdc-rs v2020";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 1 MiB"),
        new OptionInfo("avg", "8k", "target chunk size, 256 B to 4 MiB, min <= avg <= max; rounded to the nearest power of two for the masks"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 16 MiB"),
        new OptionInfo("level", "1", "normalization level, 0 to 3"),
        new OptionInfo("seed", "0", "XORed into the gear table, 0 to 2^64-1 (decimal or 0x hex)"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    int level = OptionChecks.integer(options, "level", LEVEL_MIN, LEVEL_MAX);
    long seed = OptionChecks.unsigned(options, name(), "seed", -1L);
    return new FastCdc2020Chunker(s.min(), s.avg(), s.max(), level, seed);
  }
}
