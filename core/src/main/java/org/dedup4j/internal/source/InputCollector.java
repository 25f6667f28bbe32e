package org.dedup4j.internal.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dedup4j.Skipped;
import org.dedup4j.ScanSource;
import org.dedup4j.ScanSource.BufferSource;
import org.dedup4j.ScanSource.PathSource;
import org.dedup4j.ScanSource.StreamSource;

/**
 * Turns what the caller named into inputs, walking directories. Nothing is dropped silently: every
 * path that is not read gets a {@link Skipped} entry with the reason.
 *
 * <p>Named paths are followed when they are symbolic links (as {@code find -H} does); links met
 * while walking a directory are followed only when asked. FIFOs, devices and {@code -} (standard
 * input) named directly are read as streams; inside a walked directory they are listed as skipped,
 * since reading a FIFO found by accident would block the scan.
 */
public final class InputCollector {

  public static final String STDIN = "-";

  public final List<Input> inputs = new ArrayList<>();
  public final List<Skipped> skipped = new ArrayList<>();
  private final Map<Object, Path> seen = new HashMap<>(); // file key (device, inode) or path -> first path
  private final boolean followLinks;

  private InputCollector(boolean followLinks) {
    this.followLinks = followLinks;
  }

  public static InputCollector collect(List<ScanSource> sources, boolean followLinks) {
    InputCollector c = new InputCollector(followLinks);
    for (ScanSource s : sources) {
      if (s instanceof PathSource p) {
        c.addRoot(p.path());
      } else if (s instanceof BufferSource b) {
        c.inputs.add(new Input.BufferInput(b.name(), b.data()));
      } else if (s instanceof StreamSource st) {
        c.inputs.add(new Input.StreamInput(st.name(), st.in()));
      } else if (s instanceof ScanSource.RangeSource r) {
        c.inputs.add(new Input.RangeInput(r.name(), r.sampleName(), r.size(), r.start(), r.end(),
            r.reader(), r));
      }
    }
    c.keySamples();
    c.skipped.sort(Comparator.comparing(Skipped::path));
    return c;
  }

  /**
   * Keys each input's sample by its name relative to the root it was named under, the root's own
   * name first ({@code ts.tar} for a named file, {@code d/x/ts.tar} in a scanned {@code /mnt/d}):
   * the same data reached through another path or mount point draws the same sample. Inputs whose
   * relative names collide (two named files called {@code data.bin}) are keyed by their absolute
   * paths, so that their samples stay independent; buffers and streams by the names given.
   */
  private void keySamples() {
    Map<String, Integer> uses = new HashMap<>();
    for (Input in : inputs) {
      uses.merge(in.sampleName, 1, Integer::sum);
    }
    for (Input in : inputs) {
      if (uses.get(in.sampleName) > 1 && in instanceof Input.FileInput f) {
        in.sampleAs(f.path.toAbsolutePath().normalize().toString());
      } else if (uses.get(in.sampleName) > 1 && in instanceof Input.PathStreamInput f) {
        in.sampleAs(f.path.toAbsolutePath().normalize().toString());
      }
    }
  }

  /** The root's own name, normalized: {@code ts.tar} for {@code /d/x/../ts.tar}. */
  private static String rootName(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }

  private void addRoot(Path root) {
    if (root.toString().equals(STDIN)) {
      inputs.add(new Input.StreamInput(STDIN, System.in));
      return;
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(root, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      skip(root, Files.isSymbolicLink(root) ? "broken symbolic link" : "no such file or directory");
      return;
    } catch (AccessDeniedException e) {
      skip(root, "permission denied");
      return;
    } catch (IOException e) {
      skip(root, describe(e));
      return;
    }
    if (attrs.isDirectory()) {
      walk(root);
    } else {
      addEntry(root, attrs, true, rootName(root));
    }
  }

  /** Returns the input it added, or null. */
  private Input addEntry(Path path, BasicFileAttributes attrs, boolean named, String sampleName) {
    if (attrs.isSymbolicLink()) {
      exclude(path, "symbolic link not followed (--follow-links follows links)");
      return null;
    }
    // The same file reached twice (named twice, or through a link or a hard link) is read once:
    // its bytes are stored once, and counting them twice would invent duplicates.
    Object key = attrs.fileKey() != null ? attrs.fileKey() : path.toAbsolutePath().normalize();
    Path first = seen.putIfAbsent(key, path);
    if (first != null) {
      exclude(path, first.equals(path) ? "named more than once; read once"
          : "same file as " + first + "; read once");
      return null;
    }
    Input in;
    if (attrs.isRegularFile() && (attrs.size() == 0 || attrs.size() == 4096) && onPseudoFs(path)) {
      in = new Input.PathStreamInput(path); // its size is not its content: read to the end
    } else if (attrs.isRegularFile()) {
      in = new Input.FileInput(path, attrs.size(), attrs.lastModifiedTime(), attrs.fileKey());
    } else if (named && SpecialFiles.isSocket(path)) {
      skip(path, "a socket: it holds no bytes to read (to scan what it sends, pipe it into "
          + "'dedup4j scan -')");
      return null;
    } else if (named) {
      in = new Input.PathStreamInput(path); // FIFO, block or character device
    } else {
      in = null;
    }
    if (in != null) {
      in.sampleAs(sampleName);
      inputs.add(in);
    } else if (SpecialFiles.isSocket(path)) {
      exclude(path, "a socket: it holds no bytes to read");
    } else {
      exclude(path, "not a regular file (FIFO, device or socket); name it directly to read it as a stream");
    }
    return in;
  }

  /**
   * Whether the file lives in procfs or sysfs, whose files say 0 bytes (/proc) or 4096 (/sys)
   * whatever they hold: they are read as streams, or they would be "empty" or "changed".
   */
  private static boolean onPseudoFs(Path path) {
    try {
      String real = path.toRealPath().toString();
      return real.startsWith("/proc/") || real.startsWith("/sys/");
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private void walk(Path root) {
    String top = rootName(root);
    Set<FileVisitOption> options =
        followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    try {
      Files.walkFileTree(root, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          Input in = addEntry(file, attrs, false, top + "/" + root.relativize(file));
          if (in != null) {
            in.foundUnder = root.toString();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (e instanceof FileSystemLoopException) {
            exclude(file, "symbolic link loop (its target is already being read)");
          } else if (e instanceof NoSuchFileException && Files.isSymbolicLink(file)) {
            exclude(file, "broken symbolic link");
          } else {
            skip(file, describe(e));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          if (e != null) {
            skip(dir, "directory listing failed part way: " + describe(e));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      skip(root, describe(e));
    }
  }

  /** Whether {@code path} names a file that was collected as an input (or left out as a repeat). */
  public boolean reaches(Path path) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return false; // it does not exist (yet): nothing to protect
    }
    Object key = attrs.fileKey() != null ? attrs.fileKey() : path.toAbsolutePath().normalize();
    return seen.containsKey(key);
  }

  private void skip(Path path, String reason) {
    skipped.add(new Skipped(path.toString(), reason, Skipped.Kind.FAILED));
  }

  private void exclude(Path path, String reason) {
    skipped.add(new Skipped(path.toString(), reason, Skipped.Kind.EXCLUDED));
  }

  /** A short reason for an I/O failure, without the stack trace. */
  public static String describe(Throwable e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }
}
