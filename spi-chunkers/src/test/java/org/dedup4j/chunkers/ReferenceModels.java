package org.dedup4j.chunkers;

/**
 * Line-by-line transliterations of the reference {@code cut} functions of fastcdc-rs 3.x, slow and
 * obvious, returning the hash at the cut as well: the fast kernels are checked against them, and the
 * published hashes against them.
 */
final class ReferenceModels {

  private ReferenceModels() {}

  /** A cut: the hash the reference returns and the chunk length. */
  record Cut(long hash, int length) {}

  /** {@code fastcdc::v2020::cut} on {@code source[start, start + length)}. */
  static Cut v2020(byte[] source, int start, int length, int min, int avg, int max, int level, long seed) {
    int bits = (int) Math.round(Math.log(avg) / Math.log(2));
    long maskS = Tables.MASKS[bits + level];
    long maskL = Tables.MASKS[bits - level];
    long maskSLs = maskS << 1;
    long maskLLs = maskL << 1;
    long[] gear = new long[256];
    long[] gearLs = new long[256];
    for (int i = 0; i < 256; i++) {
      gear[i] = Tables.GEAR[i];
      gearLs[i] = Tables.GEAR[i] << 1;
      if (seed != 0) {
        gear[i] ^= seed;
        gearLs[i] ^= seed << 1;
      }
    }
    int remaining = length;
    if (remaining <= min) {
      return new Cut(0, remaining);
    }
    int center = avg;
    if (remaining > max) {
      remaining = max;
    } else if (remaining < center) {
      center = remaining;
    }
    int index = min / 2;
    long hash = 0;
    while (index < center / 2) {
      int a = index * 2;
      hash = (hash << 2) + gearLs[source[start + a] & 0xff];
      if ((hash & maskSLs) == 0) {
        return new Cut(hash, a);
      }
      hash = hash + gear[source[start + a + 1] & 0xff];
      if ((hash & maskS) == 0) {
        return new Cut(hash, a + 1);
      }
      index++;
    }
    while (index < remaining / 2) {
      int a = index * 2;
      hash = (hash << 2) + gearLs[source[start + a] & 0xff];
      if ((hash & maskLLs) == 0) {
        return new Cut(hash, a);
      }
      hash = hash + gear[source[start + a + 1] & 0xff];
      if ((hash & maskL) == 0) {
        return new Cut(hash, a + 1);
      }
      index++;
    }
    return new Cut(hash, remaining);
  }

  /** {@code fastcdc::v2016::cut}. */
  static Cut v2016(byte[] source, int start, int length, int min, int avg, int max, int level) {
    int bits = (int) Math.round(Math.log(avg) / Math.log(2));
    long maskS = Tables.MASKS[bits + level];
    long maskL = Tables.MASKS[bits - level];
    int remaining = length;
    if (remaining <= min) {
      return new Cut(0, remaining);
    }
    int center = avg;
    if (remaining > max) {
      remaining = max;
    } else if (remaining < center) {
      center = remaining;
    }
    int index = min;
    long hash = 0;
    while (index < center) {
      hash = (hash << 1) + Tables.GEAR[source[start + index] & 0xff];
      if ((hash & maskS) == 0) {
        return new Cut(hash, index);
      }
      index++;
    }
    while (index < remaining) {
      hash = (hash << 1) + Tables.GEAR[source[start + index] & 0xff];
      if ((hash & maskL) == 0) {
        return new Cut(hash, index);
      }
      index++;
    }
    return new Cut(hash, index);
  }

  /** {@code fastcdc::ronomon::FastCDC::cut} with {@code eof = true}; the hash is a u32. */
  static Cut ronomon(byte[] source, int start, int length, int min, int avg, int max) {
    int bits = (int) Math.round(Math.log(avg) / Math.log(2));
    long maskS = (1L << (bits + 1)) - 1;
    long maskL = (1L << (bits - 1)) - 1;
    int sourceSize = length;
    if (sourceSize <= min) {
      return new Cut(0, sourceSize);
    }
    if (sourceSize > max) {
      sourceSize = max;
    }
    long offset = min + (min + 1) / 2;
    if (offset > avg) {
      offset = avg;
    }
    long size = avg - offset;
    if (size > sourceSize) {
      size = sourceSize;
    }
    int len1 = (int) size;
    int len2 = sourceSize;
    long hash = 0;
    int i = min;
    while (i < len1) {
      int index = source[start + i] & 0xff;
      i++;
      hash = ((hash >>> 1) + (Tables.RONOMON[index] & 0xffffffffL)) & 0xffffffffL;
      if ((hash & maskS) == 0) {
        return new Cut(hash, i);
      }
    }
    while (i < len2) {
      int index = source[start + i] & 0xff;
      i++;
      hash = ((hash >>> 1) + (Tables.RONOMON[index] & 0xffffffffL)) & 0xffffffffL;
      if ((hash & maskL) == 0) {
        return new Cut(hash, i);
      }
    }
    return new Cut(hash, sourceSize);
  }
}
