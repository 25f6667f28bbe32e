package org.dedup4j.targets;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.Ints;
import java.util.Arrays;
import java.util.List;
import org.dedup4j.spi.Target;

/**
 * An all-flash array with bucket compression, as qdda models it: fixed blocks, each unique non-zero
 * block compressed on its own and stored in the smallest bucket that holds it, the block size
 * being the largest bucket; zero blocks are not stored (thin provisioning).
 */
final class BucketArray implements Target {

  private final String spec;
  private final int blockSize;
  private final int[] buckets; // ascending, distinct, the last one is blockSize
  private final String codec;

  BucketArray(String spec, int blockSize, int[] buckets, String codec) {
    this.spec = spec;
    this.blockSize = blockSize;
    this.buckets = buckets.clone();
    this.codec = codec;
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public String chunker() {
    return "fixed:size=" + blockSize;
  }

  @Override
  public String codec() {
    return codec;
  }

  /**
   * The smallest bucket that holds the compressed block; the whole block when the codec is none,
   * failed, or did not make the block smaller (qdda's {@code compress_lz4} counts an LZ4 output
   * that does not fit in the block as the block size).
   *
   * @throws IllegalArgumentException if {@code raw} is outside 1..block size or {@code compressed}
   *     is below -1
   */
  @Override
  public long allocate(int raw, int compressed) {
    checkArgument(raw >= 1 && raw <= blockSize,
        "target %s: raw chunk size %s is out of range; allowed 1..%s (the block size)",
        spec, raw, blockSize);
    checkArgument(compressed >= -1,
        "target %s: compressed size %s is out of range; allowed -1 (not compressed) or 0 and up",
        spec, compressed);
    int need = compressed < 0 || compressed > raw ? raw : compressed;
    int i = Arrays.binarySearch(buckets, need);
    return buckets[i >= 0 ? i : -i - 1]; // need <= raw <= blockSize, the last bucket
  }

  @Override
  public boolean storesZeroChunks() {
    return false;
  }

  /** qdda keeps no figure for an array's dedup index (metadata), so neither does this model. */
  @Override
  public List<IndexCost> index() {
    return List.of();
  }

  int blockSize() {
    return blockSize;
  }

  List<Integer> buckets() {
    return Ints.asList(buckets.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketArray && ((BucketArray) o).spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return spec;
  }
}
