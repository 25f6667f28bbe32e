package org.dedup4j;

/**
 * How the scanner reads regular files.
 *
 * <p>{@link #READ} is the default because it is fast however the kernel caches the file: measured
 * on this project's 2-core VM, reading a mapped file ran 14-23 GB/s when the page cache held it in 2
 * MiB pages but only 1.7-2.8 GB/s in the usual 4 KiB pages (a page fault per 4 KiB), while
 * positioned reads into a reused buffer ran 6-8 GB/s either way. See {@code benchmarks/README.md}.
 */
public enum IoMode {
  /** Positioned reads into a reused buffer per thread. */
  READ,
  /** Memory-mapped windows; chunkers and hashers read the mapping directly. */
  MMAP
}
