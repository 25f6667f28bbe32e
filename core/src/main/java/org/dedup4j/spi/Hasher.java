package org.dedup4j.spi;

/**
 * A fingerprint function for chunks (SHA-256, XXH3-128, ...): an immutable, thread-safe description
 * that hands out one {@link Digester} per thread.
 *
 * <pre>{@code
 * Hasher hasher = Hashers.fromSpec("sha256");
 * Digester digester = hasher.newDigester(); // one per thread
 * }</pre>
 *
 * <p>Fingerprints end up in reports and saved summaries, so a hasher's output for a given spec never
 * changes between releases; a new algorithm gets a new name.
 */
public interface Hasher {

  /**
   * The canonical specification, for example {@code sha256} or {@code xxh3-128}.
   *
   * @return the canonical spec
   */
  String spec();

  /**
   * The width of the algorithm's own digest: 256 for SHA-256, 64 for XXH64.
   *
   * @return digest width in bits
   */
  int digestBits();

  /**
   * How many bits of each digest the fingerprint table keeps: 64 for 64-bit hashers, 128 for wider
   * ones (the first 128 bits; at 2^40 unique chunks a collision among 128-bit fingerprints has a
   * probability below 2^-48).
   *
   * @return 64 or 128
   */
  default int fingerprintBits() {
    return digestBits() <= 64 ? 64 : 128;
  }

  /**
   * Creates a digester for use by one thread.
   *
   * @return a new digester
   */
  Digester newDigester();
}
