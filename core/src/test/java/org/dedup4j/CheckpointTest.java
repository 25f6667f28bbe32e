package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dedup4j.testkit.ReportFields;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint and resume (hardening, issue 13): a scan stopped or crashed at a random point and
 * resumed from its last checkpoint, as often as it takes, gives the uninterrupted report field by
 * field, in every counting mode, for fixed and content-defined chunking, on both I/O modes, with
 * and without compression.
 */
class CheckpointTest {


  private static Path dir;
  private static Path data;

  /** A thrown "kill": an Error, so the scan fails as it would on a fatal error, no checkpoint. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("crash", null, false, false);
    }
  }

  @BeforeAll
  static void data() throws IOException {
    dir = Files.createTempDirectory("checkpoint-test");
    // 4 MiB of 4 KiB blocks: 6/16 drawn from a pool of 300 (duplicates within and across
    // windows), 9/16 unique, 1/16 zeros; and a tail of unique bytes that is no multiple of 4 KiB.
    SplitMix64 rnd = new SplitMix64(31);
    byte[][] pool = new byte[300][4096];
    for (byte[] b : pool) {
      rnd.fill(b, 0, b.length);
    }
    byte[] d = new byte[(4 << 20) + 1234];
    for (int off = 0; off + 4096 <= 4 << 20; off += 4096) {
      long r = rnd.nextLong();
      if ((r & 15) >= 10) {
        System.arraycopy(pool[(int) ((r >>> 8) % 300)], 0, d, off, 4096);
      } else if ((r & 15) != 0) {
        rnd.fill(d, off, off + 4096); // unique
      }
    }
    rnd.fill(d, 4 << 20, d.length);
    data = dir.resolve("data.bin");
    Files.write(data, d);
  }

  @AfterAll
  static void clean() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  private record Case(String mode, boolean cdc, IoMode io, boolean compress, boolean percent) {
    DedupScanner.Builder builder() {
      DedupScanner.Builder b = DedupScanner.builder().threads(2).io(io).windowSize(256 << 10);
      switch (mode) {
        case "exact" -> b.counting(CountingMode.EXACT);
        // Chunks of 64 bytes (about 40 with the gear chunker): 50,000 or more distinct fingerprints,
        // past the table's room in a 1 MiB budget.
        case "spill" -> b.counting(CountingMode.EXACT).memoryBudget(1 << 20);
        case "sample" -> b.counting(CountingMode.SAMPLE).maxEntries(200);
        case "sketch" -> b.counting(CountingMode.SKETCH).maxEntries(200);
        default -> throw new AssertionError(mode);
      }
      boolean small = mode.equals("spill");
      b.chunker(cdc ? new TestGearChunker(small ? 8 : 1024, small ? 5 : 12, small ? 128 : 16384)
          : Chunkers.fixed(small ? 64 : 4096));
      if (compress) {
        b.compress("deflate:unit=chunk").compressSample(CompressionSample.units(50));
      }
      if (percent && !small) { // half the fingerprints would not spill
        b.samplePercent(50, 9);
      }
      return b;
    }
  }

  private static final List<String> MODES = List.of("exact", "spill", "sample", "sketch");

  /**
   * Every shape (4 counting modes x fixed or content-defined x read or mmap x compression or not
   * x percent mode or not), each under two seeds of kill points derived from one printed seed.
   */
  @Test
  void aScanKilledAndResumedAnyNumberOfTimesGivesTheUninterruptedReport() throws IOException {
    long base = Seeds.seed(0xC4EC_0001L);
    System.out.println("property CheckpointTest.resumed: seed " + base + " (override with -D"
        + Seeds.PROPERTY + "=" + base + ")");
    SplitMix64 seeds = new SplitMix64(base);
    RESUMES.set(0);
    for (int shape = 0; shape < 64; shape++) {
      Case c = new Case(MODES.get(shape & 3), (shape & 4) != 0,
          (shape & 8) != 0 ? IoMode.MMAP : IoMode.READ, (shape & 16) != 0, (shape & 32) != 0);
      for (int k = 0; k < 2; k++) {
        checkResumed(c, seeds.nextLong());
      }
    }
    System.out.println("CheckpointTest.resumed: " + RESUMES.get() + " resumes in 128 scans");
    assertTrue(RESUMES.get() >= 128, "most scans must resume at least once: " + RESUMES.get());
  }

