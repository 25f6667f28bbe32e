#!/usr/bin/env python3
"""Puts one file into the page cache in small (4 KiB) or large (up to 2 MiB) pages, or reports which.

Usage: pagecache.py {large|small|drop|status} FILE

Why: reading a memory-mapped file costs a page fault per mapped page. On this project's VM the
kernel (6.x, ext4 with large folios) keeps a file in the page cache either in 4 KiB pages or in large
folios of up to 2 MiB, which a mapping then maps with one PMD entry (one fault per 2 MiB). The
mapped read rate differs by about 10x between the two, so the benchmarks set the state on purpose:

  large   drop the file's cached pages, then read it sequentially in 8 MiB reads: readahead brings
          it back in large folios (a file written with large writes is in this state already).
  small   drop the file's cached pages, then read it with POSIX_FADV_RANDOM (readahead off) in
          1 MiB reads: the kernel allocates 4 KiB pages, as after small writes.
  drop    only drop the file's cached pages (posix_fadvise DONTNEED; dirty pages are synced first).
  status  map the file, touch one byte per 4 KiB page, print how much of the mapping the kernel
          mapped with 2 MiB PMD entries (FilePmdMapped in /proc/self/smaps) and the touch rate.

Only this one file is affected (posix_fadvise on its descriptor); nothing system-wide is dropped.
Dropping means the next read comes from disk, so "large"/"small" take seconds per GiB.
"""
import ctypes
import ctypes.util
import mmap
import os
import re
import sys
import time


def drop(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)  # DONTNEED skips dirty pages
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def read_all(path, advice, block):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, advice)
        size = os.fstat(fd).st_size
        for off in range(0, size, block):
            os.pread(fd, block, off)
    finally:
        os.close(fd)


def resident_share(m, size):
    """Share of the file's pages in the page cache, by mincore(2) on a fresh mapping."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        pages = (size + 4095) // 4096
        vec = (ctypes.c_ubyte * pages)()
        anchor = ctypes.c_char.from_buffer(m)  # needs a writable mapping
        addr = ctypes.c_void_p(ctypes.addressof(anchor))
    except (OSError, TypeError):
        return None
    if libc.mincore(addr, ctypes.c_size_t(size), vec) != 0:
        return None
    return 100.0 * sum(b & 1 for b in vec) / pages


def status(path):
    fd = os.open(path, os.O_RDONLY)
    size = os.fstat(fd).st_size
    if size == 0:
        os.close(fd)
        return "empty file"
    probe = mmap.mmap(fd, size, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ | mmap.PROT_WRITE)
    cached = resident_share(probe, size)
    probe.close()
    m = mmap.mmap(fd, size, prot=mmap.PROT_READ)
    view = memoryview(m)
    started = time.perf_counter()
    acc = 0
    for off in range(0, size, 4096):
        acc ^= view[off]
    seconds = time.perf_counter() - started
    fields = {}
    with open("/proc/self/smaps") as smaps:
        lines = smaps.read().splitlines()
    real = os.path.realpath(path)
    for i, line in enumerate(lines):
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line) and line.endswith(real):
            for entry in lines[i + 1:]:
                if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", entry):
                    break
                key, _, value = entry.partition(":")
                fields[key] = value.strip()
            break
    view.release()
    m.close()
    os.close(fd)
    rss = int(fields.get("Rss", "0 kB").split()[0])
    pmd = int(fields.get("FilePmdMapped", "0 kB").split()[0])
    share = 100.0 * pmd / rss if rss else 0.0
    return ("%s: %d MiB, %s cached before; %.0f%% mapped in 2 MiB pages (FilePmdMapped %d of "
            "Rss %d kB); first touch of every 4 KiB page: %.2f s (%.2f GB/s, includes disk reads "
            "for pages that were not cached)"
            % (path, size >> 20, "?" if cached is None else "%.0f%%" % cached, share, pmd, rss,
               seconds, size / seconds / 1e9))


def main(argv):
    if len(argv) != 3 or argv[1] not in ("large", "small", "drop", "status"):
        sys.stderr.write("usage: pagecache.py {large|small|drop|status} FILE\n")
        return 2
    mode, path = argv[1], argv[2]
    if not os.path.isfile(path):
        sys.stderr.write("pagecache.py: %s is not a regular file\n" % path)
        return 2
    if mode in ("large", "small", "drop"):
        drop(path)
    if mode == "large":
        read_all(path, os.POSIX_FADV_SEQUENTIAL, 8 << 20)
    elif mode == "small":
        read_all(path, os.POSIX_FADV_RANDOM, 1 << 20)
    if mode != "drop":
        print(status(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
