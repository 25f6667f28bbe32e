package org.dedup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's counts equal an independent count: SHA-256 of every 4096-byte block (the last block
 * of a file may be shorter) with {@link MessageDigest}, distinct digests in a {@link HashSet}; and
 * the same answer with 1 or 2 threads, positioned reads or mapping, and small or default windows.
 */
class IndependentCountTest {

  private static final int BLOCK = 4096;

  @TempDir static Path dir;

  private static Path tree;
  private static long bytes;
  private static long chunks;
  private static long uniqueChunks;
  private static long uniqueBytes;
  private static long zeroChunks;

  /**
   * Three files (about 3.5 MiB) whose blocks come from a pool of 300 random blocks and zeros, so
   * duplicates occur within and across files; one file ends in a short block, one is a plain copy.
   */
  @BeforeAll
  static void generate() throws IOException, NoSuchAlgorithmException {
    tree = Files.createDirectory(dir.resolve("tree"));
    SplittableRandom rnd = new SplittableRandom(2024);
    byte[][] pool = new byte[300][BLOCK];
    for (byte[] b : pool) {
      rnd.nextBytes(b);
    }
    byte[] a = compose(rnd, pool, 400, 0);
    byte[] b = compose(rnd, pool, 300, 1234);
    Files.write(tree.resolve("a.bin"), a);
    Files.write(tree.resolve("b.bin"), b);
    Path sub = Files.createDirectory(tree.resolve("sub"));
    Files.write(sub.resolve("copy-of-a.bin"), a);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Set<ByteBuffer> seen = new HashSet<>();
    for (byte[] file : List.of(a, b, a)) {
      for (int off = 0; off < file.length; off += BLOCK) {
        int len = Math.min(BLOCK, file.length - off);
        sha.update(file, off, len);
        chunks++;
        bytes += len;
        if (isZero(file, off, len)) {
          zeroChunks++;
        }
        if (seen.add(ByteBuffer.wrap(sha.digest()))) {
          uniqueChunks++;
          uniqueBytes += len;
        }
      }
    }
  }

  /** {@code blocks} blocks, each a random pool block or (one in ten) zeros, then a tail. */
  private static byte[] compose(SplittableRandom rnd, byte[][] pool, int blocks, int tail) {
    byte[] out = new byte[blocks * BLOCK + tail];
    for (int i = 0; i < blocks; i++) {
      if (rnd.nextInt(10) != 0) {
        System.arraycopy(pool[rnd.nextInt(pool.length)], 0, out, i * BLOCK, BLOCK);
      }
    }
    for (int i = blocks * BLOCK; i < out.length; i++) {
      out[i] = (byte) rnd.nextInt();
    }
    return out;
  }

  private static boolean isZero(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject scan(String... options) {
    List<String> args = new ArrayList<>(List.of("scan", "--json"));
    args.addAll(List.of(options));
    args.add(tree.toString());
    Cli.Result r = Cli.run(args.toArray(new String[0])).noStackTrace();
    assertEquals(0, r.code(), r::toString);
    return ScanCommandTest.json(r);
  }

  @Test
  void countsEqualAnIndependentCount() {
    JsonObject o = scan();
    assertEquals(bytes, o.get("bytes").getAsLong());
    assertEquals(chunks, o.get("chunks").getAsLong());
    assertEquals(chunks, o.get("sampledChunks").getAsLong());
    assertEquals(uniqueChunks, o.get("uniqueChunks").getAsLong());
    assertEquals(uniqueBytes, o.get("uniqueBytes").getAsLong());
    assertEquals(zeroChunks, o.get("zeroChunks").getAsLong());
    assertEquals(3, o.get("files").getAsLong());
    assertEquals((double) chunks / uniqueChunks, o.get("chunkRatio").getAsDouble(), 1e-6);
    assertEquals((double) bytes / uniqueBytes, o.get("dedupeRatio").getAsDouble(), 1e-6);
  }

  @Test
  void resultsDoNotDependOnThreadsIoOrWindow() {
    JsonObject expected = counts(scan("--threads", "1", "--io", "read"));
    for (String threads : List.of("1", "2")) {
      for (String io : List.of("read", "mmap")) {
        for (String window : List.of("64k", "32M")) {
          JsonObject o = scan("--threads", threads, "--io", io, "--window", window);
          assertEquals(expected, counts(o), threads + " threads, " + io + ", window " + window);
          assertEquals(Integer.parseInt(threads), o.get("threads").getAsInt());
          assertEquals(io, o.get("io").getAsString());
        }
      }
    }
  }

  @Test
  void sampleDoesNotDependOnThreadsOrIo() {
    JsonObject expected = counts(scan("--percent", "30", "--seed", "11", "--threads", "1"));
    JsonObject other = counts(scan("--percent", "30", "--seed", "11", "--threads", "2",
        "--io", "mmap", "--window", "64k"));
    assertEquals(expected, other);
  }

  /** The fields that must not depend on how the scan ran. */
  private static JsonObject counts(JsonObject o) {
    JsonObject c = new JsonObject();
    for (String f : List.of("bytes", "chunks", "uniqueChunks", "uniqueBytes", "zeroChunks",
        "zeroBytes", "dedupeRatio", "chunkRatio", "sampledChunks", "sampledBytes", "files",
        "skipped", "refcountHistogram")) {
      c.add(f, o.get(f));
    }
    return c;
  }
}
