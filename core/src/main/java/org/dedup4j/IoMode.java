package org.dedup4j;

/**
 * How the scanner reads regular files. The results are the same either way.
 *
 * <p>{@link #MMAP} is faster: chunkers and hashers read the page cache in place, where {@link
 * #READ} copies every byte into a heap buffer first (through the JDK's temporary direct buffer,
 * two copies). Measured whole scan on this project's 2-core VM (2026-12-03, {@code
 * benchmarks/README.md}, "Read path"): fixed 4 KiB + xxh3-128 over 2 GiB at 2.8-3.2 GB/s against
 * 1.9-2.2 (file in 2 MiB folios) and 1.3-1.4 against 1.15-1.2 (4 KiB pages); SHA-256 1.8 against
 * 1.3. A file whose mapping cannot be made (a file system without mmap) is read instead.
 *
 * <p>{@link #READ} stays the default because of how the JDK unmaps: a mapping is released by the
 * JDK's reference handler thread once the garbage collector finds the buffer unreachable, and if
 * that release itself runs out of heap the JDK ends the process with exit status 1 (its {@code
 * Cleaner} calls {@code System.exit(1)}). A scan that runs out of memory then dies instead of
 * reporting it (a quarter of the runs of {@code HardeningTest}'s out-of-memory case). Mapping by
 * default waits for unmapping that the scan controls.
 *
 * <pre>{@code
 * DedupScanner scanner = DedupScanner.builder().io(IoMode.READ).build();
 * }</pre>
 */
public enum IoMode {
  /** Positioned reads into a reused buffer per thread. */
  READ,
  /** Memory-mapped windows; chunkers and hashers read the mapping directly. */
  MMAP
}
