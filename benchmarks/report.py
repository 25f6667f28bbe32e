#!/usr/bin/env python3
"""Turns a results directory of run-all.sh into markdown tables and checks issue 2's targets.

Usage: report.py RESULTS_DIR      (prints markdown; run-all.sh saves it as summary.md)

Reads whatever is there (hashers.json, scan.json, scan-small.json, read.json, table.json, their
*-notes.txt, footprint.csv, compare.tsv, machine.txt); a missing piece shows as "pending".
All rates are GB/s = 10^9 bytes per second.
"""
import csv
import json
import os
import re
import sys

GB = 1e9


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.isfile(path):
        return []
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text) if text else []


def short(bench):
    return bench.rsplit(".", 2)[-2] + "." + bench.rsplit(".", 1)[-1]


def rate(entry):
    """(GB/s, error) of a JMH entry: the "bytes" secondary if present, else a score in ops/ns."""
    sec = entry.get("secondaryMetrics", {}).get("bytes")
    if sec:
        return sec["score"] / GB, _err(sec) / GB
    pm = entry["primaryMetric"]
    if pm["scoreUnit"] == "ops/ns":
        return pm["score"], _err(pm)
    raise ValueError("no byte rate in " + entry["benchmark"])


def _err(metric):
    try:
        e = float(metric.get("scoreError"))
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if e != e else e  # JMH writes "NaN" when there was one iteration


def fmt(value, err=None):
    if value is None:
        return "pending"
    if err:
        return "%.2f ± %.2f" % (value, err)
    return "%.2f" % value


def find(entries, bench, **params):
    for e in entries:
        if not e["benchmark"].endswith(bench):
            continue
        p = e.get("params", {})
        if all(str(p.get(k)) == str(v) for k, v in params.items()):
            return e
    return None


def rate_of(entries, bench, **params):
    e = find(entries, bench, **params)
    return rate(e) if e else (None, None)


