package org.dedup4j.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The checks on a {@code --save FILE} before anything is read: a summary never silently replaces
 * a file ({@code scan --save vm1.img vm2.img}, with {@code --save} taken for a switch, would turn
 * a disk image into a summary). The library adds its own (never a file that is not a regular file,
 * never a file the scan reads).
 */
final class SaveTarget {

  private SaveTarget() {}

  /**
   * Refuses an existing target unless {@code overwrite}, and always one that is not a regular
   * file.
   *
   * @throws Dedup4jCommand.UsageException naming the file and what to do
   */
  static void check(Path save, boolean overwrite) {
    check("--save", "a summary", save, overwrite);
  }

  /**
   * As above for any option that writes a file.
   *
   * @param option the option, as the message names it
   * @param what what it writes, for the message
   */
  static void check(String option, String what, Path save, boolean overwrite) {
    if (!Files.exists(save, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isRegularFile(save)) {
      throw new Dedup4jCommand.UsageException(option + " " + save + ": exists and is not a"
          + " regular file (a directory, device, FIFO or broken link); " + what + " is never"
          + " written over it");
    }
    if (!overwrite) {
      throw new Dedup4jCommand.UsageException(option + " " + save + ": the file exists; add "
          + "--overwrite to replace it (" + option + " takes the file's name: " + option
          + " FILE PATH...)");
    }
  }
}
