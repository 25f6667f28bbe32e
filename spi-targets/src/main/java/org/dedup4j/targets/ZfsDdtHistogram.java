package org.dedup4j.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A dedup table histogram printed exactly as OpenZFS's {@code zdb -S} prints its simulated one:
 * the table of {@code zpool_dump_ddt} (lib/libzutil/zutil_pool.c), numbers through {@code
 * zfs_nicenum_format} (lib/libzutil/zutil_nicenum.c), and the closing line of {@code
 * dump_dedup_ratio} (cmd/zdb/zdb.c), so that readers and scripts used to {@code zdb -S} read ours.
 *
 * <pre>{@code
 * ZfsDdtHistogram h = ZfsDdtHistogram.builder()
 *     .addBlock(1, 131072, 65536, 65536)    // a unique 128 KiB block
 *     .addBlock(2, 131072, 65536, 65536)    // a block referenced twice
 *     .build();
 * System.out.print(h.render());             // "Simulated DDT histogram:\n\nbucket ..."
 * }</pre>
 *
 * <p>Rows are buckets of powers of two: bucket {@code h} holds the unique blocks referenced {@code
 * 2^h} to {@code 2^(h+1)-1} times ({@code highbit64(refcnt) - 1} in {@code dump_simulated_ddt}).
 * The "allocated" columns count each unique block once, "referenced" once per reference. Immutable
 * and thread-safe.
 */
public final class ZfsDdtHistogram {

  /** Buckets: one per power of two of a 64-bit reference count. */
  public static final int BUCKETS = 64;

  private final Stats[] rows;
  private final Stats total;

