package org.dedup4j.benchmarks;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dedup4j.DedupScanner;
import org.dedup4j.spi.Sizes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * How fast 1 or 2 threads can merely read the (warm) data file, doing nothing else: the denominator
 * of issue 2's target "fixed 4 KiB + xxh3-128 &gt;= 70% of the rate at which 2 threads can merely
 * read the mapped file".
 *
 * <p>Work is split like the scan engine splits it: 32 MiB windows ({@link
 * DedupScanner#DEFAULT_WINDOW_SIZE}) handed to a pool of {@code threads} threads. Methods:
 *
 * <ul>
 *   <li>{@code mappedLongs}: map each window read-only, read every 8-byte word ({@code getLong},
 *       native order) into an XOR so the JIT cannot drop the reads, unmap. This is "read the mapped
 *       file": page faults plus one pass over every byte.
 *   <li>{@code mappedBulk}: map each window and copy it, 4 KiB at a time, into a reused array
 *       ({@code ByteBuffer.get(index, byte[], ...)}, an intrinsic memory copy): on JDK 17 this reads
 *       a mapping about twice as fast as the {@code getLong} loop, so the faster of the two is the
 *       honest "merely read" rate. (It is also what a digester does with a mapped chunk when the
 *       algorithm wants an array.)
 *   <li>{@code mappedPages}: the same but touching one word per 4 KiB page: the page-fault cost alone.
 *   <li>{@code readHeap}: {@code FileChannel.read(dst, position)} in 1 MiB reads into a reused heap
 *       {@code ByteBuffer} per thread (what {@code IoMode.READ} does; the JDK copies through a
 *       temporary direct buffer).
 *   <li>{@code readDirect}: the same into a reused 1 MiB direct buffer per thread (one copy fewer).
 * </ul>
 *
 * Positioned reads are not folded over: the kernel's copy into the buffer is the read. Windows are
 * unmapped right after use (through {@code sun.misc.Unsafe.invokeCleaner} when available), so
 * mappings do not pile up between garbage collections.
 *
 * <p>One operation is one pass over the whole file; <b>the secondary result {@code bytes} is the
 * read rate in bytes per second</b>. The file is re-read (warmed) before every iteration; {@code
 * pages} sets how the page cache holds it at the start of the trial: {@code large} (2 MiB folios,
 * mapped with one fault per 2 MiB) or {@code small} (4 KiB pages), via {@code pagecache.py}, which
 * needs python3. The note at the end of each trial says how the file was actually mapped.
 *
 * <p>Run (about 4 minutes):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReadBaselineBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s -p dataSize=2g
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ReadBaselineBenchmark {

  static final long WINDOW = DedupScanner.DEFAULT_WINDOW_SIZE;
  static final int READ_BLOCK = 1 << 20;
  private static final int PAGE = 4096;
  private static final MethodHandle INVOKE_CLEANER = findCleaner();

  /** Size of the data file, e.g. {@code 1g}. */
  @Param({"1g"})
  public String dataSize;

  /** Reading threads. */
  @Param({"1", "2"})
  public int threads;

  /** {@code large}, {@code small} or {@code asis}. */
  @Param({"large", "small"})
  public String pages;

  private Path file;
  private long size;
  private FileChannel channel;
  private ExecutorService pool;
  private ByteBuffer[] heap;
  private ByteBuffer[] direct;
  private byte[][] blocks;

  /**
   * Creates the file, the pool, the buffers and the page-cache state.
   *
   * @throws IOException if the file cannot be opened
   */
  @Setup(Level.Trial)
  public void setup() throws IOException {
    size = Sizes.parse(dataSize);
    file = BenchFiles.dataFile(size);
    channel = FileChannel.open(file, StandardOpenOption.READ);
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "reader");
      t.setDaemon(true);
      return t;
    });
    heap = new ByteBuffer[threads];
    direct = new ByteBuffer[threads];
    blocks = new byte[threads][PAGE];
    for (int i = 0; i < threads; i++) {
      heap[i] = ByteBuffer.allocate(READ_BLOCK);
      direct[i] = ByteBuffer.allocateDirect(READ_BLOCK);
      for (int p = 0; p < READ_BLOCK; p += PAGE) { // first touch outside the measurement
        heap[i].put(p, (byte) 1);
        direct[i].put(p, (byte) 1);
      }
    }
    BenchFiles.pageCache(file, pages);
  }

  /** Reads the file so the page cache holds it while the iteration runs. */
  @Setup(Level.Iteration)
  public void warm() {
    BenchFiles.warm(file);
  }

  /**
   * Notes how the file is mapped now, and closes.
   *
   * @param params which benchmark this was
   * @throws IOException if closing fails
   */
  @TearDown(Level.Trial)
  public void close(BenchmarkParams params) throws IOException {
    pool.shutdownNow();
    channel.close();
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    BenchFiles.note(String.format(Locale.ROOT, "ReadBaselineBenchmark.%s %s threads=%d pages=%s"
        + " (explicit unmap: %s); page cache after the trial: %s", method, dataSize, threads, pages,
        INVOKE_CLEANER != null, BenchFiles.pageCacheStatus(file)));
  }

  /**
   * Maps every window and reads every 8-byte word.
   *
   * @param counter receives the bytes read
   * @return a fold of the words
   */
  @Benchmark
  public long mappedLongs(BytesCounter counter) {
    return run(Kind.MAPPED_LONGS, counter);
  }

  /**
   * Maps every window and copies it 4 KiB at a time into a reused array.
   *
   * @param counter receives the bytes read
   * @return a fold of one byte per copied block
   */
  @Benchmark
  public long mappedBulk(BytesCounter counter) {
    return run(Kind.MAPPED_BULK, counter);
  }

  /**
   * Maps every window and touches one word per 4 KiB page.
   *
   * @param counter receives the bytes mapped
   * @return a fold of the words
   */
  @Benchmark
  public long mappedPages(BytesCounter counter) {
    return run(Kind.MAPPED_PAGES, counter);
  }

  /**
   * Positioned reads into a reused 1 MiB heap buffer.
   *
   * @param counter receives the bytes read
   * @return the bytes read
   */
  @Benchmark
  public long readHeap(BytesCounter counter) {
    return run(Kind.READ_HEAP, counter);
  }

  /**
   * Positioned reads into a reused 1 MiB direct buffer.
   *
   * @param counter receives the bytes read
   * @return the bytes read
   */
  @Benchmark
  public long readDirect(BytesCounter counter) {
    return run(Kind.READ_DIRECT, counter);
  }

  private enum Kind { MAPPED_LONGS, MAPPED_BULK, MAPPED_PAGES, READ_HEAP, READ_DIRECT }

  private long run(Kind kind, BytesCounter counter) {
    AtomicLong next = new AtomicLong();
    List<Future<Long>> parts = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int index = t;
      parts.add(pool.submit(() -> work(kind, index, next)));
    }
    long acc = 0;
    try {
      for (Future<Long> f : parts) {
        acc ^= f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a reader failed: " + e.getCause(), e.getCause());
    }
    counter.bytes += size;
    return acc;
  }

  private long work(Kind kind, int thread, AtomicLong next) throws IOException {
    long windows = (size + WINDOW - 1) / WINDOW;
    long acc = 0;
    for (long w; (w = next.getAndIncrement()) < windows; ) {
      long start = w * WINDOW;
      int length = (int) Math.min(WINDOW, size - start);
      switch (kind) {
        case MAPPED_LONGS:
          acc ^= mapped(start, length, 8);
          break;
        case MAPPED_BULK:
          acc ^= mappedBulk(start, length, blocks[thread]);
          break;
        case MAPPED_PAGES:
          acc ^= mapped(start, length, PAGE);
          break;
        case READ_HEAP:
          acc ^= read(heap[thread], start, length);
          break;
        case READ_DIRECT:
          acc ^= read(direct[thread], start, length);
          break;
        default:
          throw new AssertionError(kind);
      }
    }
    return acc;
  }

  private long mapped(long start, int length, int stride) throws IOException {
    MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
    map.order(ByteOrder.nativeOrder());
    long acc = 0;
    int i = 0;
    for (; i + 8 <= length; i += stride) {
      acc ^= map.getLong(i);
    }
    for (; i < length; i++) {
      acc ^= map.get(i);
    }
    unmap(map);
    return acc;
  }

  private long mappedBulk(long start, int length, byte[] block) throws IOException {
    MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
    long acc = 0;
    for (int i = 0; i < length; i += PAGE) {
      int n = Math.min(PAGE, length - i);
      map.get(i, block, 0, n);
      acc += block[n - 1];
    }
    unmap(map);
    return acc;
  }

  private long read(ByteBuffer buf, long start, int length) throws IOException {
    long pos = start;
    long end = start + length;
    while (pos < end) {
      buf.clear().limit((int) Math.min(READ_BLOCK, end - pos));
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new IOException("file ended at " + pos + " of " + size + " bytes");
      }
      pos += n;
    }
    return pos;
  }

  private static void unmap(ByteBuffer map) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact(map);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)} bound to the instance, or null. */
  private static MethodHandle findCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("mapped windows are left to the garbage collector: " + e);
      return null;
    }
  }
}
