package org.dedup4j.spi;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Describes one option that a plugin accepts, for validation and for {@code dedup4j list}.
 *
 * @param name the option's key, lowercase, as written in a spec ({@code size} in {@code fixed:size=4k})
 * @param defaultValue the value used when the spec leaves the option out, as text
 * @param description one line: what it means and its allowed range
 */
public record OptionInfo(String name, String defaultValue, String description) {

  /**
   * Checks the fields.
   *
   * @param name the option's name
   * @param defaultValue its default, as text
   * @param description what it does
   * @throws IllegalArgumentException if the name is empty or not lowercase
   */
  public OptionInfo {
    checkArgument(
        name != null && name.matches("[a-z][a-z0-9_-]*"), "bad option name: '%s'", name);
    checkArgument(defaultValue != null, "option %s: default value must not be null", name);
    checkArgument(description != null, "option %s: description must not be null", name);
  }

  @Override
  public String toString() {
    return name + "=" + defaultValue + " (" + description + ")";
  }
}
