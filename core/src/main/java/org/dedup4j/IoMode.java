package org.dedup4j;

/**
 * How the scanner reads regular files. The results are the same in every mode.
 *
 * <p>{@link #AUTO}, the default, maps files when every chunker of the scan is fixed-size and the
 * scan can release each mapping itself (JDK 22 and later), and reads them otherwise. Measured whole
 * process on this project's 2-core VM (2026-12-03, {@code benchmarks/README.md}, "Read path"): fixed
 * 4 KiB + SHA-256 over 2 GiB took 0.91x the time mapped (JDK 17 and 25); fastcdc2020 + xxh3-128
 * took 0.99-1.07x, because the content-defined kernels run slower on a mapped buffer than on a heap
 * array, which is what reading fills.
 *
 * <p>{@link #MMAP}: chunkers and hashers read the page cache in place, where {@link #READ} copies
 * every byte into a heap buffer first (through the JDK's temporary direct buffer, two copies). A
 * file whose mapping cannot be made (a file system without mmap) is read instead.
 *
 * <p>Releasing a mapping: on JDK 22 and later each window is mapped into a confined arena that the
 * scan closes when done with it. On JDK 17-21 the garbage collector releases mappings, and a scan
 * that runs out of heap under {@link #MMAP} may then end with exit status 1 and no message (the
 * JDK's {@code Cleaner} calls {@code System.exit(1)} when a release runs out of memory; 1 to 3 runs
 * in 20 of {@code HardeningTest}'s case). So {@link #AUTO} reads there.
 *
 * <pre>{@code
 * DedupScanner scanner = DedupScanner.builder().io(IoMode.READ).build();
 * }</pre>
 */
public enum IoMode {
  /** Mapped where that is faster and safe (see above), else read. The report names the mode used. */
  AUTO,
  /** Positioned reads into a reused buffer per thread. */
  READ,
  /** Memory-mapped windows; chunkers and hashers read the mapping directly. */
  MMAP
}
