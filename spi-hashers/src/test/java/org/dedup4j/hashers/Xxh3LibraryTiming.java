package org.dedup4j.hashers;

import com.dynatrace.hash4j.hashing.ByteAccess;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.openhft.hashing.Access;
import net.openhft.hashing.LongHashFunction;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * The measurement behind the choice of hash4j for {@code xxh3-64} and of our own {@link Xxh3_128}
 * for {@code xxh3-128}: XXH3 in hash4j, in zero-allocation-hashing (its direct-buffer path through
 * {@code Access.toByteBuffer()}, which needs no {@code --add-exports}) and ours (candidates 12-14,
 * 128 bits only) on heap arrays and direct buffers of both byte orders. Not a test and not run by
 * the build.
 *
 * <p>Every round times a batch of about 4 MiB per candidate, candidates in random order, so that
 * load from other processes falls on all of them alike; it prints the best batch (closest to an
 * idle machine) and the median, in GB/s. Run one candidate per JVM for clean JIT profiles (as
 * JMH's forks do), or all of them in one JVM to see how each library copes when its code serves
 * several kinds of input (as in a long-running process that scans both files and mappings):
 *
 * <pre>
 * mvn -B -q -pl spi-hashers -am test-compile \
 *     dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * CP=spi-hashers/target/test-classes:spi-hashers/target/classes:$(cat /tmp/cp.txt)
 * for rep in 1 2 3; do for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
 *   java -cp $CP org.dedup4j.hashers.Xxh3LibraryTiming 30 $i 4096 65536; done; done
 * java -cp $CP org.dedup4j.hashers.Xxh3LibraryTiming 40 all 4096 65536
 * </pre>
 */
final class Xxh3LibraryTiming {

  private interface Op {
    long run(int size);
  }

  private static final Hasher64 H64 = Hashing.xxh3_64();
  private static final Hasher128 H128 = Hashing.xxh3_128();
  private static final ByteAccess<ByteBuffer> BE = ByteAccess.forByteBuffer(ByteOrder.BIG_ENDIAN);
  private static final ByteAccess<ByteBuffer> LE =
      ByteAccess.forByteBuffer(ByteOrder.LITTLE_ENDIAN);
  private static final LongHashFunction Z64 = LongHashFunction.xx3();
  private static final LongTupleHashFunction Z128 = LongTupleHashFunction.xx128();
  private static final Access<ByteBuffer> ZBB = Access.toByteBuffer();
  private static final Xxh3_128 OURS = new Xxh3_128();

  private static byte[] array;
  private static ByteBuffer directBe;
  private static ByteBuffer directLe;
  private static final long[] OUT = new long[2];
  private static long sink;

  private Xxh3LibraryTiming() {}

  private static long h4j128(HashValue128 v) {
    return v.getMostSignificantBits() ^ v.getLeastSignificantBits();
  }

  private static long zah128() {
    return OUT[0] ^ OUT[1];
  }

  /**
   * Runs the timing.
   *
   * @param args rounds, then {@code all} or comma-separated candidate indexes, then sizes
   */
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    String only = args[1];
    int[] sizes = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
    String[] names = {
      "hash4j-64 array", "zah-64 array", "hash4j-128 array", "zah-128 array",
      "hash4j-64 direct BE", "zah-64 direct BE", "hash4j-128 direct BE", "zah-128 direct BE",
      "hash4j-64 direct LE", "zah-64 direct LE", "hash4j-128 direct LE", "zah-128 direct LE",
      "ours-128 array", "ours-128 direct BE", "ours-128 direct LE"
    };
    Op[] ops = {
      s -> H64.hashBytesToLong(array, 0, s),
      s -> Z64.hashBytes(array, 0, s),
      s -> h4j128(H128.hashBytesTo128Bits(array, 0, s)),
      s -> {
        Z128.hashBytes(array, 0, s, OUT);
        return zah128();
      },
      s -> H64.hashBytesToLong(directBe, 0, s, BE),
      s -> Z64.hash(directBe, ZBB, 0, s),
      s -> h4j128(H128.hashBytesTo128Bits(directBe, 0, s, BE)),
      s -> {
        Z128.hash(directBe, ZBB, 0, s, OUT);
        return zah128();
      },
      s -> H64.hashBytesToLong(directLe, 0, s, LE),
      s -> Z64.hash(directLe, ZBB, 0, s),
      s -> h4j128(H128.hashBytesTo128Bits(directLe, 0, s, LE)),
      s -> {
        Z128.hash(directLe, ZBB, 0, s, OUT);
        return zah128();
      },
      s -> {
        OURS.hash(array, 0, s, OUT);
        return zah128();
      },
      s -> {
        OURS.hash(directBe, 0, s, OUT);
        return zah128();
      },
      s -> {
        OURS.hash(directLe, 0, s, OUT);
        return zah128();
      },
    };
    List<Integer> chosen = new ArrayList<>();
    if (only.equals("all")) {
      for (int i = 0; i < ops.length; i++) {
        chosen.add(i);
      }
    } else {
      for (String x : only.split(",")) {
        chosen.add(Integer.parseInt(x));
      }
    }
    System.out.println("# " + Runtime.version() + ", rounds " + rounds + ", candidates " + only);
    for (int size : sizes) {
      array = new byte[size];
      new Random(42).nextBytes(array);
      directBe = ByteBuffer.allocateDirect(size);
      directBe.put(array).clear();
      directLe = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
      directLe.put(array).clear();
      int batch = Math.max(1, (4 << 20) / size);
      for (int w = 0; w < 40; w++) { // warm-up: every candidate through C2
        for (int i : chosen) {
          time(ops[i], size, batch);
        }
      }
      double[][] nsPerOp = new double[ops.length][rounds];
      List<Integer> order = new ArrayList<>(chosen);
      Random shuffle = new Random(size);
      for (int r = 0; r < rounds; r++) {
        Collections.shuffle(order, shuffle);
        for (int i : order) {
          nsPerOp[i][r] = time(ops[i], size, batch);
        }
      }
      for (int i : chosen) {
        double[] t = nsPerOp[i].clone();
        Arrays.sort(t);
        System.out.printf(
            "%-22s %6d %9.2f %9.2f%n", names[i], size, size / t[0], size / t[t.length / 2]);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static double time(Op op, int size, int batch) {
    long acc = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < batch; i++) {
      acc += op.run(size);
    }
    long t1 = System.nanoTime();
    sink += acc;
    return (double) (t1 - t0) / batch;
  }
}
