package org.dedup4j.targets;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dedup4j.Codecs;
import org.dedup4j.spi.Sizes;
import org.dedup4j.spi.Target;

/**
 * qdda's storage array models (qdda 2.2.3, {@code src/qdda.cpp}, {@code Metadata::setArray}) as
 * targets: fixed blocks, one codec, and bucket compression. Each unique non-zero block is
 * compressed on its own and allocated the smallest bucket at least as large as its compressed
 * size; a block that does not compress below the largest bucket takes the whole block, and zero
 * blocks take nothing (thin provisioning).
 *
 * <table>
 *   <caption>The models</caption>
 *   <tr><th>spec</th><th>block</th><th>buckets</th><th>codec</th></tr>
 *   <tr><td>{@code xtremio-x1}</td><td>8 KiB</td><td>2, 4, 8 KiB</td><td>{@code lz4}</td></tr>
 *   <tr><td>{@code xtremio-x2}</td><td>16 KiB</td><td>1 to 16 KiB in 1 KiB steps, without 14 KiB</td>
 *       <td>{@code lz4}</td></tr>
 *   <tr><td>{@code vmax}</td><td>128 KiB</td><td>8 to 128 KiB in 8 KiB steps</td><td>{@code lz4}</td></tr>
 *   <tr><td>{@code powermax}</td><td>128 KiB</td><td>8 to 128 KiB in 8 KiB steps</td>
 *       <td>{@code deflate:level=6}</td></tr>
 *   <tr><td>{@code array:block=SIZE,buckets=S1/S2/...,codec=SPEC}</td><td>any</td><td>any</td>
 *       <td>any</td></tr>
 * </table>
 *
 * <pre>{@code
 * Target x2 = ArrayTargets.xtremioX2();
 * x2.chunker();               // "fixed:size=16384"
 * x2.allocate(16384, 5000);   // 5120: the 5 KiB bucket
 * x2.allocate(16384, 13313);  // 15360: there is no 14 KiB bucket
 * x2.allocate(16384, 16400);  // 16384: did not compress, the whole block
 *
 * Target mine = ArrayTargets.custom(65536, List.of(8192, 16384, 32768, 49152), "lz4");
 * mine.spec();                // "array:block=65536,buckets=8192/16384/32768/49152/65536,codec=lz4"
 * }</pre>
 *
 * <p>The same targets are found by spec through {@link java.util.ServiceLoader} once this jar is on
 * the class path: {@code xtremio-x1}, {@code xtremio-x2}, {@code vmax}, {@code powermax}, and
 * {@code array:block=64k,buckets=8k/16k/32k/48k,codec=lz4}. The targets are immutable and
 * thread-safe.
 */
public final class ArrayTargets {

  /** Smallest block size of a custom array: 512 bytes, one sector. */
  public static final int MIN_BLOCK_SIZE = 512;

  /** Largest block size of a custom array: 64 MiB, the largest fixed chunk. */
  public static final int MAX_BLOCK_SIZE = 64 << 20;

  /** Smallest bucket of a custom array: 512 bytes, one sector. */
  public static final int MIN_BUCKET_SIZE = 512;

  /** Most buckets a custom array may have, the block size included. */
  public static final int MAX_BUCKETS = 1024;

  private static final int K = 1024;

  private ArrayTargets() {}

  /**
   * XtremIO X1 ({@code xtremio-x1}, qdda's {@code --array x1}): 8 KiB blocks, LZ4, buckets of 2, 4
   * and 8 KiB.
   *
   * @return the target
   */
  public static Target xtremioX1() {
    return Holder.X1;
  }

  /**
   * XtremIO X2 ({@code xtremio-x2}, qdda's {@code --array x2}, its default): 16 KiB blocks, LZ4,
   * buckets from 1 to 16 KiB in 1 KiB steps except 14 KiB (qdda's man page: "it would allocate
   * the same capacity as 15K").
   *
   * @return the target
   */
  public static Target xtremioX2() {
    return Holder.X2;
  }

  /**
   * VMAX All Flash ({@code vmax}, qdda's {@code --array vmax}): 128 KiB blocks, LZ4 (the array's
   * LZS is estimated with LZ4), buckets from 8 to 128 KiB in 8 KiB steps. Like qdda it models the
   * end state, where every block is compressed whole.
   *
   * @return the target
   */
  public static Target vmax() {
    return Holder.VMAX;
  }

