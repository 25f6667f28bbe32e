package org.dedup4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * The contract every {@link Chunker} keeps, as QuickTheories properties. A plugin author extends
 * this class in a test named {@code *Test} and returns the chunker under test:
 *
 * <pre>{@code
 * class MyChunkerContractTest extends AbstractChunkerContractTest {
 *   protected Chunker chunker() { return Chunkers.fromSpec("mychunker:min=256,avg=1k,max=8k"); }
 * }
 * }</pre>
 *
 * <p>The properties: the chunks cover the input exactly; every chunk but the last is within
 * [{@link Chunker#minChunkSize()}, {@link Chunker#maxChunkSize()}]; cutting is deterministic; a heap
 * array, a heap slice with a non-zero array offset, a read-only heap buffer, direct buffers of both
 * byte orders and a memory-mapped file give the same cuts; a view of {@code max} bytes (not the
 * input end) gives the same cut as the whole input, and bytes at or after {@code to} or before
 * {@code from} do not matter; a shorter view that ends before the buffer's limit is cut inside
 * itself, as if the buffer ended there; resuming at any cut gives the same later cuts; an edit changes only
 * the cuts near it (earlier chunks are kept and, for content-defined chunkers, the chains
 * re-synchronise after it); the spec round-trips through {@link Chunkers#fromSpec(String)}.
 *
 * <p>Pick sizes that keep inputs small (a few times {@code max}) and {@code max} at least four times
 * {@code avg}, so that re-synchronisation after an edit is all but certain within the input. Inputs
 * are random, zeros, short repeated patterns and low-entropy text, from a fixed, printed seed
 * (override {@link #seed()}, or run with {@code -Ddedup4j.seed=N}, to explore); the example counts are bounded so a subclass runs in seconds.
 */
public abstract class AbstractChunkerContractTest {

  /** Where mapped-file inputs are written. */
  @TempDir protected Path tempDir;

  /**
   * The chunker under test. Called once per property; may return the same instance each time.
   *
   * @return the chunker
   */
  protected abstract Chunker chunker();

  /**
   * Examples per property.
   *
   * @return a small positive number
   */
  protected int examples() {
    return 60;
  }

  /**
   * The QuickTheories seed; fixed so a run is reproducible. {@code -Ddedup4j.seed=N} overrides it
   * for every property ({@link Seeds}), which prints the seed it runs on.
   *
   * @return the seed
   */
  protected long seed() {
    return Seeds.DEFAULT;
  }

  /**
   * Whether chains of cuts re-synchronise after an insertion or deletion; false for fixed-size
   * chunkers, where every later cut moves.
   *
   * @return true for content-defined chunkers
   */
  protected boolean resynchronisesAfterShift() {
    return chunker().fixedChunkSize() == 0;
  }

  /**
   * Largest input for most properties.
   *
   * @return a length in bytes
   */
  protected int maxInputLength() {
    return (int) Math.min(6L * chunker().maxChunkSize() + 1000, 8 << 20);
  }

  // ---------------------------------------------------------------- properties

  @Test
  public void sizesAreSane() {
    Chunker c = chunker();
    assertTrue(c.minChunkSize() > 0, "minChunkSize() must be positive: " + c.minChunkSize());
    assertTrue(c.maxChunkSize() >= c.minChunkSize(), "maxChunkSize() < minChunkSize()");
    int fixed = c.fixedChunkSize();
    assertTrue(
        fixed == 0 || (fixed == c.minChunkSize() && fixed == c.maxChunkSize()),
        "fixedChunkSize() must be 0 or equal to min and max: " + fixed);
    assertTrue(!c.spec().isEmpty(), "spec() must not be empty");
  }

  @Test
  public void chunksCoverTheInputExactlyWithinBounds() {
    Chunker c = chunker();
    Seeds.qt(getClass().getSimpleName() + ".chunksCoverTheInputExactlyWithinBounds", seed())
        .withExamples(examples())
        .forAll(inputs())
        .checkAssert(
            in -> {
              byte[] data = in.bytes();
              int[] cuts = cutAll(c, ByteBuffer.wrap(data), 0, data.length);
              int from = 0;
              for (int i = 0; i < cuts.length; i++) {
                int len = cuts[i] - from;
                assertTrue(len > 0 && len <= c.maxChunkSize(), in + ": chunk " + i + " has " + len + " bytes");
                if (i < cuts.length - 1) {
                  assertTrue(
                      len >= c.minChunkSize(),
                      in + ": chunk " + i + " of " + cuts.length + " has " + len + " bytes < min");
                }
                from = cuts[i];
              }
              assertEquals(data.length, from, in + ": chunks do not end at the input end");
            });
  }

  @Test
  public void cuttingIsDeterministic() {
    Chunker c = chunker();
    Chunker again = Chunkers.fromSpec(c.spec());
    Seeds.qt(getClass().getSimpleName() + ".cuttingIsDeterministic", seed())
        .withExamples(examples())
        .forAll(inputs())
        .checkAssert(
            in -> {
              byte[] data = in.bytes();
              int[] first = cutAll(c, ByteBuffer.wrap(data), 0, data.length);
              assertArrayEquals(first, cutAll(c, ByteBuffer.wrap(data), 0, data.length), in.toString());
              assertArrayEquals(first, cutAll(again, ByteBuffer.wrap(data), 0, data.length), in.toString());
            });
  }

  @Test
  public void everyBufferKindGivesTheSameCuts() {
    Chunker c = chunker();
    Seeds.qt(getClass().getSimpleName() + ".everyBufferKindGivesTheSameCuts", seed())
        .withExamples(Math.max(5, examples() / 2))
        .forAll(inputs())
        .checkAssert(
            in -> {
              byte[] data = in.bytes();
              int n = data.length;
              int[] expected = cutAll(c, ByteBuffer.wrap(data), 0, n);

              // heap slice with a non-zero array offset and foreign bytes around it
              byte[] padded = new byte[n + 37 + 11];
              Arrays.fill(padded, (byte) 0x5A);
              System.arraycopy(data, 0, padded, 37, n);
              ByteBuffer slice = ByteBuffer.wrap(padded, 37, n).slice();
              assertEquals(37, slice.arrayOffset());
              assertArrayEquals(expected, cutAll(c, slice, 0, n), in + ": heap slice");

              // read-only heap buffer: hasArray() is false
              assertArrayEquals(
                  expected, cutAll(c, ByteBuffer.wrap(data).asReadOnlyBuffer(), 0, n), in + ": read-only heap");

              for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                ByteBuffer direct = ByteBuffer.allocateDirect(n).order(order);
                direct.put(data).clear();
                assertArrayEquals(expected, cutAll(c, direct, 0, n), in + ": direct " + order);
              }

              assertArrayEquals(expected, cutAll(c, mapped(data), 0, n), in + ": mapped file");
            });
  }

  @Test
  public void aViewOfMaxBytesGivesTheSameCutAsTheWholeInput() {
    Chunker c = chunker();
    int max = c.maxChunkSize();
    Seeds.qt(getClass().getSimpleName() + ".aViewOfMaxBytesGivesTheSameCutAsTheWholeInput", seed())
        .withExamples(examples())
        .forAll(inputs(), longs().all())
        .checkAssert(
            (in, salt) -> {
              byte[] data = in.bytes();
              int n = data.length;
              int[] cuts = cutAll(c, ByteBuffer.wrap(data), 0, n);
              SplitMix64 rnd = new SplitMix64(salt);
              int from = 0;
              for (int cut : cuts) {
                // a view shorter than max that ends before the buffer does: the cut is inside it,
                // and the same as where the buffer itself ends at the view's end
                int shortTo = from + 1 + (int) rnd.below(Math.min(max, n - from));
                int inShort = c.nextCut(ByteBuffer.wrap(data), from, shortTo);
                assertTrue(inShort > from && inShort <= shortTo,
                    in + ": nextCut(" + from + ", " + shortTo + ") = " + inShort + ", outside (from, to]");
                assertEquals(inShort, c.nextCut(ByteBuffer.wrap(data).limit(shortTo), from, shortTo),
                    in + ": view [" + from + ", " + shortTo + ") cut differently where the buffer ends at to");
                if ((long) from + max < n) {
                  int to = from + max;
                  assertEquals(cut, c.nextCut(ByteBuffer.wrap(data), from, to), in + ": view [" + from + ", from + max)");
                  // a direct buffer whose limit is to: a read at or past to throws
                  ByteBuffer limited = ByteBuffer.allocateDirect(n);
                  limited.put(data).clear().limit(to);
                  assertEquals(cut, c.nextCut(limited, from, to), in + ": direct view limited at from + max");
                  // other bytes at and after to, and before from, change nothing
                  byte[] poisoned = data.clone();
                  rnd.fill(poisoned, to, n);
                  rnd.fill(poisoned, 0, from);
                  assertEquals(cut, c.nextCut(ByteBuffer.wrap(poisoned), from, to), in + ": bytes outside [from, to) changed");
                  // any longer view too
                  int longer = to + (int) rnd.below(n - to + 1);
                  assertEquals(cut, c.nextCut(ByteBuffer.wrap(data), from, longer), in + ": view [" + from + ", " + longer + ")");
                }
                from = cut;
              }
            });
  }

  @Test
  public void resumingAtAnyCutGivesTheSameLaterCuts() {
    Chunker c = chunker();
    Seeds.qt(getClass().getSimpleName() + ".resumingAtAnyCutGivesTheSameLaterCuts", seed())
        .withExamples(examples())
        .forAll(inputs(), longs().all())
        .checkAssert(
            (in, salt) -> {
              byte[] data = in.bytes();
              int n = data.length;
              int[] cuts = cutAll(c, ByteBuffer.wrap(data), 0, n);
              if (cuts.length < 2) {
                return;
              }
              SplitMix64 rnd = new SplitMix64(salt);
              int k = (int) rnd.below(cuts.length - 1);
              int at = cuts[k];
              // other bytes before the resume point, of another length
              int prefix = (int) rnd.below(3L * c.maxChunkSize() + 1);
              byte[] other = new byte[prefix + n - at];
              rnd.fill(other, 0, prefix);
              System.arraycopy(data, at, other, prefix, n - at);
              int[] resumed = cutAll(c, ByteBuffer.wrap(other), prefix, other.length);
              int[] expected = Arrays.copyOfRange(cuts, k + 1, cuts.length);
              for (int i = 0; i < expected.length; i++) {
                expected[i] += prefix - at;
              }
              assertArrayEquals(expected, resumed, in + ": resumed at cut " + k + " (" + at + ")");
            });
  }

  @Test
  public void anEditChangesOnlyCutsNearIt() {
    Chunker c = chunker();
    int max = c.maxChunkSize();
    int length = (int) Math.min(16L * max + 4096, 16 << 20);
    Gen<Integer> kinds = integers().between(0, 2); // overwrite, insert, delete
    Seeds.qt(getClass().getSimpleName() + ".anEditChangesOnlyCutsNearIt", seed())
        .withExamples(Math.max(5, examples() / 3))
        .forAll(longs().all(), kinds, integers().between(1, 64))
        .checkAssert(
            (dataSeed, kind, size) -> {
              byte[] data = new byte[length];
              new SplitMix64(dataSeed).fill(data, 0, length);
              SplitMix64 rnd = new SplitMix64(dataSeed ^ 0x9E3779B97F4A7C15L);
              int at = length / 4 + (int) rnd.below(length / 4);
              byte[] edited;
              int shift;
              if (kind == 0) {
                edited = data.clone();
                rnd.fill(edited, at, at + size);
                shift = 0;
              } else if (kind == 1) {
                edited = new byte[length + size];
                System.arraycopy(data, 0, edited, 0, at);
                rnd.fill(edited, at, at + size);
                System.arraycopy(data, at, edited, at + size, length - at);
                shift = size;
              } else {
                edited = new byte[length - size];
                System.arraycopy(data, 0, edited, 0, at);
                System.arraycopy(data, at + size, edited, at, length - at - size);
                shift = -size;
              }
              String what = (kind == 0 ? "overwrite" : kind == 1 ? "insert" : "delete") + " of " + size + " bytes at " + at;
              int[] a = cutAll(c, ByteBuffer.wrap(data), 0, data.length);
              int[] b = cutAll(c, ByteBuffer.wrap(edited), 0, edited.length);

              // a chunk that starts at f sees at most [f, f + max): it cannot see an edit at or past f + max
              int from = 0;
              for (int i = 0; i < a.length && (long) from + max <= at; i++) {
                assertTrue(i < b.length && a[i] == b[i], what + ": cut " + i + " (" + a[i] + ") before the edit changed");
                from = a[i];
              }

              if (shift != 0 && !resynchronisesAfterShift()) {
                return;
              }
              // the chains meet again after the edit and agree from there on
              int editEnd = at + Math.max(size, 0);
              int meet = -1;
              int j = 0;
              for (int i = 0; i < a.length - 1 && meet < 0; i++) {
                if (a[i] < editEnd) {
                  continue;
                }
                while (j < b.length && b[j] < a[i] + shift) {
                  j++;
                }
                if (j < b.length && b[j] == a[i] + shift) {
                  meet = i;
                }
              }
              if (meet < 0) {
                fail(what + ": the chains of cuts never re-synchronised after the edit");
              }
              int[] restA = Arrays.copyOfRange(a, meet, a.length);
              int[] restB = Arrays.copyOfRange(b, j, b.length);
              for (int i = 0; i < restA.length; i++) {
                restA[i] += shift;
              }
              assertArrayEquals(restA, restB, what + ": cuts differ after the chains met at " + a[meet]);
            });
  }

  @Test
  public void specRoundTripsThroughChunkers() {
    Chunker c = chunker();
    Chunker parsed = Chunkers.fromSpec(c.spec());
    assertEquals(c.spec(), parsed.spec(), "spec() does not round-trip");
    assertEquals(c.minChunkSize(), parsed.minChunkSize());
    assertEquals(c.maxChunkSize(), parsed.maxChunkSize());
    assertEquals(c.fixedChunkSize(), parsed.fixedChunkSize());
    byte[] data = new byte[Math.min(maxInputLength(), 4 * c.maxChunkSize())];
    new SplitMix64(seed()).fill(data, 0, data.length);
    assertArrayEquals(
        cutAll(c, ByteBuffer.wrap(data), 0, data.length),
        cutAll(parsed, ByteBuffer.wrap(data), 0, data.length),
        "a chunker parsed from spec() cuts differently");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Cuts {@code [from, end)} into chunks, checking each answer of {@link Chunker#nextCut}: inside
   * {@code (from, to]}, and the buffer's position and limit unchanged.
   *
   * @param chunker the chunker
   * @param data the bytes
   * @param from where the first chunk starts
   * @param end the end of the input
   * @return the cuts, in order; the last is {@code end} unless {@code from == end}
   */
  public static int[] cutAll(Chunker chunker, ByteBuffer data, int from, int end) {
    int[] cuts = new int[16];
    int count = 0;
    int position = data.position();
    int limit = data.limit();
    while (from < end) {
      int cut = chunker.nextCut(data, from, end);
      if (cut <= from || cut > end) {
        fail(chunker.spec() + ": nextCut(" + from + ", " + end + ") = " + cut + ", outside (from, to]");
      }
      if (data.position() != position || data.limit() != limit) {
        fail(chunker.spec() + ": nextCut changed the buffer's position or limit");
      }
      if (count == cuts.length) {
        cuts = Arrays.copyOf(cuts, count * 2);
      }
      cuts[count++] = cut;
      from = cut;
    }
    return Arrays.copyOf(cuts, count);
  }

  private ByteBuffer mapped(byte[] data) {
    try {
      Path file = Files.createTempFile(tempDir, "input", ".bin");
      Files.write(file, data);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        return ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot map a temporary file", e);
    }
  }

  /** Inputs of several kinds; lengths favour the interesting sizes around min and max. */
  private Gen<Input> inputs() {
    Chunker c = chunker();
    int maxLength = maxInputLength();
    Gen<Integer> small = integers().between(0, Math.min(maxLength, 2 * c.minChunkSize() + 2));
    Gen<Integer> around =
        integers().between(Math.min(maxLength, Math.max(0, c.maxChunkSize() - 2)), Math.min(maxLength, c.maxChunkSize() + 2));
    Gen<Integer> any = integers().between(0, maxLength);
    Gen<Integer> lengths = any.mix(small, 15).mix(around, 15);
    return integers()
        .between(0, Input.Kind.values().length - 1)
        .zip(longs().all(), lengths, (k, s, n) -> new Input(Input.Kind.values()[k], s, n))
        .describedAs(Input::toString);
  }

  /** A generated input, described by kind, seed and length so failures print small. */
  protected record Input(Kind kind, long seed, int length) {

    /** What the bytes look like. */
    enum Kind {
      RANDOM,
      RANDOM_ALSO,
      ZEROS,
      PATTERN,
      TEXT,
      RANDOM_WITH_ZERO_RUNS
    }

    byte[] bytes() {
      byte[] b = new byte[length];
      SplitMix64 rnd = new SplitMix64(seed);
      switch (kind) {
        case RANDOM, RANDOM_ALSO -> rnd.fill(b, 0, length);
        case ZEROS -> {}
        case PATTERN -> {
          byte[] unit = new byte[1 + (int) rnd.below(100)];
          rnd.fill(unit, 0, unit.length);
          for (int i = 0; i < length; i++) {
            b[i] = unit[i % unit.length];
          }
        }
        case TEXT -> {
          String[] words = {"the ", "chunk ", "data ", "of ", "a ", "dedup ", "block\n", "storage, "};
          int i = 0;
          while (i < length) {
            byte[] w = words[(int) rnd.below(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int n = Math.min(w.length, length - i);
            System.arraycopy(w, 0, b, i, n);
            i += n;
          }
        }
        case RANDOM_WITH_ZERO_RUNS -> {
          rnd.fill(b, 0, length);
          for (int runs = (int) rnd.below(8); runs > 0 && length > 0; runs--) {
            int at = (int) rnd.below(length);
            int n = (int) Math.min(length - at, rnd.below(20_000));
            Arrays.fill(b, at, at + n, (byte) 0);
          }
        }
      }
      return b;
    }

    @Override
    public String toString() {
      return kind + " input of " + length + " bytes, seed " + seed;
    }
  }
}