  private ZfsDdtHistogram(Stats[] rows) {
    this.rows = rows;
    Stats t = Stats.ZERO;
    for (Stats r : rows) {
      t = t.plus(r);
    }
    this.total = t;
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The bucket a reference count falls in, as {@code highbit64(refcnt) - 1}.
   *
   * @param refcount references to a block, at least 1
   * @return the bucket, 0 to 63
   * @throws IllegalArgumentException if {@code refcount} is below 1
   */
  public static int bucketOf(long refcount) {
    if (refcount < 1) {
      throw new IllegalArgumentException("refcount " + refcount + " is below 1");
    }
    return 63 - Long.numberOfLeadingZeros(refcount);
  }

  /**
   * One bucket's figures.
   *
   * @param bucket 0 to 63
   * @return its figures, all zero when empty
   * @throws IllegalArgumentException if the bucket is outside 0..63
   */
  public Stats row(int bucket) {
    checkBucket(bucket);
    return rows[bucket];
  }

  /**
   * The column sums of every bucket ({@code ddt_histogram_total}), the "Total" row.
   *
   * @return the totals
   */
  public Stats total() {
    return total;
  }

  /**
   * What {@code zdb -S} prints: {@code "Simulated DDT histogram:"}, the table, and the closing
   * line.
   *
   * @return the text, with {@code \n} line ends
   */
  public String render() {
    return "Simulated DDT histogram:\n" + table(false) + closingLine();
  }

  /**
   * The table as {@code zpool_dump_ddt} prints it: a blank line, two header lines, the column
   * names and rules, one line per non-empty bucket, the "Total" line, and a blank line.
   *
   * @param parsable raw numbers instead of units, as {@code zdb -P}
   * @return the text, with {@code \n} line ends
   */
  public String table(boolean parsable) {
    StringBuilder out = new StringBuilder();
    out.append('\n');
    out.append("bucket   ").append("           allocated             ")
        .append("          referenced          \n");
    out.append("______   ").append("______________________________   ")
        .append("______________________________\n");
    line(out, "refcnt", "blocks", "LSIZE", "PSIZE", "DSIZE", "blocks", "LSIZE", "PSIZE", "DSIZE");
    line(out, "------", "------", "-----", "-----", "-----", "------", "-----", "-----", "-----");
    for (int h = 0; h < BUCKETS; h++) {
      stat(out, rows[h], h, parsable);
    }
    stat(out, total, -1, parsable);
    out.append('\n');
    return out.toString();
  }

  /**
   * The closing line of {@code dump_dedup_ratio}, {@code "dedup = x.xx, compress = y.yy, copies =
   * z.zz, dedup * compress / copies = w.ww"} and a blank line, or nothing when there are no
   * blocks. dedup is referenced DSIZE over allocated DSIZE, compress referenced LSIZE over
   * referenced PSIZE, copies referenced DSIZE over referenced PSIZE.
   *
   * @return the text, with {@code \n} line ends
   */
  public String closingLine() {
    if (total.blocks() == 0) {
      return "";
    }
    double rL = total.refLsize();
    double rP = total.refPsize();
    double rD = total.refDsize();
    double d = total.dsize();
    double dedup = rD / d;
    double compress = rL / rP;
    double copies = rD / rP;
    return "dedup = " + fixed(dedup, 2) + ", compress = " + fixed(compress, 2) + ", copies = "
        + fixed(copies, 2) + ", dedup * compress / copies = " + fixed(dedup * compress / copies, 2)
        + "\n\n";
  }

  /**
   * A number as {@code zfs_nicenum_format} prints it: units of 1024 ({@code K M G T P E}, and
   * {@code B} for bytes below 1 KiB), no decimals for an exact multiple, else the most of two,
   * one or no decimals that fit in five characters.
   *
   * @param num the number, at least 0
   * @param bytes {@code ZFS_NICENUM_BYTES} (a {@code B} suffix below 1024) rather than {@code
   *     ZFS_NICENUM_1024}
   * @return e.g. {@code 2.59K}, {@code 316M}, {@code 512B}, {@code 216}
   */
  public static String nicenum(long num, boolean bytes) {
    if (num < 0) {
      throw new IllegalArgumentException("negative number " + num);
    }
    long n = num;
    int index = 0;
    while (n >= 1024 && index < 6) {
      n /= 1024;
      index++;
    }
    String unit = index == 0 ? (bytes ? "B" : "") : String.valueOf("KMGTPE".charAt(index - 1));
    long base = 1L << (10 * index);
    if (index == 0 || num % base == 0) {
      return n + unit;
    }
    String s = "";
    for (int i = 2; i >= 0; i--) {
      s = fixed((double) num / (double) base, i) + unit;
      if (s.length() <= 5) {
        break;
      }
    }
    return s;
  }

  /** C's {@code %.Nf}: the exact binary value rounded half to even, as glibc does. */
  private static String fixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static void stat(StringBuilder out, Stats s, int h, boolean parsable) {
    if (s.blocks() == 0) {
      return;
    }
    String refcnt = h == -1 ? "Total" : count(1L << h, parsable);
    line(out, refcnt, count(s.blocks(), parsable), size(s.lsize(), parsable),
        size(s.psize(), parsable), size(s.dsize(), parsable), count(s.refBlocks(), parsable),
        size(s.refLsize(), parsable), size(s.refPsize(), parsable), size(s.refDsize(), parsable));
  }

  private static String count(long n, boolean parsable) {
    return parsable ? Long.toUnsignedString(n) : nicenum(n, false);
  }

  private static String size(long n, boolean parsable) {
    return parsable ? Long.toUnsignedString(n) : nicenum(n, true);
  }

  /** {@code "%6s   %6s   %5s   %5s   %5s   %6s   %5s   %5s   %5s\n"}. */
  private static void line(StringBuilder out, String... f) {
    int[] widths = {6, 6, 5, 5, 5, 6, 5, 5, 5};
    for (int i = 0; i < f.length; i++) {
      if (i > 0) {
        out.append("   ");
      }
      for (int pad = widths[i] - f[i].length(); pad > 0; pad--) {
        out.append(' ');
      }
      out.append(f[i]);
    }
    out.append('\n');
  }

  private static void checkBucket(int bucket) {
    if (bucket < 0 || bucket >= BUCKETS) {
      throw new IllegalArgumentException("bucket " + bucket + " is outside 0.." + (BUCKETS - 1));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZfsDdtHistogram && Arrays.equals(((ZfsDdtHistogram) o).rows, rows);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return render();
  }

  /**
   * The figures of one bucket or of the total, as {@code ddt_stat_t}: allocated blocks and bytes
   * (each unique block once) and referenced blocks and bytes (once per reference).
   *
   * @param blocks unique blocks
   * @param lsize their logical bytes
   * @param psize their physical (compressed) bytes
   * @param dsize their allocated bytes, copies included
   * @param refBlocks references to them
   * @param refLsize logical bytes over all references
   * @param refPsize physical bytes over all references
   * @param refDsize allocated bytes over all references
   */
  public record Stats(long blocks, long lsize, long psize, long dsize, long refBlocks,
      long refLsize, long refPsize, long refDsize) {

    /** No blocks. */
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Checks the figures.
     *
     * @param blocks unique blocks
     * @param lsize their logical bytes
     * @param psize their physical bytes
     * @param dsize their allocated bytes
     * @param refBlocks references
     * @param refLsize referenced logical bytes
     * @param refPsize referenced physical bytes
     * @param refDsize referenced allocated bytes
     * @throws IllegalArgumentException if a figure is negative
     */
    public Stats {
      for (long v : new long[] {blocks, lsize, psize, dsize, refBlocks, refLsize, refPsize,
          refDsize}) {
        if (v < 0) {
          throw new IllegalArgumentException("negative figure " + v);
        }
      }
    }

    /**
     * The sum of two figures, column by column.
     *
     * @param o the other
     * @return the sum
     * @throws ArithmeticException on overflow
     */
    public Stats plus(Stats o) {
      return new Stats(Math.addExact(blocks, o.blocks), Math.addExact(lsize, o.lsize),
          Math.addExact(psize, o.psize), Math.addExact(dsize, o.dsize),
          Math.addExact(refBlocks, o.refBlocks), Math.addExact(refLsize, o.refLsize),
          Math.addExact(refPsize, o.refPsize), Math.addExact(refDsize, o.refDsize));
    }
  }

  /** Collects rows or single blocks; not thread-safe. */
  public static final class Builder {
    private final Stats[] rows = new Stats[BUCKETS];

    private Builder() {
      Arrays.fill(rows, Stats.ZERO);
    }

    /**
     * Adds one unique block referenced {@code refcount} times, as {@code dump_simulated_ddt}
     * does: once to the allocated columns, {@code refcount} times to the referenced ones.
     *
     * @param refcount references, at least 1
     * @param lsize its logical size
     * @param psize its physical size
     * @param dsize its allocated size, copies included
     * @return this builder
     * @throws IllegalArgumentException if {@code refcount} is below 1 or a size is negative
     */
    public Builder addBlock(long refcount, long lsize, long psize, long dsize) {
      int h = bucketOf(refcount);
      rows[h] = rows[h].plus(new Stats(1, lsize, psize, dsize, refcount,
          Math.multiplyExact(lsize, refcount), Math.multiplyExact(psize, refcount),
          Math.multiplyExact(dsize, refcount)));
      return this;
    }

    /**
     * Adds figures to a bucket, for a histogram already summed per bucket (a scan's refcount
     * histogram with its size estimates).
     *
     * @param bucket 0 to 63: references {@code 2^bucket} to {@code 2^(bucket+1)-1}
     * @param stats the figures to add
     * @return this builder
     * @throws IllegalArgumentException if the bucket is outside 0..63
     */
    public Builder addRow(int bucket, Stats stats) {
      checkBucket(bucket);
      rows[bucket] = rows[bucket].plus(stats);
      return this;
    }

    /**
     * The histogram of what was added.
     *
     * @return the histogram
     */
    public ZfsDdtHistogram build() {
      return new ZfsDdtHistogram(rows.clone());
    }
  }
}
