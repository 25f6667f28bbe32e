#!/usr/bin/env bash
# Two whole-process commands in alternating pairs (A B A B ...), each pair after reading FILE, and
# the median of the per-pair ratios B's time / A's time (above 1 = A faster).
#
# Usage: benchmarks/ab-pairs.sh [--pairs N] [--warm FILE] 'COMMAND A' 'COMMAND B'
#   Commands are bash -c strings; their output goes to /dev/null; a failing command stops the run.
#   Prints one line: median A s, median B s, median B/A, range, load before -> after.
set -euo pipefail
PAIRS=10
WARM=""
while [[ $# -gt 2 ]]; do
  case "$1" in
    --pairs) PAIRS=$2; shift 2 ;;
    --warm) WARM=$2; shift 2 ;;
    *) echo "unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $# -eq 2 ]] || { echo "usage: $0 [--pairs N] [--warm FILE] 'COMMAND A' 'COMMAND B'" >&2; exit 2; }

once() {
  local t0 t1
  t0=$(date +%s%N)
  bash -c "$1" > /dev/null 2> /tmp/ab-pairs.$$.err || { echo "failed: $1: $(head -c 300 /tmp/ab-pairs.$$.err)" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000))
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
as=(); bs=(); rs=()
for ((i = 0; i < PAIRS; i++)); do
  [[ -z "$WARM" ]] || cat "$WARM" > /dev/null
  a=$(once "$1"); b=$(once "$2")
  as+=("$a"); bs+=("$b"); rs+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f", b / a}')")
done
rm -f /tmp/ab-pairs.$$.err
med() { sort -g | awk '{x[NR] = $1} END {if (NR % 2) print x[(NR + 1) / 2]; else print (x[NR / 2] + x[NR / 2 + 1]) / 2}'; }
printf 'A %.3f s  B %.3f s  B/A median %.3f (range %s)  pairs %d  load %s -> %s\n' \
  "$(printf '%s\n' "${as[@]}" | med | awk '{print $1 / 1e6}')" "$(printf '%s\n' "${bs[@]}" | med | awk '{print $1 / 1e6}')" \
  "$(printf '%s\n' "${rs[@]}" | med)" "$(printf '%s\n' "${rs[@]}" | sort -g | sed -n '1p;$p' | paste -sd- )" \
  "$PAIRS" "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
