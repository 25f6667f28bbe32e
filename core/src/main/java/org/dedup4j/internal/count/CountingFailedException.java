package org.dedup4j.internal.count;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A counter could not go on (its spill to disk failed); the scan stops with this, never a wrong number. */
public final class CountingFailedException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /**
   * The failure.
   *
   * @param message what failed, and that temp files were removed
   * @param cause the I/O error
   */
  public CountingFailedException(String message, IOException cause) {
    super(message, cause);
  }
}
