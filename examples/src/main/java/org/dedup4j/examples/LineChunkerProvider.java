package org.dedup4j.examples;

import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;

/**
 * The provider of the toy {@code lines} chunker: {@code --chunker lines:min=1,max=64k} cuts after
 * each newline. A third-party plugin needs exactly this: a public final provider with a public
 * no-argument constructor, named in {@code
 * META-INF/services/org.dedup4j.spi.ChunkerProvider} (and, for a modular jar, in {@code provides
 * org.dedup4j.spi.ChunkerProvider with ...} of its {@code module-info}). Then {@code dedup4j list}
 * shows it, and {@code Chunkers.fromSpec("lines")} and {@code --chunker lines} create it.
 *
 * <pre>{@code
 * Chunker lines = Chunkers.fromSpec("lines:max=4k");
 * DedupReport r = DedupScanner.builder().chunker(lines).build().scan(Path.of("app.log"));
 * }</pre>
 */
public final class LineChunkerProvider implements ChunkerProvider {

  /** The name users type. */
  public static final String NAME = "lines";

  /** Smallest allowed {@code min} and {@code max}. */
  public static final int MIN_SIZE = 1;

  /** Largest allowed {@code min} and {@code max}: 1 MiB. */
  public static final int MAX_SIZE = 1 << 20;

  /** Called by {@link java.util.ServiceLoader}. */
  public LineChunkerProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "toy example plugin: cuts after each newline, so equal lines are equal chunks";
  }

  @Override
  public List<OptionInfo> options() {
    return List.of(
        new OptionInfo("min", "1", "smallest chunk before a newline may cut, 1 B to 1 MiB"),
        new OptionInfo("max", "64k", "cut here when no newline came, min to 1 MiB"));
  }

  /**
   * Creates the chunker.
   *
   * @throws IllegalArgumentException if min or max is outside 1 B..1 MiB
   * @throws IllegalStateException if min is larger than max
   */
  @Override
  public Chunker create(Options options) {
    int min = options.size("min", MIN_SIZE, MAX_SIZE);
    int max = options.size("max", MIN_SIZE, MAX_SIZE);
    if (min > max) {
      throw new IllegalStateException(
          "chunker " + NAME + ": option min (" + min + ") is larger than max (" + max + ")");
    }
    return new LineChunker(min, max);
  }
}
