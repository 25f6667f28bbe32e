package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening issue's defects D1-D3: {@code --save} never destroys a user's file, an
 * out-of-memory error ends the scan (never a hang), and output that could not be written is an
 * error, not exit 0.
 */
class HardeningTest {

  @TempDir Path dir;

  private Path file(String name, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  // ---- D1: --save ----

  @Test
  void saveRefusesAnExistingFileUnlessToldToOverwrite() throws IOException {
    Path image1 = file("vm1.img", 100_000, 1);
    Path image2 = file("vm2.img", 100_000, 2);
    byte[] before = Files.readAllBytes(image1);
    // --save taken for a switch: the first image would have become a summary.
    Cli.Result r = Cli.run("scan", "--save", image1.toString(), image2.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--save " + image1 + ": the file exists; add --overwrite"),
        r::toString);
    assertArrayEquals(before, Files.readAllBytes(image1));

    Path summary = dir.resolve("s.d4js");
    assertEquals(0, Cli.run("scan", "--save", summary.toString(), image2.toString()).code());
    Cli.Result again = Cli.run("scan", "--save", summary.toString(), image2.toString());
    assertEquals(2, again.code(), again::toString);
    Cli.Result overwritten =
        Cli.run("scan", "--overwrite", "--save", summary.toString(), image1.toString());
    assertEquals(0, overwritten.code(), overwritten::toString);
    Cli.Result merged = Cli.run("merge", "--json", summary.toString());
    assertTrue(merged.out().contains("\"bytes\": 100000"), merged::toString);
  }

  @Test
  void saveNeverReplacesAFileTheScanReadsEvenWithOverwrite() throws IOException {
    Path image = file("vm1.img", 50_000, 3);
    byte[] before = Files.readAllBytes(image);
    Cli.Result named = Cli.run("scan", "--overwrite", "--save", image.toString(), image.toString());
    assertEquals(2, named.code(), named::toString);
    assertTrue(named.err().contains("is one of the files the scan reads"), named::toString);
    // Reached inside a scanned directory, and through a link.
    Cli.Result inTree = Cli.run("scan", "--overwrite", "--save", image.toString(), dir.toString());
    assertEquals(2, inTree.code(), inTree::toString);
    Path link = dir.resolveSibling(dir.getFileName() + "-link.img");
    try {
      Files.createSymbolicLink(link, image);
      Cli.Result viaLink = Cli.run("scan", "--overwrite", "--save", link.toString(),
          image.toString());
      assertEquals(2, viaLink.code(), viaLink::toString);
    } finally {
      Files.deleteIfExists(link);
    }
    assertArrayEquals(before, Files.readAllBytes(image));
  }

  @Test
  void aSummarySavedInsideTheScannedDirectoryDoesNotCountItself() throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.write(data.resolve("a.bin"), Files.readAllBytes(file("a", 300_000, 4)));
    Cli.Result plain = Cli.run("scan", "--json", data.toString());
    Cli.Result saving = Cli.run("scan", "--json", "--save", data.resolve("s.d4js").toString(),
        data.toString());
    assertEquals(0, saving.code(), saving::toString);
    assertEquals(field(plain.out(), "bytes"), field(saving.out(), "bytes"));
    assertEquals(field(plain.out(), "uniqueChunks"), field(saving.out(), "uniqueChunks"));
    try (var left = Files.list(data)) {
      assertEquals(List.of("a.bin", "s.d4js"),
          left.map(p -> p.getFileName().toString()).sorted().toList(), "no temp file is left");
    }
  }

