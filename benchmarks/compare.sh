#!/usr/bin/env bash
# Compares dedup4j with its peers on one file, in one go, each on a freshly warmed page cache.
#
# Usage: benchmarks/compare.sh FILE
#   (run from anywhere; paths are relative to the repository root)
#
# Runs, in this order, each right after `cat FILE > /dev/null` (the kernel here drops file pages that
# sit idle for about a minute, so every tool gets the same warm cache):
#   dedup4j-sha256    java -jar examples/target/dedup4j.jar scan --json --no-progress --hasher sha256 FILE
#   dedup4j-xxh3-128  the same with --hasher xxh3-128
#   sha256sum         sha256sum FILE                 (one thread, whole-file digest)
#   xxhsum-H3         xxhsum -H3 FILE                 (when installed)
#   b3sum             b3sum FILE                      (when installed; multi-threaded)
#   blog-python       python3 benchmarks/blog_dedupe.py FILE   (the blog's script, fixed)
# and prints: tool, wall-clock seconds (process start to exit, JVM start-up included), GB/s
# (10^9 bytes per second) and how many times dedup4j-sha256's rate is that tool's rate.
# A tool that is missing, or a dedup4j run that does not print a JSON report covering the whole
# file (jar not built, plugin missing), is listed as skipped with the reason.
#
# Environment: JAVA (default: java), DEDUP4J_JAR (default: examples/target/dedup4j.jar),
# COMPARE_TSV (also write the rows as tab-separated values to this file).
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 FILE   (a regular file; e.g. the one 'java -cp benchmarks/target/benchmarks.jar org.dedup4j.benchmarks.BenchFiles 2g' prints)" >&2
  exit 2
fi
FILE=$(readlink -f "$1")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${JAVA:-java}
JAR=${DEDUP4J_JAR:-$ROOT/examples/target/dedup4j.jar}
BYTES=$(stat -c %s "$FILE")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "# machine"
echo "cpus:   $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
  "($(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sha_ni|avx2|avx512f' | tr '\n' ' '))"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
echo "java:   $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
echo "python: $(python3 --version 2>&1)"
echo "file:   $FILE ($BYTES bytes)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; figures are noise if others are busy)"
echo

NAMES=(); SECS=(); NOTES=()

# run NAME COMMAND...: warms the file, times the command; its output goes to $WORK/NAME.out.
run() {
  local name=$1; shift
  cat "$FILE" > /dev/null
  local t0 t1 rc=0
  t0=$(date +%s%N)
  "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || rc=$?
  t1=$(date +%s%N)
  if [[ $rc -ne 0 ]]; then
    skip "$name" "exit $rc: $(head -c 300 "$WORK/$name.err" | tr '\n' ' ')"
    return 1
  fi
  NAMES+=("$name"); SECS+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"); NOTES+=("")
}
skip() { NAMES+=("$1"); SECS+=("-"); NOTES+=("skipped: $2"); }
note() { NOTES[${#NOTES[@]}-1]="$1"; }

# dedup4j: the report must be JSON whose "bytes" is the file's size; otherwise it did not really scan.
dedup4j() {
  local hasher=$1 name=dedup4j-$1
  if [[ ! -f "$JAR" ]]; then skip "$name" "no $JAR (build it: mvn -B -DskipTests package)"; return; fi
  run "$name" "$JAVA" -jar "$JAR" scan --json --no-progress --hasher "$hasher" "$FILE" || return 0
  local got
  got=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["bytes"], r.get("elapsedSeconds", ""), r.get("dedupeRatio", ""))' \
    "$WORK/$name.out" 2>/dev/null) || got=""
  if [[ -z "$got" || "${got%% *}" != "$BYTES" ]]; then
    SECS[${#SECS[@]}-1]="-"
    note "skipped: no JSON report covering the file: $(head -c 200 "$WORK/$name.out" | tr '\n' ' ')"
    return
  fi
  read -r _ elapsed ratio <<< "$got"
  note "own timer ${elapsed}s (no JVM start-up); dedupe ${ratio}"
}

dedup4j sha256
dedup4j xxh3-128
run sha256sum sha256sum "$FILE" || true
if command -v xxhsum > /dev/null; then run xxhsum-H3 xxhsum -H3 "$FILE" || true
else skip xxhsum-H3 "xxhsum not installed"; fi
if command -v b3sum > /dev/null; then if run b3sum b3sum "$FILE"; then note "multi-threaded"; fi
else skip b3sum "b3sum not installed"; fi
if run blog-python python3 "$ROOT/benchmarks/blog_dedupe.py" "$FILE"; then
  note "$(grep -E '^Dedupability' "$WORK/blog-python.out")"
fi

# The table.
ref=""
for i in "${!NAMES[@]}"; do
  if [[ ${NAMES[$i]} == dedup4j-sha256 && ${SECS[$i]} != - ]]; then ref=${SECS[$i]}; fi
done
printf '| %-17s | %8s | %7s | %-22s | %s |\n' tool seconds GB/s "dedup4j-sha256 / tool" note
printf '|%s|%s|%s|%s|%s|\n' "-------------------" "----------" "---------" "------------------------" "------"
if [[ -n ${COMPARE_TSV:-} ]]; then printf 'tool\tseconds\tgbps\tratio\tnote\n' > "$COMPARE_TSV"; fi
for i in "${!NAMES[@]}"; do
  s=${SECS[$i]}
  if [[ $s == - ]]; then gbps=-; ratio=-
  else
    gbps=$(awk -v b="$BYTES" -v s="$s" 'BEGIN {printf "%.2f", b / s / 1e9}')
    if [[ -n $ref ]]; then ratio=$(awk -v r="$ref" -v s="$s" 'BEGIN {printf "%.2fx", s / r}'); else ratio="n/a"; fi
  fi
  printf '| %-17s | %8s | %7s | %-22s | %s |\n' "${NAMES[$i]}" "$s" "$gbps" "$ratio" "${NOTES[$i]}"
  if [[ -n ${COMPARE_TSV:-} ]]; then
    printf '%s\t%s\t%s\t%s\t%s\n' "${NAMES[$i]}" "$s" "$gbps" "$ratio" "${NOTES[$i]}" >> "$COMPARE_TSV"
  fi
done
echo
echo "GB/s = file bytes / wall-clock seconds / 10^9. Ratio = dedup4j-sha256's rate / the tool's rate"
echo "(above 1: dedup4j is faster). sha256sum, xxhsum and b3sum compute one digest of the whole file;"
echo "dedup4j and the blog script hash every 4 KiB block and count unique ones."
