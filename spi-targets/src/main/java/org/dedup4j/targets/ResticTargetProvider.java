package org.dedup4j.targets;

import java.util.List;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Target;
import org.dedup4j.spi.TargetProvider;

/**
 * {@code restic:version=0.17,compression=auto}: a restic repository in format version 2, the
 * deduplicating backup store of restic 0.17 to 0.19. Each file is cut by restic's Rabin chunker
 * (512 KiB to 8 MiB, a 20-bit split mask), each new blob compressed with zstd unless {@code
 * compression=off}, encrypted (16-byte IV and 16-byte MAC) and described in its pack's header
 * (37 or 41 bytes); restic keeps an in-memory index entry per blob. {@code docs/targets.md}
 * ("Backup store: restic") cites the restic file and function or constant behind each figure.
 *
 * <pre>{@code
 * Target t = Targets.fromSpec("restic:version=0.17,compression=auto");
 * t.chunker();               // "rabin:min=512k,avg=1m,max=8m,poly=0x3da3358b4dc173"
 * t.codec();                 // "zstd:level=3"
 * t.allocate(1048576, 400000); // 400073: the zstd frame + 32 (IV, MAC) + 41 (header entry)
 * DedupReport r = DedupScanner.builder().target(t).build().scan(Path.of("/home"));
 * System.out.println(r.target().toText());
 * }</pre>
 *
 * <p>What the model cannot follow: restic picks a random chunker polynomial per repository
 * ({@code chunker.RandomPolynomial} in {@code restic.CreateConfig}), so its cut points differ from
 * one repository to the next while the chunk size distribution stays the same; the model cuts
 * with the {@code rabin} chunker's fixed polynomial. restic compresses with klauspost/compress,
 * whose levels are matched to zstd levels (auto: 3, max: 11; 0.19's fastest: 1, better: 7) and
 * its window limited to 512 KiB; the model uses zstd-jni at those levels with zstd's own window,
 * so compressed sizes are close to restic's, not equal.
 *
 * <p>Bad values fail with an {@link IllegalArgumentException} that names the option and what is
 * allowed; a compression mode the chosen version does not have fails with an {@link
 * IllegalStateException}. The default version may move to a newer restic in a later release.
 */
public final class ResticTargetProvider implements TargetProvider {

  /** The restic versions modelled; their figures were each checked in restic's source. */
  public static final List<String> VERSIONS = List.of("0.17", "0.18", "0.19");

  /** The version a spec without {@code version} follows. */
  public static final String DEFAULT_VERSION = "0.17";

  /** Compression modes of restic 0.17 and 0.18 ({@code CompressionMode.Set}). */
  public static final List<String> COMPRESSIONS = List.of("auto", "off", "max");

  /** Compression modes of restic 0.19, which added {@code fastest} and {@code better}. */
  public static final List<String> COMPRESSIONS_0_19 =
      List.of("auto", "off", "fastest", "better", "max");

  /** The smallest blob: restic/chunker's {@code MinSize}, 512 KiB. */
  public static final int MIN_BLOB = 512 << 10;

  /** The largest blob: restic/chunker's {@code MaxSize}, 8 MiB. */
  public static final int MAX_BLOB = 8 << 20;

  /** Bits of restic's split mask: {@code splitmask: (1 << 20) - 1} in {@code NewWithBoundaries}. */
  public static final int SPLIT_MASK_BITS = 20;

  /**
   * Bytes encryption adds to a blob: {@code crypto.Extension = ivSize + macSize}, a 16-byte AES
   * block as IV and a 16-byte Poly1305 tag.
   */
  public static final int CRYPTO_EXTENSION = 16 + 16;

  /**
   * A pack header entry of an uncompressed blob: {@code plainEntrySize} in {@code pack.go}, type
   * (1) + encrypted length (4) + SHA-256 (32).
   */
  public static final int PLAIN_ENTRY_SIZE = 1 + 4 + 32;

  /**
   * A pack header entry of a compressed blob: {@code entrySize} in {@code pack.go}, type (1) +
   * encrypted length (4) + plaintext length (4) + SHA-256 (32).
   */
  public static final int COMPRESSED_ENTRY_SIZE = 1 + 4 + 4 + 32;

  /** Called by {@link java.util.ServiceLoader}. */
  public ResticTargetProvider() {}

  @Override
  public String name() {
    return "restic";
  }

  @Override
  public String description() {
    return "restic repository v2 (restic 0.17-0.19): Rabin CDC 512 KiB-8 MiB, zstd per blob, "
        + "encrypted blobs in packs, in-memory index";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("version", DEFAULT_VERSION,
            "restic version followed: " + String.join(", ", VERSIONS)),
        new OptionInfo("compression", "auto",
            "restic's --compression: auto, off or max; 0.19 adds fastest and better"));
  }

  @Override
  public Target create(Options options) {
    String version = options.choice("version", VERSIONS);
    String compression = options.choice("compression", COMPRESSIONS_0_19);
    List<String> modes = version.equals("0.19") ? COMPRESSIONS_0_19 : COMPRESSIONS;
    if (!modes.contains(compression)) {
      throw new IllegalStateException("target restic: option compression: '" + compression
          + "' needs version 0.19 (restic " + version + " has " + modes + ")");
    }
    return new ResticTarget(version, compression);
  }
}
