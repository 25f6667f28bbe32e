package org.dedup4j.internal.builtin;

import java.util.List;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/** {@code fixed:size=4k}. */
public final class FixedSizeChunkerProvider implements ChunkerProvider {

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public String description() {
    return "fixed-size blocks, as block storage and the original script cut them";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo(
            "size",
            "4k",
            "block size, " + Chunkers.FIXED_MIN_SIZE + " B to " + (Chunkers.FIXED_MAX_SIZE >> 20) + " MiB"));
  }

  @Override
  public Chunker create(Options options) {
    return new FixedSizeChunker(
        options.size("size", Chunkers.FIXED_MIN_SIZE, Chunkers.FIXED_MAX_SIZE));
  }
}
