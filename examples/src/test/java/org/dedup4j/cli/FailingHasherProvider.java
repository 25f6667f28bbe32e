package org.dedup4j.cli;

import java.util.List;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** A test-only hasher with a bug, to drive the command's "unexpected error" path (exit 3). */
public final class FailingHasherProvider implements HasherProvider {

  static final String NAME = "test-failing";
  static final String MESSAGE = "a bug in a test plugin";

  /** Called by {@link java.util.ServiceLoader}. */
  public FailingHasherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test only: fails when a scan starts";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(new OptionInfo("fail", "start", "start: fail when a scan starts; "
        + "oom: run out of memory in the scan threads"));
  }

  @Override
  public Hasher create(Options options) {
    boolean oom = options.choice("fail", List.of("start", "oom")).equals("oom");
    return new Hasher() {
      @Override
      public String spec() {
        return NAME;
      }

      @Override
      public int digestBits() {
        if (oom) {
          return 128;
        }
        throw new UnsupportedOperationException(MESSAGE);
      }

      @Override
      public Digester newDigester() {
        if (oom) {
          throw new OutOfMemoryError("test");
        }
        throw new UnsupportedOperationException(MESSAGE);
      }
    };
  }
}
