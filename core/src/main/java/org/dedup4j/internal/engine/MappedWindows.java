package org.dedup4j.internal.engine;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Maps windows of a file and, where the JDK allows it, unmaps each one when the scan is done with
 * it, in the scan's own thread, instead of leaving it to the garbage collector.
 *
 * <p>Why: a mapping the GC finds unreachable is released by the JDK on its reference handler
 * thread, and when that release runs out of heap the JDK ends the process with exit status 1 (its
 * {@code Cleaner} calls {@code System.exit(1)}): a scan that ran out of memory died with no message
 * in a quarter of the runs (issue 13, D2). Released here, a failure is an ordinary error of the
 * scan, and a long scan holds only the windows in flight.
 *
 * <ul>
 *   <li>JDK 22 and later: each window is mapped into its own confined {@code Arena} ({@code
 *       FileChannel.map(mode, position, size, arena)}); closing the arena unmaps, and a view kept
 *       past that fails with {@code IllegalStateException} instead of reading unmapped memory. Safe
 *       for any plugin. Reached through method handles: the baseline is Java 17.
 *   <li>JDK 17 to 21: the GC releases mappings, as {@link FileChannel#map} does. Unmapping with
 *       {@code Unsafe.invokeCleaner} was tried and dropped: it goes through the same {@code Cleaner},
 *       and out-of-memory runs still ended with exit status 1 ({@code HardeningTest}'s case: 2
 *       of 20 runs; with the GC 1 of 10).
 * </ul>
 */
final class MappedWindows {

  /** How a mapping is released. */
  enum Release {
    /** Closing a confined arena (JDK 22+). */
    ARENA,
    /** The garbage collector. */
    GC
  }

  /** One mapped window; {@link #close} unmaps it (a no-op under {@link Release#GC}). */
  static final class Window implements AutoCloseable {
    private Object arena;
    private ByteBuffer view;

    private Window() {}

    /** The mapped bytes, position 0, limit the window's size. */
    ByteBuffer view() {
      return view;
    }

    @Override
    public void close() {
      Object a = arena;
      view = null;
      arena = null;
      if (a != null) {
        invoke(CLOSE_ARENA, a);
      }
    }
  }

  private static final MethodHandle OF_CONFINED;  // () -> Arena
  private static final MethodHandle MAP_IN_ARENA; // (FileChannel, MapMode, long, long, Arena) -> MemorySegment
  private static final MethodHandle AS_BUFFER;    // (MemorySegment) -> ByteBuffer
  private static final MethodHandle CLOSE_ARENA;  // (Arena) -> void

  static {
    MethodHandle ofConfined = null;
    MethodHandle map = null;
    MethodHandle asBuffer = null;
    MethodHandle close = null;
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    if (Runtime.version().feature() >= 22) {
      try {
        Class<?> arena = Class.forName("java.lang.foreign.Arena");
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        ofConfined = lookup.findStatic(arena, "ofConfined", MethodType.methodType(arena));
        map = lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
            FileChannel.MapMode.class, long.class, long.class, arena));
        asBuffer = lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class));
        close = lookup.findVirtual(arena, "close", MethodType.methodType(void.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        ofConfined = null;
      }
    }
    OF_CONFINED = ofConfined;
    MAP_IN_ARENA = ofConfined == null ? null : map;
    AS_BUFFER = ofConfined == null ? null : asBuffer;
    CLOSE_ARENA = ofConfined == null ? null : close;
  }

  /**
   * How this JDK releases mappings, with a system property {@code dedup4j.unmap=gc} to pin the GC
   * for measurement.
   */
  static Release release() {
    return OF_CONFINED != null && !"gc".equals(System.getProperty("dedup4j.unmap"))
        ? Release.ARENA : Release.GC;
  }

  private MappedWindows() {}

  /**
   * Maps {@code [pos, pos + size)} of the file read-only.
   *
   * @throws IOException if the mapping cannot be made
   */
  static Window map(Release release, FileChannel ch, long pos, long size) throws IOException {
    Window w = new Window();
    if (release != Release.ARENA) {
      w.view = ch.map(FileChannel.MapMode.READ_ONLY, pos, size);
      return w;
    }
    w.arena = invoke(OF_CONFINED);
    try {
      Object segment = MAP_IN_ARENA.invoke(ch, FileChannel.MapMode.READ_ONLY, pos, size, w.arena);
      w.view = (ByteBuffer) invoke(AS_BUFFER, segment);
      return w;
    } catch (IOException | RuntimeException | Error e) {
      w.close();
      throw e;
    } catch (Throwable e) {
      w.close();
      throw new IllegalStateException(e);
    }
  }

  private static Object invoke(MethodHandle h, Object... args) {
    try {
      return h.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
