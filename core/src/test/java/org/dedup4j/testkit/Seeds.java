package org.dedup4j.testkit;

import java.util.concurrent.ThreadLocalRandom;
import org.quicktheories.QuickTheory;

/**
 * Seeds for QuickTheories properties: every property runs on a fixed seed, prints it, and can be
 * replayed or explored with {@code -Ddedup4j.seed=N} (a decimal or {@code 0x} hexadecimal long, or
 * {@code random} for a fresh seed per property, printed like the others).
 *
 * <pre>{@code
 * Seeds.qt("MyTest.cutsAreSane").withExamples(50).forAll(longs().all()).checkAssert(...);
 * }</pre>
 *
 * <p>Each call prints one line, {@code property X: seed N (override with -Ddedup4j.seed=N)}, so the
 * seed of a failing run is in the test output next to QuickTheories' falsifying values.
 */
public final class Seeds {

  /** The system property that overrides every property's seed. */
  public static final String PROPERTY = "dedup4j.seed";

  /** The seed of properties that do not name their own default. */
  public static final long DEFAULT = 0x5EED_C0DE_2026L;

  private Seeds() {}

  /**
   * The seed a property runs on: {@code -Ddedup4j.seed} when set, else {@code fixedDefault}.
   *
   * @param fixedDefault the property's own fixed seed
   * @return the seed
   * @throws IllegalArgumentException if the system property is neither a long nor {@code random}
   */
  public static long seed(long fixedDefault) {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) {
      return fixedDefault;
    }
    String s = given.strip();
    if (s.equalsIgnoreCase("random")) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return s.startsWith("0x") || s.startsWith("0X")
          ? Long.parseUnsignedLong(s.substring(2), 16)
          : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + given + " is not a long (decimal or 0x hex) nor 'random'", e);
    }
  }

  /**
   * A QuickTheory on {@link #seed(long) seed(DEFAULT)}, after printing the seed.
   *
   * @param property the property's name, as {@code Class.method}
   * @return the theory, with its seed fixed
   */
  public static QuickTheory qt(String property) {
    return qt(property, DEFAULT);
  }

  /**
   * A QuickTheory on {@link #seed(long) seed(fixedDefault)}, after printing the seed.
   *
   * @param property the property's name, as {@code Class.method}
   * @param fixedDefault the seed when {@code -Ddedup4j.seed} is not set
   * @return the theory, with its seed fixed
   */
  public static QuickTheory qt(String property, long fixedDefault) {
    long seed = seed(fixedDefault);
    System.out.println(
        "property " + property + ": seed " + seed + " (override with -D" + PROPERTY + "=" + seed + ")");
    return QuickTheory.qt().withFixedSeed(seed);
  }
}
