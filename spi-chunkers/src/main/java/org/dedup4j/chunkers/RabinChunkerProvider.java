package org.dedup4j.chunkers;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * {@code rabin}: Rabin fingerprints over a 64-byte window with a configurable irreducible polynomial,
 * following restic's chunker ({@code github.com/restic/chunker}) step for step: the same tables, the
 * same reset state at every chunk start, the first {@code min - 64} bytes of each chunk skipped, a
 * cut after the byte where the low {@code round(log2(avg))} bits of the digest are zero once the
 * chunk has {@code min} bytes, and a forced cut at {@code max}.
 *
 * <pre>{@code
 * Chunker rabin = Chunkers.fromSpec("rabin:min=2k,avg=8k,max=64k");
 * // restic's own defaults (512 KiB, 1 MiB mask, 8 MiB) and polynomial:
 * Chunker restic = Chunkers.fromSpec("rabin:min=512k,avg=1m,max=8m,poly=0x3da3358b4dc173");
 * }</pre>
 *
 * <p>What differs from restic: restic sets the mask by a number of bits ({@code WithAverageBits}),
 * here {@code avg} is a size whose rounded base-2 logarithm gives the bits; restic allows a minimum
 * above the mask size, here {@code min <= avg <= max} is required (as for every chunker of this
 * module); and restic picks a random polynomial per repository, here the default is the fixed
 * polynomial of restic's tests, {@code 0x3DA3358B4DC173}. With the same polynomial, sizes and mask,
 * the cut points are restic's: the tests reproduce restic's published vectors ({@code chunks1} and
 * {@code chunks3} of its {@code chunker_test.go}, every chunk's length and SHA-256). The mean chunk
 * is about {@code min + avg} (capped by {@code max}).
 *
 * <p>{@code poly} (decimal or {@code 0x} hex) must have degree 53, as restic's random polynomials do
 * (restic refuses degrees above 53; its tables need the top byte of a 64-bit word), and must be
 * irreducible over GF(2), checked with Ben-Or's test as in restic's {@code Pol.Irreducible}. Bad
 * values fail with an {@link IllegalArgumentException} that names the option, the value and the
 * allowed range.
 */
public final class RabinChunkerProvider implements ChunkerProvider {

  /** Smallest {@code min}: 64 bytes, the window (restic skips {@code min - 64} bytes per chunk). */
  public static final int MINIMUM_MIN = RabinChunker.WINDOW;

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

  /** The required degree of {@code poly}. */
  public static final int POLYNOMIAL_DEGREE = 53;

  /** The default polynomial, the one restic's chunker tests use. */
  public static final long DEFAULT_POLYNOMIAL = 0x3DA3358B4DC173L;

  static final OptionChecks.Limits LIMITS =
      new OptionChecks.Limits(
          MINIMUM_MIN, MINIMUM_MAX, AVERAGE_MIN, AVERAGE_MAX, MAXIMUM_MIN, MAXIMUM_MAX);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public RabinChunkerProvider() {}

  @Override
  public String name() {
    return "rabin";
  }

  @Override
  public String description() {
    return "Rabin fingerprint over a 64-byte window, as restic's chunker";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "2k", "smallest chunk, 64 B to 16 MiB"),
        new OptionInfo("avg", "8k", "expected bytes past min, 256 B to 64 MiB, min <= avg <= max; rounded to a power of two"),
        new OptionInfo("max", "64k", "largest chunk, 1 KiB to 256 MiB"),
        new OptionInfo("poly", "0x3da3358b4dc173", "irreducible polynomial of degree 53 over GF(2), 0x20000000000001..0x3fffffffffffff"));
  }

  @Override
  public Chunker create(Options options) {
    OptionChecks.Sizes s = LIMITS.read(options, name());
    long poly = OptionChecks.unsigned(options, name(), "poly", -1L);
    int degree = Polynomials.degree(poly);
    if (degree != POLYNOMIAL_DEGREE) {
      throw new IllegalArgumentException(
          OptionChecks.where(name(), "poly")
              + "0x"
              + Long.toHexString(poly)
              + " has degree "
              + degree
              + "; allowed: irreducible polynomials of degree 53, 0x20000000000000..0x3fffffffffffff");
    }
    if (!Polynomials.irreducible(poly)) {
      throw new IllegalArgumentException(
          OptionChecks.where(name(), "poly")
              + "0x"
              + Long.toHexString(poly)
              + " is reducible over GF(2); allowed: irreducible polynomials of degree 53, such as"
              + " the default 0x3da3358b4dc173");
    }
    return new RabinChunker(s.min(), s.avg(), s.max(), poly);
  }
}