  @Test
  void saveNeverWritesOverWhatIsNotARegularFile() throws IOException, InterruptedException {
    Path input = file("in.bin", 10_000, 5);
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    List<Path> targets = new ArrayList<>(List.of(directory));
    Path fifo = dir.resolve("a-fifo");
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        targets.add(fifo);
      }
    } catch (IOException e) {
      System.out.println("HardeningTest: no mkfifo here, the FIFO case is left out: " + e);
    }
    for (Path target : targets) {
      for (String overwrite : new String[] {"--no-progress", "--overwrite"}) {
        Cli.Result r = Cli.run("scan", overwrite, "--save", target.toString(), input.toString())
            .noStackTrace();
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("is not a regular file"), r::toString);
        assertFalse(Files.isRegularFile(target), target + " was replaced");
      }
    }
  }

  @Test
  void mergeSaveRefusesAnExistingFileUnlessToldToOverwrite() throws IOException {
    Path input = file("in.bin", 40_000, 6);
    Path a = dir.resolve("a.d4js");
    assertEquals(0, Cli.run("scan", "--save", a.toString(), input.toString()).code());
    byte[] before = Files.readAllBytes(a);
    Cli.Result refused = Cli.run("merge", "--save", a.toString(), a.toString());
    assertEquals(2, refused.code(), refused::toString);
    assertTrue(refused.err().contains("add --overwrite"), refused::toString);
    assertArrayEquals(before, Files.readAllBytes(a));
    Cli.Result replaced = Cli.run("merge", "--overwrite", "--save", a.toString(), a.toString());
    assertEquals(0, replaced.code(), replaced::toString);
    assertEquals(0, Cli.run("merge", a.toString()).code(), "the replaced summary reads back");
  }

  // ---- D3: output that could not be written ----

  /** A stream that fails every write, as a full disk or a closed pipe does. */
  private static final class FullDisk extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }
  }

  @Test
  void outputThatCannotBeWrittenIsAnErrorForEveryCommand() throws IOException {
    Path input = file("in.bin", 20_000, 7);
    Path summary = dir.resolve("s.d4js");
    assertEquals(0, Cli.run("scan", "--save", summary.toString(), input.toString()).code());
    List<String[]> commands = List.of(
        new String[] {"scan", input.toString()},
        new String[] {"scan", "--json", input.toString()},
        new String[] {"merge", "--json", summary.toString()},
        new String[] {"compress", input.toString()},
        new String[] {"list"},
        new String[] {"--help"});
    for (String[] args : commands) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      try (PrintStream out = new PrintStream(new FullDisk(), true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        code = Dedup4jCommand.run(new ByteArrayInputStream(new byte[0]), out, e, args);
      }
      String messages = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, () -> String.join(" ", args) + ":\n" + messages);
      assertTrue(messages.contains("dedup4j: cannot write to standard output"),
          () -> String.join(" ", args) + ":\n" + messages);
    }
  }

  @Test
  void aReportToAFullDeviceExits2InARealProcess() throws IOException, InterruptedException {
    File full = new File("/dev/full");
    assumeTrue(full.exists(), "skipped: no /dev/full on this system");
    Path input = file("in.bin", 20_000, 8);
    Process p = java("-Xmx64m", "scan", "--json", input.toString())
        .redirectOutput(ProcessBuilder.Redirect.to(full)).start();
    String err = finish(p);
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.contains("cannot write to standard output"), err);
  }

  // ---- D11: --plan of what cannot be read ----

  @Test
  void planNamesAMissingInputAndExitsAsAScanWould() throws IOException {
    Cli.Result missing = Cli.run("scan", "--plan", dir.resolve("nope").toString()).noStackTrace();
    assertEquals(Dedup4jCommand.USAGE, missing.code(), missing::toString);
    assertTrue(missing.err().contains("nope: no such file or directory"), missing::toString);
    assertEquals("", missing.out(), missing::toString);

    Path f = file("f.bin", (1 << 20) + 1, 3);
    Cli.Result some = Cli.run("scan", "--plan", "--json", f.toString(),
        dir.resolve("nope").toString()).noStackTrace();
    assertEquals(Dedup4jCommand.SKIPPED, some.code(), some::toString);
    com.google.gson.JsonObject plan = ScanCommandTest.json(some);
    assertEquals(1, plan.get("files").getAsLong(), some::toString);
    assertEquals(1, plan.getAsJsonArray("skipped").size(), some::toString);
    // A bound on the entries: 256 whole blocks and one short one, not one more.
    assertEquals(257, plan.get("chunks").getAsLong(), some::toString);
  }

  // ---- D12: standard input closed ----

  @Test
  void aClosedStandardInputIsAnErrorNotSomeOtherFile() throws Exception {
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh) && Files.isDirectory(Path.of("/proc/self/fd")),
        "needs /bin/sh and /proc (Linux)");
    List<String> command = new ArrayList<>(java("-Xmx64m", "scan", "--json", "-").command());
    StringBuilder line = new StringBuilder("exec");
    for (String c : command) {
      line.append(" '").append(c.replace("'", "'\\''")).append('\'');
    }
    line.append(" <&-"); // the JVM starts with descriptor 0 closed
    Process p = new ProcessBuilder(sh.toString(), "-c", line.toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = finish(p);
    assertEquals(Dedup4jCommand.USAGE, p.exitValue(), err);
    assertTrue(err.contains("standard input (-) is closed"), err);
    assertFalse(out.contains("\"bytes\""), out);
  }

  // ---- D8: the same summary twice ----

  @Test
  void mergeRefusesOneFileTwiceAndNotesIdenticalCopies() throws IOException {
    Path data = file("d.bin", 200_000, 8);
    Path a = dir.resolve("a.d4js");
    assertEquals(0, Cli.run("scan", "--save", a.toString(), data.toString()).code());
    Path link = Files.createSymbolicLink(dir.resolve("link.d4js"), a);
    for (Path again : List.of(a, link)) {
      Cli.Result twice = Cli.run("merge", a.toString(), again.toString()).noStackTrace();
      assertEquals(Dedup4jCommand.USAGE, twice.code(), twice::toString);
      assertTrue(twice.err().contains("are the same file"), twice::toString);
    }
    Path copy = Files.copy(a, dir.resolve("copy.d4js"));
    Cli.Result copies = Cli.run("merge", "--json", a.toString(), copy.toString()).noStackTrace();
    assertEquals(0, copies.code(), copies::toString);
    assertTrue(copies.err().contains("are identical"), copies::toString);
    // Two copies of the data: every chunk twice, so the dedupe ratio doubles (1:1 becomes 2:1).
    assertEquals(2.0, ScanCommandTest.json(copies).get("dedupeRatio").getAsDouble(), 0.01,
        copies::toString);
  }

  // ---- D13: TMPDIR ----

  @Test
  void spillsFollowTmpdir() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmpdir"));
    Path data = file("spill.bin", 8 << 20, 13); // spills for a second or so
    ProcessBuilder b = java("-Xmx64m", "scan", "--json", "--chunker", "fixed:size=64",
        "--memory", "1M", data.toString());
    b.environment().put("TMPDIR", tmp.toString());
    // Watch the folder while the child spills: its private spill folder appears under TMPDIR.
    Process p = b.start();
    boolean seen = false;
    while (p.isAlive() && !seen) {
      try (var list = Files.list(tmp)) {
        seen = list.anyMatch(f -> f.getFileName().toString().startsWith("dedup4j-spill-"));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = finish(p);
    assertEquals(0, p.exitValue(), err);
    assertTrue(field(out, "spillRuns").matches("[1-9][0-9]*"), out);
    assertTrue(seen, "no spill folder appeared under TMPDIR " + tmp);
    try (var list = Files.list(tmp)) {
      assertEquals(0, list.count(), "the spill folder is removed at the end");
    }
  }

  // ---- D15: names reach the terminal escaped ----

  @Test
  void namesWithEscapesAndNewlinesAreEscapedInText() throws IOException {
    Path tree = Files.createDirectory(dir.resolve("tree"));
    file("tree/data.bin", 10_000, 15);
    String evil = "x\u001b[2J\nForged: 99:1";
    Files.createSymbolicLink(tree.resolve(evil), tree.resolve("data.bin"));
    Cli.Result r = Cli.run("scan", tree.toString()).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertFalse(r.out().contains("\u001b") || r.out().contains("\nForged"), r::toString);
    assertTrue(r.out().contains("x\\x1b[2J\\nForged: 99:1"), r::toString);
    // JSON keeps the name as it is (its strings are escaped by JSON itself).
    Cli.Result json = Cli.run("scan", "--json", tree.toString());
    assertEquals(tree.resolve(evil).toString(), ScanCommandTest.json(json)
        .getAsJsonArray("skipped").get(0).getAsJsonObject().get("path").getAsString());
  }

  // ---- D16: a crafted summary's skipped list ----

  @Test
  void aSummaryListingMillionsOfSkippedInputsMeetsAClearLimit() throws Exception {
    Path data = file("d16.bin", 50_000, 16);
    Path honest = dir.resolve("honest.d4js");
    assertEquals(0, Cli.run("scan", "--save", honest.toString(), data.toString()).code());
    byte[] b = Files.readAllBytes(honest);
    // Walk the header as DedupSummary writes it, to the count of skipped inputs.
    java.io.DataInputStream in = new java.io.DataInputStream(new ByteArrayInputStream(b));
    in.readFully(new byte[8]); // magic
    in.readUnsignedShort(); // version
    in.readUTF();
    in.readUTF();
    in.readUTF(); // the data set's name (version 4)
    in.readFully(new byte[8 * 8 + 4]); // totals, threads
    in.readUTF(); // io
    in.readFully(new byte[8 + 8]); // percent, seed
    in.readFully(new byte[in.readInt() * 12]); // zero chunks by length
    int at = b.length - in.available();
    assertEquals(0, in.readInt(), "the honest summary skipped nothing");
    ByteArrayOutputStream crafted = new ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(crafted);
    out.write(b, 0, at);
    int n = 400_000;
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeUTF("p" + i);
      out.writeUTF("r");
      out.writeByte(0);
    }
    out.write(b, at + 4, b.length - 4 - (at + 4)); // the counting state, without the checksum
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(crafted.toByteArray());
    out.writeInt((int) crc.getValue());
    Path evil = Files.write(dir.resolve("crafted.d4js"), crafted.toByteArray());
    Process p = java("-Xmx32m", "merge", evil.toString()).start();
    String err = finish(p);
    assertEquals(Dedup4jCommand.USAGE, p.exitValue(), err);
    assertTrue(err.contains("more skipped inputs than a quarter of the Java heap"), err);
    assertFalse(err.contains("out of memory"), err);
  }

  // ---- D6: procfs and sysfs ----

  @Test
  void procAndSysFilesAreReadToTheirEnd() throws IOException {
    Path proc = Path.of("/proc/self/status");
    Path sys = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    assumeTrue(Files.isReadable(proc), "needs /proc (Linux)");
    List<String> args = new ArrayList<>(List.of("scan", "--json", proc.toString()));
    if (Files.isReadable(sys)) {
      args.add(sys.toString());
    }
    Cli.Result r = Cli.run(args.toArray(new String[0])).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    com.google.gson.JsonObject o = ScanCommandTest.json(r);
    assertEquals(0, o.getAsJsonArray("skipped").size(), r::toString);
    assertEquals(args.size() - 2, o.get("files").getAsLong(), r::toString);
    assertTrue(o.get("bytes").getAsLong() > 100, r::toString); // a status file holds ~1.4 KiB
  }

  // ---- D4: a signal leaves no temp files ----

  @Test
  void sigtermDuringASpillLeavesNoTempFiles() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp-d4"));
    Path data = file("d4.bin", 32 << 20, 4);
    ProcessBuilder b = java("-Xmx64m", "scan", "--chunker", "fixed:size=64", "--memory", "1M",
        data.toString());
    b.environment().put("TMPDIR", tmp.toString());
    Process p = b.start();
    awaitSpill(p, tmp);
    p.destroy(); // SIGTERM
    finish(p);
    try (var list = Files.list(tmp)) {
      assertEquals(List.of(), list.toList(), "temp files left behind");
    }
  }

  /**
   * SIGTERM or SIGINT during a scan: the scan stops, prints a report marked partial (JSON here),
   * saves its summary, removes its spill folder and exits 143 or 130.
   */
  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalStopsTheScanWithAPartialReportAndItsExitCode(String signal) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp-" + signal));
    Path data = file("signal.bin", 32 << 20, 8);
    Path summary = dir.resolve("partial.d4s");
    ProcessBuilder b = java("-Xmx128m", "scan", "--json", "--no-progress", "--chunker",
        "fixed:size=256", "--memory", "1M", "--max-rate", "8M", "--window", "1M", "--save",
        summary.toString(), data.toString());
    b.environment().put("TMPDIR", tmp.toString());
    b.redirectOutput(dir.resolve("stdout.json").toFile());
    Process p = b.start();
    if (signal.equals("INT") && ignores(p.pid(), 2)) {
      p.destroyForcibly().waitFor();
      assumeTrue(false, "SIGINT is ignored by this test's processes (a background job)");
    }
    awaitSpill(p, tmp); // past 1 MiB of table: the scan is under way, its handlers installed
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    String err = finish(p);
    assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue(), err);
    assertTrue(err.contains("dedup4j: SIG" + signal + ": stopping"), err);
    assertFalse(err.contains("\tat "), err);
    JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("stdout.json")))
        .getAsJsonObject();
    assertTrue(json.get("partial").getAsBoolean(), json::toString);
    long bytes = json.get("bytes").getAsLong();
    assertTrue(bytes > 0 && bytes < 32 << 20, "read " + bytes);
    assertEquals(0, bytes % (1 << 20), "whole windows: the ones in flight were taken back");
    assertEquals(bytes / 256, json.get("uniqueChunks").getAsLong(), "exact over what was read");
    String reason = json.getAsJsonArray("skipped").get(0).getAsJsonObject().get("reason")
        .getAsString();
    assertTrue(reason.startsWith("not read to its end: the scan was stopped"), reason);
    try (var list = Files.list(tmp)) {
      assertEquals(List.of(), list.toList(), "temp files left behind");
    }
    // The summary was saved, of the same part, and says which input was read in part.
    Cli.Result merged = Cli.run("merge", "--json", summary.toString()).noStackTrace();
    JsonObject m = JsonParser.parseString(merged.out()).getAsJsonObject();
    assertEquals(bytes, m.get("bytes").getAsLong(), merged::toString);
    assertEquals(bytes / 256, m.get("uniqueChunks").getAsLong(), merged::toString);
    assertTrue(merged.out().contains("not read to its end"), merged::toString);
  }

  /** Waits (a minute at most) until the scan in {@code p} has a spill folder in {@code tmp}. */
  private static void awaitSpill(Process p, Path tmp) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean spilling = false;
    while (!spilling && p.isAlive() && System.nanoTime() < deadline) {
      try (var list = Files.list(tmp)) {
        spilling = list.anyMatch(f -> f.getFileName().toString().startsWith("dedup4j-spill-"));
      }
    }
    assertTrue(spilling, "the scan never spilled");
  }

  /** Whether process {@code pid} ignores signal {@code number} (its SigIgn mask in /proc). */
  private static boolean ignores(long pid, int number) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (mask & (1L << (number - 1))) != 0;
      }
    }
    return false;
  }

  /** A FIFO named without a writer: the scan says that it waits, and reads once one comes. */
  @Test
  void aFifoWithoutAWriterIsSaidToWaitAndIsReadWhenOneComes() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
    ProcessBuilder b = java("-Xmx64m", "scan", "--json", "--no-progress", fifo.toString());
    b.redirectOutput(dir.resolve("fifo.json").toFile());
    Process p = b.start();
    Path stderr = dir.resolve("stderr.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String said = "";
    while (!said.contains("is a FIFO: reading waits for a writer") && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
      said = Files.exists(stderr) ? Files.readString(stderr) : "";
    }
    assertTrue(said.contains("pipe is a FIFO: reading waits for a writer to open it"), said);
    try (OutputStream w = Files.newOutputStream(fifo)) { // the writer: the scan goes on
      w.write(new byte[8192]);
    }
    String err = finish(p);
    assertEquals(0, p.exitValue(), err);
    assertEquals("8192", field(Files.readString(dir.resolve("fifo.json")), "bytes"));
  }

  // ---- --json is JSON also when the command fails ----

  @Test
  void jsonOutputIsJsonAlsoOnErrors() throws IOException {
    Path summary = Files.write(dir.resolve("bad.d4js"), new byte[] {1, 2, 3});
    List<String[]> failing = List.of(
        new String[] {"scan", "--json", "--threads", "0", "x"},
        new String[] {"scan", "--json", "--chunker", "nope", "x"},
        new String[] {"merge", "--json", summary.toString()},
        new String[] {"compare", "--json", "--chunkers", "fixed:size=0", "x"});
    for (String[] args : failing) {
      Cli.Result r = Cli.run(args).noStackTrace();
      assertEquals(Dedup4jCommand.USAGE, r.code(), r::toString);
      com.google.gson.JsonObject error = ScanCommandTest.json(r).getAsJsonObject("error");
      assertEquals(2, error.get("exitCode").getAsInt(), r::toString);
      String first = error.getAsJsonArray("messages").get(0).getAsString();
      assertTrue(r.err().contains("dedup4j: " + first), r::toString);
    }
  }

  // ---- a --compress unit past the chunk ----

  @Test
  void aCompressionUnitPastTheChunkIsSaidToCompressEachChunkWhole() throws IOException {
    Path f = file("u.bin", 100_000, 21);
    Cli.Result big = Cli.run("scan", "--compress", "deflate:unit=1m", f.toString()).noStackTrace();
    assertEquals(0, big.code(), big::toString);
    assertTrue(big.err().contains("each unique chunk is compressed whole"), big::toString);
    Cli.Result small = Cli.run("scan", "--chunker", "fixed:size=64k", "--compress",
        "deflate:unit=16k", f.toString());
    assertFalse(small.err().contains("compressed whole"), small::toString);
  }

  // ---- D2: out of memory ----

  /**
   * The reproduction, scaled down: every unique 256-byte chunk kept for compression in a
   * heap too small for them. It hung; now it ends with the message and exit 2.
   */
  // mmap: the scan unmaps each window itself; left to the JDK's Cleaner, an unmapping that ran out
  // of memory ended the process with exit status 1 and no message
  @ParameterizedTest(name = "--io {0}")
  @ValueSource(strings = {"read", "mmap", "auto"})
  void runningOutOfHeapEndsTheScanWithAClearMessage(String io)
      throws IOException, InterruptedException {
    // JDK 17-21 leave mappings to the GC, whose Cleaner exits 1 when an unmapping runs out of
    // memory (IoMode): there mmap is documented to end so at times, and auto reads.
    assumeTrue(!io.equals("mmap") || Runtime.version().feature() >= 22,
        "--io mmap on JDK " + Runtime.version().feature() + ": mappings released by the GC");
    Path input = file("unique.bin", 48 << 20, 9);
    Process p = java("-Xmx32m", "scan", "--no-progress", "--io", io, "--chunker", "fixed:size=256",
        "--compress", "deflate:unit=chunk", "--compress-sample", "all", input.toString()).start();
    String err = finish(p);
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.contains("dedup4j: out of memory"), err);
    assertFalse(err.contains("Exception in thread"), err);
    assertFalse(err.contains("\tat "), err);
  }

  /** D10: read buffers past half the heap are refused before reading, naming what to change. */
  @Test
  void readBuffersPastHalfTheHeapAreRefusedUpFront() throws IOException, InterruptedException {
    Path input = file("small.bin", 1 << 20, 3);
    Process p = java("-Xmx64m", "scan", "--no-progress", "--threads", "2", "--io", "read",
        "--chunker", "fixed:size=64m", input.toString()).start();
    String err = finish(p);
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.contains("the read buffers would take 128 MiB (2 thread(s) x 64 MiB"), err);
    assertTrue(err.contains("use fewer --threads or a smaller chunk size"), err);
    assertFalse(err.contains("out of memory"), err);
    // Mapped files need no read buffer: the same scan runs, and so does the default where auto
    // maps files for fixed-size chunkers (JDK 22+); on JDK 17-21 auto reads, and is refused.
    boolean autoMaps = Runtime.version().feature() >= 22;
    for (String io : List.of("mmap", "auto")) {
      Process mapped = java("-Xmx64m", "scan", "--no-progress", "--threads", "2", "--io", io,
          "--chunker", "fixed:size=64m", input.toString()).start();
      String mappedErr = finish(mapped);
      assertEquals(io.equals("mmap") || autoMaps ? 0 : 2, mapped.exitValue(), io + ": " + mappedErr);
    }
  }

  /** An endless stream (or any) ends at --max-bytes, and is listed as limited, not failed. */
  @Test
  void maxBytesEndsAStreamAndListsItAsLimited() {
    byte[] data = new byte[3 << 20];
    new Random(4).nextBytes(data);
    Cli.Result r = Cli.run(new ByteArrayInputStream(data), "scan", "--no-progress", "--json",
        "--max-bytes", "1M", "-").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(1 << 20, json.get("bytes").getAsLong());
    JsonObject skipped = json.getAsJsonArray("skipped").get(0).getAsJsonObject();
    assertEquals("limited", skipped.get("kind").getAsString(), r::toString);
    assertEquals("stopped at the bound of 1 MiB (--max-bytes)", skipped.get("reason").getAsString());
    assertTrue(r.err().contains("1 stream was stopped at --max-bytes"), r::toString);
    Cli.Result text = Cli.run(new ByteArrayInputStream(data), "scan", "--no-progress",
        "--max-bytes", "1M", "-").noStackTrace();
    assertTrue(text.out().contains("Read to the bound that was set (1)"), text::toString);
  }

  @Test
  void theProgressBarShowsTheRateCap() throws IOException {
    Path input = file("capped.bin", 2 << 20, 6);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Dedup4jCommand.run(new Streams(new ByteArrayInputStream(new byte[0]), out, e,
          true), "scan", "--max-rate", "4M", input.toString());
      assertEquals(0, code, err::toString);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("scan (max 4 MiB/s)"), err::toString);
  }

  @Test
  void absurdRatesAndBoundsAreRefusedWithTheirName() {
    for (String[] bad : new String[][] {
        {"--max-rate", "0", "a rate of 0 bytes per second reads nothing"},
        {"--max-rate", "-4k", "'--max-rate'"},
        {"--max-rate", "NaN", "'--max-rate'"},
        {"--max-bytes", "0", "max bytes 0 is out of range"},
        {"--max-bytes", "-1", "'--max-bytes'"}}) {
      Cli.Result r = Cli.run("scan", "--no-progress", bad[0], bad[1], dir.toString())
          .noStackTrace();
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().contains(bad[2]), r::toString);
    }
  }

  @Test
  void aMemoryBudgetPastTheHeapIsRefusedUpFront() {
    Cli.Result r = Cli.run("scan", "--memory", "1000G", dir.toString()).noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("memory budget 1000 GiB is more than this Java heap allows"),
        r::toString);
  }

  /** The command in a JVM of its own, with this test's class path; standard error to a file. */
  private ProcessBuilder java(String heap, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
        "-cp", System.getProperty("java.class.path"), Dedup4jCommand.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(dir.resolve("stderr.txt").toFile());
  }

  /** Waits (a minute at most: a hang fails the test) and returns standard error. */
  private String finish(Process p) throws IOException, InterruptedException {
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertTrue(ended, "the command did not end within a minute; stderr:\n" + err);
    return err;
  }

  private static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\": ");
    assertTrue(i >= 0, () -> name + " not in " + json);
    int start = i + name.length() + 4;
    int end = start;
    while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '\n') {
      end++;
    }
    return json.substring(start, end);
  }
}