  private static final AtomicInteger RESUMES = new AtomicInteger();

  private static void checkResumed(Case c, long seed) throws IOException {
    try (Stream<Path> left = Files.list(dir)) { // what a failed example left (while shrinking)
      for (Path p : left.filter(p -> !p.equals(data)).toList()) {
        try (Stream<Path> tree = Files.walk(p)) {
          tree.sorted((x, y) -> y.compareTo(x)).forEach(q -> q.toFile().delete());
        }
      }
    }
    DedupReport whole = c.builder().build().scan(data);
    if (c.mode().equals("spill")) {
      assertTrue(whole.countingStats().spillRuns() > 0, "the case must spill: " + c);
    }
    Path ckpt = dir.resolve("scan-" + Long.toHexString(seed) + ".ckpt");
    SplitMix64 rnd = new SplitMix64(seed);
    DedupReport last = null;
    int attempts = 0;
    boolean started = false;
    while (last == null) {
      assertTrue(++attempts < 40, "no attempt completed: " + c);
      boolean crash = (rnd.nextLong() & 1) == 0;
      int at = 1 + (int) Long.remainderUnsigned(rnd.nextLong(), 6);
      AtomicInteger progress = new AtomicInteger();
      ScanListener listener = new ScanListener() {
        @Override
        public void onProgress(long bytesDone) {
          if (crash && progress.incrementAndGet() == at) {
            throw new Crash();
          }
        }
      };
      AtomicInteger asked = new AtomicInteger();
      DedupScanner.Builder b = c.builder().listener(listener)
          .stopWhen(() -> !crash && asked.incrementAndGet() > at * 3)
          .checkpoint(ckpt, Duration.ZERO);
      if (started && Files.exists(ckpt)) {
        b.resume(ckpt);
        RESUMES.incrementAndGet();
      }
      started = true;
      try {
        DedupReport r = b.build().scan(data);
        if (!r.partial()) {
          last = r;
        } else {
          assertTrue(Files.exists(ckpt), "a stopped scan leaves its checkpoint: " + c);
        }
      } catch (Crash expected) {
        // killed: the last checkpoint written stays
      }
    }
    assertEquals(ReportFields.counted(whole.toJson()), ReportFields.counted(last.toJson()), c + ", seed " + seed + ", " + attempts
        + " attempts");
    assertFalse(Files.exists(ckpt), "a completed scan deletes its checkpoint");
    try (Stream<Path> left = Files.list(dir)) {
      List<Path> litter = left.filter(p -> !p.equals(data)).toList();
      assertTrue(litter.isEmpty(), "nothing left beside the data: " + litter);
    }
  }

