package org.dedup4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.dedup4j.Skipped;

/**
 * The driver's plan: every file under the roots, listed through Hadoop's {@link FileSystem} (any
 * scheme), cut into parts on window bounds so that each part is cut into the windows a
 * single-machine scan of the file makes there, with the hosts of its blocks.
 */
final class SplitPlanner {

  /** The parts, and the roots that could not be listed. */
  record Plan(List<Split> splits, List<Skipped> skipped) {}

  private SplitPlanner() {}

  /**
   * Plans the parts.
   *
   * @param conf the Hadoop configuration (the session's)
   * @param roots the paths as the user gave them
   * @param window the single-machine window (a multiple of the fixed chunk size)
   * @param splitSize the wanted part size; rounded down to a multiple of the window, at least one
   */
  static Plan plan(Configuration conf, List<String> roots, long window, long splitSize)
      throws IOException {
    long split = Math.max(window, splitSize / window * window);
    List<Split> out = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<String[]> files = new ArrayList<>(); // uri, name, sampleName, absolute
    List<FileStatus> statuses = new ArrayList<>();
    for (String root : roots) {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus top;
      try {
        top = fs.getFileStatus(p);
      } catch (FileNotFoundException e) {
        skipped.add(new Skipped(root, "no such file or directory"));
        continue;
      }
      String rootName = p.getName();
      if (top.isFile()) {
        files.add(new String[] {top.getPath().toString(), root, rootName, absolute(top.getPath())});
        statuses.add(top);
        continue;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
      String base = top.getPath().toUri().getPath();
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String relative = f.getPath().toUri().getPath().substring(base.length())
            .replaceFirst("^/", "");
        files.add(new String[] {f.getPath().toString(), root + "/" + relative,
            rootName + "/" + relative, absolute(f.getPath())});
        statuses.add(f);
      }
    }
    // As on one machine (InputCollector): names relative to the root key the sample; files whose
    // relative names collide are keyed by their absolute paths instead.
    Map<String, Integer> uses = new HashMap<>();
    files.forEach(f -> uses.merge(f[2], 1, Integer::sum));
    for (int i = 0; i < files.size(); i++) {
      String[] f = files.get(i);
      FileStatus st = statuses.get(i);
      String sampleName = uses.get(f[2]) > 1 ? f[3] : f[2];
      long size = st.getLen();
      BlockLocation[] blocks = st instanceof LocatedFileStatus l ? l.getBlockLocations() : null;
      long start = 0;
      do {
        long end = Math.min(size, start + split);
        out.add(new Split(f[0], f[1], sampleName, size, st.getModificationTime(), start, end,
            hosts(blocks, start, end)));
        start = end;
      } while (start < size);
    }
    return new Plan(out, skipped);
  }

  /** The path without scheme and authority, as a single-machine scan spells it. */
  private static String absolute(Path p) {
    return p.toUri().getPath();
  }

  private static String[] hosts(BlockLocation[] blocks, long start, long end) throws IOException {
    if (blocks == null) {
      return new String[0];
    }
    for (BlockLocation b : blocks) {
      if (b.getOffset() <= start && start < b.getOffset() + b.getLength()) {
        return b.getHosts();
      }
    }
    return new String[0];
  }
}
