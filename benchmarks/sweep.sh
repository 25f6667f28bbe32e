#!/usr/bin/env bash
# The hardening sweep's cases that need root or minutes (issue 13; the others are tests). Each case
# runs the command as a user would and prints one row: the case, the wall time, the exit code, what
# the report or standard error said, and whether temp files were left behind.
#
# Usage: benchmarks/sweep.sh [--only CASE,...] [--list]
#   DEDUP4J   how to start dedup4j (word-split), default examples/target/dedup4j
#   SWEEP_DIR where to make the cases' files (default: a new folder under /tmp, removed at the end)
#
# Cases that need root (a user to drop to, a tmpfs to fill) are reported as skipped without it.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL="sparse-64g tiny-100k nested-1000 xmx16m-512m xmx64m-2g permission-denied socket dev-null full-tmp"
ONLY=$ALL
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) ONLY=${2//,/ }; shift 2 ;;
    --list) echo "$ALL" | tr ' ' '\n'; exit 0 ;;
    *) echo "unknown argument '$1'" >&2; exit 2 ;;
  esac
done
read -r -a D4 <<< "${DEDUP4J:-examples/target/dedup4j}"
[[ -x "${D4[0]}" ]] || command -v "${D4[0]}" > /dev/null || { echo "no ${D4[0]}: build first (mvn -B -q -DskipTests package)" >&2; exit 2; }
W=${SWEEP_DIR:-$(mktemp -d /tmp/dedup4j-sweep.XXXXXX)}
mkdir -p "$W"
cleanup() { [[ -n "${SWEEP_DIR:-}" ]] || rm -rf "$W"; }
trap cleanup EXIT

echo "# dedup4j hardening sweep -- $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo -dirty)"
echo "cpu:     $(nproc) x $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1); $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "jdk:     $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | sed -n 2p)"
echo
echo "| case | wall s | exit | what it said | temp files left |"
echo "|---|---|---|---|---|"

# run CASE TMPDIR COMMAND...: times the command, keeps its stdout/stderr, prints the row.
run() {
  local name=$1 tmp=$2; shift 2
  local t0 t1 rc said left
  touch "$W/.start.$name"
  t0=$(date +%s%N)
  TMPDIR=$tmp "$@" > "$W/$name.out" 2> "$W/$name.err"; rc=$?
  t1=$(date +%s%N)
  said=$(summary "$W/$name.out" "$W/$name.err")
  left=$(find "$tmp" -mindepth 1 -maxdepth 1 -name 'dedup4j-*' -newer "$W/.start.$name" 2>/dev/null | wc -l)
  printf '| %s | %.1f | %s | %s | %s |\n' "$name" "$(awk -v n=$((t1 - t0)) 'BEGIN {print n / 1e9}')" \
    "$rc" "$said" "$([[ $left -eq 0 ]] && echo none || echo "$left in $tmp")"
}

# The report's key figures (JSON), or the first line of standard error.
summary() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
out, err = open(sys.argv[1]).read(), open(sys.argv[2]).read().strip().splitlines()
try:
    r = json.loads(out)
    if "error" in r:
        print(("error: " + "; ".join(r["error"]["messages"])).replace("|", "/")[:300])
        sys.exit(0)
    parts = [f"{r.get('files')} files, {r.get('bytes')} B, {r.get('uniqueChunks')} unique, "
             f"{r.get('zeroChunks')} zero chunks"]
    if r.get("counting", {}).get("spillRuns"):
        parts.append(f"{r['counting']['spillRuns']} spilled runs")
    for s in r.get("skipped", [])[:2]:
        parts.append(f"skipped {s['path'].split('/')[-1]}: {s['reason']} ({s['kind']})")
    print("; ".join(parts).replace("|", "/"))
except ValueError:
    print((err[0] if err else "(nothing)").replace("|", "/")[:200])
EOF
}

skip() { printf '| %s | - | - | skipped: %s | - |\n' "$1" "$2"; }

