package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The percent mode's sample depends on the data and on names relative to the root they were found
 * under, not on how the root was spelled (hardening, samples that depend on the data): two hosts
 * that mount the same data at different points draw the same sample.
 */
class SampleSpellingTest {

  @TempDir Path dir;

  private static byte[] data(long seed, int size) {
    byte[] b = new byte[size];
    new SplitMix64(seed).fill(b, 0, size);
    return b;
  }

  private static DedupReport sample(Path... paths) {
    return DedupScanner.builder().samplePercent(10, 7).build()
        .scan(java.util.Arrays.stream(paths).map(ScanSource::of).toList());
  }

  @Test
  void oneFileSpelledThreeWaysDrawsOneSample() throws IOException {
    Path d = Files.createDirectories(dir.resolve("d/x"));
    Path f = Files.write(d.resolve("ts.tar"), data(1, 4096 * 500));
    Path link = Files.createSymbolicLink(dir.resolve("mnt"), dir.resolve("d"));
    DedupReport plain = sample(f);
    for (Path other : List.of(dir.resolve("d/x/../x/ts.tar"), link.resolve("x/ts.tar"),
        dir.resolve("./d/x/ts.tar"))) {
      DedupReport r = sample(other);
      assertEquals(plain.sampledChunks(), r.sampledChunks(), other.toString());
      assertEquals(plain.uniqueChunks(), r.uniqueChunks(), other.toString());
      assertEquals(plain.refcountHistogram(), r.refcountHistogram(), other.toString());
    }
  }

  @Test
  void aTreeCopiedToAnotherMountPointDrawsTheSameSample() throws IOException {
    for (String host : List.of("host1/srv/data", "host2/mnt/backup/data")) {
      Path root = Files.createDirectories(dir.resolve(host).resolve("vm"));
      Files.write(root.resolve("a.img"), data(2, 4096 * 300));
      Files.write(root.resolve("b.img"), data(3, 4096 * 300));
    }
    DedupReport one = sample(dir.resolve("host1/srv/data"));
    DedupReport two = sample(dir.resolve("host2/mnt/backup/data"));
    assertEquals(one.sampledChunks(), two.sampledChunks());
    assertEquals(one.uniqueChunks(), two.uniqueChunks());
  }

  @Test
  void twoNamedFilesOfOneNameStillDrawIndependentSamples() throws IOException {
    byte[] same = data(4, 4096 * 400);
    Path a = Files.write(Files.createDirectories(dir.resolve("a")).resolve("data.bin"), same);
    Path b = Files.write(Files.createDirectories(dir.resolve("b")).resolve("data.bin"), same);
    DedupReport r = sample(a, b);
    // Keyed alike, the two copies would be sampled at the same offsets: every sampled chunk would
    // be seen twice. Independent samples see few chunks in both (about 10% of them).
    long twice = r.refcountHistogram().stream().filter(x -> x.refcount() == 2)
        .mapToLong(DedupReport.RefcountBucket::chunks).sum();
    assertNotEquals(r.uniqueChunks(), twice, r.refcountHistogram().toString());
  }
}
