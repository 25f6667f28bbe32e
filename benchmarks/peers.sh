#!/usr/bin/env bash
# Whole process against peers (issue 12): dedup4j and a peer tool on the same warm file, in
# alternating pairs (warm the file, run dedup4j, run the peer; again), and the median of the
# per-pair ratios  peer's time / dedup4j's time  (above 1 = dedup4j faster).
#
# Usage: benchmarks/peers.sh [--pairs N] [--only W1,W2,...] [--list] [--data-only]
#   --pairs N     pairs per workload (default 5; PAIRS env var too). N < 5 is a quick check only.
#   --only LIST   run only these workloads (names from --list), comma-separated.
#   --list        print the workloads and exit.
#   --data-only   make the data sets and exit.
#
# Environment:
#   DEDUP4J     how to start dedup4j (word-split), default "java -jar examples/target/dedup4j.jar";
#               e.g. DEDUP4J=examples/target/dedup4j to measure the launcher.
#   JAVA        java for the peers written in Java and for `java -version` (default: java).
#   PEERS_DIR   the peer tools (default: ../shared/peers/ beside the repository); absent = skipped.
#   BENCH_DIR   data sets, made once and reused (default /tmp/dedup4j-bench).
#   RESULTS     folder for the outputs of every run (default: a new folder under /tmp).
#
# Data (made on first use, under BENCH_DIR): random-512m.bin, random-2g.bin (AES-128-CTR keystream,
# so incompressible, no duplicate 4 KiB block), random-64k.bin (its first 64 KiB), and
# typescript-7-releases.tar: the npm tarballs of typescript 5.3.2, 5.3.3, 5.4.2, 5.4.3, 5.4.4, 5.4.5,
# 5.5.2 (seven consecutive releases, `npm pack`), each gunzipped, concatenated (216 MB; tar
# reads it with -i). Consecutive releases share most files, so it dedupes and compresses like a
# real backup set.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAIRS=${PAIRS:-5}
ONLY=""
DATA_ONLY=0
ALL_WORKLOADS="estimator-dedup blog estimator-compress qdda cdc-1t cdc-2t cat startup inscan cdc-scaling table"

list() {
  cat <<'EOF'
estimator-dedup     fixed 4 KiB + SHA-256, 512 MiB random    vs dedup-estimator DEDUP 4 KB, 2 threads
blog                fixed 4 KiB + SHA-256, release tar       vs benchmarks/original-script.py (the blog's Python)
estimator-compress  fixed 4 KiB + SHA-256 + LZ4 of every unique block, release tar
                                                             vs dedup-estimator DEDUP+COMPRESS 4 KB, 2 threads
qdda                fixed 16 KiB + LZ4 of every unique block, release tar
                                                             vs qdda -b 0 -q --array x2 (16 KiB blocks)
cdc-1t              fastcdc2020 2K/8K/64K + SHA-256, 512 MiB random, 1 thread  vs cdcref v2020 1 thread
cdc-2t              the same, 2 threads                                         vs cdcref v2020 2 threads
cat                 fixed 4 KiB + xxh3-128, 2 GiB random     vs cat FILE > /dev/null
startup             a 64 KiB file                            vs java -version
inscan              dedup4j's own bytesPerSecond (JSON), fixed 4 KiB + SHA-256, 2 GiB, 2 threads
                                                             vs openssl speed -multi 2 -evp sha256 -bytes 4096
cdc-scaling         dedup4j's bytesPerSecond, fastcdc2020 + xxh3-128, 2 GiB: 2 threads / 1 thread
table               dedup4j's tableBytes / uniqueChunks, fixed 4 KiB + xxh3-128, 2 GiB random (524,288 unique)
dedup4j runs with 2 threads unless noted; ratio = peer's time / dedup4j's time (inscan: dedup4j's
rate / openssl's rate); above 1 = dedup4j faster.
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --pairs) PAIRS=$2; shift 2 ;;
    --pairs=*) PAIRS=${1#*=}; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --only=*) ONLY=${1#*=}; shift ;;
    --list) list; exit 0 ;;
    --data-only) DATA_ONLY=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$PAIRS" =~ ^[1-9][0-9]*$ ]]; then echo "--pairs must be a positive number, got '$PAIRS'" >&2; exit 2; fi
