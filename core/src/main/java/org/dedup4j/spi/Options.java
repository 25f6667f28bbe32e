package org.dedup4j.spi;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one plugin spec, as given by the user, with the provider's defaults for the rest.
 * Getters parse and check the value and fail with a message that names the plugin, the option, the
 * value and the allowed range.
 *
 * <pre>{@code
 * // in a ChunkerProvider, for "fixed:size=4k"
 * int size = options.size("size", 64, 16 << 20);   // 4096
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Options {

  private final String kind;
  private final String plugin;
  private final Map<String, String> given;
  private final Map<String, String> defaults;

  /**
   * Creates options for a plugin.
   *
   * @param kind what the plugin is, for messages: {@code chunker}, {@code hasher}, ...
   * @param plugin the plugin's name, for messages
   * @param given the options the user wrote, by key
   * @param declared the options the provider declares, for defaults
   */
  public Options(String kind, String plugin, Map<String, String> given, List<OptionInfo> declared) {
    this.kind = kind;
    this.plugin = plugin;
    this.given = ImmutableMap.copyOf(given);
    ImmutableMap.Builder<String, String> d = ImmutableMap.builder();
    for (OptionInfo o : declared) {
      d.put(o.name(), o.defaultValue());
    }
    this.defaults = d.buildKeepingLast();
  }

  /**
   * Whether the user gave this option explicitly.
   *
   * @param key the option
   * @return true if present in the spec
   */
  public boolean isGiven(String key) {
    return given.containsKey(key);
  }

  /**
   * The option's text, given or default.
   *
   * @param key the option
   * @return the text
   * @throws IllegalArgumentException if the option has neither a value nor a default
   */
  public String text(String key) {
    String v = given.get(key);
    if (v == null) {
      v = defaults.get(key);
    }
    if (v == null) {
      throw new IllegalArgumentException(where(key) + "has no value and no default");
    }
    return v;
  }

  /**
   * A size option ({@code 4096}, {@code 4k}, {@code 64KiB}) checked against a range.
   *
   * @param key the option
   * @param min smallest allowed size
   * @param max largest allowed size
   * @return the size in bytes
   * @throws IllegalArgumentException if malformed or outside {@code [min, max]}
   */
  public int size(String key, int min, int max) {
    return (int) sizeLong(key, min, max);
  }

  /**
   * A size option as a {@code long}, checked against a range.
   *
   * @param key the option
   * @param min smallest allowed size
   * @param max largest allowed size
   * @return the size in bytes
   * @throws IllegalArgumentException if malformed or outside {@code [min, max]}
   */
  public long sizeLong(String key, long min, long max) {
    String text = text(key);
    long value;
    try {
      value = Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where(key) + e.getMessage(), e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          where(key)
              + text
              + " is out of range; allowed "
              + min
              + ".."
              + max
              + " bytes ("
              + Sizes.format(min)
              + " to "
              + Sizes.format(max)
              + ")");
    }
    return value;
  }

  /**
   * An integer option checked against a range.
   *
   * @param key the option
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the value
   * @throws IllegalArgumentException if not an integer or outside {@code [min, max]}
   */
  public int integer(String key, int min, int max) {
    long v;
    try {
      v = longValue(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "; allowed " + min + ".." + max, e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          where(key) + v + " is out of range; allowed " + min + ".." + max);
    }
    return (int) v;
  }

  /**
   * A 64-bit integer option: decimal, or hexadecimal with {@code 0x}.
   *
   * @param key the option
   * @return the value
   * @throws IllegalArgumentException if not a number
   */
  public long longValue(String key) {
    String text = text(key).trim();
    try {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.startsWith("0x")) {
        return Long.parseUnsignedLong(lower.substring(2), 16);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where(key) + "'" + text + "' is not a number (decimal, or hexadecimal with 0x)", e);
    }
  }

  /**
   * An option whose value is one of a fixed set of words.
   *
   * @param key the option
   * @param allowed the allowed values
   * @return the value, lowercase
   * @throws IllegalArgumentException if not one of {@code allowed}
   */
  public String choice(String key, List<String> allowed) {
    String v = text(key).toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(where(key) + "'" + v + "' is not one of " + allowed);
    }
    return v;
  }

  private String where(String key) {
    return kind + " " + plugin + ": option " + key + ": ";
  }

  @Override
  public String toString() {
    return kind + " " + plugin + given;
  }
}
