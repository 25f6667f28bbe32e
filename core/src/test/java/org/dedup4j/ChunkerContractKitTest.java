package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.ChunkerProvider;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.Options;
import org.dedup4j.testkit.AbstractChunkerContractTest;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunker contract kit catches chunkers that break its rules: each case is a gear chunker with
 * one typical bug, and the kit's test that should notice it must fail; the same chunker without the
 * bug passes every test of the kit. The honest chunker and a lossy one are reachable by spec through
 * providers this test registers ({@code META-INF/services} of core's tests, not in the test-jar).
 */
class ChunkerContractKitTest {

  static final int MIN = 64;
  static final int MAX = 1024;
  static final int BITS = 7; // about MIN + 128 bytes on random data

  static Stream<Arguments> brokenChunkers() {
    return Stream.of(
        broken("peeks at the byte at to", new PeeksPastTo(), Kit::view, "cut differently where the buffer ends"),
        broken("reads the bytes before from", new ReadsBeforeFrom(), Kit::view, "bytes outside [from, to) changed"),
        broken("ignores arrayOffset()", new IgnoresArrayOffset(), Kit::bufferKinds, "heap slice"),
        broken("moves the buffer's position", new MovesPosition(), Kit::cover, "position or limit"),
        broken("cuts up to limit(), not to", new UsesLimit(), Kit::view, "outside (from, to]"),
        broken("ignores max", new IgnoresMax(), Kit::cover, "bytes"),
        broken("cuts below min", new CutsBelowMin(), Kit::cover, "< min"),
        broken("carries its hash between calls", new Remembers(), Kit::resume, "resumed at cut"),
        broken("has a spec no provider knows", new UnknownSpec(), Kit::spec, "unknown chunker 'kitgear-v0'"),
        broken("leaves an option out of its spec", new DropsBits(), Kit::spec, "does not round-trip"),
        broken("has a provider that ignores an option", new ThroughLossyProvider(), Kit::spec,
            "cuts differently"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenChunkers")
  void theKitNoticesIt(String bug, Chunker chunker, Consumer<Kit> test, String why) {
    Kit kit = new Kit(chunker);
    kit.open();
    try {
      Throwable failure = assertThrows(Throwable.class, () -> test.accept(kit), bug);
      StringBuilder text = new StringBuilder();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        text.append(t).append('\n');
      }
      assertTrue(text.toString().contains(why), () -> "expected '" + why + "' in:\n" + text);
    } finally {
      kit.close();
    }
  }

  static Stream<Arguments> everyKitTest() {
    return Stream.of(
        Arguments.of("sizes", (Consumer<Kit>) Kit::sizes),
        Arguments.of("cover", (Consumer<Kit>) Kit::cover),
        Arguments.of("deterministic", (Consumer<Kit>) Kit::deterministic),
        Arguments.of("buffer kinds", (Consumer<Kit>) Kit::bufferKinds),
        Arguments.of("view", (Consumer<Kit>) Kit::view),
        Arguments.of("resume", (Consumer<Kit>) Kit::resume),
        Arguments.of("edit", (Consumer<Kit>) Kit::edit),
        Arguments.of("spec", (Consumer<Kit>) Kit::spec));
  }

  /** Without its bug, the chunker of the cases above passes the whole kit. */
  @ParameterizedTest(name = "honest chunker: {0}")
  @MethodSource("everyKitTest")
  void theHonestChunkerPasses(String name, Consumer<Kit> test) {
    Kit kit = new Kit(Chunkers.fromSpec("kitgear:min=" + MIN + ",max=" + MAX + ",bits=" + BITS));
    kit.open();
    try {
      test.accept(kit);
    } finally {
      kit.close();
    }
  }

  private static Arguments broken(String bug, Chunker chunker, Consumer<Kit> test, String why) {
    return Arguments.of(bug, chunker, test, why);
  }

  /** Runs the kit's tests one at a time against one chunker. */
  static final class Kit extends AbstractChunkerContractTest {
    private final Chunker chunker;

    Kit(Chunker chunker) {
      this.chunker = chunker;
    }

    @Override
    protected Chunker chunker() {
      return chunker;
    }

    @Override
    protected int examples() {
      return 40;
    }

    void open() {
      try {
        tempDir = Files.createTempDirectory("dedup4j-chunker-kit");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void close() {
      try (Stream<Path> files = Files.walk(tempDir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        tempDir.toFile().deleteOnExit(); // a mapped file may outlive its deletion on some platforms
      }
    }

    void sizes() {
      sizesAreSane();
    }

    void cover() {
      chunksCoverTheInputExactlyWithinBounds();
    }

    void deterministic() {
      cuttingIsDeterministic();
    }

    void bufferKinds() {
      everyBufferKindGivesTheSameCuts();
    }

    void view() {
      aViewOfMaxBytesGivesTheSameCutAsTheWholeInput();
    }

    void resume() {
      resumingAtAnyCutGivesTheSameLaterCuts();
    }

    void edit() {
      anEditChangesOnlyCutsNearIt();
    }

    void spec() {
      specRoundTripsThroughChunkers();
    }
  }

  /** {@code kitgear:min=..,max=..,bits=..}: the honest chunker. */
  public static final class KitGearProvider implements ChunkerProvider {
    /** For ServiceLoader. */
    public KitGearProvider() {}

    @Override
    public String name() {
      return "kitgear";
    }

    @Override
    public String description() {
      return "a gear chunker for ChunkerContractKitTest";
    }

    @Override
    public List<OptionInfo> options() {
      return List.of(
          new OptionInfo("min", "64", "smallest chunk"),
          new OptionInfo("max", "1024", "largest chunk"),
          new OptionInfo("bits", "7", "mask bits: average is about min + 2^bits"));
    }

    @Override
    public Chunker create(Options o) {
      return new KitGear(o.size("min", 1, 1 << 20), o.size("max", 1, 1 << 20), o.integer("bits", 1, 30));
    }
  }

  /** {@code kitgear-lossy}: ignores {@code bits} and cuts with 7, while its chunker's spec says otherwise. */
  public static final class LossyProvider implements ChunkerProvider {
    /** For ServiceLoader. */
    public LossyProvider() {}

    @Override
    public String name() {
      return "kitgear-lossy";
    }

    @Override
    public String description() {
      return "a provider with a bug, for ChunkerContractKitTest";
    }

    @Override
    public List<OptionInfo> options() {
      return new KitGearProvider().options();
    }

    @Override
    public Chunker create(Options o) {
      int claimed = o.integer("bits", 1, 30);
      return new KitGear(o.size("min", 1, 1 << 20), o.size("max", 1, 1 << 20), BITS) {
        @Override
        public String spec() {
          return "kitgear-lossy:min=" + minChunkSize() + ",max=" + maxChunkSize() + ",bits=" + claimed;
        }
      };
    }
  }

  /**
   * A gear hash restarted at each chunk start, cut where its top {@code bits} bits are zero, within
   * [min, max], reading bytes by absolute index: right on every path. The subclasses break one rule
   * each.
   */
  static class KitGear implements Chunker {
    static final long[] GEAR = new long[256];

    static {
      SplitMix64 r = new SplitMix64(0xC0FFEE);
      for (int i = 0; i < 256; i++) {
        GEAR[i] = r.nextLong();
      }
    }

    final int min;
    final int max;
    final int bits;
    final long mask;

    KitGear(int min, int max, int bits) {
      this.min = min;
      this.max = max;
      this.bits = bits;
      this.mask = -1L << (64 - bits);
    }

    KitGear() {
      this(MIN, MAX, BITS);
    }

    @Override
    public String spec() {
      return "kitgear:min=" + min + ",max=" + max + ",bits=" + bits;
    }

    @Override
    public int minChunkSize() {
      return min;
    }

    @Override
    public int maxChunkSize() {
      return max;
    }

    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      return cut(data, from, Math.min(to, from + max), 0);
    }

    /** The first cut in [from + min, end), else end; {@code h} is the hash's start value. */
    int cut(ByteBuffer data, int from, int end, long h) {
      for (int i = from + min; i < end; i++) {
        h = (h << 1) + GEAR[read(data, i) & 0xFF];
        if ((h & mask) == 0) {
          return i + 1;
        }
      }
      return end;
    }

    byte read(ByteBuffer data, int i) {
      return data.get(i);
    }

    @Override
    public String toString() {
      return spec();
    }
  }

  static final class PeeksPastTo extends KitGear {
    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      int end = Math.min(to, from + max);
      int cut = cut(data, from, end, 0);
      // "look ahead one byte to avoid a cut inside a pair": reads data[end], past the view
      if (cut == end && end < data.limit() && end - 1 > from + min && (data.get(end) & 1) == 1) {
        return end - 1;
      }
      return cut;
    }
  }

  static final class ReadsBeforeFrom extends KitGear {
    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      long h = 0;
      for (int i = Math.max(0, from - 8); i < from; i++) { // warms the hash with the last chunk
        h = (h << 1) + GEAR[data.get(i) & 0xFF];
      }
      return cut(data, from, Math.min(to, from + max), h);
    }
  }

  static final class IgnoresArrayOffset extends KitGear {
    @Override
    byte read(ByteBuffer data, int i) {
      return data.hasArray() ? data.array()[i] : data.get(i);
    }
  }

  static final class MovesPosition extends KitGear {
    @Override
    byte read(ByteBuffer data, int i) {
      return data.position(i).get();
    }
  }

  static final class UsesLimit extends KitGear {
    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      return cut(data, from, Math.min(data.limit(), from + max), 0);
    }
  }

  static final class IgnoresMax extends KitGear {
    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      return cut(data, from, to, 0);
    }
  }

  static final class CutsBelowMin extends KitGear {
    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      int end = Math.min(to, from + max);
      // "a zero byte right at the start is a natural boundary"
      return data.get(from) == 0 && end - from > 1 ? from + 1 : cut(data, from, end, 0);
    }
  }

  static final class Remembers extends KitGear {
    private long carried;

    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      int end = Math.min(to, from + max);
      long h = carried;
      for (int i = from + min; i < end; i++) {
        h = (h << 1) + GEAR[data.get(i) & 0xFF];
        if ((h & mask) == 0) {
          carried = h;
          return i + 1;
        }
      }
      carried = h;
      return end;
    }
  }

  /** Built directly with 9 bits, as a plugin's own test might; its provider drops the option. */
  static final class ThroughLossyProvider extends KitGear {
    ThroughLossyProvider() {
      super(MIN, MAX, BITS + 2);
    }

    @Override
    public String spec() {
      return "kitgear-lossy:min=" + min + ",max=" + max + ",bits=" + bits;
    }
  }

  static final class UnknownSpec extends KitGear {
    @Override
    public String spec() {
      return "kitgear-v0:min=" + min + ",max=" + max;
    }
  }

  static final class DropsBits extends KitGear {
    DropsBits() {
      super(MIN, MAX, BITS + 1);
    }

    @Override
    public String spec() {
      return "kitgear:min=" + min + ",max=" + max;
    }
  }
}
