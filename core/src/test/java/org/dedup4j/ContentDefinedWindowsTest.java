package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content-defined chunking over parallel windows gives exactly the cuts of one sequential pass,
 * including on data where a window's own chain never meets the true one (zero runs at odd offsets,
 * periodic data), with windows as small as one maximum chunk.
 */
class ContentDefinedWindowsTest {

  @TempDir Path dir;

  @Test
  void windowsEqualOneSequentialPass() {
    TestGearChunker chunker = new TestGearChunker(64, 8, 1024);
    Seeds.qt("ContentDefinedWindowsTest.windowsEqualOneSequentialPass").withExamples(40)
        .forAll(longs().all(), integers().between(0, 3), integers().between(1, 40), integers().between(0, 15))
        .checkAssert((seed, shape, windowChunks, knobs) -> {
          byte[] data = TestData.shaped(seed, shape, 20_000 + Math.floorMod(seed, 100_000));
          ModelScan model = ModelScan.of(chunker, List.of(data));
          IoMode io = (knobs & 1) == 0 ? IoMode.READ : IoMode.MMAP;
          int threads = 1 + (knobs >>> 1) % 3;
          long window = Math.max(DedupScanner.MIN_WINDOW_SIZE, windowChunks * 1024L);
          // MIN_WINDOW_SIZE is 64 KiB, so small windows come from a larger maximum chunk below.
          for (ScanSource source : List.of(ScanSource.of("bytes", data), file(seed, data))) {
            DedupReport r = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
                .windowSize(window).readBufferSize(4096).build().scan(List.of(source));
            String where = "shape " + shape + ", window " + window + ", " + io + ", " + threads
                + " threads, " + source.getClass().getSimpleName();
            assertEquals(model.chunks, r.chunks(), where);
            assertEquals(model.bytes, r.bytes(), where);
            assertEquals(model.zeroChunks, r.zeroChunks(), where);
            assertEquals(model.table.size(), r.uniqueChunks(), where);
            assertEquals(model.histogram(), ModelScan.histogram(r), where);
            assertEquals(model.sizeHistogram(), ModelScan.sizeHistogram(r), where);
            assertEquals(List.of(), r.skipped(), where);
          }
        });
  }

  @Test
  void windowsOfExactlyOneMaximumChunk() {
    // Maximum chunk 64 KiB = the smallest window: every window holds at most one chunk.
    TestGearChunker chunker = new TestGearChunker(4096, 14, 64 << 10);
    for (int shape = 0; shape < 4; shape++) {
      byte[] data = TestData.shaped(shape, shape, 1_500_000);
      ModelScan model = ModelScan.of(chunker, List.of(data));
      DedupReport r = DedupScanner.builder().chunker(chunker).threads(2)
          .windowSize(64 << 10).build().scan(data);
      assertEquals(model.chunks, r.chunks(), "shape " + shape);
      assertEquals(model.histogram(), ModelScan.histogram(r), "shape " + shape);
    }
  }

  private ScanSource file(long seed, byte[] data) {
    try {
      return ScanSource.of(Files.write(dir.resolve("cdc-" + seed), data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
