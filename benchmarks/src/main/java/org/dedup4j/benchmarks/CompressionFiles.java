package org.dedup4j.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dedup4j.spi.Sizes;

/**
 * The generated data sets of {@code compression-accuracy.sh}: deterministic, written once and
 * reused.
 *
 * <ul>
 *   <li>{@code text}: words from a fixed 600-word vocabulary, skewed like natural text, with
 *       punctuation and line breaks (the same generator as the core tests' {@code
 *       TestData.textLike}, streamed); general-purpose codecs shrink it 2.5-4x.
 *   <li>{@code mix}: alternating random and all-zero regions of 64 KiB to 8 MiB at byte offsets that
 *       are not multiples of any unit, so some units are part zero and part random.
 * </ul>
 *
 * <p>From the shell: {@code java -cp benchmarks/target/benchmarks.jar
 * org.dedup4j.benchmarks.CompressionFiles text 1g DIR} prints the path of the (generated) file.
 */
public final class CompressionFiles {

  private static final int STRETCH = 64 << 20;
  private static final String[] WORDS = words();

  private CompressionFiles() {}

  /**
   * Prints the path of a data set, generating it when missing.
   *
   * @param args {@code text|mix SIZE DIR}
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !(args[0].equals("text") || args[0].equals("mix"))) {
      System.err.println("usage: CompressionFiles text|mix SIZE DIR   (prints the file's path)");
      System.exit(2);
    }
    long size = Sizes.parse(args[1]);
    Path dir = Files.createDirectories(Path.of(args[2]));
    Path file = dir.resolve("compression-" + args[0] + "-v1-" + size + ".bin");
    if (!(Files.isRegularFile(file) && Files.size(file) == size)) {
      Path tmp = Files.createTempFile(dir, "generating-", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          if (args[0].equals("text")) {
            text(ch, size);
          } else {
            mix(ch, size);
          }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    System.out.println(file);
  }

  private static void text(FileChannel ch, long size) throws IOException {
    Text text = new Text();
    byte[] buf = new byte[STRETCH];
    for (long written = 0; written < size; ) {
      int len = (int) Math.min(STRETCH, size - written);
      text.fill(buf, len);
      write(ch, buf, len, written);
      written += len;
    }
  }

  /**
   * {@code size} bytes of the text-like data, from its start.
   *
   * @param size bytes
   * @return the bytes
   */
  static byte[] text(int size) {
    byte[] b = new byte[size];
    new Text().fill(b, size);
    return b;
  }

  /** The text-like stream: each call continues where the last one stopped. */
  private static final class Text {
    private final SplittableRandom r = new SplittableRandom(1);
    private byte[] pending = new byte[0]; // the word that did not fit the last buffer
    private int line;

    void fill(byte[] buf, int len) {
      int n = Math.min(pending.length, len);
      System.arraycopy(pending, 0, buf, 0, n);
      pending = Arrays.copyOfRange(pending, n, pending.length);
      byte[] word = new byte[16];
      while (n < len) {
        double u = r.nextDouble();
        String w = WORDS[(int) (u * u * WORDS.length)];
        int k = 0;
        for (int i = 0; i < w.length(); i++) {
          word[k++] = (byte) w.charAt(i);
        }
        line += w.length() + 1;
        if (r.nextInt(12) == 0) {
          word[k++] = (byte) (r.nextBoolean() ? ',' : '.');
        }
        if (line > 72) {
          word[k++] = '\n';
          line = 0;
        } else {
          word[k++] = ' ';
        }
        int fit = Math.min(k, len - n);
        System.arraycopy(word, 0, buf, n, fit);
        n += fit;
        if (fit < k) {
          pending = Arrays.copyOfRange(word, fit, k);
        }
      }
    }
  }

  private static void mix(FileChannel ch, long size) throws IOException {
    SplittableRandom r = new SplittableRandom(2);
    byte[] buf = new byte[STRETCH];
    boolean zero = false;
    long regionLeft = 0;
    for (long written = 0; written < size; ) {
      int len = (int) Math.min(STRETCH, size - written);
      for (int i = 0; i < len; ) {
        if (regionLeft == 0) {
          zero = !zero;
          regionLeft = (64 << 10) + r.nextInt(8 << 20) + r.nextInt(4096);
        }
        int n = (int) Math.min(regionLeft, len - i);
        if (zero) {
          Arrays.fill(buf, i, i + n, (byte) 0);
        } else {
          for (int k = i; k < i + n; k++) {
            buf[k] = (byte) r.nextInt();
          }
        }
        i += n;
        regionLeft -= n;
      }
      write(ch, buf, len, written);
      written += len;
    }
  }

  private static void write(FileChannel ch, byte[] buf, int len, long at) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
    while (b.hasRemaining()) {
      ch.write(b, at + b.position());
    }
  }

  private static String[] words() {
    SplittableRandom r = new SplittableRandom(42);
    String[] w = new String[600];
    for (int i = 0; i < w.length; i++) {
      int len = 2 + r.nextInt(9);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      w[i] = sb.toString();
    }
    return w;
  }
}
