package org.dedup4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example prints what its Javadoc says it prints. */
class EmbeddingExampleTest {

  private static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EmbeddingExample.run(out, args);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheDocumentedOutput() {
    String expected = String.join(System.lineSeparator(),
        "bytes:        4194304",
        "blocks:       1024",
        "unique:       257",
        "zero blocks:  256",
        "dedupe ratio: 3.98:1",
        "lines:        6 chunks, 3 unique",
        "");
    assertEquals(expected, run());
  }

  @Test
  void scansAPathAndListsWhatItSkipped(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("zeros.bin"), new byte[3 * 4096]);
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("zeros.bin"));
    String expected = String.join(System.lineSeparator(),
        "bytes:        12288",
        "blocks:       3",
        "unique:       1",
        "zero blocks:  3",
        "dedupe ratio: 3.00:1",
        "skipped:      " + dir.resolve("link")
            + " (symbolic link not followed (--follow-links follows links))",
        "lines:        6 chunks, 3 unique",
        "");
    assertEquals(expected, run(dir.toString()));
  }
}
