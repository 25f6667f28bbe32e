#!/usr/bin/env bash
# The compressibility estimate against the exact pass, and its speed (issue 4's targets).
#
#   benchmarks/compression-accuracy.sh            # build data accuracy speed scan (~10-20 minutes)
#   benchmarks/compression-accuracy.sh accuracy   # only some steps: build data accuracy speed scan
#
# Data sets (in $DATA_DIR, default /tmp/dedup4j-compress; generated once, reused):
#   text   CompressionFiles text: text-like words, $TEXT_SIZE (default 1g)
#   mix    CompressionFiles mix: random and all-zero regions of 64 KiB..8 MiB, $MIX_SIZE (default 1g)
#   real   an uncompressed tar of $REAL_TREE (default /usr: binaries, libraries, JDKs, docs), at
#          least 1 GiB; also the speed test's file, which must be at least 4 GiB (the tar is
#          repeated until it is)
#
# accuracy: for each data set, `dedup4j compress --compress-sample all` (exact) and the default
#   auto sample with seeds 0..$SEEDS-1, for each of $SPECS; prints per set and spec the exact
#   stored fraction, the worst sampled error (absolute, on the stored fraction), how many of the
#   intervals held the exact value, units compressed and bytes read. -> $RESULTS/accuracy.tsv
# speed: on the real file (>= 4 GiB, warmed with cat first), wall-clock time of the auto estimate
#   vs the exact pass, same spec. -> $RESULTS/speed.tsv
# scan: `dedup4j scan --compress $SCAN_SPEC` on the real file with the default sample of unique
#   chunks and with all of them: stored fraction, dedupe and data reduction ratios. -> scan.tsv
#
# Environment: DATA_DIR, RESULTS (default $DATA_DIR/results, outside the repository: short runs on
# a busy machine are not results to commit), JAVA (default java),
# SPECS (space-separated, default "lz4:unit=32k zstd:level=3,unit=32k lz4:unit=4k,grain=512"),
# SPEED_SPEC (default zstd:level=3,unit=32k), SCAN_SPEC (default zstd:level=3,unit=chunk),
# SEEDS (default 5), TEXT_SIZE, MIX_SIZE, REAL_TREE.
# Run on a quiet machine for speed figures: with two cores one concurrent build halves them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DATA_DIR=${DATA_DIR:-/tmp/dedup4j-compress}
RESULTS=${RESULTS:-$DATA_DIR/results}
JAVA=${JAVA:-java}
SPECS=${SPECS:-"lz4:unit=32k zstd:level=3,unit=32k lz4:unit=4k,grain=512"}
SPEED_SPEC=${SPEED_SPEC:-zstd:level=3,unit=32k}
SCAN_SPEC=${SCAN_SPEC:-zstd:level=3,unit=chunk}
SEEDS=${SEEDS:-5}
TEXT_SIZE=${TEXT_SIZE:-1g}
MIX_SIZE=${MIX_SIZE:-1g}
REAL_TREE=${REAL_TREE:-/usr}
CLI=examples/target/dedup4j.jar
BENCH=benchmarks/target/benchmarks.jar
mkdir -p "$RESULTS" "$DATA_DIR"

dedup4j() { "$JAVA" -jar "$CLI" "$@"; }

step_build() {
  echo "== build"
  mvn -B -q -DskipTests -pl benchmarks,examples -am package   # never install
}

real_file() { echo "$DATA_DIR/real.tar"; }

step_data() {
  echo "== data"
  "$JAVA" -cp "$BENCH" org.dedup4j.benchmarks.CompressionFiles text "$TEXT_SIZE" "$DATA_DIR" \
    > "$DATA_DIR/text.path"
  "$JAVA" -cp "$BENCH" org.dedup4j.benchmarks.CompressionFiles mix "$MIX_SIZE" "$DATA_DIR" \
    > "$DATA_DIR/mix.path"
  local real; real=$(real_file)
  if [[ ! -s $real ]]; then
    echo "   tar of $REAL_TREE -> $real"
    tar --format=gnu --ignore-failed-read --warning=none -cf "$real.tmp" -C / \
      "${REAL_TREE#/}" 2>/dev/null || true
    local base; base=$(stat -c %s "$real.tmp")
    # the speed test wants at least 4 GiB: repeat the tar until it is (compression does not care)
    while (( $(stat -c %s "$real.tmp") < 4 * 1024 * 1024 * 1024 )); do
      head -c "$base" "$real.tmp" >> "$real.tmp"
    done
    mv "$real.tmp" "$real"
  fi
  echo "$real" > "$DATA_DIR/real.path"
  for s in text mix real; do
    printf '   %-5s %s (%s bytes)\n' "$s" "$(cat "$DATA_DIR/$s.path")" \
      "$(stat -c %s "$(cat "$DATA_DIR/$s.path")")"
  done
}

# json FILE EXPR: evaluates a python expression over the parsed JSON report `r`.
json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

