package org.dedup4j.internal.count;

/**
 * A table entry's record of which groups of inputs added its fingerprint (attribution), in 32
 * bits: the least group id, and a flag set once a second, different group added it. That is all
 * attribution needs (an entry of one group is exclusive to it; any other is shared), and the
 * merge rule is commutative and associative, so the result does not depend on which thread added
 * first, on spills, or on the order runs are merged in.
 */
public final class GroupTags {

  /** No group: an entry added without one (a table of removals), neutral in {@link #merge}. */
  public static final int NONE = -1;

  /** Groups are numbered 0 to this, exclusive ({@link #NONE} takes the last 31-bit value). */
  public static final int MAX_GROUPS = Integer.MAX_VALUE;

  private static final int SHARED = Integer.MIN_VALUE;
  private static final int GROUP = Integer.MAX_VALUE;

  private GroupTags() {}

  /** The tag of one occurrence from {@code group}, 0 to {@link #MAX_GROUPS} exclusive. */
  public static int of(int group) {
    if (group < 0 || group >= MAX_GROUPS) {
      throw new IllegalArgumentException("group id out of range: " + group);
    }
    return group;
  }

  /** The tag of the union of what {@code a} and {@code b} record. */
  public static int merge(int a, int b) {
    if (a == NONE) {
      return b;
    }
    if (b == NONE) {
      return a;
    }
    int ga = a & GROUP;
    int gb = b & GROUP;
    return Math.min(ga, gb) | ((a | b) & SHARED) | (ga != gb ? SHARED : 0);
  }

  /** Whether more than one group added the fingerprint. */
  public static boolean shared(int tag) {
    return tag != NONE && (tag & SHARED) != 0;
  }

  /** The least group that added the fingerprint: the only one unless {@link #shared}. */
  public static int group(int tag) {
    return tag & GROUP;
  }
}
