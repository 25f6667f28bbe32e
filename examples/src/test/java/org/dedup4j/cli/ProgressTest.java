package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void disabledBarPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = Progress.create(false, err, "scan", -1)) {
      assertFalse(p.enabled());
      p.onStart(1 << 30, 2);
      p.onProgress(1 << 20);
      p.onSkipped("x", "y");
    }
    assertEquals(0, bytes.size());
  }

  @Test
  void barDrawsFromManyThreadsAndNeverGoesBack() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = Progress.create(true, err, "scan", -1, 100)) {
      assertTrue(p.enabled());
      p.onStart(64L << 20, 3);
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        int id = t;
        threads[t] = new Thread(() -> {
          for (long mib = id; mib <= 64; mib += threads.length) {
            p.onProgress(mib << 20);
          }
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      p.onProgress(1); // late and smaller: ignored
      p.onSkipped("some/path", "permission denied");
    }
    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.contains("scan"), drawn);
    assertTrue(drawn.contains("64/64 MiB"), drawn);
    assertTrue(drawn.contains("3 inputs, 1 skipped"), drawn);
  }
}
