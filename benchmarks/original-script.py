#!/usr/bin/env python3
# "The original script" of the storage blog, as benchmarks/peers.sh times it: read FILE in 4 KiB
# blocks, SHA-256 each with hashlib, keep the hex digests in a dict, print "Dedupability N:1", the
# table's size in MB and the time. Kept short and plain on purpose; it is the baseline. (The blog's
# version never fed the block to the hash; this one does. blog_dedupe.py is the longer port with
# the percent mode.)
import hashlib, sys, time

start = time.time()
hashes = {}
blocks = 0
with open(sys.argv[1], "rb") as f:
    while True:
        chunk = f.read(4096)
        if not chunk:
            break
        s = hashlib.sha256()
        s.update(chunk)
        hashes[s.hexdigest()] = 1
        blocks += 1
print("Dedupability %.2f:1" % (blocks / len(hashes) if hashes else 0.0))
print("Hashtable size: %.2f MB" % (sys.getsizeof(hashes) / 1024.0 / 1024.0))
print("Time: %.2f s" % (time.time() - start))
