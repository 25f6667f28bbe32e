package org.dedup4j.chunkers;

/**
 * Arithmetic on polynomials over GF(2) of degree below 64, stored as bit sets (bit {@code i} is the
 * coefficient of {@code x^i}), as restic's {@code Pol}: enough to check a Rabin polynomial and to
 * build the tables.
 */
final class Polynomials {

  private Polynomials() {}

  /** The degree; -1 for the zero polynomial. */
  static int degree(long p) {
    return 63 - Long.numberOfLeadingZeros(p);
  }

  /** {@code x mod p}. */
  static long mod(long x, long p) {
    int dp = degree(p);
    for (int dx = degree(x); dx >= dp; dx = degree(x)) {
      x ^= p << (dx - dp);
    }
    return x;
  }

  /** {@code a * b mod p}, for {@code a} and {@code b} already reduced mod {@code p}, degree at most 62. */
  static long mulMod(long a, long b, long p) {
    int dp = degree(p);
    long top = 1L << dp;
    long result = 0;
    for (int i = degree(b); i >= 0; i--) {
      result <<= 1;
      if ((result & top) != 0) {
        result ^= p;
      }
      if ((b >>> i & 1) != 0) {
        result ^= a;
      }
    }
    return result;
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long r = mod(a, b);
      a = b;
      b = r;
    }
    return a;
  }

  /**
   * Ben-Or's irreducibility test, as restic's {@code Pol.Irreducible}: {@code p} is irreducible iff
   * {@code gcd(p, x^(2^i) - x mod p) = 1} for every {@code i} from 1 to {@code deg(p) / 2}.
   *
   * @param p a polynomial of degree 1 to 62
   * @return whether it has no factor but 1 and itself
   */
  static boolean irreducible(long p) {
    int d = degree(p);
    if (d < 1 || d > 62) {
      return false;
    }
    long h = mod(2, p); // x
    for (int i = 1; i <= d / 2; i++) {
      h = mulMod(h, h, p); // x^(2^i)
      if (gcd(p, h ^ mod(2, p)) != 1) {
        return false;
      }
    }
    return true;
  }
}
