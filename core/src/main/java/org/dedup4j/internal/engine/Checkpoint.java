package org.dedup4j.internal.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.dedup4j.internal.count.TempFiles;

/**
 * A scan's checkpoint file: everything a resumed scan needs to go on and give the report an
 * uninterrupted scan gives (see {@code docs/checkpoint.md}). This class is the file's envelope;
 * {@link ScanEngine} writes and reads the body.
 *
 * <h2>Format</h2>
 *
 * {@code "D4JCKPT\n"}, the version (int), the generation (long), the {@link Header}, the engine's
 * body, and the CRC32C of everything before it (int). A checkpoint is written like a summary: to a
 * temp file beside it, forced to disk, then renamed over the old one, so a kill at any moment leaves
 * either the old checkpoint or the new one. An exact count that spilled keeps its runs in a folder
 * beside the file named after the generation ({@code FILE.runs-N}), hard-linked from the spill
 * folder, never copied where the file system can link; the rename makes the new generation the one
 * the file names, and older generations are deleted after it.
 */
public final class Checkpoint {

  private static final byte[] MAGIC = "D4JCKPT\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** The format's version: a checkpoint of another version is refused, never guessed at. */
  static final int VERSION = 1;

  private Checkpoint() {}

  /**
   * How a scan checkpoints.
   *
   * @param file the checkpoint file
   * @param intervalNanos the least time between two checkpoints (0: after every window)
   * @param resume whether the scan goes on from {@code file} instead of starting
   * @param plan the auto mode's forecast, serialized by the scanner, or empty
   */
  public record Spec(Path file, long intervalNanos, boolean resume, byte[] plan) {}

  /**
   * What a resumed scan must agree with before it reads the body: the settings the counts depend
   * on, the counting mode the scan resolved, and the auto mode's plan.
   *
   * @param settings the scan's settings as {@code name=value} lines, in a fixed order
   * @param mode the counting mode used (never auto)
   * @param plan the auto mode's forecast, serialized by the scanner, or empty
   */
  public record Header(List<String> settings, String mode, byte[] plan) {
    /** Copies the list. */
    public Header {
      settings = List.copyOf(settings);
    }

    /**
     * The settings that differ from {@code now}'s, as "name: checkpoint value, now value" lines.
     *
     * @param now the settings of the scan that would resume
     * @return the differences, empty when it may resume
     */
    public List<String> differences(List<String> now) {
      List<String> out = new ArrayList<>();
      int n = Math.max(settings.size(), now.size());
      for (int i = 0; i < n; i++) {
        String was = i < settings.size() ? settings.get(i) : "(none)";
        String is = i < now.size() ? now.get(i) : "(none)";
        if (!was.equals(is)) {
          out.add(was + " in the checkpoint, " + is + " now");
        }
      }
      return out;
    }
  }

  /** Writes or reads the engine's part. */
  @FunctionalInterface
  interface Body<S> {
    void accept(S stream, Path runs) throws IOException;
  }

