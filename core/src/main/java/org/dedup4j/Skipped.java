package org.dedup4j;

import static java.util.Objects.requireNonNull;

/**
 * An input that was not read, or not read completely, and why: every report lists them, so nothing
 * is dropped silently. Immutable.
 *
 * <pre>{@code
 * for (Skipped s : report.skipped()) {
 *   System.err.println(s.path() + ": " + s.reason() + (s.failed() ? " (data missing)" : ""));
 * }
 * }</pre>
 *
 * @param path the input
 * @param reason why, in a few words
 * @param kind whether data was lost ({@link Kind#FAILED}) or left out by the rules of the scan
 */
public record Skipped(String path, String reason, Kind kind) {

  /** Whether a skipped input means data is missing from the counts. */
  public enum Kind {
    /** It could not be read, or not completely: the counts lack some of its data. */
    FAILED,
    /**
     * Left out on purpose, no data lost: a symbolic link not followed, a special file met inside a
     * directory, a file reached a second time (named twice, or through a link).
     */
    EXCLUDED,
    /**
     * Read up to a bound the caller set ({@code maxStreamBytes}, {@code --max-bytes}): the counts
     * hold what was read, as asked; the input may have had more.
     */
    LIMITED
  }

  /**
   * Checks the components.
   *
   * @param path the input
   * @param reason why
   * @param kind whether data was lost
   */
  public Skipped {
    requireNonNull(path, "path");
    requireNonNull(reason, "reason");
    requireNonNull(kind, "kind");
  }

  /**
   * A failure.
   *
   * @param path the input
   * @param reason why
   */
  public Skipped(String path, String reason) {
    this(path, reason, Kind.FAILED);
  }

  /**
   * Whether this is a {@link Kind#FAILED} entry: data is missing from the counts.
   *
   * @return whether this is a {@link Kind#FAILED} entry: data is missing from the counts
   */
  public boolean failed() {
    return kind == Kind.FAILED;
  }
}
