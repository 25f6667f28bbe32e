package org.dedup4j.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.dedup4j.spi.Digester;

/**
 * Feeds the same bytes to a {@link Digester} through every kind of input the engine hands it:
 * byte arrays at an offset, heap buffers (including a slice whose {@code arrayOffset()} is not 0),
 * direct buffers in both byte orders, read-only buffers, and a memory-mapped file. Each call checks
 * that the digester left the buffer's position, limit and bytes as they were.
 *
 * <pre>{@code
 * try (InputPaths paths = new InputPaths(4096)) {
 *   long[] expected = new long[2];
 *   long[] actual = new long[2];
 *   paths.digest(InputPaths.Kind.BYTE_ARRAY, digester, input, 0, expected);
 *   for (InputPaths.Kind kind : InputPaths.Kind.values()) {
 *     paths.digest(kind, digester, input, 13, actual);
 *     assertArrayEquals(expected, actual, kind.name());
 *   }
 * }
 * }</pre>
 *
 * <p>Buffers are allocated once and reused; the mapped file is a temporary file deleted by {@link
 * #close()}. Not thread-safe.
 */
public final class InputPaths implements Closeable {

  /** The largest {@code pad} (bytes in front of the input) that {@link #digest} accepts. */
  public static final int MAX_PAD = 64;

  /**
   * Bytes of unrelated data around the input in every buffer, so a digester that reads too far (or
   * not far enough) sees bytes that change its result.
   */
  private static final int GUARD = MAX_PAD + 16;

  /** How the bytes reach the digester. */
  public enum Kind {
    /** {@link Digester#digest(byte[], int, int, long[])} on an array holding exactly the input. */
    BYTE_ARRAY,
    /** The array method with the input at offset {@code pad} of a larger array. */
    BYTE_ARRAY_OFFSET,
    /** {@link ByteBuffer#wrap(byte[])}, input at index {@code pad}. */
    HEAP_BUFFER,
    /** A heap buffer in little-endian order. */
    HEAP_BUFFER_LITTLE_ENDIAN,
    /** A slice of a heap buffer: {@code arrayOffset()} is not 0. */
    HEAP_SLICE,
    /** A read-only view of a heap buffer: no accessible array. */
    HEAP_READ_ONLY,
    /** A read-only heap buffer in little-endian order. */
    HEAP_READ_ONLY_LITTLE_ENDIAN,
    /** A direct buffer in the default big-endian order. */
    DIRECT,
    /** A direct buffer in little-endian order. */
    DIRECT_LITTLE_ENDIAN,
    /** A slice of a direct buffer starting after a few bytes. */
    DIRECT_SLICE,
    /** A read-only view of a direct buffer. */
    DIRECT_READ_ONLY,
    /** A read-write mapping of a temporary file. */
    MAPPED,
    /** A read-only mapping of the same file. */
    MAPPED_READ_ONLY
  }

  private final int maxLength;
  private final byte[] paddedArray;
  private final ByteBuffer heap;
  private final ByteBuffer heapLittle;
  private final ByteBuffer heapSlice;
  private final ByteBuffer direct;
  private final ByteBuffer directLittle;
  private final ByteBuffer directSlice;
  private final Path file;
  private final MappedByteBuffer mapped;
  private final MappedByteBuffer mappedReadOnly;
  private final byte[] check;
  private int end; // bytes [0, end) of the buffers were written by the last call

