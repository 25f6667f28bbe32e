package org.dedup4j.internal.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of a killed run are swept by a later one, and only those (hardening D4). */
class TempFilesTest {

  @TempDir Path dir;

  @Test
  void namesCarryThePid() {
    String name = TempFiles.name(dir, "dedup4j-spill-", "").getFileName().toString();
    assertEquals(ProcessHandle.current().pid(), TempFiles.pidOf(name, "dedup4j-spill-"));
    assertEquals(-1, TempFiles.pidOf("dedup4j-spill-abc-1", "dedup4j-spill-"));
    assertEquals(-1, TempFiles.pidOf("dedup4j-spill-123", "dedup4j-spill-"));
    assertEquals(-1, TempFiles.pidOf("other-123-x", "dedup4j-spill-"));
  }

  @Test
  void theSweepRemovesOnlyOldLeftoversOfEndedProcesses() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    long dead = ended.pid(); // ended a moment ago; reused this fast only by bad luck
    Path old = Files.createDirectory(dir.resolve("dedup4j-spill-" + dead + "-old"));
    Files.write(old.resolve("run-000000.bin"), new byte[10]);
    Path young = Files.createDirectory(dir.resolve("dedup4j-spill-" + dead + "-young"));
    Path alive = Files.createDirectory(dir.resolve("dedup4j-spill-1-alive")); // pid 1 lives
    Path foreign = Files.createDirectory(dir.resolve("dedup4j-spill-notours"));
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(TempFiles.STALE).minusSeconds(3600));
    for (Path p : new Path[] {old, alive, foreign}) {
      Files.setLastModifiedTime(p, twoHoursAgo);
    }
    Path mine = TempFiles.createDirectory(dir, "dedup4j-spill-"); // sweeps first
    assertFalse(Files.exists(old), "an old leftover of an ended process is removed");
    assertTrue(Files.exists(young), "a young one is kept: its process may be in another namespace");
    assertTrue(Files.exists(alive), "a live process keeps its folder");
    assertTrue(Files.exists(foreign), "a name not of ours is kept");
    assertTrue(Files.isDirectory(mine));
  }

  @Test
  void createdFilesAreTrackedUntilReleased() throws IOException {
    Path f = TempFiles.createFile(dir, "dedup4j-merge-", ".entries");
    assertTrue(Files.exists(f));
    assertTrue(f.getFileName().toString().startsWith("dedup4j-merge-" + ProcessHandle.current().pid()));
    Files.delete(f);
    TempFiles.release(f);
  }
}
