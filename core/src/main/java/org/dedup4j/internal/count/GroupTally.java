package org.dedup4j.internal.count;

import java.util.Arrays;

/**
 * What an attributing count found per group, from the {@link GroupTags tags} of its entries: the
 * distinct chunks only one group references (what deleting that group frees) and that group's
 * references to them. A group's references to shared chunks are its bytes minus those, which the
 * scan knows from the inputs.
 */
public final class GroupTally {

  private long[] exclusiveChunks = new long[16];
  private long[] exclusiveBytes = new long[16];
  private long[] exclusiveReferencedBytes = new long[16];
  /** Distinct chunks more than one group references, and their bytes (each once). */
  public long sharedChunks;
  public long sharedBytes;

  /** Adds one distinct entry. */
  public void visit(long count, int length, int tag) {
    if (tag == GroupTags.NONE) {
      throw new IllegalStateException("an entry without a group in an attributing count");
    }
    if (GroupTags.shared(tag)) {
      sharedChunks++;
      sharedBytes += length;
      return;
    }
    int g = GroupTags.group(tag);
    if (g >= exclusiveChunks.length) {
      int n = Math.max(g + 1, exclusiveChunks.length * 2);
      exclusiveChunks = Arrays.copyOf(exclusiveChunks, n);
      exclusiveBytes = Arrays.copyOf(exclusiveBytes, n);
      exclusiveReferencedBytes = Arrays.copyOf(exclusiveReferencedBytes, n);
    }
    exclusiveChunks[g]++;
    exclusiveBytes[g] += length;
    exclusiveReferencedBytes[g] += count * length;
  }

  public long exclusiveChunks(int group) {
    return group < exclusiveChunks.length ? exclusiveChunks[group] : 0;
  }

  public long exclusiveBytes(int group) {
    return group < exclusiveBytes.length ? exclusiveBytes[group] : 0;
  }

  public long exclusiveReferencedBytes(int group) {
    return group < exclusiveReferencedBytes.length ? exclusiveReferencedBytes[group] : 0;
  }
}
