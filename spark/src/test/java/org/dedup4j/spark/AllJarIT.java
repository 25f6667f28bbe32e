package org.dedup4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code -all} jar on Spark's own class path, as {@code spark-submit} builds it (the
 * cluster's jars first, then the application's; here: this module's test class path without
 * dedup4j's own classes, then the jar), in a JVM of its own on a local master: the relocated
 * libraries and the merged plugin service files work, and the command prints the report.
 */
class AllJarIT {

  @TempDir Path dir;

  @Test
  void theAllJarRunsTheCommandOnSparksClassPath() throws Exception {
    Path jar;
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      jar = jars.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no -all jar in target/: run after package"));
    }
    byte[] half = new byte[1 << 20];
    new Random(3).nextBytes(half);
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.write(data.resolve("a.bin"), half);
    Files.write(data.resolve("b.bin"), half);
    String spark = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("dedup4j") && !e.endsWith("classes") && !e.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(System.getProperty("dedup4j.spark.argLine", "").split(" ")));
    command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", spark + File.pathSeparator + jar.toAbsolutePath(), "org.dedup4j.spark.Main",
        "scan", "--hasher", "xxh3-128", data.toString()));
    command.removeIf(String::isBlank);
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not end within two minutes");
    String text = Files.readString(out, StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> text + err);
    assertTrue(text.contains("Dedupability:          2.00:1"), text);
    assertTrue(text.contains("hasher xxh3-128"), "a plugin hasher, found through the merged"
        + " service files: " + text);
  }
}