def notes(results, name):
    path = os.path.join(results, name + "-notes.txt")
    if not os.path.isfile(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n") for line in f]


def main(results):
    out = []
    p = out.append
    smoke = os.path.exists(os.path.join(results, "SMOKE"))
    p("## Results" + (" — SMOKE RUN, noisy machine, to be re-measured" if smoke else ""))
    p("")
    machine = os.path.join(results, "machine.txt")
    if os.path.isfile(machine):
        with open(machine) as f:
            for line in f:
                p("    " + line.rstrip())
        p("")
    if smoke:
        p("_Smoke run: one 1-second iteration per benchmark, a small file, other builds running on the"
          " same two cores. These figures check that the harness works; they are not measurements._")
        p("")

    hashers = load(results, "hashers")
    scan = load(results, "scan")
    scan_small = load(results, "scan-small")
    read = load(results, "read")
    table = load(results, "table")

    # Hashers
    p("### Hashers, single thread (GB/s)")
    p("")
    p("| hasher | 4 KiB heap | 4 KiB direct | 64 KiB heap | 64 KiB direct |")
    p("|---|---|---|---|---|")
    specs = []
    for e in hashers:
        if e["benchmark"].endswith("HasherBenchmark.digest"):
            h = e["params"]["hasher"]
            if h not in specs:
                specs.append(h)
    for h in ["sha256", "sha1", "md5", "xxh64", "xxh3-64", "xxh3-128"] + [
            s for s in specs if s not in ("sha256", "sha1", "md5", "xxh64", "xxh3-64", "xxh3-128")]:
        cells = []
        for size in ("4096", "65536"):
            for buf in ("heap", "direct"):
                v, err = rate_of(hashers, "HasherBenchmark.digest", hasher=h, size=size, buffer=buf)
                cells.append(fmt(v, err) if v is not None else "pending")
        p("| %s | %s |" % (h, " | ".join(cells)))
    p("")
    p("| SHA-256 reference, single thread | 4 KiB | 64 KiB |")
    p("|---|---|---|")
    for m, label in (("jdkMessageDigest", "JDK MessageDigest, one reused instance"),
                     ("guavaHashing", "Guava Hashing.sha256()"),
                     ("dedup4jSha256", "dedup4j sha256 digester (heap)")):
        cells = [fmt(*rate_of(hashers, "Sha256BaselineBenchmark." + m, size=s)) for s in ("4096", "65536")]
        p("| %s | %s |" % (label, " | ".join(cells)))
    p("")

    # Scan
    p("### End-to-end scan, fixed 4 KiB (GB/s)")
    p("")
    p("| hasher | io | page cache | 1 thread | 2 threads | 2 / 1 |")
    p("|---|---|---|---|---|---|")
    rows = []
    for entries in (scan, scan_small):
        for e in entries:
            q = e["params"]
            key = (q["hasher"], q["io"], q["pages"], q["dataSize"])
            if key not in rows:
                rows.append(key)
    for h, io, pages, size in rows:
        src = scan_small if pages == "small" else scan
        one = rate_of(src, "ScanBenchmark.scan", hasher=h, io=io, pages=pages, threads=1)
        two = rate_of(src, "ScanBenchmark.scan", hasher=h, io=io, pages=pages, threads=2)
        ratio = "%.2f" % (two[0] / one[0]) if one[0] and two[0] else "-"
        p("| %s | %s | %s (%s file) | %s | %s | %s |"
          % (h, io, pages, size, fmt(*one) if one[0] else "-", fmt(*two) if two[0] else "-", ratio))
    if not rows:
        p("| pending | | | | | |")
    p("")

    # Read baseline
    p("### Merely reading the file (GB/s)")
    p("")
    p("| how | page cache | 1 thread | 2 threads |")
    p("|---|---|---|---|")
    methods = (("mappedLongs", "mapped 32 MiB windows, every 8-byte word read (getLong)"),
               ("mappedBulk", "mapped 32 MiB windows, copied 4 KiB at a time into an array"),
               ("mappedPages", "mapped, one word per 4 KiB page (faults only)"),
               ("readHeap", "FileChannel.read, 1 MiB heap buffer"),
               ("readDirect", "FileChannel.read, 1 MiB direct buffer"))
    for m, label in methods:
        for pages in ("large", "small", "asis"):
            one = rate_of(read, "ReadBaselineBenchmark." + m, pages=pages, threads=1)
            two = rate_of(read, "ReadBaselineBenchmark." + m, pages=pages, threads=2)
            if one[0] is None and two[0] is None:
                continue
            p("| %s | %s | %s | %s |" % (label, pages, fmt(*one), fmt(*two)))
    if not read:
        p("| pending | | | |")
    states = [n for n in notes(results, "read") if "mappedLongs" in n and "threads=2" in n]
    if states:
        p("")
        p("How the kernel held the file (pagecache.py status after each mappedLongs trial):")
        p("")
        for n in states:
            m = re.search(r"pages=(\w+).*?(\d+)% mapped in 2 MiB pages", n)
            if m:
                p("- pages=%s: %s%% of the file mapped with 2 MiB entries" % (m.group(1), m.group(2)))
    p("")

    # Table
    p("### Fingerprint table")
    p("")
    p("| unique keys | addUnique (adds/s, new table each time) | addExisting (adds/s) | bytes per unique entry |")
    p("|---|---|---|---|")
    table_notes = notes(results, "table")
    for n in ("1000000", "10000000"):
        e = find(table, "TableBenchmark.addUnique", unique=n)
        uniq = "%.2f M" % (e["secondaryMetrics"]["adds"]["score"] / 1e6) if e else "pending"
        e = find(table, "TableBenchmark.addExisting", unique=n)
        ex = "%.2f M" % (e["primaryMetric"]["score"] / 1e6) if e else "pending"
        bpu = "pending"
        for line in table_notes:
            m = re.search(r"unique=%s: .*?([\d.]+) bytes per unique" % n, line)
            if m:
                bpu = m.group(1)
        p("| %s | %s | %s | %s |" % (n, uniq, ex, bpu))
    p("")
    footprint = os.path.join(results, "footprint.csv")
    sweep = []
    if os.path.isfile(footprint):
        with open(footprint) as f:
            for row in csv.reader(line for line in f if not line.startswith("#")):
                if row and row[0].isdigit():
                    sweep.append((int(row[0]), int(row[1]), float(row[2])))
    if sweep:
        lo = min(sweep, key=lambda r: r[2])
        hi = max(sweep, key=lambda r: r[2])
        over = sum(1 for r in sweep if r[2] > 24)
        p("Footprint sweep (%d sizes from %d to %d unique entries): %.1f to %.1f bytes per unique "
          "entry; above 24 bytes at %d of the %d sizes (footprint.csv)."
          % (len(sweep), sweep[0][0], sweep[-1][0], lo[2], hi[2], over, len(sweep)))
        p("")

    # Compare
    compare = os.path.join(results, "compare.tsv")
    rows = []
    if os.path.isfile(compare):
        with open(compare) as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        p("### Same file, same run: dedup4j and its peers (compare.sh, wall clock)")
        p("")
        p("| tool | seconds | GB/s | dedup4j-sha256 / tool | note |")
        p("|---|---|---|---|---|")
        for r in rows:
            p("| %s | %s | %s | %s | %s |" % (r["tool"], r["seconds"], r["gbps"], r["ratio"], r["note"]))
        p("")

    # Targets
    p("### Issue 2's targets")
    p("")
    p("| target | measured | needed | verdict |")
    p("|---|---|---|---|")

    def verdict(value, need):
        if value is None:
            return "pending"
        if smoke:
            return "%s target (smoke run: no verdict)" % ("above" if value >= need else "below")
        if value >= need:
            return "met"
        return "missed by %.0f%%" % (100 * (1 - value / need))

    jdk = rate_of(hashers, "Sha256BaselineBenchmark.jdkMessageDigest", size="4096")[0]
    for io in ("READ", "MMAP"):
        s2 = rate_of(scan, "ScanBenchmark.scan", hasher="sha256", io=io, pages="asis", threads=2)[0]
        x = s2 / jdk if s2 and jdk else None
        p("| sha256, 2 threads, io=%s: scan rate / single-thread JDK SHA-256 at 4 KiB | %s | >= 1.8x | %s |"
          % (io, "%.2fx (%.2f / %.2f GB/s)" % (x, s2, jdk) if x else "pending", verdict(x, 1.8)))
    blog = next((r for r in rows if r["tool"] == "blog-python" and r["gbps"] != "-"), None)
    ours = next((r for r in rows if r["tool"] == "dedup4j-sha256" and r["gbps"] != "-"), None)
    if blog and ours:
        x = float(ours["gbps"]) / float(blog["gbps"])
        p("| sha256 scan vs the blog's script, same file, wall clock (compare.sh) | %.1fx (%s / %s GB/s) | >= 10x | %s |"
          % (x, ours["gbps"], blog["gbps"], verdict(x, 10)))
    else:
        p("| sha256 scan vs the blog's script, same file, wall clock (compare.sh) | pending | >= 10x | pending |")
    s2 = rate_of(scan, "ScanBenchmark.scan", hasher="sha256", io="READ", pages="asis", threads=2)[0]
    if blog and s2:
        x = s2 / float(blog["gbps"])
        p("| sha256 JMH scan (2 threads, READ) vs the blog's script (compare.sh) | %.1fx | >= 10x | %s |"
          % (x, verdict(x, 10)))
    for io in ("MMAP", "READ"):
        for pages, src, readpages in (("asis", scan, "large"), ("small", scan_small, "small")):
            x3 = rate_of(src, "ScanBenchmark.scan", hasher="xxh3-128", io=io, pages=pages, threads=2)[0]
            # The denominator: the faster of the two ways to read every byte of the mapping.
            rd = max([r for r in (
                rate_of(read, "ReadBaselineBenchmark.mappedLongs", pages=readpages, threads=2)[0],
                rate_of(read, "ReadBaselineBenchmark.mappedBulk", pages=readpages, threads=2)[0])
                if r is not None] or [None])
            x = x3 / rd if x3 and rd else None
            p("| xxh3-128, 2 threads, io=%s, page cache %s: scan / fastest 2-thread mapped read (%s pages) | %s | >= 70%% | %s |"
              % (io, pages, readpages,
                 "%.0f%% (%.2f / %.2f GB/s)" % (100 * x, x3, rd) if x else "pending",
                 verdict(x, 0.7)))
    scan_notes = notes(results, "scan")
    for line in scan_notes[:1]:
        m = re.search(r"unique=(\d+) .*?\(([\d.]+) bytes per unique chunk\)", line)
        if m:
            v = float(m.group(2))
            p("| table bytes per unique chunk, scan of the data file (%s unique; memory is not noisy) | %.1f | <= 24 | %s |"
              % (m.group(1), v, "met" if v <= 24 else "missed by %.0f%%" % (100 * (v / 24 - 1))))
    for n in ("1000000", "10000000"):
        for line in table_notes:
            m = re.search(r"addUnique unique=%s: .*?([\d.]+) bytes per unique" % n, line)
            if m:
                v = float(m.group(1))
                p("| table bytes per unique entry, %s unique | %.1f | <= 24 | %s |"
                  % (n, v, "met" if v <= 24 else "missed by %.0f%%" % (100 * (v / 24 - 1))))
    p("")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.stderr.write("usage: report.py RESULTS_DIR\n")
        sys.exit(2)
    main(sys.argv[1])