  /**
   * Reads only the header of a checkpoint (the body is checked when the engine reads it).
   *
   * @param file the checkpoint
   * @return its header
   * @throws IOException if it cannot be read or is not a checkpoint of this version
   */
  public static Header readHeader(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      readPreamble(in, file);
      in.readLong(); // the generation
      return readHeaderFields(in, file);
    } catch (EOFException e) {
      throw truncated(file);
    }
  }

  /**
   * Writes a checkpoint atomically: a temp file forced to disk, then renamed over {@code file}.
   *
   * @param file the checkpoint
   * @param generation this checkpoint's number (names its runs folder)
   * @param header the header
   * @param body writes the engine's part; the runs folder it is given exists
   */
  static void write(Path file, long generation, Header header, Body<DataOutputStream> body)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path runs = runsFolder(file, generation);
    // A kill -9 while writing leaves a temp file; one checkpoint has one writer at a time.
    TempFiles.sweep(dir, "." + file.getFileName() + ".", java.time.Duration.ZERO);
    Path temp = TempFiles.name(dir, "." + file.getFileName() + ".", ".tmp");
    TempFiles.track(temp);
    TempFiles.track(runs); // removed if the process is stopped before the rename
    boolean renamed = false;
    try {
      Files.createDirectories(runs);
      try (FileOutputStream fos = new FileOutputStream(temp.toFile())) {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16),
            new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(generation);
        out.writeInt(header.settings().size());
        for (String s : header.settings()) {
          out.writeUTF(s);
        }
        out.writeUTF(header.mode());
        out.writeInt(header.plan().length);
        out.write(header.plan());
        body.accept(out, runs);
        out.writeInt((int) checked.getChecksum().getValue());
        out.flush();
        fos.getChannel().force(true);
      }
      forceEach(runs);
      try (DirectoryStream<Path> d = Files.newDirectoryStream(runs)) {
        if (!d.iterator().hasNext()) {
          Files.delete(runs); // nothing spilled: no folder
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      renamed = true;
      forceDirectory(dir);
      deleteRunsExcept(file, generation);
    } finally {
      Files.deleteIfExists(temp);
      TempFiles.release(temp);
      if (!renamed) {
        TempFiles.deleteTree(runs);
      }
      TempFiles.release(runs);
    }
  }

  /**
   * Reads a checkpoint: the header (its settings must be {@code settings}), then the body through
   * {@code body}, then checks the checksum and that nothing follows. The caller discards what it restored if this throws.
   *
   * @return the generation
   */
  static long read(Path file, List<String> settings, Body<DataInputStream> body)
      throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
      DataInputStream in = new DataInputStream(checked);
      readPreamble(in, file);
      long generation = in.readLong();
      List<String> differences = readHeaderFields(in, file).differences(settings);
      if (!differences.isEmpty()) {
        throw new IOException("it was written by a scan with other settings ("
            + String.join("; ", differences) + "); resume with the options it was started with");
      }
      body.accept(in, runsFolder(file, generation));
      int expected = (int) checked.getChecksum().getValue();
      int stored = in.readInt();
      if (stored != expected || in.read() != -1) {
        throw new IOException("the checkpoint " + file + " is corrupt (its checksum does not match"
            + " or bytes follow its end): start the scan again without --resume");
      }
      return generation;
    } catch (EOFException e) {
      throw truncated(file);
    }
  }

  /** Deletes a checkpoint and every runs folder beside it (a scan that completed). */
  public static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
    deleteRunsExcept(file, -1);
    TempFiles.sweep(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".",
        java.time.Duration.ZERO);
  }

  /** The folder of a generation's spilled runs. */
  static Path runsFolder(Path file, long generation) {
    return file.resolveSibling(file.getFileName() + ".runs-" + generation);
  }

  private static void readPreamble(DataInputStream in, Path file) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    int n = in.readNBytes(magic, 0, magic.length);
    if (n < magic.length || !Arrays.equals(magic, MAGIC)) {
      throw new IOException(file + " is not a dedup4j checkpoint");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("the checkpoint " + file + " has format version " + version
          + "; this dedup4j reads version " + VERSION + " only");
    }
  }

  private static Header readHeaderFields(DataInputStream in, Path file) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 4096) {
      throw new IOException("the checkpoint " + file + " is corrupt (" + n + " settings)");
    }
    List<String> settings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      settings.add(in.readUTF());
    }
    String mode = in.readUTF();
    int planBytes = in.readInt();
    if (planBytes < 0 || planBytes > 1 << 24) {
      throw new IOException("the checkpoint " + file + " is corrupt (a plan of " + planBytes
          + " bytes)");
    }
    byte[] plan = new byte[planBytes];
    in.readFully(plan);
    return new Header(settings, mode, plan);
  }

  private static IOException truncated(Path file) {
    return new IOException("the checkpoint " + file + " is truncated: start the scan again"
        + " without --resume");
  }

  private static void forceEach(Path runs) throws IOException {
    try (DirectoryStream<Path> d = Files.newDirectoryStream(runs)) {
      for (Path p : d) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
          ch.force(true);
        }
      }
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every platform syncs a folder; the rename is then as durable as the OS makes it.
    }
  }

  private static void deleteRunsExcept(Path file, long generation) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    String prefix = file.getFileName() + ".runs-";
    try (DirectoryStream<Path> d = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
        .startsWith(prefix))) {
      for (Path p : d) {
        if (!p.getFileName().toString().equals(prefix + generation) && Files.isDirectory(p)) {
          TempFiles.deleteTree(p);
        }
      }
    }
  }
}
