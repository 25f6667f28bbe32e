package org.dedup4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Copies the native libraries of lz4-java and zstd-jni out of the jar into a folder, once, for the
 * launcher ({@code examples/src/main/sh/dedup4j}): both libraries otherwise write their library to
 * a new temporary file and load it on every run that compresses, 50-90 ms of a short run (issue 12,
 * item 5; {@code benchmarks/README.md}, "Native libraries"). The launcher then passes the folder
 * as {@code java.library.path}, where lz4-java looks first, and zstd-jni's library as {@code
 * ZstdNativePath}. If either library is missing or does not load from there, each falls back to
 * its own extraction: nothing here can make compression fail.
 *
 * <pre>{@code
 * java -cp dedup4j.jar org.dedup4j.cli.NativeLibraries DIR   # prints the files it wrote
 * }</pre>
 */
final class NativeLibraries {

  private NativeLibraries() {}

  /**
   * Copies the libraries for this operating system and processor into {@code args[0]}.
   *
   * @param args the folder (it must exist)
   * @throws IOException if a library cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: NativeLibraries DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return; // the resource names below are Linux's; elsewhere the libraries extract themselves
    }
    String arch = System.getProperty("os.arch", "");
    // lz4-java: System.loadLibrary("lz4-java") first, from java.library.path.
    copy("net/jpountz/util/linux/" + arch + "/liblz4-java.so", dir.resolve("liblz4-java.so"));
    String zstd = zstdVersion();
    if (zstd != null) {
      String name = "libzstd-jni-" + zstd + ".so";
      copy("linux/" + arch + "/" + name, dir.resolve(name));
    }
  }

  /** zstd-jni's version, which names its library; read reflectively, as the codecs are a plugin. */
  private static String zstdVersion() {
    try {
      return (String) Class.forName("com.github.luben.zstd.util.ZstdVersion")
          .getField("VERSION").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return; // not built for this processor: the library's own loader reports it
      }
      Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println(to);
    }
  }
}
