package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;

/** {@code maxStreamBytes} and {@code maxRate}: how far and how fast a scan reads. */
class ScanLimitsTest {

  private static byte[] data(int size) {
    byte[] b = new byte[size];
    new SplitMix64(5).fill(b, 0, size);
    return b;
  }

  @Test
  void aStreamIsReadToTheBoundAndListedAsLimitedWhenItReachedIt() {
    byte[] d = data(3 << 20);
    for (long bound : new long[] {1, 4095, 4096, 1 << 20, (3 << 20) - 1, 3 << 20, 4 << 20}) {
      DedupReport r = DedupScanner.builder().threads(2).maxStreamBytes(bound).build()
          .scan("stream", new ByteArrayInputStream(d));
      long read = Math.min(bound, d.length);
      assertEquals(read, r.bytes(), "bound " + bound);
      assertEquals((read + 4095) / 4096, r.chunks(), "bound " + bound);
      List<Skipped> limited = r.skipped().stream()
          .filter(s -> s.kind() == Skipped.Kind.LIMITED).toList();
      // Reaching the bound is enough: asking for one more byte could wait for ever on a pipe.
      assertEquals(bound <= d.length ? 1 : 0, limited.size(), "bound " + bound + ": " + r.skipped());
      assertEquals(limited.size(), r.skipped().size(), "nothing failed: " + r.skipped());
      assertTrue(r.skipped().stream().noneMatch(Skipped::failed), "limited is not failed");
    }
  }

  @Test
  void theBoundIsForStreamsOnly() {
    byte[] d = data(2 << 20);
    DedupReport r = DedupScanner.builder().maxStreamBytes(4096).build().scan(d);
    assertEquals(d.length, r.bytes(), "a buffer, like a regular file, is read whole");
    assertTrue(r.skipped().isEmpty(), r.skipped().toString());
  }

  @Test
  void aCappedScanTakesAtLeastItsBytesOverTheRate() {
    byte[] d = data(6 << 20);
    long rate = 16 << 20; // 16 MiB/s: 6 MiB need 0.375 s, less the burst of 0.05 s
    long t0 = System.nanoTime();
    DedupReport r = DedupScanner.builder().threads(2).maxRate(rate).build()
        .scan("stream", new ByteArrayInputStream(d));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(d.length, r.bytes());
    // A lower bound only (a slow machine may take longer): the cap cannot be beaten.
    double least = (d.length - (1 << 20)) / (double) rate - 0.05;
    assertTrue(seconds >= least, seconds + " s < " + least + " s");
  }

