package org.dedup4j.targets;

import java.util.List;
import java.util.Locale;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code zfs:recordsize=128k,ashift=12,compress=lz4,copies=1,ddt=fast}: an OpenZFS dataset with
 * {@code dedup=on}, following OpenZFS's rules for the block size of small files, when a compressed
 * block is kept, sector rounding, holes and embedded blocks. {@code docs/targets.md} ("ZFS") cites
 * the OpenZFS file and function behind each rule.
 *
 * <pre>{@code
 * Target t = new ZfsTargetProvider().create(options);   // zfs:compress=off,ashift=12
 * t.chunker();              // "fixed:size=128k"
 * t.allocate(1000, -1);     // 4096: one 1024-byte block, rounded up to a 4 KiB sector
 * }</pre>
 */
public final class ZfsTargetProvider implements TargetProvider {

  /** {@code SPA_MINBLOCKSIZE}: the smallest block, and the grain of a small file's block. */
  public static final int MIN_BLOCK_SIZE = 512;

  /** The largest {@code recordsize} offered: {@code SPA_MAXBLOCKSIZE}, 16 MiB. */
  public static final int MAX_RECORD_SIZE = 16 << 20;

  /** {@code BPE_PAYLOAD_SIZE}: a compressed block this small lives in its block pointer. */
  public static final int EMBEDDED_PAYLOAD_SIZE = 112;

  /** Smallest {@code ashift} offered. */
  public static final int MIN_ASHIFT = 9;

  /** Largest {@code ashift} offered ({@code ASHIFT_MAX}). */
  public static final int MAX_ASHIFT = 16;

  /** Most copies: {@code SPA_DVAS_PER_BP}. */
  public static final int MAX_COPIES = 3;

  /** Highest zstd level OpenZFS offers ({@code zstd-19}); its default is {@code zstd-3}. */
  public static final int MAX_ZSTD_LEVEL = 19;

  /** Highest gzip level ({@code gzip-9}); its default is {@code gzip-6}. */
  public static final int MAX_GZIP_LEVEL = 9;

  /** Called by {@link java.util.ServiceLoader}. */
  public ZfsTargetProvider() {}

  @Override
  public String name() {
    return "zfs";
  }

  @Override
  public String description() {
    return "OpenZFS dataset with dedup=on: recordsize blocks, small files in one block, "
        + "12.5% compression rule, embedded blocks, holes, sectors of 2^ashift, copies";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("recordsize", "128k", "record size, a power of two 512 B to 16 MiB"),
        new OptionInfo("ashift", "12", "sector size is 2^ashift bytes, " + MIN_ASHIFT + ".."
            + MAX_ASHIFT),
        new OptionInfo("compress", "lz4",
            "off, lz4, zstd[-N] (N 1..19, default 3) or gzip[-N] (N 1..9, default 6)"),
        new OptionInfo("copies", "1", "copies of each block, 1..3"),
        new OptionInfo("ddt", "fast",
            "dedup table format for the index figure: fast (OpenZFS 2.3+ fast_dedup) or legacy"));
  }

  @Override
  public Target create(Options options) {
    int recordsize = options.size("recordsize", MIN_BLOCK_SIZE, MAX_RECORD_SIZE);
    if (Integer.bitCount(recordsize) != 1) {
      throw new IllegalArgumentException(
          "target zfs: option recordsize: " + recordsize + " is not a power of two");
    }
    int ashift = options.integer("ashift", MIN_ASHIFT, MAX_ASHIFT);
    String compress = canonicalCompress(options.text("compress"));
    int copies = options.integer("copies", 1, MAX_COPIES);
    boolean fastDdt = options.choice("ddt", List.of("fast", "legacy")).equals("fast");
    return new ZfsTarget(recordsize, ashift, compress, copies, fastDdt);
  }

  /** {@code zstd} becomes {@code zstd-3}, {@code gzip} {@code gzip-6}, {@code on} {@code lz4}. */
  static String canonicalCompress(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "off":
      case "lz4":
        return v;
      case "on":
        return "lz4";
      case "zstd":
        return "zstd-3";
      case "gzip":
        return "gzip-6";
      default:
        break;
    }
    if (v.startsWith("zstd-")) {
      return "zstd-" + level(v, "zstd-", MAX_ZSTD_LEVEL);
    }
    if (v.startsWith("gzip-")) {
      return "gzip-" + level(v, "gzip-", MAX_GZIP_LEVEL);
    }
    throw new IllegalArgumentException("target zfs: option compress: '" + text
        + "' is not one of off, lz4, zstd, zstd-1..zstd-19, gzip, gzip-1..gzip-9");
  }

  private static int level(String v, String prefix, int max) {
    String digits = v.substring(prefix.length());
    int level;
    try {
      level = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      level = -1;
    }
    if (level < 1 || level > max || !digits.equals(String.valueOf(level))) {
      throw new IllegalArgumentException("target zfs: option compress: '" + v
          + "' has no level 1.." + max + " after " + prefix);
    }
    return level;
  }
}