for c in $ONLY; do
  case $c in
    sparse-64g)
      truncate -s 64G "$W/sparse.img"
      run "$c" "$W" "${D4[@]}" scan --json --no-progress "$W/sparse.img"
      rm -f "$W/sparse.img" ;;
    tiny-100k)
      python3 -c "
import os, sys
d = sys.argv[1]
for i in range(100000):
    sub = os.path.join(d, str(i // 1000))
    if i % 1000 == 0: os.makedirs(sub)
    with open(os.path.join(sub, str(i)), 'wb') as f: f.write(os.urandom(100))
" "$W/tiny"
      run "$c" "$W" "${D4[@]}" scan --json --no-progress "$W/tiny"
      rm -rf "$W/tiny" ;;
    nested-1000)
      python3 -c "
import os, sys
os.mkdir(sys.argv[1]); os.chdir(sys.argv[1])
for i in range(1000): os.mkdir('d'); os.chdir('d')
open('deep.bin', 'wb').write(os.urandom(1 << 16))
" "$W/nested"
      run "$c" "$W" "${D4[@]}" scan --json --no-progress "$W/nested"
      rm -rf "$W/nested" ;;
    xmx16m-512m|xmx64m-2g)
      heap=${c%%-*}; heap=${heap#xmx}; size=${c##*-}
      head -c "$((${size%[mg]} << $([[ $size == *g ]] && echo 30 || echo 20)))" /dev/urandom > "$W/unique.bin"
      mkdir -p "$W/tmp-$c"
      run "$c" "$W/tmp-$c" env DEDUP4J_JAVA_OPTS="-Xmx$heap" "${D4[@]}" scan --json --no-progress \
        --mode exact "$W/unique.bin"
      rm -rf "$W/unique.bin" "$W/tmp-$c" ;;
    permission-denied)
      if [[ $(id -u) -ne 0 ]] || ! command -v setpriv > /dev/null; then skip "$c" "needs root and setpriv"; continue; fi
      mkdir -p "$W/perm" && head -c 65536 /dev/urandom > "$W/perm/secret.bin" && chmod 600 "$W/perm/secret.bin"
      head -c 65536 /dev/urandom > "$W/perm/open.bin" && chmod 644 "$W/perm/open.bin"
      mkdir -p "$W/tmp-perm" && chmod 755 "$W" "$W/perm" && chmod 1777 "$W/tmp-perm"
      jar=$(readlink -f examples/target/dedup4j.jar)
      run "$c" "$W/tmp-perm" setpriv --reuid=65534 --regid=65534 --clear-groups \
        "${JAVA_HOME:-/usr}/bin/java" -jar "$jar" scan --json --no-progress "$W/perm" ;;
    socket)
      mkdir -p "$W/sock" && head -c 65536 /dev/urandom > "$W/sock/data.bin"
      python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$W/sock/s.sock"
      run "$c" "$W" "${D4[@]}" scan --json --no-progress "$W/sock"
      run "$c-named" "$W" "${D4[@]}" scan --json --no-progress "$W/sock/s.sock" ;;
    dev-null)
      run "$c" "$W" "${D4[@]}" scan --json --no-progress /dev/null ;;
    full-tmp)
      if [[ $(id -u) -ne 0 ]]; then skip "$c" "needs root (mounts a 4 MiB tmpfs)"; continue; fi
      mkdir -p "$W/full" && mount -t tmpfs -o size=4m tmpfs "$W/full" || { skip "$c" "mount failed"; continue; }
      head -c $((256 << 20)) /dev/urandom > "$W/unique256.bin"
      run "$c" "$W/full" "${D4[@]}" scan --json --no-progress --chunker fixed:size=512 --memory 1M "$W/unique256.bin"
      umount "$W/full"; rm -f "$W/unique256.bin" ;;
    *) echo "unknown case '$c' (--list)" >&2; exit 2 ;;
  esac
done
