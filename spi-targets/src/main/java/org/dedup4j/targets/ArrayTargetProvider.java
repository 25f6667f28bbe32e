package org.dedup4j.targets;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Sizes;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code array:block=SIZE,buckets=S1/S2/...,codec=SPEC}: a custom array with bucket compression,
 * qdda's {@code --array custom:BLOCKKB:KB,KB,...}. Sizes take units ({@code 8k}, {@code 8192});
 * buckets are separated by {@code /} (a comma separates options); the block size is always the
 * largest bucket and need not be listed; zero blocks are not stored.
 *
 * <pre>{@code
 * // qdda --array custom:64:8,16,32,48
 * "array:block=64k,buckets=8k/16k/32k/48k"
 * // canonical: "array:block=65536,buckets=8192/16384/32768/49152/65536,codec=lz4"
 *
 * // XtremIO X2's buckets, compressed with Zstandard instead (needs dedup4j-codecs)
 * "array:block=16k,buckets=1k/2k/3k/4k/5k/6k/7k/8k/9k/10k/11k/12k/13k/15k,codec=zstd:level=3"
 * }</pre>
 *
 * <p>A codec spec with more than one option cannot be nested here, since a comma ends the option.
 *
 * @see ArrayTargets#custom(int, java.util.List, String)
 */
public final class ArrayTargetProvider implements TargetProvider {

  private static final List<OptionInfo> OPTIONS =
      List.of(
          new OptionInfo("block", "16k", "block size, the dedup and compression unit: "
              + ArrayTargets.MIN_BLOCK_SIZE + " B to 64 MiB"),
          new OptionInfo("buckets", "", "bucket sizes separated by /, each 512 B to the block size;"
              + " the block size is always one; empty: every block is stored whole"),
          new OptionInfo("codec", "lz4", "codec spec each block is compressed with, or none"));

  /** Called by {@link java.util.ServiceLoader}. */
  public ArrayTargetProvider() {}

  @Override
  public String name() {
    return "array";
  }

  @Override
  public String description() {
    return "custom array with bucket compression, like qdda's --array custom: "
        + "fixed blocks, each unique block in the smallest bucket that holds it compressed";
  }

  @Override
  public List<OptionInfo> options() {
    return OPTIONS;
  }

  @Override
  public Target create(Options options) {
    int block = options.size("block", ArrayTargets.MIN_BLOCK_SIZE, ArrayTargets.MAX_BLOCK_SIZE);
    List<Integer> buckets = new ArrayList<>();
    String text = options.text("buckets");
    if (!text.isBlank()) {
      for (String item : Splitter.on('/').trimResults().split(text)) {
        long size;
        try {
          size = Sizes.parse(item);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("target array: option buckets: '" + text
              + "': " + (item.isEmpty() ? "an empty bucket between two /" : e.getMessage()), e);
        }
        if (size < ArrayTargets.MIN_BUCKET_SIZE || size > block) {
          throw new IllegalArgumentException("target array: option buckets: " + item
              + " is out of range; allowed " + ArrayTargets.MIN_BUCKET_SIZE + ".." + block
              + " bytes (" + Sizes.format(ArrayTargets.MIN_BUCKET_SIZE) + " to the block size, "
              + Sizes.format(block) + "); sizes are bytes unless they carry a unit (8k)");
        }
        buckets.add((int) size);
      }
    }
    return ArrayTargets.custom(block, buckets, options.text("codec"));
  }
}
