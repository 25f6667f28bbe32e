package org.dedup4j.internal.source;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The all-zero test the scan and the standalone compression run share. */
public final class ZeroBytes {

  private static final byte[] ZEROS = new byte[64 * 1024];

  private ZeroBytes() {}

  /** All-zero test; exits at the first non-zero byte, so it costs nothing on ordinary data. */
  public static boolean isZero(ByteBuffer buf, int offset, int length) {
    if (buf.hasArray()) {
      byte[] a = buf.array();
      int p = buf.arrayOffset() + offset;
      for (int done = 0; done < length; ) {
        int n = Math.min(ZEROS.length, length - done);
        if (Arrays.mismatch(a, p + done, p + done + n, ZEROS, 0, n) >= 0) {
          return false;
        }
        done += n;
      }
      return true;
    }
    int i = offset;
    int end = offset + length;
    for (; i + 8 <= end; i += 8) {
      if (buf.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (buf.get(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