WORKLOADS=${ONLY//,/ }
WORKLOADS=${WORKLOADS:-$ALL_WORKLOADS}
for w in $WORKLOADS; do
  [[ " $ALL_WORKLOADS " == *" $w "* ]] || { echo "unknown workload '$w'; known: $ALL_WORKLOADS" >&2; exit 2; }
done

JAVA=${JAVA:-java}
PEERS_DIR=$(readlink -m "${PEERS_DIR:-$ROOT/../shared/peers}")
BENCH_DIR=${BENCH_DIR:-/tmp/dedup4j-bench}
JAR=$ROOT/examples/target/dedup4j.jar
read -r -a DEDUP4J_CMD <<< "${DEDUP4J:-$JAVA -jar $JAR}"
RESULTS=${RESULTS:-$(mktemp -d /tmp/dedup4j-peers.XXXXXX)}
mkdir -p "$RESULTS" "$BENCH_DIR"

# ---------------------------------------------------------------- data sets

RANDOM_512M=$BENCH_DIR/random-512m.bin
RANDOM_2G=$BENCH_DIR/random-2g.bin
RANDOM_64K=$BENCH_DIR/random-64k.bin
TS_VERSIONS="5.3.2 5.3.3 5.4.2 5.4.3 5.4.4 5.4.5 5.5.2"
RELEASES_TAR=$BENCH_DIR/typescript-7-releases.tar

keystream() { # keystream BYTES OUT
  [[ -f "$2" && $(stat -c %s "$2") -eq $1 ]] && return 0
  echo "making $2 ($1 bytes of AES-128-CTR keystream)" >&2
  openssl enc -aes-128-ctr -pass pass:dedup4j -nosalt < /dev/zero 2>/dev/null | head -c "$1" > "$2.tmp" || true
  [[ $(stat -c %s "$2.tmp") -eq $1 ]] || { echo "could not write $2" >&2; exit 1; }
  mv "$2.tmp" "$2"
}

releases_tar() {
  [[ -f "$RELEASES_TAR" ]] && return 0
  command -v npm > /dev/null || { echo "npm not found: cannot make $RELEASES_TAR" >&2; return 1; }
  echo "making $RELEASES_TAR (npm pack typescript@{${TS_VERSIONS// /,}})" >&2
  local tmp; tmp=$(mktemp -d "$BENCH_DIR/npm.XXXXXX")
  ( cd "$tmp" && for v in $TS_VERSIONS; do npm pack --silent "typescript@$v" > /dev/null; done ) || { rm -rf "$tmp"; return 1; }
  : > "$RELEASES_TAR.tmp"
  for v in $TS_VERSIONS; do gzip -dc "$tmp/typescript-$v.tgz" >> "$RELEASES_TAR.tmp"; done
  rm -rf "$tmp"
  mv "$RELEASES_TAR.tmp" "$RELEASES_TAR"
}

make_data() {
  keystream $((512 << 20)) "$RANDOM_512M"
  keystream $((2 << 30)) "$RANDOM_2G"
  [[ -f "$RANDOM_64K" ]] || head -c 65536 "$RANDOM_512M" > "$RANDOM_64K"
  releases_tar || echo "no release tar: its workloads will be skipped" >&2
}

make_data
[[ $DATA_ONLY -eq 1 ]] && { ls -l "$BENCH_DIR"; exit 0; }

if [[ -z "${DEDUP4J:-}" && ! -f "$JAR" ]]; then
  echo "building $JAR (mvn -B -q -DskipTests package)" >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
fi

# ---------------------------------------------------------------- machine

load() { cut -d' ' -f1-3 /proc/loadavg; }
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ') model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | tr -d ' '); $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sha_ni|avx2|avx512f' | tr '\n' ' ' | sed 's/ $//'))"
echo "# whole process against peers (issue 12) -- $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
echo "cpu:     $(nproc) x $CPU"
echo "jdk:     $("$JAVA" -version 2>&1 | sed -n 2p) ($(command -v "$JAVA")): the Java peers and java -version"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  echo "dedup4j's jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p) (JAVA_HOME, used by the launcher)"
fi
echo "dedup4j: ${DEDUP4J_CMD[*]}"
echo "peers:   $PEERS_DIR"
echo "uptime:  $(uptime)"
echo "pairs:   $PAIRS per workload; outputs in $RESULTS"
echo

