package org.dedup4j.benchmarks;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One chunker from two or more builds of dedup4j, raced pass after pass in one JVM: the A/B test for
 * a kernel change. Each benchmark jar gets its own class loader, so each build's classes are compiled
 * by the JIT exactly as in that build, on the same buffer and among the same neighbours; the order
 * rotates every round. Build the old jar from a worktree of the old commit.
 *
 * <p>Why not a scratch harness with both kernels pasted into one class: the JIT then compiles them in
 * a context no caller of the library has. One such harness showed a kernel variant 16-40% faster that
 * this race, on the real code path, found no faster on JDK 25 and 7-9% slower on JDK 17.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.BuildRace 30 \
 *     fastcdc2020:min=2k,avg=8k,max=64k /tmp/old/benchmarks.jar benchmarks/target/benchmarks.jar
 * </pre>
 */
public final class BuildRace {

  private BuildRace() {}

  /**
   * Runs the race.
   *
   * @param args the number of rounds, a chunker spec, then two or more benchmark jars
   * @throws Exception if a jar cannot be loaded or a pass fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4 || !args[0].matches("\\d+")) {
      System.err.println("usage: BuildRace ROUNDS SPEC JAR JAR...");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    String spec = args[1];
    String[] jars = Arrays.copyOfRange(args, 2, args.length);
    Build[] builds = new Build[jars.length];
    for (int i = 0; i < jars.length; i++) {
      Path jar = Path.of(jars[i]);
      if (!Files.isRegularFile(jar)) {
        System.err.println("BuildRace: no benchmark jar at " + jar);
        System.exit(2);
      }
      builds[i] = new Build(jar, spec);
    }
    ByteBuffer data = ByteBuffer.wrap(ChunkerBenchmark.randomBytes(ChunkerBenchmark.SIZE));
    for (int warmup = 0; warmup < 5; warmup++) {
      for (Build b : builds) {
        b.cutAll(data);
      }
    }
    long chunks = builds[0].cutAll(data);
    for (Build b : builds) {
      if (b.cutAll(data) != chunks) {
        throw new IllegalStateException(b.jar + " cuts " + spec + " into a different number of chunks");
      }
    }
    double[][] gbs = new double[builds.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < builds.length; k++) {
        int i = (k + r) % builds.length;
        long start = System.nanoTime();
        builds[i].cutAll(data);
        gbs[i][r] = (double) ChunkerBenchmark.SIZE / (System.nanoTime() - start);
      }
    }
    System.out.printf("%s, %s, %d rounds of 256 MiB each%n", Runtime.version(), spec, rounds);
    for (int i = 0; i < builds.length; i++) {
      System.out.printf("%s (%s): %s%n", builds[i].jar, builds[i].info, ChunkerRace.passes(gbs[i]));
    }
  }

  /** One jar's chunker and its own {@link ChunkerRace#cutAll}, reached by reflection once per pass. */
  private static final class Build {
    final Path jar;
    final String info;
    final Object chunker;
    final Method cutAll;

    Build(Path jar, String spec) throws ReflectiveOperationException, IOException {
      this.jar = jar;
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      this.info = describe(loader);
      this.chunker = loader.loadClass("org.dedup4j.Chunkers").getMethod("fromSpec", String.class).invoke(null, spec);
      this.cutAll = loader.loadClass(ChunkerRace.class.getName())
          .getDeclaredMethod("cutAll", loader.loadClass("org.dedup4j.spi.Chunker"), ByteBuffer.class);
      this.cutAll.setAccessible(true);
    }

    /** The jar's {@link BuildInfo} line; jars from before it existed have none. */
    private static String describe(ClassLoader loader) throws ReflectiveOperationException {
      try {
        return (String) loader.loadClass(BuildInfo.class.getName()).getMethod("describe").invoke(null);
      } catch (ClassNotFoundException e) {
        return "built before jars recorded their commit";
      }
    }

    long cutAll(ByteBuffer data) throws IllegalAccessException, InvocationTargetException {
      return (long) cutAll.invoke(null, chunker, data);
    }
  }
}