  /**
   * PowerMax ({@code powermax}, qdda's {@code --array pmax}): 128 KiB blocks, deflate at level 6
   * (zlib), buckets from 8 to 128 KiB in 8 KiB steps. qdda compresses one block in 20 for this
   * array; the model does not sample, the scan that uses it does.
   *
   * @return the target
   */
  public static Target powerMax() {
    return Holder.PMAX;
  }

  /**
   * A custom array ({@code array:block=SIZE,buckets=S1/S2/...,codec=SPEC}; qdda's {@code --array
   * custom:BLOCKKB:KB,KB,...}), whose block size is always its largest bucket.
   *
   * @param blockSize the block size in bytes, {@link #MIN_BLOCK_SIZE} to {@link #MAX_BLOCK_SIZE}
   * @param buckets bucket sizes in bytes, each {@link #MIN_BUCKET_SIZE} to {@code blockSize}, in
   *     any order; duplicates count once and the block size is added when missing; empty for an
   *     array that stores every block whole
   * @param codec a codec spec such as {@code lz4} or {@code zstd:level=3}, or {@code none}; its
   *     plugin must be on the class path
   * @return the target
   * @throws IllegalArgumentException if a size is out of range, there are more than {@link
   *     #MAX_BUCKETS} buckets, or the codec is unknown or unavailable
   */
  public static Target custom(int blockSize, List<Integer> buckets, String codec) {
    checkArgument(blockSize >= MIN_BLOCK_SIZE && blockSize <= MAX_BLOCK_SIZE,
        "target array: option block: %s is out of range; allowed %s..%s bytes (%s to %s)",
        blockSize, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE, Sizes.format(MIN_BLOCK_SIZE),
        Sizes.format(MAX_BLOCK_SIZE));
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer b : buckets) {
      checkArgument(b != null && b >= MIN_BUCKET_SIZE && b <= blockSize,
          "target array: option buckets: %s is out of range; allowed %s..%s bytes (%s to the block"
              + " size, %s)",
          b, MIN_BUCKET_SIZE, blockSize, Sizes.format(MIN_BUCKET_SIZE), Sizes.format(blockSize));
      sorted.add(b);
    }
    sorted.add(blockSize);
    checkArgument(sorted.size() <= MAX_BUCKETS,
        "target array: option buckets: %s buckets; allowed at most %s, the block size included",
        sorted.size(), MAX_BUCKETS);
    checkArgument(codec != null && !codec.isBlank(), "target array: option codec: empty; "
        + "give a codec spec such as lz4, or none");
    String canonicalCodec = codec.strip().equalsIgnoreCase("none")
        ? "none"
        : canonicalCodec(codec.strip());
    int[] list = sorted.stream().mapToInt(Integer::intValue).toArray();
    String spec = "array:block=" + blockSize + ",buckets="
        + sorted.stream().map(String::valueOf).collect(Collectors.joining("/"))
        + ",codec=" + canonicalCodec;
    return new BucketArray(spec, blockSize, list, canonicalCodec);
  }

  private static String canonicalCodec(String codec) {
    try {
      return Codecs.fromSpec(codec).spec();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("target array: option codec: " + e.getMessage(), e);
    }
  }

  /** Buckets {@code from, from + step, ..., to} in KiB, leaving out {@code skip} KiB (or -1), in bytes. */
  private static int[] kib(int from, int step, int to, int skip) {
    return java.util.stream.IntStream.iterate(from, k -> k <= to, k -> k + step)
        .filter(k -> k != skip)
        .map(k -> k * K)
        .toArray();
  }

  /** The models, built once. */
  private static final class Holder {
    // qdda.cpp, Metadata::setArray: init(8,1,x1,lz4); buckets << 2 << 4 << 8
    static final Target X1 = new BucketArray("xtremio-x1", 8 * K, kib(2, 2, 8, 6), "lz4");
    // init(16,1,x2,lz4); for(int i=1;i<=16;i++) if(i!=14) buckets << i
    static final Target X2 = new BucketArray("xtremio-x2", 16 * K, kib(1, 1, 16, 14), "lz4");
    // init(128,1,vmax,lz4); for(int i=8;i<=128;i+=8) buckets << i
    static final Target VMAX = new BucketArray("vmax", 128 * K, kib(8, 8, 128, -1), "lz4");
    // init(128,20,pmax,deflate); same buckets; compress_deflate calls deflateInit(&strm, 6)
    static final Target PMAX =
        new BucketArray("powermax", 128 * K, kib(8, 8, 128, -1), "deflate:level=6");

    private Holder() {}
  }
}