  /**
   * Allocates buffers for inputs of up to {@code maxLength} bytes and maps a temporary file.
   *
   * @param maxLength the longest input {@link #digest} will be given
   * @throws UncheckedIOException if the temporary file cannot be created or mapped
   */
  public InputPaths(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength " + maxLength + " is negative");
    }
    this.maxLength = maxLength;
    int capacity = GUARD + MAX_PAD + maxLength + GUARD;
    this.paddedArray = new byte[capacity];
    this.heap = ByteBuffer.wrap(new byte[capacity]);
    this.heapLittle = ByteBuffer.wrap(new byte[capacity]).order(ByteOrder.LITTLE_ENDIAN);
    this.heapSlice = ByteBuffer.wrap(new byte[capacity + 7]).position(7).slice();
    this.direct = ByteBuffer.allocateDirect(capacity);
    this.directLittle = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    this.directSlice = ByteBuffer.allocateDirect(capacity + 5).position(5).slice();
    this.check = new byte[capacity];
    try {
      this.file = Files.createTempFile("dedup4j-input-paths", ".bin");
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        this.mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        this.mappedReadOnly = ch.map(FileChannel.MapMode.READ_ONLY, 0, capacity);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map a temporary file for the mapped input path", e);
    }
    if (heapSlice.arrayOffset() == 0 || !mappedReadOnly.isReadOnly() || !mapped.isDirect()) {
      throw new AssertionError("the JDK's buffers are not what this helper expects");
    }
  }

  /** The longest input this instance accepts. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Digests {@code input} through one kind of input. Guard bytes around the input are filled with
   * data derived from the input's length, so they differ from call to call.
   *
   * @param kind how the bytes reach the digester
   * @param digester the digester under test
   * @param input the bytes; at most {@link #maxLength()}
   * @param pad where the input starts in the buffer (or array), {@code 0..}{@link #MAX_PAD}
   * @param fingerprint receives the fingerprint
   * @throws AssertionError if the digester changed the buffer's position, limit or content
   */
  public void digest(Kind kind, Digester digester, byte[] input, int pad, long[] fingerprint) {
    if (input.length > maxLength || pad < 0 || pad > MAX_PAD) {
      throw new IllegalArgumentException(
          "input of " + input.length + " bytes at pad " + pad + "; allowed up to " + maxLength
              + " bytes at pad 0.." + MAX_PAD);
    }
    int len = input.length;
    switch (kind) {
      case BYTE_ARRAY:
        {
          byte[] exact = input.clone();
          digester.digest(exact, 0, len, fingerprint);
          if (!Arrays.equals(exact, input)) {
            throw new AssertionError(kind + ": the digester changed the input array");
          }
          return;
        }
      case BYTE_ARRAY_OFFSET:
        {
          int at = place(input, pad);
          System.arraycopy(paddedArray, 0, check, 0, end);
          digester.digest(paddedArray, at, len, fingerprint);
          if (!Arrays.equals(paddedArray, 0, end, check, 0, end)) {
            throw new AssertionError(kind + ": the digester changed the input array");
          }
          return;
        }
      case HEAP_BUFFER:
        viaBuffer(kind, heap, digester, input, pad, fingerprint);
        return;
      case HEAP_BUFFER_LITTLE_ENDIAN:
        viaBuffer(kind, heapLittle, digester, input, pad, fingerprint);
        return;
      case HEAP_SLICE:
        viaBuffer(kind, heapSlice, digester, input, pad, fingerprint);
        return;
      case HEAP_READ_ONLY:
        viaReadOnly(kind, heap, digester, input, pad, fingerprint);
        return;
      case HEAP_READ_ONLY_LITTLE_ENDIAN:
        viaReadOnly(kind, heapLittle, digester, input, pad, fingerprint);
        return;
      case DIRECT:
        viaBuffer(kind, direct, digester, input, pad, fingerprint);
        return;
      case DIRECT_LITTLE_ENDIAN:
        viaBuffer(kind, directLittle, digester, input, pad, fingerprint);
        return;
      case DIRECT_SLICE:
        viaBuffer(kind, directSlice, digester, input, pad, fingerprint);
        return;
      case DIRECT_READ_ONLY:
        viaReadOnly(kind, direct, digester, input, pad, fingerprint);
        return;
      case MAPPED:
        viaBuffer(kind, mapped, digester, input, pad, fingerprint);
        return;
      case MAPPED_READ_ONLY:
        {
          int at = write(mapped, input, pad);
          check(kind, mappedReadOnly, digester, at, len, fingerprint);
          return;
        }
      default:
        throw new AssertionError(kind);
    }
  }

  private void viaBuffer(
      Kind kind, ByteBuffer buffer, Digester digester, byte[] input, int pad, long[] fingerprint) {
    int at = write(buffer, input, pad);
    check(kind, buffer, digester, at, input.length, fingerprint);
  }

  private void viaReadOnly(
      Kind kind, ByteBuffer writable, Digester digester, byte[] input, int pad, long[] fp) {
    int at = write(writable, input, pad);
    ByteBuffer readOnly = writable.asReadOnlyBuffer().order(writable.order());
    if (readOnly.hasArray()) {
      throw new AssertionError("a read-only buffer exposes its array");
    }
    check(kind, readOnly, digester, at, input.length, fp);
  }

  /** Writes guards and input into {@code buffer}; returns the input's index. */
  private int write(ByteBuffer buffer, byte[] input, int pad) {
    int at = place(input, pad);
    buffer.put(0, paddedArray, 0, end);
    return at;
  }

  /**
   * Puts the input at {@code GUARD + pad} of {@link #paddedArray} between guard bytes derived from
   * its length; sets {@link #end}; returns the input's index.
   */
  private int place(byte[] input, int pad) {
    int at = GUARD + pad;
    end = at + input.length + GUARD;
    new SplitMix64(input.length).fill(paddedArray, 0, end);
    System.arraycopy(input, 0, paddedArray, at, input.length);
    return at;
  }

  private void check(
      Kind kind, ByteBuffer buffer, Digester digester, int at, int len, long[] fingerprint) {
    // An odd position and limit: a digester must use the absolute indexes it is given.
    int position = (at * 7 + len) % (buffer.capacity() + 1);
    int limit = Math.max(position, buffer.capacity() - 3);
    buffer.limit(limit).position(position);
    digester.digest(buffer, at, len, fingerprint);
    if (buffer.position() != position || buffer.limit() != limit) {
      throw new AssertionError(
          kind + ": the digester moved position/limit from " + position + "/" + limit + " to "
              + buffer.position() + "/" + buffer.limit());
    }
    buffer.clear();
    buffer.get(0, check, 0, end);
    if (!Arrays.equals(check, 0, end, paddedArray, 0, end)) {
      throw new AssertionError(kind + ": the digester changed the buffer's bytes");
    }
  }

  /** Deletes the temporary file (where the platform allows deleting a mapped file). */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit(); // Windows keeps mapped files until the mapping is collected
    }
  }
}
