package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code gear}: plain Gear content-defined chunking, the rolling hash of Ddelta (Xia et al., 2014)
 * that FastCDC builds on, with one mask and no normalization: a baseline for comparing chunkers.
 *
 * <pre>{@code
 * Chunker gear = Chunkers.fromSpec("gear:min=2k,avg=8k,max=64k");
 * }</pre>
 *
 * <p>The table is FastCDC's gear table (the one of fastcdc-rs and destor) with {@code seed} XORed
 * into every entry. After a byte, the 64-bit hash is {@code (hash << 1) + table[byte]}; a chunk ends
 * after the byte when the top {@code round(log2(avg))} bits are zero (the high bits mix the last 64
 * bytes; the low ones only the last few), at {@code max} otherwise. No cut comes before {@code min};
 * the hash starts 64 bytes earlier so the first candidate already sees a full window. The mean chunk
 * is therefore about {@code min + avg} (capped by {@code max}), as with restic and borg, not {@code
 * avg}. There is no published reference for these cut points: golden vectors in the tests pin them.
 *
 * <p>Options: {@code min}, {@code avg}, {@code max} within the limits below and {@code min <= avg <=
 * max}; {@code avg} is rounded to the nearest power of two; {@code seed} is an unsigned 64-bit
 * number (decimal or {@code 0x} hex, default 0). Bad values fail with an {@link
 * IllegalArgumentException} that names the option, the value and the allowed range.
 */
public final class GearChunkerProvider implements ChunkerProvider {

  /** Smallest {@code min}: 64 bytes. */
  public static final int MINIMUM_MIN = 64;

  /** Largest {@code min}: 16 MiB. */
  public static final int MINIMUM_MAX = 16 << 20;

  /** Smallest {@code avg}: 256 bytes. */
  public static final int AVERAGE_MIN = 256;

  /** Largest {@code avg}: 64 MiB. */
  public static final int AVERAGE_MAX = 64 << 20;

  /** Smallest {@code max}: 1 KiB. */
  public static final int MAXIMUM_MIN = 1024;

  /** Largest {@code max}: 256 MiB. */
  public static final int MAXIMUM_MAX = 256 << 20;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public GearChunkerProvider() {}

  @Override
  public String name() {
    return "gear";
  }

  @Override
  public String description() {
    return "plain Gear CDC (Ddelta's rolling hash, one mask on the top bits, FastCDC's table)";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 16 MiB"),
        new OptionInfo("avg", "8k", "expected bytes past min, 256 B to 64 MiB, min <= avg <= max; rounded to a power of two"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 256 MiB"),
        new OptionInfo("seed", "0", "XORed into the gear table, 0 to 2^64-1 (decimal or 0x hex)"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    long seed = OptionChecks.unsigned(options, name(), "seed", -1L);
    return new GearChunker(s.min(), s.avg(), s.max(), seed);
  }
}
