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
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters. Each checks its range and fails with a {@link TypeConversionException}, which
 * picocli reports as {@code Invalid value for option '--x': <message>} with exit code 2.
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

  /** {@code --percent}: more than 0, up to 100. */
  static final class Percent implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      double p;
      try {
        p = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a number; allowed more than 0 up to 100");
      }
      if (!(p > 0 && p <= 100)) {
        throw new TypeConversionException(text + " is out of range; allowed more than 0 up to 100");
      }
      return p;
    }
  }

  /** {@code --threads}: 1 to {@link DedupScanner#MAX_THREADS}. */
  static final class Threads implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long n;
      try {
        n = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a whole number; allowed 1.." + DedupScanner.MAX_THREADS);
      }
      if (n < 1 || n > DedupScanner.MAX_THREADS) {
        throw new TypeConversionException(
            text + " is out of range; allowed 1.." + DedupScanner.MAX_THREADS);
      }
      return (int) n;
    }
  }

  /** {@code --io}: {@code read} or {@code mmap}. */
  static final class Io implements ITypeConverter<IoMode> {
    @Override
    public IoMode convert(String text) {
      for (IoMode m : IoMode.values()) {
        if (m.name().equalsIgnoreCase(text.trim())) {
          return m;
        }
      }
      throw new TypeConversionException("'" + text + "' is not one of: read, mmap");
    }
  }

  /** {@code --window}: a size from {@link DedupScanner#MIN_WINDOW_SIZE} to {@link DedupScanner#MAX_WINDOW_SIZE}. */
  static final class Window implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      return size(text, DedupScanner.MIN_WINDOW_SIZE, DedupScanner.MAX_WINDOW_SIZE);
    }
  }

  /**
   * Parses a size ({@code 4096}, {@code 4k}, {@code 64KiB}, {@code 1G}) and checks its range.
   *
   * @throws TypeConversionException if malformed or out of range
   */
  static long size(String text, long min, long max) {
    long v;
    try {
      v = Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
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

  /** {@code --memory}: a size of at least {@link DedupScanner#MIN_MEMORY_BUDGET}. */
  static final class Memory implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      return size(text, DedupScanner.MIN_MEMORY_BUDGET, Long.MAX_VALUE / 2);
    }
  }

  /** {@code --max-entries}: {@link DedupScanner#MIN_MAX_ENTRIES} to {@link DedupScanner#MAX_MAX_ENTRIES}. */
  static final class MaxEntries implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      long n;
      try {
        n = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a whole number; allowed "
            + DedupScanner.MIN_MAX_ENTRIES + ".." + DedupScanner.MAX_MAX_ENTRIES);
      }
      if (n < DedupScanner.MIN_MAX_ENTRIES || n > DedupScanner.MAX_MAX_ENTRIES) {
        throw new TypeConversionException(text + " is out of range; allowed "
            + DedupScanner.MIN_MAX_ENTRIES + ".." + DedupScanner.MAX_MAX_ENTRIES);
      }
      return (int) n;
    }
  }
}
