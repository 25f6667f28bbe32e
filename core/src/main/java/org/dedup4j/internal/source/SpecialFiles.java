package org.dedup4j.internal.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What kind of special file a path names, from its Unix mode ({@code BasicFileAttributes} says
 * only "other"), and the size of a block device, which {@code stat} reports as 0: from Linux's
 * sysfs, {@code /sys/dev/block/MAJOR:MINOR/size} (in 512-byte sectors), the device found by its
 * {@code rdev}. A block device can then be read by position like a file of that size (the
 * compression estimate samples units by position).
 */
public final class SpecialFiles {

  private static final int S_IFMT = 0170000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private SpecialFiles() {}

  /** Whether {@code path} names a Unix domain socket (opening it fails with ENXIO). */
  public static boolean isSocket(Path path) {
    return type(path) == S_IFSOCK;
  }

  /** The device's size in bytes, or empty if {@code path} is no block device or it is unknown. */
  public static OptionalLong blockDeviceSize(Path path) {
    if (type(path) != S_IFBLK) {
      return OptionalLong.empty();
    }
    try {
      long rdev = (Long) Files.getAttribute(path, "unix:rdev");
      // glibc's gnu_dev_major / gnu_dev_minor
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      String sectors = Files.readString(Path.of("/sys/dev/block", major + ":" + minor, "size"))
          .trim();
      return OptionalLong.of(Long.parseLong(sectors) * 512);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // no sysfs: the device stays a stream
    }
  }

  /** The file type bits of the mode, through links, or -1 (missing, or no unix view). */
  private static int type(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
