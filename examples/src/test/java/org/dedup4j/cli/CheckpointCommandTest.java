package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dedup4j.testkit.ReportFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scan --checkpoint} and {@code --resume} as a user runs them: killed with SIGKILL at
 * random moments in a JVM of its own and resumed until it completes, the report equals the
 * uninterrupted one; and the options' refusals.
 */
class CheckpointCommandTest {


  @TempDir Path dir;

  /** 24 MiB of 4 KiB blocks, half drawn from a pool of 2,000 (duplicates across the file). */
  private Path data() throws IOException {
    Random r = new Random(77);
    byte[][] pool = new byte[2000][4096];
    for (byte[] b : pool) {
      r.nextBytes(b);
    }
    byte[] d = new byte[24 << 20];
    byte[] block = new byte[4096];
    for (int off = 0; off < d.length; off += 4096) {
      if (r.nextBoolean()) {
        System.arraycopy(pool[r.nextInt(pool.length)], 0, d, off, 4096);
      } else {
        r.nextBytes(block);
        System.arraycopy(block, 0, d, off, 4096);
      }
    }
    Path data = Files.createDirectory(dir.resolve("data")).resolve("d.bin");
    Files.write(data, d);
    return data;
  }

  /**
   * Each case is a counting mode and chunker; the seed (printed) draws the kill moments. At 24
   * MiB/s the uninterrupted scan takes about a second; each run is killed 0 to 0.8 s after it
   * wrote its first checkpoint.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "--mode exact --chunker fixed:size=4096 --io read",
      "--mode exact --memory 1M --chunker fixed:size=256 --io auto",
      "--mode sample --max-entries 500 --chunker fastcdc2020:avg=8k --compress lz4:unit=chunk",
      "--mode sketch --max-entries 500 --chunker fastcdc2020:avg=4k --io mmap --percent 50"})
  void aScanKilledAnyNumberOfTimesResumesToTheUninterruptedReport(String options)
      throws Exception {
    Path data = data();
    List<String> opts = List.of(options.split(" "));
    // The same options in a JVM of the same heap (the memory budget is a third of it), the same
    // window (sample mode's final level depends on whether windows were reconciled).
    Path wholeOut = dir.resolve("whole.json");
    List<String> plain = new ArrayList<>(opts);
    plain.addAll(List.of("--json", "--no-progress", "--window", "1M", data.toString()));
    Process w = java(plain).redirectOutput(wholeOut.toFile()).start();
    assertTrue(w.waitFor(60, TimeUnit.SECONDS) && w.exitValue() == 0,
        () -> "the uninterrupted scan failed: " + stderr());
    String whole = Files.readString(wholeOut);
    Files.delete(wholeOut);
    long seed = Long.getLong("dedup4j.seed", 0xC0FFEE);
    System.out.println("CheckpointCommandTest " + options + ": seed " + seed
        + " (override with -Ddedup4j.seed=" + seed + ")");
    Random r = new Random(seed ^ options.hashCode());
    Path ckpt = dir.resolve("scan.ckpt");
    Path out = dir.resolve("out.json");
    int kills = 0;
    for (int attempt = 0; ; attempt++) {
      assertTrue(attempt < 40, "not done after 40 attempts");
      List<String> a = new ArrayList<>(opts);
      a.addAll(List.of("--json", "--no-progress", "--max-rate", "24M", "--window", "1M",
          "--checkpoint-interval", "0"));
      a.addAll(Files.exists(ckpt) ? List.of("--resume", ckpt.toString())
          : List.of("--checkpoint", ckpt.toString()));
      a.add(data.toString());
      java.nio.file.attribute.FileTime before = Files.exists(ckpt)
          ? Files.getLastModifiedTime(ckpt) : null;
      Process p = java(a).redirectOutput(out.toFile()).start();
      // Killed at a random moment after its first new checkpoint, so that every attempt goes
      // forward however slowly the machine starts a JVM.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(ckpt)
          || Files.getLastModifiedTime(ckpt).equals(before))) {
        Thread.sleep(10);
      }
      if (!p.waitFor(r.nextInt(800), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        kills++;
        continue;
      }
      assertEquals(0, p.exitValue(), this::stderr);
      break;
    }
    System.out.println("CheckpointCommandTest " + options + ": " + kills + " kills");
    assertTrue(kills > 0, "never killed: the case proves nothing");
    assertEquals(ReportFields.counted(whole), ReportFields.counted(Files.readString(out)), options + ", "
        + kills + " kills");
    try (Stream<Path> left = Files.list(dir)) {
      List<String> names = left.map(p -> p.getFileName().toString())
          .filter(n -> !Set.of("data", "out.json", "stderr.txt", "tmp").contains(n)).toList();
      assertTrue(names.isEmpty(), "left beside the checkpoint: " + names);
    }
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private ProcessBuilder java(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Dedup4jCommand.class.getName(), "scan"));
    command.addAll(args);
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    ProcessBuilder b = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(dir.resolve("stderr.txt").toFile());
    b.environment().put("TMPDIR", tmp.toString()); // spill folders of killed runs stay there
    return b;
  }



  @Test
  void aCheckpointNeverReplacesAFile() throws IOException {
    Path data = data();
    Path precious = dir.resolve("notes.txt");
    Files.writeString(precious, "keep me");
    Cli.Result r = Cli.run("scan", "--checkpoint", precious.toString(), data.toString())
        .noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--checkpoint " + precious + ": the file exists; to go on from it"
        + " use --resume"), r::toString);
    assertArrayEquals("keep me".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(precious));
    Cli.Result notOne = Cli.run("scan", "--resume", precious.toString(), data.toString())
        .noStackTrace();
    assertEquals(2, notOne.code(), notOne::toString);
    assertTrue(notOne.err().contains("cannot resume from " + precious + ": " + precious
        + " is not a dedup4j checkpoint"), notOne::toString);
    assertArrayEquals("keep me".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(precious));
  }

  @Test
  void theOptionsAreRefusedByNameWhenTheyCannotWork() throws IOException {
    Path data = data();
    Path ckpt = dir.resolve("c.ckpt");
    Cli.Result missing = Cli.run("scan", "--resume", ckpt.toString(), data.toString())
        .noStackTrace();
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("--resume " + ckpt + ": no such file"), missing::toString);
    Cli.Result stdin = Cli.run("scan", "--checkpoint", ckpt.toString(), "-").noStackTrace();
    assertEquals(2, stdin.code(), stdin::toString);
    assertTrue(stdin.err().contains("checkpoints need inputs that can be read again"),
        stdin::toString);
    Cli.Result inside = Cli.run("scan", "--checkpoint", data.resolveSibling("c.ckpt").toString(),
        data.getParent().toString()).noStackTrace();
    assertEquals(2, inside.code(), inside::toString);
    assertTrue(inside.err().contains("is inside the scanned folder"), inside::toString);
    Cli.Result interval = Cli.run("scan", "--checkpoint-interval", "5x", data.toString())
        .noStackTrace();
    assertEquals(2, interval.code(), interval::toString);
    assertTrue(interval.err().contains("--checkpoint-interval") && interval.err()
        .contains("'5x' is not a duration"), interval::toString);
    assertFalse(Files.exists(ckpt));
  }
}
