package org.dedup4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Writes the demo's files quickly: one reused 1 MiB direct buffer, filled with zeros or with
 * SplitMix64 output (a fast, well-mixed generator; not for secrets, and it need not be: the demo
 * only needs bytes that do not repeat at 4 KiB granularity). The same seed gives the same bytes.
 */
final class DemoData {

  static final int BUFFER = 1 << 20;

  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final LongConsumer written;

  /**
   * A writer.
   *
   * @param written told the bytes written after each buffer, for a progress bar
   */
  DemoData(LongConsumer written) {
    this.written = written;
  }

  /** All zero bytes. */
  void zeros(Path file, long size) throws IOException {
    try (FileChannel ch = create(file)) {
      buffer.clear();
      while (buffer.hasRemaining()) {
        buffer.putLong(0);
      }
      for (long done = 0; done < size; ) {
        buffer.clear().limit((int) Math.min(BUFFER, size - done));
        done += writeFully(ch);
      }
    }
  }

  /** Random bytes from the seed. */
  void random(Path file, long size, long seed) throws IOException {
    try (FileChannel ch = create(file)) {
      appendRandom(ch, size, seed);
    }
  }

  /**
   * A random first half and an exact copy of it as the second half: half of the blocks are
   * duplicates. {@code size} must be a multiple of twice the block size for the copy to be block
   * aligned.
   */
  void halfDuplicated(Path file, long size, long seed) throws IOException {
    try (FileChannel ch = create(file)) {
      appendRandom(ch, size / 2, seed);
      appendRandom(ch, size / 2, seed); // same seed: the same bytes again
    }
  }

  private void appendRandom(FileChannel ch, long size, long seed) throws IOException {
    long state = seed;
    for (long done = 0; done < size; ) {
      buffer.clear();
      while (buffer.hasRemaining()) {
        state += 0x9E3779B97F4A7C15L;
        buffer.putLong(mix(state));
      }
      buffer.flip().limit((int) Math.min(BUFFER, size - done));
      done += writeFully(ch);
    }
  }

  /** SplitMix64's output function (Steele, Lea and Flood, 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private int writeFully(FileChannel ch) throws IOException {
    int n = buffer.remaining();
    while (buffer.hasRemaining()) {
      ch.write(buffer);
    }
    written.accept(n);
    return n;
  }

  private static FileChannel create(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }
}
