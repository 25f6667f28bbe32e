package org.dedup4j.cli;

import java.util.Locale;
import java.util.function.Function;
import org.dedup4j.Chunkers;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupScanner;
import org.dedup4j.Hashers;
import org.dedup4j.IoMode;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.Sizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters. They parse; where a library builder checks a range (threads, window, memory,
 * max entries, percent) the converter leaves that to it and {@link #check} words its refusal.
 * Either way the user reads {@code Invalid value for option '--x': <message>}, exit code 2.
 */
final class Converters {

  private Converters() {}

  /** {@code --chunker}: through {@link Chunkers#fromSpec}, so plugins show up by name. */
  static final class ChunkerSpec implements ITypeConverter<Chunker> {
    @Override
    public Chunker convert(String spec) {
      return byName(Chunkers::fromSpec, spec);
    }
  }

  /** {@code --hasher}: through {@link Hashers#fromSpec}. */
  static final class HasherSpec implements ITypeConverter<Hasher> {
    @Override
    public Hasher convert(String spec) {
      return byName(Hashers::fromSpec, spec);
    }
  }

  /** {@code --compress}: through {@link Compression#parse}, so codec plugins show up by name. */
  static final class CompressionSpec implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String spec) {
      return byName(Compression::parse, spec);
    }
  }

  /** A plugin by spec; an unknown name or bad option becomes picocli's usage error, with a pointer. */
  private static <T> T byName(Function<String, T> fromSpec, String spec) {
    try {
      return fromSpec.apply(spec);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TypeConversionException(e.getMessage() + " (see: dedup4j list)");
    }
  }

  /** {@code --compress-sample}: {@code auto}, a number of units, or {@code all}. */
  static final class CompressSample implements ITypeConverter<CompressionSample> {
    @Override
    public CompressionSample convert(String text) {
      try {
        return CompressionSample.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Calls a builder's setter with an option's value; the library's {@link
   * IllegalArgumentException} (out of range) becomes a usage error naming the option, as picocli
   * words a value that does not parse: {@code Invalid value for option '--threads': threads 0 is
   * out of range; allowed 1..1024}, exit code 2.
   *
   * @throws ParameterException if the setter rejects the value
   */
  static void check(CommandSpec spec, String option, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + e.getMessage(),
          spec.findOption(option), null);
    }
  }

  /** {@code --percent}: a number; {@link DedupScanner.Builder#samplePercent} checks it. */
  static final class Percent implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a number; allowed more than 0 up to 100");
      }
    }
  }

  /**
   * {@code --checkpoint-interval}: whole seconds, or a whole number with {@code s}, {@code m},
   * {@code h} or {@code d}, or ISO-8601 ({@code PT10M}); 0 writes a checkpoint after every window.
   */
  static final class Interval implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})([smhd]?)").matcher(t);
      try {
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          return switch (m.group(2)) {
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            case "d" -> java.time.Duration.ofDays(n);
            default -> java.time.Duration.ofSeconds(n);
          };
        }
        java.time.Duration d = java.time.Duration.parse(text.trim());
        if (!d.isNegative()) {
          return d;
        }
      } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
        // said below
      }
      throw new TypeConversionException("'" + text + "' is not a duration; give e.g. 30s, 10m,"
          + " 2h, or 0 for a checkpoint after every window");
    }
  }

  /** {@code --threads}: a whole number; the builders check it (1 to {@link DedupScanner#MAX_THREADS}). */
  static final class Threads implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return wholeNumber(text, "1.." + DedupScanner.MAX_THREADS);
    }
  }

  /** {@code --max-entries}: a whole number; {@link DedupScanner.Builder#maxEntries} checks it. */
  static final class MaxEntries implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return wholeNumber(text, DedupScanner.MIN_MAX_ENTRIES + ".." + DedupScanner.MAX_MAX_ENTRIES);
    }
  }

  /** An int; {@code allowed} only says in the message what the library will accept. */
  private static int wholeNumber(String text, String allowed) {
    String t = text.trim();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is "
          + (t.matches("[+-]?[0-9]+") ? "out of range" : "not a whole number") + "; allowed " + allowed);
    }
  }

  /** {@code --io}: {@code auto}, {@code read} or {@code mmap}. */
  static final class Io implements ITypeConverter<IoMode> {
    @Override
    public IoMode convert(String text) {
      for (IoMode m : IoMode.values()) {
        if (m.name().equalsIgnoreCase(text.trim())) {
          return m;
        }
      }
      throw new TypeConversionException("'" + text + "' is not one of: auto, read, mmap");
    }
  }

  /**
   * {@code --window}, {@code --memory}: a size ({@code 4096}, {@code 4k}, {@code 64KiB}, {@code
   * 1G}) through {@link Sizes#parse}; the builder checks its range.
   */
  static final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      try {
        return Sizes.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Parses a size and checks a range that is the command's own, not the library's ({@code demo
   * --size}).
   *
   * @throws TypeConversionException if malformed or out of range
   */
  static long size(String text, long min, long max) {
    long v = new Size().convert(text);
    if (v < min || v > max) {
      throw new TypeConversionException(String.format(Locale.ROOT,
          "%s is out of range; allowed %s..%s", text.trim(), Sizes.format(min), Sizes.format(max)));
    }
    return v;
  }

  /** {@code --mode}: a {@link CountingMode} label. */
  static final class Mode implements ITypeConverter<CountingMode> {
    @Override
    public CountingMode convert(String text) {
      try {
        return CountingMode.of(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + text + "' is not one of: exact, sample, sketch, auto");
      }
    }
  }
}