  @Test
  void badLimitsAreRefusedWithTheirName() {
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().maxRate(-1));
    assertTrue(rate.getMessage().startsWith("max rate -1 is negative"), rate.getMessage());
    IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().maxStreamBytes(0));
    assertTrue(bytes.getMessage().startsWith("max bytes 0 is out of range"), bytes.getMessage());
  }

  /**
   * 16 windows of 1 MiB, each of 256 blocks drawn from 150 of its own (no block is in two
   * windows): any set of n whole windows has n x 256 chunks and n x 150 unique ones.
   */
  private static byte[] windowsOfTheirOwn(int windows) {
    byte[] d = new byte[windows << 20];
    for (int w = 0; w < windows; w++) {
      byte[][] pool = new byte[150][4096];
      SplitMix64 rnd = new SplitMix64(1000 + w);
      for (byte[] b : pool) {
        rnd.fill(b, 0, b.length);
      }
      for (int i = 0; i < 256; i++) {
        System.arraycopy(pool[i % 150], 0, d, (w << 20) + i * 4096, 4096);
      }
    }
    return d;
  }

  @Test
  void aStopEndsTheScanWithAPartialReportOfWholeWindows() throws java.io.IOException {
    byte[] d = windowsOfTheirOwn(16);
    java.nio.file.Path f = java.nio.file.Files.createTempFile("stop", ".bin");
    try {
      java.nio.file.Files.write(f, d);
      for (IoMode io : IoMode.values()) {
        for (int stopAt : new int[] {1, 3, 7}) {
          java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
          java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
          ScanListener stopper = new ScanListener() {
            @Override
            public void onProgress(long bytesDone) {
              if (progress.incrementAndGet() >= stopAt) {
                stop.set(true);
              }
            }
          };
          DedupReport r = DedupScanner.builder().io(io).threads(2).windowSize(1 << 20)
              .listener(stopper).stopWhen(stop::get).build().scan(f);
          String where = io + ", stop at progress " + stopAt + ": " + r.bytes() + " bytes";
          assertTrue(r.partial(), where);
          assertEquals(0, r.bytes() % (1 << 20), "whole windows only (in flight: taken back): " + where);
          long n = r.bytes() >> 20;
          assertTrue(n < 16, where);
          assertEquals(n * 256, r.chunks(), where);
          assertEquals(n * 150, r.uniqueChunks(), where);
          Skipped s = r.skipped().get(0);
          assertTrue(s.failed() && s.reason().startsWith("not read to its end: the scan was stopped"),
              where + ": " + s);
          assertTrue(r.toText().startsWith("PARTIAL REPORT"), r.toText());
          assertTrue(r.toJson().contains("\"partial\": true"), r.toJson());
        }
      }
      DedupReport whole = DedupScanner.builder().build().scan(f);
      assertTrue(!whole.partial() && whole.toJson().contains("\"partial\": false"));
      assertEquals(16 * 150, whole.uniqueChunks());
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  @Test
  void aStoppedCompareStopsEveryChunkerAtTheSameWindows() throws java.io.IOException {
    byte[] d = windowsOfTheirOwn(16);
    java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
    List<DedupReport> rs = DedupScanner.builder().threads(2).windowSize(1 << 20)
        .stopWhen(() -> progress.get() >= 4).listener(new ScanListener() {
          @Override
          public void onProgress(long bytesDone) {
            progress.incrementAndGet();
          }
        }).build().compare(List.of(Chunkers.fixed(4096), Chunkers.fixed(8192)),
            List.of(ScanSource.of("windows", java.nio.ByteBuffer.wrap(d))));
    long n = rs.get(0).bytes() >> 20;
    assertTrue(n > 0 && n < 16 && rs.get(0).bytes() % (1 << 20) == 0, rs.get(0).bytes() + " bytes");
    for (DedupReport r : rs) {
      assertTrue(r.partial(), r.chunker());
      assertEquals(rs.get(0).bytes(), r.bytes(), r.chunker() + ": the same windows");
    }
    assertEquals(n * 150, rs.get(0).uniqueChunks());
    assertEquals(n * 128, rs.get(1).chunks());
  }

  /**
   * Content-defined chunking, eight inputs of one window each: a stopped scan counts some of them
   * whole (the one in flight is taken back), so its figures are the sum over a set of inputs.
   */
  @Test
  void aStoppedContentDefinedScanCountsWholeInputs() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("stop-cdc");
    try {
      List<java.nio.file.Path> files = new java.util.ArrayList<>();
      long[][] each = new long[8][];
      org.dedup4j.spi.Chunker gear = new TestGearChunker(256, 11, 16384);
      for (int i = 0; i < 8; i++) {
        byte[] b = new byte[1 << 20];
        new SplitMix64(77 + i).fill(b, 0, b.length);
        files.add(java.nio.file.Files.write(dir.resolve("f" + i), b));
        DedupReport one = DedupScanner.builder().chunker(gear).build().scan(files.get(i));
        each[i] = new long[] {one.bytes(), one.chunks(), one.uniqueChunks()};
      }
      for (IoMode io : IoMode.values()) {
        java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
        DedupReport r = DedupScanner.builder().io(io).threads(2).chunker(gear)
            .windowSize(2 << 20).stopWhen(() -> progress.get() >= 3)
            .listener(new ScanListener() {
              @Override
              public void onProgress(long bytesDone) {
                progress.incrementAndGet();
              }
            }).build().scan(files.toArray(new java.nio.file.Path[0]));
        assertTrue(r.partial(), io.toString());
        assertTrue(r.bytes() > 0 && r.bytes() < 8 << 20, io + ": " + r.bytes());
        boolean found = false;
        for (int set = 0; set < 255 && !found; set++) { // some inputs, not all
          long[] sum = new long[3];
          for (int i = 0; i < 8; i++) {
            if ((set >> i & 1) != 0) {
              for (int k = 0; k < 3; k++) {
                sum[k] += each[i][k];
              }
            }
          }
          found = sum[0] == r.bytes() && sum[1] == r.chunks() && sum[2] == r.uniqueChunks();
        }
        assertTrue(found, io + ": " + r.bytes() + " bytes, " + r.chunks() + " chunks, "
            + r.uniqueChunks() + " unique are no set of whole inputs");
      }
    } finally {
      try (var paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
