package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.Seeds;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against {@link ModelScan} on generated data with known duplication: every source
 * kind, I/O mode, window size, read buffer size and thread count gives exactly the model's counts.
 */
class DedupScannerModelTest {

  @TempDir Path dir;

  enum Kind { FILE, BYTES, HEAP_SLICE, DIRECT, STREAM }

  private static final List<Chunker> CHUNKERS =
      List.of(Chunkers.fixed(4096), Chunkers.fixed(512), new TestGearChunker(256, 10, 4096));

  @Test
  void everyPathAgreesWithTheModel() {
    Seeds.qt("DedupScannerModelTest.everyPathAgreesWithTheModel").withExamples(60)
        .forAll(longs().all(), integers().between(0, CHUNKERS.size() - 1),
            integers().between(0, Kind.values().length - 1), integers().between(0, 63))
        .checkAssert((seed, chunkerIndex, kindIndex, knobs) -> {
          Chunker chunker = CHUNKERS.get(chunkerIndex);
          Kind kind = Kind.values()[kindIndex];
          int threads = 1 + (knobs & 3) % 3;
          IoMode io = (knobs & 4) == 0 ? IoMode.READ : IoMode.MMAP;
          long window = (knobs & 8) == 0 ? 64 << 10 : 1 << 20;
          int readBuffer = (knobs & 16) == 0 ? 4 << 10 : 1 << 20;
          List<byte[]> inputs = ModelScan.inputs(seed, 1 + (knobs >>> 5), 48, 4096);
          ModelScan model = ModelScan.of(chunker, inputs);
          DedupReport r = DedupScanner.builder().chunker(chunker).threads(threads).io(io)
              .windowSize(window).readBufferSize(readBuffer).build()
              .scan(sources(kind, inputs, seed));
          String where = kind + " " + io + " threads=" + threads + " window=" + window
              + " readBuffer=" + readBuffer + " " + chunker.spec();
          assertEquals(model.bytes, r.bytes(), where);
          assertEquals(model.chunks, r.chunks(), where);
          assertEquals(model.chunks, r.sampledChunks(), where);
          assertEquals(model.table.size(), r.uniqueChunks(), where);
          assertEquals(model.uniqueBytes(), r.uniqueBytes(), where);
          assertEquals(model.zeroChunks, r.zeroChunks(), where);
          assertEquals(model.histogram(), ModelScan.histogram(r), where);
          assertEquals(model.sizeHistogram(), ModelScan.sizeHistogram(r), where);
          assertEquals(model.table.values().stream().mapToLong(v -> v[1]).min().orElse(0),
              r.minChunkSize(), where);
          assertEquals(model.table.values().stream().mapToLong(v -> v[1]).max().orElse(0),
              r.maxChunkSize(), where);
          assertEquals(List.of(), r.skipped(), where);
          assertEquals(inputs.size(), r.files(), where);
        });
  }

  private List<ScanSource> sources(Kind kind, List<byte[]> inputs, long seed) {
    List<ScanSource> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      byte[] data = inputs.get(i);
      String name = "input-" + i;
      switch (kind) {
        case FILE -> {
          try {
            Path p = Files.write(dir.resolve(seed + "-" + i), data);
            out.add(ScanSource.of(p));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        case BYTES -> out.add(ScanSource.of(name, data));
        case HEAP_SLICE -> {
          byte[] padded = new byte[data.length + 13];
          System.arraycopy(data, 0, padded, 7, data.length);
          out.add(ScanSource.of(name, ByteBuffer.wrap(padded, 7, data.length).slice()));
        }
        case DIRECT -> out.add(ScanSource.of(name, ByteBuffer.allocateDirect(data.length).put(data).flip()));
        case STREAM -> out.add(ScanSource.of(name, new ByteArrayInputStream(data)));
      }
    }
    return out;
  }

  @Test
  void inputOrderDoesNotMatter() throws IOException {
    List<byte[]> inputs = ModelScan.inputs(5, 6, 64, 4096);
    List<ScanSource> files = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      files.add(ScanSource.of(Files.write(dir.resolve("f" + i), inputs.get(i))));
    }
    DedupScanner scanner = DedupScanner.builder().threads(2).build();
    DedupReport forward = scanner.scan(files);
    Collections.reverse(files);
    DedupReport backward = scanner.scan(files);
    assertEquals(forward.uniqueBytes(), backward.uniqueBytes());
    assertEquals(ModelScan.histogram(forward), ModelScan.histogram(backward));
  }

  @Test
  void duplicatesCountAcrossFilesOfADirectoryTree() throws IOException {
    byte[] data = new byte[64 * 4096];
    new SplitMix64(3).fill(data, 0, data.length);
    Files.createDirectories(dir.resolve("a/b"));
    Files.write(dir.resolve("a/one"), data);
    Files.write(dir.resolve("a/b/two"), data);
    DedupReport r = DedupScanner.builder().build().scan(dir.resolve("a"));
    assertEquals(2, r.files());
    assertEquals(2.0, r.dedupeRatio());
    assertEquals(128, r.chunks());
    assertEquals(64, r.uniqueChunks());
  }

  @Test
  void samplingIsReproducibleAndIndependentOfThreadsWindowsAndIo() throws IOException {
    List<byte[]> inputs = ModelScan.inputs(11, 3, 400, 4096);
    List<ScanSource> files = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      files.add(ScanSource.of(Files.write(dir.resolve("s" + i), inputs.get(i))));
    }
    DedupReport first = null;
    for (int threads = 1; threads <= 3; threads++) {
      for (IoMode io : IoMode.values()) {
        DedupReport r = DedupScanner.builder().threads(threads).io(io).windowSize(64 << 10)
            .samplePercent(10, 42).build().scan(files);
        if (first == null) {
          first = r;
          long n = r.chunks();
          double sd = Math.sqrt(n * 0.1 * 0.9);
          assertTrue(Math.abs(r.sampledChunks() - n * 0.1) < 5 * sd,
              "about 10% sampled: " + r.sampledChunks() + " of " + n);
        } else {
          assertEquals(first.sampledChunks(), r.sampledChunks());
          assertEquals(first.sampledBytes(), r.sampledBytes());
          assertEquals(first.uniqueBytes(), r.uniqueBytes());
          assertEquals(ModelScan.histogram(first), ModelScan.histogram(r));
        }
      }
    }
    DedupReport otherSeed = DedupScanner.builder().samplePercent(10, 43).build().scan(files);
    assertTrue(otherSeed.sampledChunks() != first.sampledChunks()
        || otherSeed.uniqueBytes() != first.uniqueBytes(), "another seed gives another sample");
    DedupReport all = DedupScanner.builder().samplePercent(100, 42).build().scan(files);
    assertEquals(all.chunks(), all.sampledChunks());
  }
}
