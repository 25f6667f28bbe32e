package org.dedup4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.dedup4j.internal.plugin.PluginRegistry;
import org.dedup4j.spi.Codec;
import org.dedup4j.spi.CodecProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.spi.Sizes;

/**
 * A codec applied the way a storage system applies it: to units of {@link #unit()} bytes (or to each
 * unique chunk), each unit stored as its compressed size rounded up to {@link #grain()} bytes, and
 * stored raw when that is not smaller. Written as a codec spec with two more options that every
 * codec accepts: {@code zstd:level=3,unit=32k,grain=4k}.
 *
 * <pre>{@code
 * Compression c = Compression.parse("lz4:unit=8k,grain=512");
 * Compression d = Compression.of(Codecs.deflate(6), 32 * 1024, 1);
 * long stored = c.stored(8192, 3000);   // 3072: rounded up to the 512-byte grain
 * }</pre>
 *
 * <ul>
 *   <li>{@code unit}: a power of two from {@link #MIN_UNIT} (4k) to {@link #MAX_UNIT} (1m), default
 *       {@link #DEFAULT_UNIT} (32k); or {@code chunk}: compress each unique chunk whole, as
 *       deduplicating systems do (only inside a dedupe scan, where there are chunks).
 *   <li>{@code grain}: 1 (exact, the default) up to the unit; arrays allocate in 512 B to 8 KiB.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Compression {

  /** Smallest compression unit: 4 KiB. */
  public static final int MIN_UNIT = 4 << 10;

  /** Largest compression unit: 1 MiB. */
  public static final int MAX_UNIT = 1 << 20;

  /** Default compression unit: 32 KiB. */
  public static final int DEFAULT_UNIT = 32 << 10;

  /** {@link #unit()} of a compression that compresses each unique chunk whole. */
  public static final int PER_CHUNK = 0;

  /** Default allocation grain: 1 byte, sizes are exact. */
  public static final int DEFAULT_GRAIN = 1;

  /** The options every codec spec accepts besides its own. */
  public static final List<OptionInfo> OPTIONS = List.of(
      new OptionInfo("unit", "32k",
          "compression unit: a power of two 4k..1m, or 'chunk' for each unique chunk whole"),
      new OptionInfo("grain", "1",
          "round each compressed unit up to this many bytes, 1 (exact) up to the unit"));

  private final Codec codec;
  private final int unit;
  private final int grain;
  /** The target whose allocation rule gives the stored size, or null (grain rounding). */
  private final org.dedup4j.spi.Target target;

  private Compression(Codec codec, int unit, int grain) {
    this(codec, unit, grain, null);
  }

  private Compression(Codec codec, int unit, int grain, org.dedup4j.spi.Target target) {
    this.codec = requireNonNull(codec, "codec");
    this.unit = unit;
    this.grain = grain;
    this.target = target;
  }

  /**
   * Each unique chunk compressed whole by the target's codec and stored as the target allocates
   * it ({@link org.dedup4j.spi.Target#allocate}): what a target scan estimates its allocated
   * capacity with.
   *
   * <pre>{@code
   * Compression c = Compression.allocatedBy(Targets.fromSpec("xtremio-x2"));
   * c.stored(16384, 5000); // the target's bucket for 5000 compressed bytes
   * }</pre>
   *
   * @param target the target
   * @return the compression
   * @throws IllegalArgumentException if the target's codec spec is not a known codec
   */
  public static Compression allocatedBy(org.dedup4j.spi.Target target) {
    return new Compression(Codecs.fromSpec(target.codec()), PER_CHUNK, 1,
        requireNonNull(target, "target"));
  }

  /**
   * The target whose allocation this compression follows ({@link #allocatedBy}), or null.
   *
   * @return the target, or null
   */
  public org.dedup4j.spi.Target target() {
    return target;
  }

  /**
   * Parses {@code name[:option=value,...]} where the options are the codec's own plus {@code unit}
   * and {@code grain}.
   *
   * @param spec the spec, e.g. {@code zstd:level=3,unit=32k,grain=4k}
   * @return the compression
   * @throws IllegalArgumentException if the codec or an option is unknown, a value out of range,
   *     the grain exceeds the unit, or the codec is unavailable here; the message names the allowed
   *     values
   */
  public static Compression parse(String spec) {
    PluginRegistry.Parsed<CodecProvider> parsed = Codecs.parse(spec, OPTIONS);
    Options common = parsed.common();
    String name = parsed.provider().name();
    String unitText = common.text("unit").trim().toLowerCase(Locale.ROOT);
    int unit = unitText.equals("chunk") ? PER_CHUNK : checkUnit(name, parseUnit(name, unitText));
    int grain = common.size("grain", 1, MAX_UNIT);
    checkGrain(name, unit, grain);
    return new Compression(parsed.provider().create(parsed.options()), unit, grain);
  }

  /**
   * A codec on fixed units.
   *
   * @param codec the codec
   * @param unit a power of two, {@link #MIN_UNIT} to {@link #MAX_UNIT}
   * @param grain 1 to {@code unit}
   * @return the compression
   * @throws IllegalArgumentException if the unit or grain is out of range
   */
  public static Compression of(Codec codec, int unit, int grain) {
    checkArgument(unit >= MIN_UNIT && unit <= MAX_UNIT,
        "codec %s: option unit: %s is out of range; allowed %s", codec.spec(), unit, UNITS);
    checkUnit(codec.spec(), unit);
    checkGrain(codec.spec(), unit, grain);
    return new Compression(codec, unit, grain);
  }

  /**
   * A codec on each unique chunk, whole (in a dedupe scan).
   *
   * @param codec the codec
   * @param grain 1 to {@link #MAX_UNIT}
   * @return the compression
   * @throws IllegalArgumentException if the grain is out of range
   */
  public static Compression perChunk(Codec codec, int grain) {
    checkGrain(codec.spec(), PER_CHUNK, grain);
    return new Compression(codec, PER_CHUNK, grain);
  }

  private static final String UNITS = "4k, 8k, 16k, 32k, 64k, 128k, 256k, 512k, 1m, or chunk";

  private static int parseUnit(String codec, String text) {
    long unit;
    try {
      unit = Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "codec " + codec + ": option unit: " + e.getMessage() + "; allowed " + UNITS, e);
    }
    checkArgument(unit >= MIN_UNIT && unit <= MAX_UNIT,
        "codec %s: option unit: %s is out of range; allowed %s", codec, text, UNITS);
    return (int) unit;
  }

  private static int checkUnit(String codec, int unit) {
    checkArgument(Integer.bitCount(unit) == 1,
        "codec %s: option unit: %s is not a power of two; allowed %s", codec, unit, UNITS);
    return unit;
  }

  private static void checkGrain(String codec, int unit, int grain) {
    int max = unit == PER_CHUNK ? MAX_UNIT : unit;
    checkArgument(grain >= 1 && grain <= max,
        "codec %s: option grain: %s is out of range; allowed 1..%s bytes (at most the unit, %s)",
        codec, grain, max, unit == PER_CHUNK ? "chunk" : sizeText(unit));
  }

  /**
   * The codec.
   *
   * @return the codec
   */
  public Codec codec() {
    return codec;
  }

  /**
   * The unit in bytes, or {@link #PER_CHUNK}.
   *
   * @return the unit in bytes, or {@link #PER_CHUNK}
   */
  public int unit() {
    return unit;
  }

  /**
   * Whether each unique chunk is compressed whole.
   *
   * @return whether each unique chunk is compressed whole
   */
  public boolean isPerChunk() {
    return unit == PER_CHUNK;
  }

  /**
   * The allocation grain in bytes; 1 means exact sizes.
   *
   * @return the allocation grain in bytes; 1 means exact sizes
   */
  public int grain() {
    return grain;
  }

  /**
   * What a unit of {@code raw} bytes that compressed to {@code compressed} bytes occupies: the
   * compressed size rounded up to the grain, or the raw size when that is not larger.
   *
   * @param raw the unit's size
   * @param compressed its compressed size
   * @return the stored size, at most {@code raw}
   */
  public long stored(long raw, long compressed) {
    if (target != null) {
      return target.allocate((int) raw,
          codec instanceof org.dedup4j.internal.builtin.NoneCodec ? -1 : (int) compressed);
    }
    long rounded = (compressed + grain - 1) / grain * grain;
    return Math.min(rounded, raw);
  }

  /**
   * The unit as a spec writes it: {@code 32k}, {@code 1m} or {@code chunk}.
   *
   * @return the unit as a spec writes it: {@code 32k}, {@code 1m} or {@code chunk}
   */
  public String unitText() {
    return unit == PER_CHUNK ? "chunk" : sizeText(unit);
  }

  /**
   * The canonical spec with every option spelled out, e.g. {@code zstd:level=3,unit=32k,grain=1};
   * parsing it gives an equal compression.
   *
   * @return the spec
   */
  public String spec() {
    if (target != null) {
      return "target:" + target.spec();
    }
    String c = codec.spec();
    return c + (c.indexOf(':') < 0 ? ":" : ",") + "unit=" + unitText() + ",grain=" + sizeText(grain);
  }

  static String sizeText(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "m";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "k";
    }
    return String.valueOf(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Compression c
        && c.codec.spec().equals(codec.spec()) && c.unit == unit && c.grain == grain
        && java.util.Objects.equals(c.target == null ? null : c.target.spec(),
            target == null ? null : target.spec());
  }

  @Override
  public int hashCode() {
    return codec.spec().hashCode() * 31 * 31 + unit * 31 + grain;
  }

  @Override
  public String toString() {
    return spec();
  }
}
