package org.dedup4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dedup4j.testkit.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a report entry with a clear reason, never an exception or a wrong number. */
class BadInputTest {

  @TempDir Path dir;

  private final DedupScanner scanner = DedupScanner.builder().threads(2).build();

  private static String reasonFor(DedupReport r, Path p) {
    return r.skipped().stream().filter(s -> s.path().equals(p.toString()))
        .map(Skipped::reason).findFirst().orElse("(not listed)");
  }

  @Test
  void missingPath() {
    Path missing = dir.resolve("nope");
    DedupReport r = scanner.scan(missing);
    assertEquals("no such file or directory", reasonFor(r, missing));
    assertEquals(0, r.files());
    assertEquals(0, r.bytes());
    assertTrue(Double.isNaN(r.dedupeRatio()), "no data, no ratio");
  }

  @Test
  void emptyFileIsReadAndCountsNothing() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    DedupReport r = scanner.scan(empty);
    assertEquals(1, r.files());
    assertEquals(0, r.chunks());
    assertEquals(List.of(), r.skipped());
  }

  @Test
  void fileShorterThanOneBlockAndSizeNotAMultiple() throws IOException {
    byte[] data = new byte[4096 * 3 + 100];
    new SplitMix64(1).fill(data, 0, data.length);
    System.arraycopy(data, 0, data, 4096, 4096); // block 1 repeats block 0
    Path odd = Files.write(dir.resolve("odd"), data);
    Path tiny = Files.write(dir.resolve("tiny"), new byte[] {1, 2, 3});
    DedupReport r = scanner.scan(odd, tiny);
    assertEquals(data.length + 3, r.bytes());
    assertEquals(5, r.chunks()); // 3 full blocks, a 100-byte tail, the 3-byte file
    assertEquals(4, r.uniqueChunks());
    assertEquals(data.length + 3 - 4096, r.uniqueBytes());
  }

  @Test
  void symlinkLoopIsReportedWhenFollowingLinks() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.write(tree.resolve("file"), new byte[5000]);
    Path loop = Files.createSymbolicLink(tree.resolve("loop"), dir.resolve("tree"));
    DedupReport followed = DedupScanner.builder().followLinks(true).build().scan(dir.resolve("tree"));
    assertTrue(reasonFor(followed, loop).startsWith("symbolic link loop"), reasonFor(followed, loop));
    assertEquals(5000, followed.bytes());

    DedupReport plain = scanner.scan(dir.resolve("tree"));
    assertTrue(reasonFor(plain, loop).startsWith("symbolic link not followed"), reasonFor(plain, loop));
    assertEquals(5000, plain.bytes());
  }

  @Test
  void brokenSymlinkNamedDirectly() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("broken"), dir.resolve("gone"));
    assertEquals("broken symbolic link", reasonFor(scanner.scan(link), link));
  }

  @Test
  void fifoNamedDirectlyIsReadAsAStreamAndSkippedInsideADirectory() throws Exception {
    Path fifo = dir.resolve("fifo");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    byte[] data = new byte[4096 * 8];
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(data);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    DedupReport direct = scanner.scan(fifo);
    writer.join();
    assertEquals(data.length, direct.bytes());
    assertEquals(8, direct.zeroChunks());
    assertEquals(1, direct.uniqueChunks());

    DedupReport walked = scanner.scan(dir);
    assertTrue(reasonFor(walked, fifo).startsWith("not a regular file"), reasonFor(walked, fifo));
  }

  private static boolean mkfifo(Path p) {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).start();
      return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void permissionDenied() throws IOException {
    assumeTrue(!"root".equals(System.getProperty("user.name")),
        "running as root: every file is readable, so permission denied cannot be produced");
    Path secret = Files.write(dir.resolve("secret"), new byte[100]);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    DedupReport r = scanner.scan(secret);
    assertTrue(reasonFor(r, secret).contains("permission denied"), reasonFor(r, secret));
    assertEquals(0, r.files());
  }

  @Test
  void fileTruncatedBeforeReadingIsReportedAsChanged() throws IOException {
    for (IoMode io : IoMode.values()) {
      Path shrinking = randomFile("shrinking-" + io, 8 << 20);
      ScanListener truncateOnStart = new ScanListener() {
        @Override
        public void onStart(long totalBytes, int inputs) {
          truncate(shrinking, 1 << 20); // after sizes were taken, before any byte is read
        }
      };
      DedupReport r = DedupScanner.builder().io(io).threads(2).windowSize(1 << 20)
          .listener(truncateOnStart).build().scan(shrinking);
      String reason = reasonFor(r, shrinking);
      assertTrue(reason.startsWith("changed during scan"), io + ": " + reason);
      assertEquals(1 << 20, r.bytes(), io + ": exactly the bytes still there are counted");
      assertEquals(256, r.uniqueChunks(), io.toString());
    }
  }

  @Test
  void aSocketIsSaidToHoldNoBytesNamedOrInAFolder() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("with-socket"));
    Path socket = folder.resolve("s.sock");
    Files.write(folder.resolve("data.bin"), bytes(65536, 3));
    try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
        java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(socket));
      DedupReport named = DedupScanner.builder().build().scan(socket);
      Skipped s = named.skipped().get(0);
      assertTrue(s.failed() && s.reason().startsWith("a socket: it holds no bytes to read"), s.toString());
      DedupReport inFolder = DedupScanner.builder().build().scan(folder);
      assertEquals(65536, inFolder.bytes());
      Skipped t = inFolder.skipped().get(0);
      assertTrue(!t.failed() && t.reason().equals("a socket: it holds no bytes to read"), t.toString());
    }
  }

  /**
   * D5: another file of the same size and modification time renamed over an input during the scan
   * was read into the same figures, exit 0, nothing listed: each window reopens the path.
   */
  @Test
  void aFileReplacedByRenameIsReportedAndNotMixedIn() throws IOException {
    for (IoMode io : IoMode.values()) {
      Path input = randomFile("replaced-" + io, 8 << 20);
      Path other = Files.write(dir.resolve("other-" + io), bytes(8 << 20, 10)); // other bytes
      Files.setLastModifiedTime(other, Files.getLastModifiedTime(input));
      ScanListener renameOnFirstProgress = new ScanListener() {
        private boolean done;

        @Override
        public synchronized void onProgress(long bytesDone) {
          if (!done) {
            done = true;
            try {
              Files.move(other, input, StandardCopyOption.REPLACE_EXISTING,
                  StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      };
      DedupReport r = DedupScanner.builder().io(io).threads(1).windowSize(1 << 20)
          .listener(renameOnFirstProgress).build().scan(input);
      String reason = reasonFor(r, input);
      assertTrue(reason.startsWith("replaced during scan: the path names another file now"),
          io + ": " + reason);
      assertEquals(1 << 20, r.bytes(), io + ": the first window, read before the rename, only");
      assertEquals(256, r.uniqueChunks(), io.toString());
    }
  }

  @Test
  void fileTruncatedWhileMappedIsReportedAsChanged() throws IOException {
    // The mapping of a 4 MiB window exists when the file shrinks to 1 MiB: touching the rest raises
    // a bus error, which the JVM turns into an InternalError.
    Path shrinking = randomFile("mapped", 8 << 20);
    ScanListener truncateOnFirstProgress = new ScanListener() {
      private boolean done;

      @Override
      public synchronized void onProgress(long bytesDone) {
        if (!done) {
          done = true;
          truncate(shrinking, 1 << 20);
        }
      }
    };
    DedupReport r = DedupScanner.builder().io(IoMode.MMAP).threads(1).windowSize(4 << 20)
        .listener(truncateOnFirstProgress).build().scan(shrinking);
    String reason = reasonFor(r, shrinking);
    assertTrue(reason.startsWith("changed during scan"), reason);
    assertEquals(1 << 20, r.bytes(), "the bytes hashed before the fault are counted, no more");
    assertEquals(256, r.uniqueChunks());
  }

  private Path randomFile(String name, int size) throws IOException {
    return Files.write(dir.resolve(name), bytes(size, 9));
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new SplitMix64(seed).fill(data, 0, data.length);
    return data;
  }

  private static void truncate(Path p, long size) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  @Test
  void aFileReachedThroughLinksIsReadOnce() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("links"));
    byte[] data = new byte[4096 * 4];
    new SplitMix64(4).fill(data, 0, data.length);
    Path a = Files.write(tree.resolve("a.bin"), data);
    Path soft = Files.createSymbolicLink(tree.resolve("soft"), a);
    Path hard = Files.createLink(tree.resolve("hard"), a);
    DedupReport r = DedupScanner.builder().followLinks(true).build().scan(tree);
    assertEquals(data.length, r.bytes(), "one file's bytes, not three times them");
    assertEquals(1.0, r.dedupeRatio(), "links invent no duplicates");
    assertEquals(2, r.skipped().size());
    for (Skipped s : r.skipped()) {
      assertTrue(s.reason().startsWith("same file as ") && !s.failed(), s.toString());
      assertTrue(s.path().equals(soft.toString()) || s.path().equals(hard.toString()), s.toString());
    }
    assertEquals(List.of(), r.failures());
  }

  @Test
  void fileNamedTwiceIsReadOnce() throws IOException {
    Path f = Files.write(dir.resolve("twice"), new byte[8192]);
    DedupReport r = scanner.scan(f, f);
    assertEquals(8192, r.bytes());
    assertEquals("named more than once; read once", reasonFor(r, f));
  }

  @Test
  void badSettingsFailFastWithTheAllowedRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DedupScanner.builder().samplePercent(0, 1));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder().samplePercent(101, 1));
    assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder().threads(0));
    e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("fixed:size=0"));
    assertTrue(e.getMessage().contains("size") && e.getMessage().contains("64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("nosuch"));
    assertTrue(e.getMessage().contains("unknown chunker 'nosuch'") && e.getMessage().contains("fixed"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Hashers.fromSpec("sha3"));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("fixed:sz=4k"));
    assertTrue(e.getMessage().contains("allowed: size"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("fixed:size=1T"));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DedupScanner.builder()
        .chunker(Chunkers.fixed(1 << 20)).windowSize(64 << 10).build());
    assertTrue(e.getMessage().contains("smaller than the maximum chunk"), e.getMessage());
    // without an explicit window, the default grows to the maximum chunk instead of failing
    assertEquals(100, DedupScanner.builder().chunker(Chunkers.fixed(64 << 20)).build()
        .scan(new byte[100]).bytes());
    e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec("fixed:size"));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }
}
