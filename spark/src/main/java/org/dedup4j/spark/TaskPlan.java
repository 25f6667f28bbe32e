package org.dedup4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's share of a distributed scan: consecutive parts of the plan, those of one file joined
 * into one range (its inner window edges are reconciled by the scan, as on one machine), and for a
 * range whose file goes on in the next task, where that task's range of the file ends, so that this
 * task can walk the edge between them (content-defined chunking; see {@code EdgeCorrection}).
 *
 * @param ranges the ranges, in file order
 * @param hosts where most of the ranges' blocks are stored, for Spark's locality
 */
record TaskPlan(List<Range> ranges, List<String> hosts) implements Serializable {

  /**
   * A range of one file.
   *
   * @param file the file's first part (its name, size, modification time); start and end are the
   *     range's
   * @param nextEnd where the next task's range of the same file ends, or -1 if the file ends here
   */
  record Range(Split file, long start, long end, long nextEnd) implements Serializable {}

  /**
   * Cuts the parts, in plan order, into at most {@code tasks} groups of consecutive parts of about
   * equal bytes.
   */
  static List<TaskPlan> of(List<Split> splits, int tasks) {
    long total = 0;
    for (Split s : splits) {
      total += s.end() - s.start();
    }
    int n = Math.max(1, Math.min(tasks, splits.size()));
    List<List<Split>> groups = new ArrayList<>();
    List<Split> current = new ArrayList<>();
    long done = 0;
    for (Split s : splits) {
      current.add(s);
      done += s.end() - s.start();
      // Close the group once it holds its share (by bytes; by count where all are empty).
      boolean full = total > 0 ? done * n >= total * (groups.size() + 1)
          : groups.size() + 1 < n && current.size() * n >= splits.size();
      if (full && groups.size() + 1 < n) {
        groups.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    List<List<Range>> ranges = new ArrayList<>();
    for (List<Split> g : groups) {
      List<Range> rs = new ArrayList<>();
      for (Split s : g) {
        Range last = rs.isEmpty() ? null : rs.get(rs.size() - 1);
        if (last != null && last.file().uri().equals(s.uri()) && last.end() == s.start()) {
          rs.set(rs.size() - 1, new Range(last.file(), last.start(), s.end(), -1));
        } else {
          rs.add(new Range(s, s.start(), s.end(), -1));
        }
      }
      ranges.add(rs);
    }
    List<TaskPlan> out = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      List<Range> rs = ranges.get(i);
      Range last = rs.get(rs.size() - 1);
      if (i + 1 < ranges.size()) {
        Range next = ranges.get(i + 1).get(0);
        if (next.file().uri().equals(last.file().uri()) && next.start() == last.end()) {
          rs.set(rs.size() - 1, new Range(last.file(), last.start(), last.end(), next.end()));
        }
      }
      out.add(new TaskPlan(List.copyOf(rs), hosts(groups.get(i))));
    }
    return out;
  }

  /** The hosts that store the most of the group's bytes (up to three). */
  private static List<String> hosts(List<Split> group) {
    Map<String, Long> bytes = new HashMap<>();
    for (Split s : group) {
      for (String h : s.hosts()) {
        bytes.merge(h, s.end() - s.start(), Long::sum);
      }
    }
    return bytes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(3).map(Map.Entry::getKey).toList();
  }
}
