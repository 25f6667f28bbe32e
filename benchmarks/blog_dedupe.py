#!/usr/bin/env python3
"""The storage blog's dedupe estimator, ported to Python 3, with its bug fixed.

Usage: blog_dedupe.py FILE [PERCENT] [--seed N]

Reads FILE in 4 KiB blocks (or a random PERCENT of them), SHA-256s each block with hashlib, counts
the unique hex digests in a dict and prints the blog's lines: file blocks, evaluated blocks, total
unique, "Dedupability N:1", the dict's size in MB (sys.getsizeof, as the original measured it: the
dict alone, not its keys) and the time.

Provenance: we could not retrieve the original script, so this is written from the project's
description of it (../shared/DESIGN.md and issue 2: 4 KiB blocks or a random percent of them,
SHA-256 per block, unique hex digests in a hash table, "Dedupability N:1", table size in MB, time;
~7.5 s for 512 MiB). It keeps that shape on purpose -- one hashlib object and one hex string per
block, a dict of strings -- because it is the baseline dedup4j is compared against
(benchmarks/compare.sh). The one deliberate change: the original created the hash object and took
its digest without ever feeding it the block, so every block got the digest of the empty string
and any file came out as N:1. The `s.update(chunk)` line below puts that back.

The last line ("incl. keys") is an addition, not in the original: sys.getsizeof of a dict does not
count the digest strings it holds, which is most of the memory.
"""
import hashlib
import os
import random
import sys
import time

BLOCK_SIZE = 4096


def main(argv):
    args = [a for a in argv[1:]]
    seed = None
    if "--seed" in args:
        i = args.index("--seed")
        if i + 1 >= len(args):
            sys.stderr.write("--seed needs a number\n")
            return 2
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) not in (1, 2):
        sys.stderr.write("usage: blog_dedupe.py FILE [PERCENT] [--seed N]\n")
        return 2
    path = args[0]
    percent = float(args[1]) if len(args) == 2 else 100.0
    if not 0 < percent <= 100:
        sys.stderr.write("percent %s is out of range; allowed more than 0 up to 100\n" % percent)
        return 2

    start = time.time()
    size = os.path.getsize(path)
    file_blocks = (size + BLOCK_SIZE - 1) // BLOCK_SIZE
    hashes = {}
    evaluated = 0
    with open(path, "rb") as f:
        if percent >= 100:
            while True:
                chunk = f.read(BLOCK_SIZE)
                if not chunk:
                    break
                s = hashlib.sha256()
                s.update(chunk)  # the line the original forgot
                h = s.hexdigest()
                hashes[h] = hashes.get(h, 0) + 1
                evaluated += 1
        else:
            rng = random.Random(seed)
            picks = rng.sample(range(file_blocks), int(file_blocks * percent / 100))
            for block in picks:
                f.seek(block * BLOCK_SIZE)
                chunk = f.read(BLOCK_SIZE)
                s = hashlib.sha256()
                s.update(chunk)  # the line the original forgot
                h = s.hexdigest()
                hashes[h] = hashes.get(h, 0) + 1
                evaluated += 1
    elapsed = time.time() - start

    unique = len(hashes)
    print("File blocks: %d" % file_blocks)
    print("Evaluated blocks: %d" % evaluated)
    print("Total unique: %d" % unique)
    print("Dedupability %.2f:1" % (evaluated / unique if unique else 0.0))
    print("Hashtable size: %.2f MB" % (sys.getsizeof(hashes) / 1024.0 / 1024.0))
    print("Time: %.2f s" % elapsed)
    deep = sys.getsizeof(hashes) + sum(sys.getsizeof(k) for k in hashes)
    print("Hashtable size incl. keys: %.2f MB (%.0f bytes per unique block; not in the original)"
          % (deep / 1024.0 / 1024.0, deep / unique if unique else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