  @Test
  void aResumeWithOtherSettingsOrChangedInputsIsRefusedWithWhatDiffers() throws IOException {
    Path ckpt = dir.resolve("refused.ckpt");
    AtomicInteger asked = new AtomicInteger();
    DedupReport partial = DedupScanner.builder().windowSize(256 << 10).threads(1)
        .stopWhen(() -> asked.incrementAndGet() > 3).checkpoint(ckpt, Duration.ofHours(1))
        .build().scan(data);
    assertTrue(partial.partial() && Files.exists(ckpt));
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().windowSize(256 << 10).chunker(Chunkers.fixed(8192))
            .resume(ckpt).build().scan(data));
    assertTrue(other.getMessage().contains("other settings (chunkers="
        + Chunkers.fixed(4096).spec() + " in the checkpoint, chunkers=" + Chunkers.fixed(8192).spec()
        + " now)"), other.getMessage());
    Path copy = dir.resolve("copy.bin");
    Files.copy(data, copy);
    try {
      IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
          () -> DedupScanner.builder().windowSize(256 << 10).resume(ckpt).build().scan(copy));
      assertTrue(inputs.getMessage().contains("the inputs changed since the checkpoint: "
          + copy + " where the checkpoint has " + data), inputs.getMessage());
      Files.copy(data, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.delete(copy);
    }
    // Each refusal left the checkpoint as it was: it still resumes.
    DedupReport done = DedupScanner.builder().windowSize(256 << 10).resume(ckpt).build().scan(data);
    assertEquals(ReportFields.counted(DedupScanner.builder().windowSize(256 << 10).build().scan(data).toJson()),
        ReportFields.counted(done.toJson()));
  }

  /** Several chunkers at once (compare): each counter spills, all their runs share one folder. */
  @Test
  void aStoppedCompareOfSpillingChunkersResumesToTheUninterruptedReports() {
    Path ckpt = dir.resolve("compare.ckpt");
    List<org.dedup4j.spi.Chunker> chunkers = List.of(Chunkers.fixed(64),
        new TestGearChunker(8, 5, 128));
    java.util.function.Supplier<DedupScanner.Builder> b = () -> DedupScanner.builder().threads(2)
        .windowSize(256 << 10).counting(CountingMode.EXACT).memoryBudget(1 << 20);
    List<DedupReport> whole = b.get().build().compare(chunkers, List.of(ScanSource.of(data)));
    assertTrue(whole.get(0).countingStats().spillRuns() > 0
        && whole.get(1).countingStats().spillRuns() > 0, "both must spill");
    // Stopped when both counters have spilled runs and windows are left: past three quarters of
    // the data, or earlier where the last windows were already in flight when the stop came (a
    // stop finishes them, and then nothing is left to resume).
    boolean stoppedInTime = false;
    for (long at : new long[] {3 << 20, 5 << 19, 2 << 20, 3 << 19}) {
      java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
      ScanListener progress = new ScanListener() {
        @Override
        public void onProgress(long bytesDone) {
          read.set(bytesDone);
        }
      };
      List<DedupReport> partial = b.get().listener(progress).stopWhen(() -> read.get() > at)
          .checkpoint(ckpt, Duration.ZERO).build().compare(chunkers, List.of(ScanSource.of(data)));
      if (partial.get(0).partial() && partial.get(0).countingStats().spillRuns() > 0
          && partial.get(1).countingStats().spillRuns() > 0) {
        stoppedInTime = true;
        break;
      }
      try {
        org.dedup4j.internal.engine.Checkpoint.delete(ckpt);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    assertTrue(stoppedInTime, "both spilled before a stop that left windows to resume");
    List<DedupReport> resumed = b.get().resume(ckpt).build()
        .compare(chunkers, List.of(ScanSource.of(data)));
    for (int i = 0; i < 2; i++) {
      assertEquals(ReportFields.counted(whole.get(i).toJson()),
          ReportFields.counted(resumed.get(i).toJson()), chunkers.get(i).spec());
    }
  }

  @Test
  void aDamagedCheckpointIsRefusedAtEveryOffset() throws IOException {
    Path ckpt = dir.resolve("damaged.ckpt");
    AtomicInteger asked = new AtomicInteger();
    DedupScanner.builder().windowSize(256 << 10).threads(1).counting(CountingMode.SAMPLE)
        .maxEntries(100).stopWhen(() -> asked.incrementAndGet() > 4)
        .checkpoint(ckpt, Duration.ofHours(1)).build().scan(data);
    byte[] good = Files.readAllBytes(ckpt);
    Path bad = dir.resolve("bad.ckpt");
    try {
      for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 97)) {
        Files.write(bad, java.util.Arrays.copyOf(good, cut));
        refused(bad, "truncated at " + cut);
        byte[] flipped = good.clone();
        flipped[cut] ^= 0x20;
        Files.write(bad, flipped);
        refused(bad, "byte " + cut + " flipped");
      }
      byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
      Files.write(bad, longer);
      refused(bad, "garbage appended");
    } finally {
      Files.deleteIfExists(bad);
      Files.deleteIfExists(ckpt);
    }
  }

  private static void refused(Path bad, String what) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().windowSize(256 << 10).counting(CountingMode.SAMPLE)
            .maxEntries(100).resume(bad).build().scan(data), what);
    assertTrue(e.getMessage().startsWith("cannot resume from " + bad), what + ": " + e.getMessage());
  }

  @Test
  void streamsCannotBeCheckpointed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().checkpoint(dir.resolve("s.ckpt"), Duration.ZERO).build()
            .scan("in", new java.io.ByteArrayInputStream(new byte[10])));
    assertTrue(e.getMessage().startsWith("checkpoints need inputs that can be read again: in is"),
        e.getMessage());
    IllegalArgumentException inside = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().checkpoint(dir.resolve("s.ckpt"), Duration.ZERO).build()
            .scan(dir));
    assertTrue(inside.getMessage().contains("is inside the scanned folder"), inside.getMessage());
  }
}
