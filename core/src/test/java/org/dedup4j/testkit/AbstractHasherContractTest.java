package org.dedup4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The contract every {@link Hasher} keeps, as tests a plugin author inherits: extend this class in
 * a test named {@code *Test}, return the hasher, and the properties below run against it.
 *
 * <pre>{@code
 * class MyHasherContractTest extends AbstractHasherContractTest {
 *   @Override
 *   protected Hasher hasher() {
 *     return Hashers.fromSpec("my-hasher");
 *   }
 * }
 * }</pre>
 *
 * <p>Checked: the same bytes give the same fingerprint through every input path ({@link
 * InputPaths.Kind}: arrays at offsets, heap buffers and slices, direct buffers in both byte orders,
 * read-only and memory-mapped buffers), digesting leaves the buffer's position, limit and bytes
 * alone, a digester is reusable and its results do not depend on what it digested before, digesters
 * of one hasher agree across threads, {@code fingerprintBits()} is 64 or 128 and a 64-bit hasher
 * writes 0 to {@code fingerprint[1]}, {@code spec()} resolves through {@link Hashers#fromSpec} to
 * an equivalent hasher, a changed bit or length changes the fingerprint, the empty input works,
 * and digesting allocates nothing on the heap (where the JVM counts allocated bytes per thread;
 * {@link #allowedAllocationPerDigest()} admits a documented exception).
 *
 * <p>Properties are checked with QuickTheories on a bounded number of examples ({@link
 * #examples()}), so the whole class runs in a few seconds, on a fixed seed that each property
 * prints ({@link Seeds}; {@code -Ddedup4j.seed=N} replays or explores another). This kit is published as the {@code test-jar} of {@code dedup4j-core}; add it with
 * {@code <type>test-jar</type>} and test scope, next to junit-jupiter and quicktheories.
 */
public abstract class AbstractHasherContractTest {

  /** The longest input the properties generate: a little over the default 4 KiB chunk. */
  protected static final int MAX_LENGTH = 4096 + 130;

  private InputPaths paths;

  /** For subclasses. */
  protected AbstractHasherContractTest() {}

  /**
   * The hasher under test. Called once per test method.
   *
   * @return the hasher
   */
  protected abstract Hasher hasher();

  /**
   * How many examples each property tries. Override to run longer.
   *
   * @return the number of examples per property
   */
  protected int examples() {
    return 200;
  }

  /**
   * How many bytes one digest may allocate on the Java heap: 0, as the engine's hot loop requires,
   * unless a hasher documents a measured exception.
   *
   * @return the allowed bytes per digest
   */
  protected int allowedAllocationPerDigest() {
    return 0;
  }

  /** Allocates the reusable input buffers and maps the temporary file. */
  @BeforeEach
  protected final void openPaths() {
    paths = new InputPaths(MAX_LENGTH);
  }

  /** Deletes the temporary file. */
  @AfterEach
  protected final void closePaths() {
    paths.close();
  }

  /** Arrays, heap, direct, read-only and mapped buffers give the array's fingerprint. */
  @Test
  public void everyInputPathGivesTheSameFingerprint() {
    Hasher hasher = hasher();
    Digester reference = hasher.newDigester();
    Digester digester = hasher.newDigester();
    long[] expected = new long[2];
    long[] actual = new long[2];
    Seeds.qt(getClass().getSimpleName() + ".everyInputPathGivesTheSameFingerprint").withExamples(examples())
        .forAll(
            lengths(0),
            longs().all(),
            integers().between(0, InputPaths.MAX_PAD))
        .checkAssert(
            (length, seed, pad) -> {
              byte[] input = bytes(length, seed);
              paths.digest(InputPaths.Kind.BYTE_ARRAY, reference, input, 0, expected);
              for (InputPaths.Kind kind : InputPaths.Kind.values()) {
                fill(actual, seed);
                paths.digest(kind, digester, input, pad, actual);
                assertArrayEquals(
                    expected, actual, () -> kind + ", " + length + " bytes at pad " + pad);
              }
            });
  }

  /** One digester, fed alternating inputs through changing paths, matches fresh digesters. */
  @Test
  public void digesterIsReusableAndForgetsEarlierInputs() {
    Hasher hasher = hasher();
    Digester reused = hasher.newDigester();
    long[] expected = new long[2];
    long[] actual = new long[2];
    Seeds.qt(getClass().getSimpleName() + ".digesterIsReusableAndForgetsEarlierInputs").withExamples(examples())
        .forAll(lengths(0), lengths(0), longs().all())
        .checkAssert(
            (lengthA, lengthB, seed) -> {
              byte[] a = bytes(lengthA, seed);
              byte[] b = bytes(lengthB, ~seed);
              InputPaths.Kind[] kinds = InputPaths.Kind.values();
              // a, b, a, b... each time through another path, against a fresh digester each time
              for (int round = 0; round < 4; round++) {
                byte[] input = (round & 1) == 0 ? a : b;
                InputPaths.Kind kind = kinds[Math.floorMod(seed + round, kinds.length)];
                hasher.newDigester().digest(input.clone(), 0, input.length, expected);
                paths.digest(kind, reused, input, round, actual);
                int r = round;
                assertArrayEquals(
                    expected,
                    actual,
                    () -> "round " + r + " via " + kind + ", " + input.length + " bytes");
              }
            });
  }

  /** {@code fingerprintBits()} is 64 or 128; 64-bit hashers zero {@code fingerprint[1]}. */
  @Test
  public void fingerprintWidthIsHonoured() {
    Hasher hasher = hasher();
    int bits = hasher.fingerprintBits();
    assertTrue(bits == 64 || bits == 128, () -> "fingerprintBits() is " + bits + ", not 64 or 128");
    assertTrue(
        hasher.digestBits() >= bits,
        () -> "digestBits() " + hasher.digestBits() + " is less than fingerprintBits() " + bits);
    Digester digester = hasher.newDigester();
    long[] fingerprint = new long[2];
    Seeds.qt(getClass().getSimpleName() + ".fingerprintWidthIsHonoured").withExamples(examples())
        .forAll(integers().between(0, 300), longs().all())
        .checkAssert(
            (length, seed) -> {
              byte[] input = bytes(length, seed);
              fingerprint[0] = 0x5555555555555555L;
              fingerprint[1] = -1L;
              digester.digest(input, 0, length, fingerprint);
              if (bits == 64) {
                assertEquals(0L, fingerprint[1], "a 64-bit hasher writes 0 to fingerprint[1]");
              }
              fingerprint[0] = -1L;
              fingerprint[1] = -1L;
              digester.digest(ByteBuffer.wrap(input), 0, length, fingerprint);
              if (bits == 64) {
                assertEquals(0L, fingerprint[1], "a 64-bit hasher writes 0 to fingerprint[1]");
              }
            });
    // both halves of a 128-bit fingerprint carry information
    Set<Long> firsts = new HashSet<>();
    Set<Long> seconds = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      digester.digest(bytes(i, i), 0, i, fingerprint);
      firsts.add(fingerprint[0]);
      seconds.add(fingerprint[1]);
    }
    assertEquals(16, firsts.size(), "fingerprint[0] of 16 different inputs");
    assertEquals(bits == 64 ? 1 : 16, seconds.size(), "fingerprint[1] of 16 different inputs");
  }

  /** {@code Hashers.fromSpec(spec())} gives the same fingerprints. */
  @Test
  public void specResolvesToAnEquivalentHasher() {
    Hasher hasher = hasher();
    String spec = hasher.spec();
    assertNotNull(spec, "spec()");
    Hasher resolved = Hashers.fromSpec(spec);
    assertEquals(spec, resolved.spec(), "spec() of Hashers.fromSpec(spec())");
    assertEquals(hasher.digestBits(), resolved.digestBits(), "digestBits()");
    assertEquals(hasher.fingerprintBits(), resolved.fingerprintBits(), "fingerprintBits()");
    Digester mine = hasher.newDigester();
    Digester theirs = resolved.newDigester();
    long[] expected = new long[2];
    long[] actual = new long[2];
    Seeds.qt(getClass().getSimpleName() + ".specResolvesToAnEquivalentHasher").withExamples(examples())
        .forAll(lengths(0), longs().all())
        .checkAssert(
            (length, seed) -> {
              byte[] input = bytes(length, seed);
              mine.digest(input, 0, length, expected);
              theirs.digest(input, 0, length, actual);
              assertArrayEquals(
                  expected, actual, () -> "fromSpec(\"" + spec + "\"), " + length + " bytes");
            });
  }

  /** A flipped bit, a dropped byte or an appended zero byte changes the fingerprint. */
  @Test
  public void changedInputsGiveDifferentFingerprints() {
    Digester digester = hasher().newDigester();
    long[] original = new long[2];
    long[] changed = new long[2];
    Seeds.qt(getClass().getSimpleName() + ".changedInputsGiveDifferentFingerprints").withExamples(examples())
        .forAll(
            lengths(1),
            longs().all(),
            integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (length, seed, where) -> {
              byte[] input = bytes(length, seed);
              digester.digest(input, 0, length, original);
              // one bit flipped anywhere, the first and last bytes included
              int bit = where % (length * 8);
              input[bit >>> 3] ^= (byte) (1 << (bit & 7));
              digester.digest(input, 0, length, changed);
              assertFalse(
                  original[0] == changed[0] && original[1] == changed[1],
                  () -> "flipping bit " + bit + " of " + length + " bytes kept the fingerprint");
              input[bit >>> 3] ^= (byte) (1 << (bit & 7));
              // one byte shorter, and one zero byte longer
              digester.digest(input, 0, length - 1, changed);
              assertFalse(
                  original[0] == changed[0] && original[1] == changed[1],
                  () -> "dropping the last of " + length + " bytes kept the fingerprint");
              byte[] longer = Arrays.copyOf(input, length + 1);
              digester.digest(longer, 0, length + 1, changed);
              assertFalse(
                  original[0] == changed[0] && original[1] == changed[1],
                  () -> "appending a zero byte to " + length + " bytes kept the fingerprint");
            });
  }

  /** The empty input has one fingerprint on every path, even at the end of a buffer. */
  @Test
  public void emptyInputWorksEverywhere() {
    Hasher hasher = hasher();
    long[] expected = new long[2];
    long[] actual = new long[2];
    hasher.newDigester().digest(new byte[0], 0, 0, expected);
    Digester digester = hasher.newDigester();
    for (InputPaths.Kind kind : InputPaths.Kind.values()) {
      fill(actual, kind.ordinal());
      paths.digest(kind, digester, new byte[0], kind.ordinal() % (InputPaths.MAX_PAD + 1), actual);
      assertArrayEquals(expected, actual, kind::name);
    }
    // at the very end of an array and of a buffer
    byte[] array = new byte[17];
    digester.digest(array, array.length, 0, actual);
    assertArrayEquals(expected, actual, "empty input at the end of an array");
    digester.digest(ByteBuffer.allocateDirect(9), 9, 0, actual);
    assertArrayEquals(expected, actual, "empty input at the end of a direct buffer");
    byte[] one = {0};
    digester.digest(one, 0, 1, actual);
    assertFalse(
        expected[0] == actual[0] && expected[1] == actual[1],
        "the empty input and a single zero byte have the same fingerprint");
  }

  /** Digesters of one hasher, used on several threads at once, agree with each other. */
  @Test
  public void digestersAgreeAcrossThreads() throws Exception {
    Hasher hasher = hasher();
    assertNotSame(
        hasher.newDigester(), hasher.newDigester(), "newDigester() returns a new digester");
    int inputs = 64;
    List<byte[]> data = new ArrayList<>();
    long[][] expected = new long[inputs][2];
    Digester digester = hasher.newDigester();
    for (int i = 0; i < inputs; i++) {
      data.add(bytes(i * 67, i));
      digester.digest(data.get(i), 0, data.get(i).length, expected[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<long[][]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  Digester own = hasher.newDigester();
                  long[][] out = new long[inputs][2];
                  for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < inputs; i++) {
                      own.digest(ByteBuffer.wrap(data.get(i)), 0, data.get(i).length, out[i]);
                    }
                  }
                  return out;
                }));
      }
      for (Future<long[][]> f : results) {
        long[][] out = f.get();
        for (int i = 0; i < inputs; i++) {
          assertArrayEquals(expected[i], out[i], "input " + i + " digested on another thread");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Digesting 4 KiB through every path allocates at most {@link #allowedAllocationPerDigest()}. */
  @Test
  public void digestingAllocatesNothing() throws IOException {
    MethodHandle allocatedBytes = allocationCounter();
    assumeTrue(allocatedBytes != null, "this JVM does not count allocated bytes per thread");
    int length = 4096;
    int at = 7;
    byte[] array = bytes(at + length + 9, 42);
    Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
    buffers.put("heap", ByteBuffer.wrap(array));
    buffers.put("heap slice", ByteBuffer.wrap(bytes(at + length + 20, 43)).position(11).slice());
    buffers.put("heap read-only", ByteBuffer.wrap(array).asReadOnlyBuffer());
    ByteBuffer direct = ByteBuffer.allocateDirect(array.length).put(array).clear();
    buffers.put("direct", direct);
    buffers.put(
        "direct little-endian", direct.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    buffers.put("direct read-only", direct.asReadOnlyBuffer());
    Path file = Files.createTempFile("dedup4j-allocation", ".bin");
    try {
      Files.write(file, array);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        buffers.put("mapped", ch.map(FileChannel.MapMode.READ_ONLY, 0, array.length));
      }
      Digester digester = hasher().newDigester();
      long[] fp = new long[2];
      int rounds = 2000;
      long allowed = (long) allowedAllocationPerDigest() * rounds + 512; // 512: counter noise
      for (int pass = 0; pass < 2; pass++) { // the first pass loads and initialises classes
        long before = counted(allocatedBytes);
        for (int i = 0; i < rounds; i++) {
          digester.digest(array, at, length, fp);
        }
        long used = counted(allocatedBytes) - before;
        if (pass == 1) {
          assertTrue(used <= allowed, "byte[]: " + used + " bytes in " + rounds + " digests");
        }
        for (Map.Entry<String, ByteBuffer> e : buffers.entrySet()) {
          ByteBuffer b = e.getValue();
          before = counted(allocatedBytes);
          for (int i = 0; i < rounds; i++) {
            digester.digest(b, at, length, fp);
          }
          used = counted(allocatedBytes) - before;
          if (pass == 1) {
            assertTrue(
                used <= allowed, e.getKey() + ": " + used + " bytes in " + rounds + " digests");
          }
        }
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }

  /**
   * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()} of this JVM, or null.
   * Looked up reflectively: core's module does not read {@code java.management}, and other JVMs
   * may lack the method; a method handle calls it without boxing.
   */
  private static MethodHandle allocationCounter() {
    try {
      Object bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
      if (!type.isInstance(bean)
          || !(Boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
        return null;
      }
      MethodType returnsLong = MethodType.methodType(long.class);
      MethodHandle counter =
          MethodHandles.publicLookup()
              .findVirtual(type, "getCurrentThreadAllocatedBytes", returnsLong)
              .bindTo(bean);
      return (long) counter.invokeExact() >= 0 ? counter : null;
    } catch (Throwable e) { // reflection, linkage, or an unsupported operation: do not count
      return null;
    }
  }

  private static long counted(MethodHandle allocatedBytes) {
    try {
      return (long) allocatedBytes.invokeExact();
    } catch (Throwable e) {
      throw new AssertionError("counting allocated bytes failed", e);
    }
  }

  /**
   * Input lengths from {@code min} to {@link #MAX_LENGTH}, half of them at most 256 bytes, where
   * hash functions tend to have special cases (XXH3 has five below 241 bytes).
   */
  private static Gen<Integer> lengths(int min) {
    return integers().between(min, MAX_LENGTH - 1).mix(integers().between(min, 256));
  }

  /**
   * Deterministic pseudo-random bytes.
   *
   * @param length how many
   * @param seed which
   * @return the bytes
   */
  protected static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static void fill(long[] fingerprint, long seed) {
    fingerprint[0] = seed * 31 + 1;
    fingerprint[1] = ~seed;
  }
}
