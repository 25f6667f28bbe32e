#!/usr/bin/env python3
"""--max-rate benchmark (issue 13): a scan capped at RATE, its read rate over every 1-second window.

Usage: benchmarks/max-rate.py [--rate 100M] [--file F] [--io read] [-- extra scan args]

Runs `dedup4j scan --max-rate RATE --io read F` (DEDUP4J, default examples/target/dedup4j), samples
the process's bytes read (rchar in /proc/PID/io: every read call, page cache or not) every 50 ms,
and prints the wall time, the mean rate, and the lowest and highest rate over any 1-second window
from the first read to the last, as a share of the cap. Under --io mmap the kernel's page faults
do not count as rchar, so the benchmark reads.

Target (issue 13): 2 GiB at 100M takes 20-22 s, every 1-second window within 10% of the cap.
"""
import argparse
import os
import shlex
import subprocess
import sys
import time

UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def size(text):
    t = text.strip().lower().removesuffix("ib").removesuffix("b")
    return int(float(t[:-1]) * UNITS[t[-1]]) if t and t[-1] in UNITS else int(t)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rate", default="100M")
    p.add_argument("--file", default="/tmp/dedup4j-bench/random-2g.bin")
    p.add_argument("--io", default="read")
    p.add_argument("extra", nargs="*")
    a = p.parse_args()
    rate = size(a.rate)
    cmd = shlex.split(os.environ.get("DEDUP4J", "examples/target/dedup4j")) + [
        "scan", "--no-progress", "--io", a.io, "--max-rate", a.rate, *a.extra, a.file]
    with open(a.file, "rb") as f:  # warm
        while f.read(1 << 24):
            pass
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    samples = []  # (t, rchar) of the JVM (the launcher execs it: same pid)
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/io") as io:
                rchar = int(next(l for l in io if l.startswith("rchar:")).split()[1])
            samples.append((time.monotonic(), rchar))
        except (OSError, StopIteration):
            pass
        time.sleep(0.05)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        sys.exit(f"scan failed with exit {proc.returncode}: {shlex.join(cmd)}")
    # The scan's reads: from the first sample past the JVM's own start-up reads (jar, classes)
    # to the last sample that still grew.
    base = samples[0][1]
    start = next(i for i, s in enumerate(samples) if s[1] - base > (8 << 20))
    end = max(i for i, s in enumerate(samples) if s[1] < samples[-1][1]) + 1
    scan = samples[max(0, start - 1):end + 1]
    rates = []
    j = 0
    for i in range(len(scan)):
        while j < len(scan) and scan[j][0] - scan[i][0] < 1.0:
            j += 1
        if j == len(scan):
            break
        rates.append((scan[j][1] - scan[i][1]) / (scan[j][0] - scan[i][0]))
    total = scan[-1][1] - scan[0][1]
    span = scan[-1][0] - scan[0][0]
    load = open("/proc/loadavg").read().split()[:3]
    print(f"command: {shlex.join(cmd)}")
    print(f"wall {wall:.2f} s; read {total / (1 << 20):.0f} MiB in {span:.2f} s, mean "
          f"{total / span / rate:.3f} of the cap; 1-second windows: {len(rates)}, lowest "
          f"{min(rates) / rate:.3f}, highest {max(rates) / rate:.3f} of the cap; load {' '.join(load)}")


if __name__ == "__main__":
    main()
