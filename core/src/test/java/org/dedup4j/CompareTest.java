package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pass with several chunkers gives, for each chunker, exactly what a scan with that chunker
 * alone gives (and what the sequential model gives), whatever the I/O mode, window and threads.
 */
class CompareTest {

  @TempDir Path dir;

  private static final List<Chunker> CHUNKERS = List.of(
      Chunkers.fixed(4096), Chunkers.fixed(1024), new TestGearChunker(256, 10, 4096),
      new TestGearChunker(64, 8, 1024), Chunkers.fixed(3000));

  @Test
  void eachChunkerOfOnePassEqualsItsOwnScan() {
    Seeds.qt("CompareTest.eachChunkerOfOnePassEqualsItsOwnScan").withExamples(30)
        .forAll(longs().all(), integers().between(0, 63))
        .checkAssert((seed, knobs) -> {
          List<byte[]> inputs = ModelScan.inputs(seed, 1 + (knobs & 3), 48, 4096);
          IoMode io = (knobs & 4) == 0 ? IoMode.READ : IoMode.MMAP;
          int threads = 1 + ((knobs >>> 3) & 1);
          int readBuffer = (knobs & 16) == 0 ? 4 << 10 : 1 << 20;
          boolean stream = (knobs & 32) != 0;
          DedupScanner scanner = DedupScanner.builder().threads(threads).io(io)
              .windowSize(64 << 10).readBufferSize(readBuffer).build();
          List<DedupReport> reports = scanner.compare(CHUNKERS, sources(inputs, seed, stream));
          assertEquals(CHUNKERS.size(), reports.size());
          for (int c = 0; c < CHUNKERS.size(); c++) {
            Chunker chunker = CHUNKERS.get(c);
            ModelScan model = ModelScan.of(chunker, inputs);
            DedupReport r = reports.get(c);
            String where = chunker.spec() + ", " + io + ", " + threads + " threads, read buffer "
                + readBuffer + (stream ? ", streams" : ", files");
            assertEquals(chunker.spec(), r.chunker(), where);
            assertEquals(model.bytes, r.bytes(), where);
            assertEquals(model.chunks, r.chunks(), where);
            assertEquals(model.table.size(), r.uniqueChunks(), where);
            assertEquals(model.uniqueBytes(), r.uniqueBytes(), where);
            assertEquals(model.zeroChunks, r.zeroChunks(), where);
            assertEquals(model.histogram(), ModelScan.histogram(r), where);
            assertEquals(model.sizeHistogram(), ModelScan.sizeHistogram(r), where);
            assertEquals(List.of(), r.skipped(), where);
          }
        });
  }

  /**
   * Fixed sizes whose least common multiple passes any window (hardening D9: it overflowed, or sized
   * a 2 GiB buffer): each input is one window, and every chunker still equals its model.
   */
  @Test
  void coPrimeFixedSizesScanAsOneWindowPerInput() {
    List<Chunker> coPrime = List.of(Chunkers.fixed(65521), Chunkers.fixed(65519),
        Chunkers.fixed(65497), Chunkers.fixed(65479), Chunkers.fixed(65449),
        new TestGearChunker(256, 10, 4096));
    Seeds.qt("CompareTest.coPrimeFixedSizesScanAsOneWindowPerInput").withExamples(6)
        .forAll(longs().all(), integers().between(0, 3))
        .checkAssert((seed, knobs) -> {
          List<byte[]> inputs = ModelScan.inputs(seed, 2, 40, 8192);
          IoMode io = (knobs & 1) == 0 ? IoMode.READ : IoMode.MMAP;
          int threads = 1 + ((knobs >>> 1) & 1);
          List<DedupReport> reports = DedupScanner.builder().threads(threads).io(io)
              .windowSize(64 << 10).build().compare(coPrime, sources(inputs, seed, false));
          for (int c = 0; c < coPrime.size(); c++) {
            ModelScan model = ModelScan.of(coPrime.get(c), inputs);
            String where = coPrime.get(c).spec() + ", " + io + ", " + threads + " threads";
            assertEquals(model.chunks, reports.get(c).chunks(), where);
            assertEquals(model.uniqueBytes(), reports.get(c).uniqueBytes(), where);
            assertEquals(model.histogram(), ModelScan.histogram(reports.get(c)), where);
          }
        });
  }

  private List<ScanSource> sources(List<byte[]> inputs, long seed, boolean stream) {
    List<ScanSource> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (stream) {
        out.add(ScanSource.of("stream-" + i, new ByteArrayInputStream(inputs.get(i))));
      } else {
        try {
          out.add(ScanSource.of(Files.write(dir.resolve(seed + "-" + i), inputs.get(i))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  @Test
  void needsAChunker() {
    assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().build().compare(List.of(), List.of()));
  }
}
