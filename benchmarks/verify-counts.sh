#!/usr/bin/env bash
# Checks dedup4j's exact counts against an independent count with coreutils: split a file into
# 4 KiB blocks, sha256sum them, count the distinct digests. Generates files with known duplication
# (random, zeros, a repeated half, a size that is not a multiple of the block) unless files are
# given. Usage: benchmarks/verify-counts.sh [FILE...]   (needs examples/target/dedup4j.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=examples/target/dedup4j.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  head -c $((8 << 20)) /dev/urandom > "$work/random.bin"
  head -c $((8 << 20)) /dev/zero > "$work/zeros.bin"
  cat "$work/random.bin" "$work/random.bin" > "$work/half.bin"
  { head -c $((3 << 20)) "$work/random.bin"; head -c 1000 /dev/urandom; head -c $((2 << 20)) "$work/random.bin"; head -c 777 /dev/urandom; } > "$work/odd.bin"
  files=("$work/random.bin" "$work/zeros.bin" "$work/half.bin" "$work/odd.bin")
fi

status=0
printf '%-12s %10s %10s %10s %10s  %s\n' file blocks unique "dedup4j" "dedup4j" result
printf '%-12s %10s %10s %10s %10s\n' "" "(split)" "(sort -u)" blocks unique
for f in "${files[@]}"; do
  mkdir -p "$work/blocks"
  split -a 6 -b 4096 "$f" "$work/blocks/b_"
  blocks=$(find "$work/blocks" -type f | wc -l)
  unique=$(find "$work/blocks" -type f -print0 | xargs -0 sha256sum | awk '{print $1}' | sort -u | wc -l)
  rm -rf "$work/blocks"
  json=$(java -jar "$jar" scan --json --no-progress "$f" 2>/dev/null)
  d_blocks=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["chunks"])' <<< "$json")
  d_unique=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["uniqueChunks"])' <<< "$json")
  result=ok
  if [ "$blocks" != "$d_blocks" ] || [ "$unique" != "$d_unique" ]; then result=MISMATCH; status=1; fi
  printf '%-12s %10s %10s %10s %10s  %s\n' "$(basename "$f")" "$blocks" "$unique" "$d_blocks" "$d_unique" "$result"
done
exit $status