# ---------------------------------------------------------------- timing

# timed OUTFILE COMMAND...: runs it with stdout in OUTFILE, stderr in OUTFILE.err; prints seconds.
timed() {
  local out=$1; shift
  local t0 t1 rc=0
  t0=$(date +%s%N)
  "$@" > "$out" 2> "$out.err" < /dev/null || rc=$?
  t1=$(date +%s%N)
  if [[ $rc -ne 0 ]]; then
    echo "FAILED (exit $rc): $* -- $(head -c 300 "$out.err" | tr '\n' ' ')" >&2
    return 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}'
}

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
minmax() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR) printf "%.2f-%.2f", lo, hi; else print "-"}'; }

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

ROWS=()
row() { ROWS+=("$(printf '| %-18s | %-34s | %9s | %9s | %-9s | %-9s | %s |' "$@")"); echo "${ROWS[-1]}"; }

# pairs NAME FILE CHECK DEDUP4J_ARGS -- PEER_COMMAND...
#   FILE is read right before each pair; CHECK (a function name or "-") is called after each pair
#   with the two output files; dedup4j's JSON must cover FILE.
pairs() {
  local name=$1 file=$2 check=$3; shift 3
  local -a dargs=() peer=()
  while [[ $1 != -- ]]; do dargs+=("$1"); shift; done; shift
  peer=("$@")
  local bytes; bytes=$(stat -L -c %s "$file")
  local loads="$(load)" i ta tb ratios=() tas=() tbs=()
  for ((i = 1; i <= PAIRS; i++)); do
    cat "$file" > /dev/null
    local oa=$RESULTS/$name.$i.dedup4j.json ob=$RESULTS/$name.$i.peer.out
    ta=$(timed "$oa" "${DEDUP4J_CMD[@]}" scan --json --no-progress "${dargs[@]}" "$file") || { row "$name" "dedup4j failed (see $oa.err)" - - - - "$loads"; return 0; }
    if [[ $(json_field "$oa" bytes 2>/dev/null) != "$bytes" ]]; then row "$name" "dedup4j: no JSON covering the file" - - - - "$loads"; return 0; fi
    tb=$(timed "$ob" "${peer[@]}") || { row "$name" "peer failed (see $ob.err)" - - - - "$loads"; return 0; }
    [[ $check == - ]] || "$check" "$oa" "$ob" "$i"
    tas+=("$ta"); tbs+=("$tb")
    ratios+=("$(awk -v a="$ta" -v b="$tb" 'BEGIN {printf "%.4f", b / a}')")
  done
  loads="$loads -> $(load)"
  row "$name" "${PEER_LABEL}" "$(printf '%s\n' "${tas[@]}" | median)" "$(printf '%s\n' "${tbs[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | median)" "$(printf '%s\n' "${ratios[@]}" | minmax)" "$loads"
}

skip() { row "$1" "skipped: $2" - - - - "$(load)"; }
need_peer() { [[ -e "$PEERS_DIR/$1" ]] || { skip "$2" "no $PEERS_DIR/$1"; return 1; }; }
need_file() { [[ -f "$1" ]] || { skip "$2" "no data file $1"; return 1; }; }

# cdcref prints "chunks=N unique=N unique_bytes=N bytes=N": the counts must equal dedup4j's.
check_cdc() {
  local d_chunks d_unique p_chunks p_unique
  d_chunks=$(json_field "$1" chunks); d_unique=$(json_field "$1" uniqueChunks)
  p_chunks=$(grep -o 'chunks=[0-9]*' "$2" | head -1 | cut -d= -f2)
  p_unique=$(grep -o 'unique=[0-9]*' "$2" | head -1 | cut -d= -f2)
  if [[ "$d_chunks" != "$p_chunks" || "$d_unique" != "$p_unique" ]]; then
    echo "!!!!!! MISMATCH (pair $3): dedup4j chunks=$d_chunks unique=$d_unique, cdcref chunks=$p_chunks unique=$p_unique !!!!!!" >&2
    MISMATCH+=("$1 vs $2")
  fi
}
MISMATCH=()

# ---------------------------------------------------------------- workloads

echo "| workload           | peer                               | dedup4j s | peer s    | ratio     | range     | load (1, 5, 15 min) before -> after |"
echo "|---|---|---|---|---|---|---|"

FIXED4K=(--chunker fixed:size=4k --hasher sha256 --threads 2)
CDC=(--chunker fastcdc2020:min=2k,avg=8k,max=64k --hasher sha256)

for w in $WORKLOADS; do
  case $w in
    estimator-dedup | estimator-compress)
      need_peer dedup-estimator.jar "$w" || continue
      if [[ $w == estimator-dedup ]]; then f=$RANDOM_512M; else f=$RELEASES_TAR; fi
      need_file "$f" "$w" || continue
      # dedup-estimator walks directories only: the file, hard-linked into a folder of its own.
      d=$BENCH_DIR/estimator-$(basename "$f" | tr . -)
      mkdir -p "$d"; ln -f "$f" "$d/$(basename "$f")"
      if [[ $w == estimator-dedup ]]; then
        PEER_LABEL="dedup-estimator DEDUP 4 KB 2 thr"
        pairs "$w" "$f" - "${FIXED4K[@]}" -- "$JAVA" -DblockSize=4 -Dthreads=2 -DdoCompress=false -jar "$PEERS_DIR/dedup-estimator.jar" "$d"
      else
        PEER_LABEL="dedup-estimator DEDUP+COMPRESS 4 KB"
        pairs "$w" "$f" - "${FIXED4K[@]}" --compress lz4:unit=chunk --compress-sample all -- \
          "$JAVA" -DblockSize=4 -Dthreads=2 -jar "$PEERS_DIR/dedup-estimator.jar" "$d"
      fi ;;
    blog)
      need_file "$RELEASES_TAR" "$w" || continue
      PEER_LABEL="original-script.py (python3)"
      pairs "$w" "$RELEASES_TAR" - "${FIXED4K[@]}" -- python3 "$ROOT/benchmarks/original-script.py" "$RELEASES_TAR" ;;
    qdda)
      need_peer qdda "$w" || continue
      need_file "$RELEASES_TAR" "$w" || continue
      PEER_LABEL="qdda -b 0 -q --array x2"
      qdb=$RESULTS/q.db; rm -f "$qdb"
      pairs "$w" "$RELEASES_TAR" - --chunker fixed:size=16k --hasher sha256 --threads 2 \
        --compress lz4:unit=chunk --compress-sample all -- "$PEERS_DIR/qdda" -d "$qdb" -b 0 -q --array x2 "$RELEASES_TAR" ;;
    cdc-1t | cdc-2t)
      need_peer cdcref "$w" || continue
      t=${w#cdc-}; t=${t%t}
      PEER_LABEL="cdcref v2020 $t thread(s)"
      pairs "$w" "$RANDOM_512M" check_cdc "${CDC[@]}" --threads "$t" -- "$PEERS_DIR/cdcref" v2020 "$t" "$RANDOM_512M" 2048 8192 65536 - ;;
    cat)
      PEER_LABEL="cat FILE > /dev/null"
      pairs "$w" "$RANDOM_2G" - --chunker fixed:size=4k --hasher xxh3-128 --threads 2 -- sh -c 'exec cat "$1" > /dev/null' cat "$RANDOM_2G" ;;
    startup)
      PEER_LABEL="$JAVA -version"
      pairs "$w" "$RANDOM_64K" - "${FIXED4K[@]}" -- "$JAVA" -version ;;
    inscan)
      command -v openssl > /dev/null || { skip "$w" "no openssl"; continue; }
      # Rates, not times: dedup4j's bytesPerSecond from its JSON against openssl's 4096-byte rate
      # (kB/s = 1000 bytes/s, two processes); ratio = dedup4j's rate / openssl's.
      loads="$(load)"; rd=(); ro=(); rr=()
      for ((i = 1; i <= PAIRS; i++)); do
        cat "$RANDOM_2G" > /dev/null
        oa=$RESULTS/inscan.$i.dedup4j.json ob=$RESULTS/inscan.$i.openssl.out
        timed "$oa" "${DEDUP4J_CMD[@]}" scan --json --no-progress "${FIXED4K[@]}" "$RANDOM_2G" > /dev/null || continue 2
        timed "$ob" openssl speed -multi 2 -evp sha256 -bytes 4096 > /dev/null || continue 2
        a=$(json_field "$oa" bytesPerSecond)
        b=$(awk '/^(evp|sha256|SHA256)/ {v = $NF} END {sub(/k$/, "", v); printf "%.0f", v * 1000}' "$ob")
        rd+=("$(awk -v a="$a" 'BEGIN {printf "%.3f", a / 1e9}')"); ro+=("$(awk -v b="$b" 'BEGIN {printf "%.3f", b / 1e9}')")
        rr+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f", (b > 0) ? a / b : 0}')")
      done
      row "$w" "openssl speed -multi 2 sha256 4096 (GB/s)" "$(printf '%s\n' "${rd[@]}" | median) GB/s" \
        "$(printf '%s\n' "${ro[@]}" | median) GB/s" "$(printf '%s\n' "${rr[@]}" | median)" \
        "$(printf '%s\n' "${rr[@]}" | minmax)" "$loads -> $(load)" ;;
    cdc-scaling)
      # In-scan rates of one process each; ratio = the 2-thread rate / the 1-thread rate.
      loads="$(load)"; r1=(); r2=(); rr=()
      for ((i = 1; i <= PAIRS; i++)); do
        cat "$RANDOM_2G" > /dev/null
        o1=$RESULTS/cdc-scaling.$i.1t.json o2=$RESULTS/cdc-scaling.$i.2t.json
        timed "$o1" "${DEDUP4J_CMD[@]}" scan --json --no-progress --threads 1 --hasher xxh3-128 \
          --chunker fastcdc2020 "$RANDOM_2G" > /dev/null || continue 2
        timed "$o2" "${DEDUP4J_CMD[@]}" scan --json --no-progress --threads 2 --hasher xxh3-128 \
          --chunker fastcdc2020 "$RANDOM_2G" > /dev/null || continue 2
        a=$(json_field "$o1" bytesPerSecond); b=$(json_field "$o2" bytesPerSecond)
        r1+=("$(awk -v a="$a" 'BEGIN {printf "%.3f", a / 1e9}')"); r2+=("$(awk -v b="$b" 'BEGIN {printf "%.3f", b / 1e9}')")
        rr+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f", (a > 0) ? b / a : 0}')")
      done
      row "$w" "2 threads / 1 thread (GB/s in-scan)" "$(printf '%s\n' "${r2[@]}" | median) GB/s" \
        "$(printf '%s\n' "${r1[@]}" | median) GB/s" "$(printf '%s\n' "${rr[@]}" | median)" \
        "$(printf '%s\n' "${rr[@]}" | minmax)" "$loads -> $(load)" ;;
    table)
      # Not a time: the exact table's bytes per unique chunk at the end of the scan.
      loads="$(load)"
      o=$RESULTS/table.json
      timed "$o" "${DEDUP4J_CMD[@]}" scan --json --no-progress --hasher xxh3-128 "$RANDOM_2G" > /dev/null || continue
      t=$(json_field "$o" tableBytes); u=$(json_field "$o" uniqueChunks)
      per=$(awk -v t="$t" -v u="$u" 'BEGIN {printf "%.1f", (u > 0) ? t / u : 0}')
      row "$w" "bytes per unique chunk (target <= 24)" "$per B" "$u unique" "$per" "-" "$loads -> $(load)" ;;
  esac
done

echo
echo "ratio = median over pairs of (peer's time / dedup4j's time); inscan: dedup4j's rate / openssl's; >1 = dedup4j faster."
echo "uptime at the end: $(uptime)"
if [[ ${#MISMATCH[@]} -gt 0 ]]; then
  echo "!!!!!! CDC COUNT MISMATCH between dedup4j and cdcref in ${#MISMATCH[@]} pair(s): ${MISMATCH[*]}" >&2
  exit 1
fi
