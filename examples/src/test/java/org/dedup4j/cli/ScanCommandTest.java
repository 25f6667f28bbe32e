package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** {@code dedup4j scan}: the report, its JSON, and every kind of bad input the issue lists. */
class ScanCommandTest {

  /** Top-level JSON fields the issue promises as stable. */
  static final List<String> STABLE_FIELDS = List.of(
      "bytes", "chunks", "uniqueChunks", "uniqueBytes", "zeroChunks", "dedupeRatio", "chunkRatio",
      "sampledChunks", "tableBytes", "elapsedSeconds", "bytesPerSecond", "chunker", "hasher",
      "threads", "files", "skipped", "refcountHistogram");

  @TempDir Path dir;

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** A file of {@code copies} copies of {@code blocks} random 4 KiB blocks. */
  Path duplicated(String name, int blocks, int copies) throws IOException {
    byte[] unit = random(blocks * 4096, name.hashCode());
    byte[] data = new byte[unit.length * copies];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(unit, 0, data, i * unit.length, unit.length);
    }
    return Files.write(dir.resolve(name), data);
  }

  static JsonObject json(Cli.Result r) {
    String out = r.out();
    assertTrue(out.startsWith("{") && out.endsWith("}" + System.lineSeparator()),
        () -> "stdout is not one JSON object:\n" + r);
    return JsonParser.parseString(out).getAsJsonObject(); // fails on anything after the object
  }

  static Cli.Result scan(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "scan";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all).noStackTrace();
  }

  // ---------------------------------------------------------------- good input

  @Test
  void textReportOfADuplicatedFile() throws IOException {
    Path f = duplicated("twice.bin", 64, 2);
    Cli.Result r = scan(f.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("File blocks:           128"), r::toString);
    assertTrue(r.out().contains("Total unique:          64"), r::toString);
    assertTrue(r.out().contains("Dedupability:          2.00:1"), r::toString);
    assertEquals("", r.err(), r::toString);
  }

  @Test
  void jsonIsAloneOnStdoutWithTheStableFieldNames() throws IOException {
    Path f = duplicated("three.bin", 32, 3);
    Cli.Result r = scan("--json", f.toString());
    assertEquals(0, r.code(), r::toString);
    JsonObject o = json(r);
    for (String field : STABLE_FIELDS) {
      assertTrue(o.has(field), () -> "missing field " + field + " in\n" + r.out());
    }
    assertEquals(96, o.get("chunks").getAsLong());
    assertEquals(32, o.get("uniqueChunks").getAsLong());
    assertEquals(32 * 4096, o.get("uniqueBytes").getAsLong());
    assertEquals(3.0, o.get("dedupeRatio").getAsDouble());
    assertEquals(3.0, o.get("chunkRatio").getAsDouble());
    assertEquals("fixed:size=4096", o.get("chunker").getAsString());
    assertEquals("sha256", o.get("hasher").getAsString());
    assertEquals(1, o.get("files").getAsLong());
    assertEquals(0, o.getAsJsonArray("skipped").size());
    JsonArray histogram = o.getAsJsonArray("refcountHistogram");
    assertEquals(1, histogram.size());
    JsonObject bucket = histogram.get(0).getAsJsonObject();
    assertEquals(2, bucket.get("refcount").getAsLong()); // 3 references fall in the 2-3 bucket
    assertEquals(32, bucket.get("chunks").getAsLong());
    assertEquals(32 * 4096, bucket.get("bytes").getAsLong());
  }

  @Test
  void skippedEntriesHavePathAndReasonInJson() throws IOException {
    Path tree = Files.createDirectory(dir.resolve("tree"));
    Files.write(tree.resolve("data.bin"), random(8192, 1));
    Files.createSymbolicLink(tree.resolve("link"), tree.resolve("data.bin"));
    Cli.Result r = scan("--json", tree.toString());
    assertEquals(0, r.code(), "a link left out by rule loses no data: " + r);
    JsonArray skipped = json(r).getAsJsonArray("skipped");
    assertEquals(1, skipped.size());
    JsonObject s = skipped.get(0).getAsJsonObject();
    assertEquals(tree.resolve("link").toString(), s.get("path").getAsString());
    assertTrue(s.get("reason").getAsString().contains("symbolic link not followed"), r::toString);
    assertEquals("excluded", s.get("kind").getAsString());
  }

  @Test
  void standardInputIsReadWithDash() throws IOException {
    byte[] block = random(4096, 7);
    byte[] data = new byte[3 * 4096];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(block, 0, data, i * 4096, 4096);
    }
    Cli.Result r = Cli.run(new ByteArrayInputStream(data), "scan", "--json", "-").noStackTrace();
    assertEquals(0, r.code(), r::toString);
    JsonObject o = json(r);
    assertEquals(3 * 4096, o.get("bytes").getAsLong());
    assertEquals(1, o.get("uniqueChunks").getAsLong());
  }

  @Test
  void stdinTogetherWithAFileDeduplicatesAcrossBoth() throws IOException {
    Path f = duplicated("one.bin", 16, 1);
    byte[] same = Files.readAllBytes(f);
    Cli.Result r = Cli.run(new ByteArrayInputStream(same), "scan", "--json", f.toString(), "-")
        .noStackTrace();
    assertEquals(0, r.code(), r::toString);
    assertEquals(2.0, json(r).get("dedupeRatio").getAsDouble());
  }

  @Test
  void percentModeIsReproducibleAndLabelled() throws IOException {
    Path f = duplicated("sample.bin", 256, 2);
    Cli.Result a = scan("--json", "--percent", "50", "--seed", "7", f.toString());
    Cli.Result b = scan("--json", "--percent", "50", "--seed", "7", "--threads", "1", f.toString());
    assertEquals(0, a.code(), a::toString);
    JsonObject ja = json(a);
    JsonObject jb = json(b);
    assertEquals(50.0, ja.get("samplePercent").getAsDouble());
    assertEquals(7, ja.get("sampleSeed").getAsLong());
    assertEquals(ja.get("sampledChunks"), jb.get("sampledChunks"));
    assertEquals(ja.get("uniqueChunks"), jb.get("uniqueChunks"));
    long sampled = ja.get("sampledChunks").getAsLong();
    assertTrue(sampled > 150 && sampled < 362, "about half of 512 chunks: " + sampled);

    Cli.Result text = scan("--percent", "50", f.toString());
    assertTrue(text.out().contains("Dedupability (sample):"), text::toString);
    assertTrue(text.out().contains("seed " + ScanCommand.DEFAULT_SEED), text::toString);
  }

  @Test
  void seedWithoutPercentIsNoted() throws IOException {
    Path f = duplicated("seed.bin", 4, 1);
    Cli.Result r = scan("--seed", "3", f.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("--seed has no effect without --percent"), r::toString);
  }

  @Test
  void toyLineChunkerIsUsableByName() throws IOException {
    Path f = Files.writeString(dir.resolve("poem.txt"), "a line\nanother\na line\na line\n");
    Cli.Result r = scan("--json", "--chunker", "lines", f.toString());
    assertEquals(0, r.code(), r::toString);
    JsonObject o = json(r);
    assertEquals("lines:min=1,max=65536", o.get("chunker").getAsString());
    assertEquals(4, o.get("chunks").getAsLong());
    assertEquals(2, o.get("uniqueChunks").getAsLong());
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void missingPath() {
    Path nope = dir.resolve("nope");
    Cli.Result r = scan(nope.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertTrue(r.err().contains("dedup4j: " + nope + ": no such file or directory"), r::toString);
    assertTrue(r.err().contains("dedup4j: nothing read: " + nope + " was skipped"), r::toString);
  }

  @Test
  void missingPathNextToAGoodOneIsListed() throws IOException {
    Path good = duplicated("good.bin", 4, 1);
    Path nope = dir.resolve("nope");
    Cli.Result r = scan(good.toString(), nope.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains(nope + ": no such file or directory"), r::toString);
    assertTrue(r.err().contains("1 input was not read or read only in part"), r::toString);
  }

  @Test
  void missingPathInJsonStillPrintsTheReport() {
    Path nope = dir.resolve("nope");
    Cli.Result r = scan("--json", nope.toString());
    assertEquals(2, r.code(), r::toString);
    JsonObject o = json(r);
    assertEquals(0, o.get("bytes").getAsLong());
    assertTrue(o.get("dedupeRatio").isJsonNull());
    assertEquals(1, o.getAsJsonArray("skipped").size());
  }

  @Test
  void permissionDenied() throws IOException {
    Path locked = Files.write(dir.resolve("locked.bin"), random(8192, 2));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked),
        "skipped: running as root, which reads a file even with mode 000");
    Path good = duplicated("readable.bin", 2, 1);
    Cli.Result alone = scan(locked.toString());
    assertEquals(2, alone.code(), alone::toString);
    assertTrue(alone.err().contains(locked + ": permission denied"), alone::toString);
    Cli.Result both = scan(locked.toString(), good.toString());
    assertEquals(1, both.code(), both::toString);
    assertTrue(both.out().contains(locked + ": "), both::toString);
  }

  @Test
  void emptyFile() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.bin"));
    Cli.Result r = scan(empty.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertTrue(r.err().contains("dedup4j: nothing read: the input is empty (0 bytes)"), r::toString);
  }

  @Test
  void emptyDirectory() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("nothing"));
    Cli.Result r = scan(empty.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("dedup4j: nothing read: no files found"), r::toString);
  }

  @Test
  void fileShorterThanOneBlock() throws IOException {
    Path f = Files.write(dir.resolve("short.bin"), random(100, 3));
    Cli.Result r = scan(f.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("File blocks:           1\n"), r::toString);
    assertTrue(r.out().contains("(100 B -> 100 B unique)"), r::toString);
    assertTrue(r.err().contains("is shorter than one 4 KiB block; it counts as one short block"),
        r::toString);
  }

  @Test
  void sizeNotAMultipleOfTheBlock() throws IOException {
    byte[] block = random(4096, 4);
    byte[] data = Arrays.copyOf(block, 2 * 4096 + 100); // block, block, 100-byte tail
    System.arraycopy(block, 0, data, 4096, 4096);
    Path f = Files.write(dir.resolve("tail.bin"), data);
    Cli.Result r = scan("--json", f.toString());
    assertEquals(0, r.code(), r::toString);
    JsonObject o = json(r);
    assertEquals(3, o.get("chunks").getAsLong());
    assertEquals(2, o.get("uniqueChunks").getAsLong());
    assertEquals(4096 + 100, o.get("uniqueBytes").getAsLong());
    assertTrue(r.err().contains("the input's size is not a multiple of 4 KiB: its last block is 100 "
        + "bytes"), r::toString);
  }

  @Test
  void symlinkLoopIsListedWhenFollowingLinks() throws IOException {
    Path tree = Files.createDirectory(dir.resolve("tree"));
    Files.write(tree.resolve("data.bin"), random(8192, 5));
    Path sub = Files.createDirectory(tree.resolve("sub"));
    Files.createSymbolicLink(sub.resolve("up"), tree);
    Cli.Result r = scan("--follow-links", tree.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains(sub.resolve("up") + ": symbolic link loop"), r::toString);
    assertTrue(r.err().contains("1 path was left out by rule"), r::toString);
    assertTrue(r.out().contains("File blocks:           2\n"), r::toString);
  }

  @Test
  void plainSymlinkIsListedAsNotFollowed() throws IOException {
    Path tree = Files.createDirectory(dir.resolve("tree"));
    Files.write(tree.resolve("data.bin"), random(8192, 6));
    Path outside = Files.write(dir.resolve("outside.bin"), random(4096, 7));
    Files.createSymbolicLink(tree.resolve("link"), outside);
    Cli.Result r = scan(tree.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains(tree.resolve("link") + ": symbolic link not followed"), r::toString);
    Cli.Result followed = scan("--follow-links", tree.toString());
    assertEquals(0, followed.code(), followed::toString);
    assertTrue(followed.out().contains("File blocks:           3\n"), followed::toString);
  }

  /** Makes a FIFO with mkfifo, or skips the test when that is not possible here. */
  private Path fifo(Path where) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", where.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "skipped: mkfifo is not available: " + e.getMessage());
      throw e;
    }
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
        "skipped: mkfifo failed here");
    return where;
  }

  @Test
  @Timeout(60)
  void fifoNamedDirectlyIsReadAsAStream() throws Exception {
    Path fifo = fifo(dir.resolve("pipe"));
    byte[] block = random(4096, 8);
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        for (int i = 0; i < 5; i++) {
          out.write(block);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "fifo-writer");
    writer.setDaemon(true);
    writer.start();
    Cli.Result r = scan("--json", fifo.toString());
    writer.join(10_000);
    assertEquals(0, r.code(), r::toString);
    JsonObject o = json(r);
    assertEquals(5 * 4096, o.get("bytes").getAsLong());
    assertEquals(1, o.get("uniqueChunks").getAsLong());
  }

  @Test
  @Timeout(60)
  void fifoInsideADirectoryIsSkippedAndListed() throws Exception {
    Path tree = Files.createDirectory(dir.resolve("tree"));
    Files.write(tree.resolve("data.bin"), random(4096, 9));
    Path fifo = fifo(tree.resolve("pipe")); // nobody writes: reading it would block
    Cli.Result r = scan(tree.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains(fifo + ": not a regular file (FIFO"), r::toString);
  }

  @Test
  void percentZeroAndAbove100AreRejected() throws IOException {
    Path f = duplicated("p.bin", 1, 1);
    for (String p : List.of("0", "101", "-5", "NaN", "abc")) {
      Cli.Result r = scan("--percent", p, f.toString());
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().startsWith("dedup4j: Invalid value for option '--percent': "), r::toString);
      assertTrue(r.err().contains("allowed more than 0 up to 100"), r::toString);
      assertTrue(r.err().contains("Try 'dedup4j scan --help'"), r::toString);
      assertEquals("", r.out());
    }
    assertEquals(0, scan("--percent", "100", f.toString()).code());
    assertEquals(0, scan("--percent", "0.01", f.toString()).code());
  }

  @Test
  void fixedSizeZeroIsRejected() throws IOException {
    Path f = duplicated("z.bin", 1, 1);
    Cli.Result r = scan("--chunker", "fixed:size=0", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("Invalid value for option '--chunker'"), r::toString);
    assertTrue(r.err().contains("option size: 0 is out of range; allowed 64..67108864 bytes"),
        r::toString);
  }

  @Test
  void unknownChunkerListsTheAvailableOnes() throws IOException {
    Path f = duplicated("u.bin", 1, 1);
    Cli.Result r = scan("--chunker", "fastcdc9", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("unknown chunker 'fastcdc9'; available: fixed"), r::toString);
    assertTrue(r.err().contains("lines"), r::toString);
  }

  @Test
  void unknownHasherListsTheAvailableOnes() throws IOException {
    Path f = duplicated("h.bin", 1, 1);
    Cli.Result r = scan("--hasher", "crc7", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("Invalid value for option '--hasher'"), r::toString);
    assertTrue(r.err().contains("unknown hasher 'crc7'; available: sha256"), r::toString);
  }

  @Test
  void unknownOptionOfAPluginIsNamed() throws IOException {
    Path f = duplicated("o.bin", 1, 1);
    Cli.Result r = scan("--chunker", "lines:avg=8", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("unknown option 'avg'; allowed: min, max"), r::toString);
    Cli.Result conflict = scan("--chunker", "lines:min=100,max=10", f.toString());
    assertEquals(2, conflict.code(), conflict::toString);
    assertTrue(conflict.err().contains("min (100) is larger than max (10)"), conflict::toString);
  }

  @Test
  void threadsZeroIsRejected() throws IOException {
    Path f = duplicated("t.bin", 1, 1);
    for (String n : List.of("0", "-1", "1025", "two")) {
      Cli.Result r = scan("--threads", n, f.toString());
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().contains("Invalid value for option '--threads'"), r::toString);
      assertTrue(r.err().contains("1..1024"), r::toString);
    }
  }

  @Test
  void ioAndWindowAreChecked() throws IOException {
    Path f = duplicated("w.bin", 1, 1);
    Cli.Result io = scan("--io", "aio", f.toString());
    assertEquals(2, io.code(), io::toString);
    assertTrue(io.err().contains("'aio' is not one of: auto, read, mmap"), io::toString);
    Cli.Result window = scan("--window", "4k", f.toString());
    assertEquals(2, window.code(), window::toString);
    assertTrue(window.err().contains("Invalid value for option '--window': "
        + "window size 4096 is out of range; allowed 65536..1073741824 bytes"), window::toString);
    assertEquals(0, scan("--io", "MMAP", "--window", "64KiB", f.toString()).code());
  }

  @Test
  void noPathIsAUsageError() {
    Cli.Result r = scan();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("Missing required parameter: 'PATH'"), r::toString);
  }

  @Test
  void stdinTwiceIsAUsageError() {
    Cli.Result r = scan("-", "-");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("standard input (-) named more than once"), r::toString);
  }

  @Test
  void emptyStdinReadsNothing() {
    Cli.Result r = Cli.run(new ByteArrayInputStream(new byte[0]), "scan", "-").noStackTrace();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("nothing read: the input is empty"), r::toString);
  }

  @Test
  void unexpectedErrorsExitWith3AndAskForAReport() throws IOException {
    Path f = duplicated("x.bin", 1, 1);
    Cli.Result r = scan("--hasher", FailingHasherProvider.NAME, f.toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("dedup4j: unexpected error: java.lang.UnsupportedOperationException: "
        + FailingHasherProvider.MESSAGE), r::toString);
    assertTrue(r.err().contains("please report it"), r::toString);
  }

  @Test
  void outOfMemoryInScanThreadsIsExplained() throws IOException {
    Path f = duplicated("m.bin", 1, 1);
    Cli.Result r = scan("--hasher", FailingHasherProvider.NAME + ":fail=oom", f.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("dedup4j: out of memory (the Java heap is at most "), r::toString);
    assertTrue(r.err().contains("the scan was stopped and nothing was counted"), r::toString);
    assertTrue(r.err().contains("give Java more heap (java -Xmx...)"), r::toString);
  }

  @Test
  void missingOrUnknownCommand() {
    Cli.Result none = Cli.run().noStackTrace();
    assertEquals(2, none.code(), none::toString);
    String missing = none.err().lines().filter(l -> l.startsWith("dedup4j: missing command: "))
        .findFirst().orElseThrow(() -> new AssertionError(none));
    List<String> declared = new ArrayList<>();
    for (Class<?> c : Dedup4jCommand.COMMANDS) {
      declared.add(c.getAnnotation(Command.class).name());
    }
    assertTrue(declared.size() >= 6 && declared.contains("compare"), declared::toString);
    for (String command : declared) {
      assertTrue(missing.matches(".*[ ,]" + command + "(,| or |$).*"), command + " in: " + missing);
    }
    Cli.Result unknown = Cli.run("scna").noStackTrace();
    assertEquals(2, unknown.code(), unknown::toString);
    assertTrue(unknown.err().contains("Did you mean"), unknown::toString);
    Cli.Result help = Cli.run("scan", "--help");
    assertEquals(0, help.code(), help::toString);
    assertTrue(help.out().contains("--percent=P"), help::toString);
  }

  /**
   * A command named first is registered alone (start-up); its help and inherited options must be
   * the same as with every command registered, which {@code help NAME} gets.
   */
  @Test
  void aCommandRegisteredAloneBehavesAsWithAll() {
    for (Class<?> c : Dedup4jCommand.COMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      Cli.Result alone = Cli.run(name, "--help");
      Cli.Result withAll = Cli.run("help", name);
      assertEquals(0, alone.code(), alone::toString);
      assertTrue(alone.out().startsWith("Usage: dedup4j " + name + " "), alone::toString);
      assertEquals(withAll.out(), alone.out(), name);
      Cli.Result version = Cli.run(name, "--version");
      assertEquals(0, version.code(), version::toString);
      assertTrue(version.out().startsWith("dedup4j "), version::toString);
    }
  }
}
