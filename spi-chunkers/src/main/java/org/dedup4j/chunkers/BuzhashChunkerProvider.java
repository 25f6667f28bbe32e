package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code buzhash}: a borg-style cyclic polynomial ("buzhash") rolling hash over a window, seedable.
 * The hash is borg's ({@code src/borg/_chunker.c}): its 256-entry {@code table_base} with the 32-bit
 * {@code seed} XORed into every entry, {@code sum = XOR of rotl(T[b_j], window - 1 - j)} over the
 * window and {@code rotl(sum, 1) ^ rotl(T[out], window) ^ T[in]} to slide it, rotations taken mod 32.
 * A chunk ends where the low {@code round(log2(avg))} bits of the sum are zero, at {@code max}
 * otherwise.
 *
 * <pre>{@code
 * Chunker buz = Chunkers.fromSpec("buzhash:min=2k,avg=8k,max=64k,window=31,seed=0");
 * // borg's default parameters (chunker-params buzhash,19,23,21,4095):
 * Chunker borgLike = Chunkers.fromSpec("buzhash:min=512k,avg=2m,max=8m,window=4095");
 * }</pre>
 *
 * <p>What differs from borg, so cut points are not borg's: borg hashes the window that starts at a
 * candidate cut (it looks ahead {@code window} bytes into the next chunk); here the window ends at
 * the candidate cut, so a cut depends only on the bytes of its own chunk, as the engine requires,
 * and {@code window <= min} is required. Borg's own notes apply: with a window above 32 bytes, two
 * equal bytes 32 apart cancel in the sum; with a window that is a multiple of 64 the seed cancels
 * out. The default window, 31, avoids both; {@code window=4095} is borg's. There is no published
 * reference for these cut points: golden vectors in the tests pin them. The mean chunk is about
 * {@code min + avg} (capped by {@code max}).
 *
 * <p>Options: {@code min}, {@code avg}, {@code max} within the limits below and {@code min <= avg
 * <= max}; {@code window} from {@value #WINDOW_MIN} to {@value #WINDOW_MAX} bytes and at most {@code
 * min}; {@code seed} 0 to 2^32-1 (decimal or {@code 0x} hex). Bad values fail with an {@link
 * IllegalArgumentException} that names the option, the value and the allowed range.
 */
public final class BuzhashChunkerProvider implements ChunkerProvider {

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

  /** Smallest {@code window}: 8 bytes. */
  public static final int WINDOW_MIN = 8;

  /** Largest {@code window}: 65535 bytes (and never more than {@code min}). */
  public static final int WINDOW_MAX = 65535;

  /** Largest {@code seed}: 2^32 - 1, borg's 32-bit seed. */
  public static final long SEED_MAX = 0xFFFF_FFFFL;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public BuzhashChunkerProvider() {}

  @Override
  public String name() {
    return "buzhash";
  }

  @Override
  public String description() {
    return "borg-style buzhash (cyclic polynomial) over a window, seedable";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 16 MiB, at least window"),
        new OptionInfo("avg", "8k", "expected bytes past min, 256 B to 64 MiB, min <= avg <= max; rounded to a power of two"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 256 MiB"),
        new OptionInfo("window", "31", "rolling hash window, 8 to 65535 bytes and at most min (borg: 4095)"),
        new OptionInfo("seed", "0", "XORed into borg's table, 0 to 2^32-1 (decimal or 0x hex)"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    int window = OptionChecks.integer(options, "window", WINDOW_MIN, WINDOW_MAX);
    if (window > s.min()) {
      throw new IllegalArgumentException(
          OptionChecks.where(name(), "window")
              + window
              + " is greater than min "
              + s.min()
              + "; allowed "
              + WINDOW_MIN
              + ".."
              + Math.min(WINDOW_MAX, s.min()));
    }
    long seed = OptionChecks.unsigned(options, name(), "seed", SEED_MAX);
    return new BuzhashChunker(s.min(), s.avg(), s.max(), window, (int) seed);
  }
}
