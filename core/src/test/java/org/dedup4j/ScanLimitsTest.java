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

  @Test
  void aStopEndsTheScanWithAPartialReportOfWhatWasRead() throws java.io.IOException {
    // 8 MiB of 4 KiB blocks drawn from 300 distinct ones: a prefix has its own unique count.
    byte[][] blocks = new byte[300][];
    SplitMix64 rnd = new SplitMix64(11);
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new byte[4096];
      rnd.fill(blocks[i], 0, 4096);
    }
    byte[] d = new byte[8 << 20];
    int[] pick = new int[d.length / 4096];
    for (int k = 0; k < pick.length; k++) {
      pick[k] = (int) Long.remainderUnsigned(rnd.nextLong(), blocks.length);
      System.arraycopy(blocks[pick[k]], 0, d, k * 4096, 4096);
    }
    java.nio.file.Path f = java.nio.file.Files.createTempFile("stop", ".bin");
    try {
      java.nio.file.Files.write(f, d);
      for (IoMode io : IoMode.values()) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ScanListener stopAtFirstProgress = new ScanListener() {
          @Override
          public void onProgress(long bytesDone) {
            stop.set(true);
          }
        };
        // One window of the whole file: what was read before the stop is a prefix.
        DedupReport r = DedupScanner.builder().io(io).threads(2).windowSize(d.length)
            .listener(stopAtFirstProgress).stopWhen(stop::get).build().scan(f);
        assertTrue(r.partial(), io.toString());
        assertTrue(r.bytes() > 0 && r.bytes() < d.length, io + ": " + r.bytes());
        assertEquals(0, r.bytes() % 4096, io.toString());
        java.util.Set<Integer> model = new java.util.HashSet<>();
        for (int k = 0; k < r.bytes() / 4096; k++) {
          model.add(pick[k]);
        }
        assertEquals(model.size(), r.uniqueChunks(), io + ": bytes " + r.bytes() + " chunks " + r.chunks());
        Skipped s = r.skipped().get(0);
        assertTrue(s.failed() && s.reason().startsWith("not read to its end: the scan was stopped"),
            io + ": " + s);
        assertTrue(r.toText().startsWith("PARTIAL REPORT"), r.toText());
        assertTrue(r.toJson().contains("\"partial\": true"), r.toJson());
      }
      DedupReport whole = DedupScanner.builder().build().scan(f);
      assertTrue(!whole.partial() && whole.toJson().contains("\"partial\": false"));
    } finally {
      java.nio.file.Files.delete(f);
    }
  }
}
