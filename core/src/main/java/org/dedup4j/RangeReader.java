package org.dedup4j;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a file by position, for {@link ScanSource#ofRange}: a file the JDK cannot open itself (on
 * HDFS, S3 or another Hadoop file system), or one part of a file that several machines scan in
 * parts. Called from one scan thread at a time per source; a reader that is shared between sources
 * must be thread-safe.
 *
 * <pre>{@code
 * FileChannel ch = FileChannel.open(path);
 * RangeReader reader = (position, dst) -> ch.read(dst, position);
 * }</pre>
 */
@FunctionalInterface
public interface RangeReader {

  /**
   * Reads bytes at a position into {@code dst}, from its position up to its limit, as {@link
   * java.nio.channels.FileChannel#read(ByteBuffer, long)} does.
   *
   * @param position the file offset of the first byte to read
   * @param dst where the bytes go
   * @return the bytes read, at least 1 unless {@code dst} has no room; -1 at the end of the file
   * @throws IOException if the read fails
   */
  int read(long position, ByteBuffer dst) throws IOException;
}
