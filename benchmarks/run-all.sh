#!/usr/bin/env bash
# Regenerates the whole benchmark table of benchmarks/README.md, on a quiet machine.
#
#   benchmarks/run-all.sh                 # everything, ~15-20 minutes, results in benchmarks/results/
#   benchmarks/run-all.sh scan report     # only some steps (each step runs alone too)
#   SMOKE=1 benchmarks/run-all.sh         # checks the harness in ~5 minutes: one short iteration each,
#                                         # a 256 MiB file, results in benchmarks/results/smoke/ (noise)
#
# Steps, in order: build data machine hashers scan read table footprint compare report
#   build      mvn -B -q -DskipTests -pl benchmarks,examples -am package (never install)
#   data       generates the data file once (BenchFiles: random 4 KiB blocks, 1/4 repeats)
#   machine    records CPU, memory, kernel, JDK and load in machine.txt
#   hashers    HasherBenchmark + Sha256BaselineBenchmark          -> hashers.json
#   scan       ScanBenchmark on the data file, and again with the file
#              in 4 KiB pages for 2 threads                        -> scan.json, scan-small.json
#   read       ReadBaselineBenchmark (mapped / positioned reads)   -> read.json
#   table      TableBenchmark (1M and 10M unique keys)             -> table.json
#   footprint  TableFootprint (bytes per unique entry by size)    -> footprint.csv
#   compare    compare.sh on the data file                         -> compare.txt, compare.tsv
#   report     report.py: the markdown tables and the targets      -> summary.md (also printed)
#
# Environment:
#   SIZE       data file size (default 2g: issue 2 states its targets on a warm 2 GiB file)
#   RESULTS    results directory (default benchmarks/results, or benchmarks/results/smoke)
#   DATA_DIR   where the data file lives (default /tmp/dedup4j-bench)
#   JAVA       java to run JMH and the CLI with (default: java; e.g. JDK 25:
#              JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java RESULTS=benchmarks/results/jdk25 ...)
#   JMH_EXTRA  extra JMH arguments for every JMH step (e.g. "-p threads=2")
#
# Nothing else should run on the machine meanwhile: with two cores, a concurrent build halves the
# figures. JMH refuses to start while another JMH run holds /tmp/jmh.lock.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SMOKE=${SMOKE:-}
if [[ -n $SMOKE ]]; then
  SIZE=${SIZE:-256m}
  RESULTS=${RESULTS:-benchmarks/results/smoke}
else
  SIZE=${SIZE:-2g}
  RESULTS=${RESULTS:-benchmarks/results}
fi
DATA_DIR=${DATA_DIR:-/tmp/dedup4j-bench}
JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
JMH_EXTRA=${JMH_EXTRA:-}
mkdir -p "$RESULTS"

# JMH settings per step: full run, or one short iteration for a smoke run.
settings() { # settings FULL...
  if [[ -n $SMOKE ]]; then echo "-f 1 -wi 1 -i 1 -w 1s -r 1s"; else echo "$*"; fi
}

data_file() {
  "$JAVA" -Ddedup4j.bench.dir="$DATA_DIR" -cp "$JAR" org.dedup4j.benchmarks.BenchFiles "$SIZE"
}

# jmh NAME REGEX SETTINGS [ARGS...]: one JMH run, JSON to $RESULTS/NAME.json, log to NAME.txt,
# benchmark notes (table bytes, page-cache state) to NAME-notes.txt.
jmh() {
  local name=$1 regex=$2 opts=$3; shift 3
  rm -f "$RESULTS/$name-notes.txt"
  echo "== $name: $regex $opts $* $JMH_EXTRA"
  # shellcheck disable=SC2086 # $opts and $JMH_EXTRA are word lists on purpose
  "$JAVA" -Ddedup4j.bench.dir="$DATA_DIR" -Ddedup4j.bench.notes="$RESULTS/$name-notes.txt" \
    -jar "$JAR" "$regex" $opts "$@" $JMH_EXTRA -rf json -rff "$RESULTS/$name.json" \
    | tee "$RESULTS/$name.txt" | grep -E '^(# Parameters|Benchmark |[A-Z][A-Za-z0-9]*Benchmark\.)' || true
  if [[ ! -s "$RESULTS/$name.json" ]]; then
    echo "JMH wrote no results for $name; see $RESULTS/$name.txt" >&2
    return 1
  fi
}

step_build() {
  echo "== build"
  mvn -B -q -DskipTests -pl benchmarks,examples -am package
}

step_data() {
  echo "== data: $(data_file)"
}

step_machine() {
  {
    echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
      "($(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sha_ni|avx2|avx512f' | tr '\n' ' '| sed 's/ $//'))"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "kernel: $(uname -r)"
    echo "java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "jar: $("$JAVA" -cp "$JAR" org.dedup4j.benchmarks.BuildInfo)"
    echo "data: $SIZE; run: $(date -u +%Y-%m-%dT%H:%MZ)${SMOKE:+; SMOKE RUN}"
    echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$RESULTS/machine.txt"
  if [[ -n $SMOKE ]]; then touch "$RESULTS/SMOKE"; else rm -f "$RESULTS/SMOKE"; fi
}

step_hashers() {
  jmh hashers 'HasherBenchmark|Sha256BaselineBenchmark' "$(settings -f 1 -wi 2 -i 3 -w 1s -r 1s)"
}

step_scan() {
  data_file > /dev/null
  jmh scan 'ScanBenchmark' "$(settings -f 1 -wi 3 -i 5 -w 2s -r 3s)" -p dataSize="$SIZE"
  # The same with the file in 4 KiB pages (as after cp or small writes), 2 threads.
  jmh scan-small 'ScanBenchmark' "$(settings -f 1 -wi 3 -i 5 -w 2s -r 3s)" -p dataSize="$SIZE" \
    -p pages=small -p threads=2
}

step_read() {
  data_file > /dev/null
  jmh read 'ReadBaselineBenchmark' "$(settings -f 1 -wi 2 -i 3 -w 1s -r 2s)" -p dataSize="$SIZE"
}

step_table() {
  jmh table 'TableBenchmark' "$(settings -f 1 -wi 2 -i 3 -w 2s -r 3s)"
}

step_footprint() {
  echo "== footprint"
  "$JAVA" -cp "$JAR" org.dedup4j.benchmarks.TableFootprint > "$RESULTS/footprint.csv"
  tail -n +3 "$RESULTS/footprint.csv" | awk -F, '{print $3}' | sort -n | sed -n '1p;$p' \
    | paste -sd' ' | awk '{print "bytes per unique entry range over the sweep: " $1 " .. " $2}'
}

step_compare() {
  echo "== compare"
  JAVA=$JAVA COMPARE_TSV="$RESULTS/compare.tsv" benchmarks/compare.sh "$(data_file)" \
    | tee "$RESULTS/compare.txt"
}

step_report() {
  echo "== report"
  python3 benchmarks/report.py "$RESULTS" | tee "$RESULTS/summary.md"
}

ALL=(build data machine hashers scan read table footprint compare report)
STEPS=("$@")
if [[ ${#STEPS[@]} -eq 0 ]]; then STEPS=("${ALL[@]}"); fi
for s in "${STEPS[@]}"; do
  if ! declare -F "step_$s" > /dev/null; then
    echo "unknown step '$s'; steps: ${ALL[*]}" >&2
    exit 2
  fi
done
started=$(date +%s)
for s in "${STEPS[@]}"; do
  "step_$s"
done
echo "== done in $(( $(date +%s) - started )) s; results in $RESULTS"