step_accuracy() {
  echo "== accuracy (load at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  local out="$RESULTS/accuracy.tsv"
  printf 'set\tspec\ttotal_units\texact_F\texact_ratio\tsampled_units\tworst_abs_err_F\tcovered\tmean_half_width\tread_MiB_per_run\n' > "$out"
  local args=()
  for spec in $SPECS; do args+=(--compress "$spec"); done
  for s in text mix real; do
    local f; f=$(cat "$DATA_DIR/$s.path")
    cat "$f" > /dev/null
    dedup4j compress --json --compress-sample all "${args[@]}" "$f" > "$RESULTS/$s-exact.json"
    for ((seed = 0; seed < SEEDS; seed++)); do
      dedup4j compress --json --seed "$seed" "${args[@]}" "$f" > "$RESULTS/$s-seed$seed.json"
    done
    python3 - "$RESULTS" "$s" "$SEEDS" >> "$out" <<'EOF'
import json, sys
res, s, seeds = sys.argv[1], sys.argv[2], int(sys.argv[3])
exact = json.load(open(f"{res}/{s}-exact.json"))
runs = [json.load(open(f"{res}/{s}-seed{k}.json")) for k in range(seeds)]
for i, x in enumerate(exact["compression"]):
    F = x["storedFraction"]
    errs, covered, hw, units = [], 0, [], []
    for r in runs:
        e = r["compression"][i]
        errs.append(abs(e["storedFraction"] - F))
        covered += e["storedFractionLow"] <= F <= e["storedFractionHigh"]
        hw.append((e["storedFractionHigh"] - e["storedFractionLow"]) / 2)
        units.append(e["sampledUnits"])
    read = sum(r["readBytes"] for r in runs) / len(runs) / 2**20
    print(f"{s}\t{x['spec']}\t{x['totalUnits']}\t{F:.5f}\t{x['ratio']:.3f}\t"
          f"{min(units)}-{max(units)}\t{max(errs):.5f}\t{covered}/{len(runs)}\t"
          f"{sum(hw) / len(hw):.5f}\t{read:.1f}")
EOF
  done
  column -t -s $'\t' "$out"
}

step_speed() {
  local f; f=$(cat "$DATA_DIR/real.path")
  echo "== speed on $f ($(stat -c %s "$f") bytes), $SPEED_SPEC (load at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  local out="$RESULTS/speed.tsv"
  printf 'mode\twall_s\tread_MiB\tratio\n' > "$out"
  for mode in auto all; do
    cat "$f" > /dev/null   # idle page-cache pages are dropped after about a minute here: warm it
    local t0 t1
    t0=$(date +%s.%N)
    dedup4j compress --json --compress-sample "$mode" --compress "$SPEED_SPEC" "$f" \
      > "$RESULTS/speed-$mode.json"
    t1=$(date +%s.%N)
    printf '%s\t%.2f\t%s\t%s\n' "$mode" "$(echo "$t1 - $t0" | bc)" \
      "$(json "$RESULTS/speed-$mode.json" "round(r['readBytes'] / 2**20, 1)")" \
      "$(json "$RESULTS/speed-$mode.json" "r['compression'][0]['ratio']")" >> "$out"
  done
  column -t -s $'\t' "$out"
  python3 - "$out" <<'EOF'
import sys
rows = {l.split("\t")[0]: l.split("\t") for l in open(sys.argv[1]).read().splitlines()[1:]}
print(f"speed-up of the auto estimate over the exact pass: {float(rows['all'][1]) / float(rows['auto'][1]):.1f}x")
EOF
}

step_scan() {
  local f; f=$(cat "$DATA_DIR/real.path")
  echo "== scan --compress on $f: the sample of unique chunks vs all of them (load at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  local out="$RESULTS/scan.tsv"
  printf 'sample	compressed_chunks	unique_nonzero_chunks	F	F_low	F_high	dedupe	data_reduction	drr_low	drr_high	wall_s
' > "$out"
  for mode in auto all; do
    cat "$f" > /dev/null
    local t0 t1
    t0=$(date +%s.%N)
    dedup4j scan --json --no-progress --compress "$SCAN_SPEC" --compress-sample "$mode" "$f" \
      > "$RESULTS/scan-$mode.json"
    t1=$(date +%s.%N)
    python3 - "$RESULTS/scan-$mode.json" "$mode" "$(echo "$t1 - $t0" | bc)" >> "$out" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1])); c = r["compression"][0]
print("\t".join(str(v) for v in [sys.argv[2], c["sampledUnits"], c["totalUnits"],
    round(c["storedFraction"], 5), round(c["storedFractionLow"], 5), round(c["storedFractionHigh"], 5),
    round(r["dedupeRatio"], 4), round(r["dataReductionRatio"], 4), round(r["dataReductionRatioLow"], 4),
    round(r["dataReductionRatioHigh"], 4), sys.argv[3]]))
EOF2
  done
  column -t -s $'\t' "$out"
}

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(build data accuracy speed scan)
for s in "${steps[@]}"; do "step_$s"; done
