#!/usr/bin/env bash
# Issue 3's data set: eight consecutive versions of one source tree (Guava's source jars from
# Maven Central, unpacked, uncompressed tar) and how many duplicate bytes each chunker finds.
# Fixed blocks miss duplicates whenever an insertion shifts later data; content-defined chunking
# finds them. Two layouts:
#   backups  one tar per version with the same paths inside (./com/google/...), concatenated:
#            what a backup target receives from repeated full backups of one directory;
#   onetar   one tar holding every version under its own directory (guava-33.0.0/...), as a tar of
#            a releases folder; member headers then differ between versions (the path does).
# The reference line counts duplicates between whole files (sha256 of each file).
#
# Usage: benchmarks/source-versions.sh [DIR]     (default: benchmarks/results)
# Needs curl, unzip, tar, python3 and examples/target/dedup4j.jar (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=examples/target/dedup4j.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
out=${1:-benchmarks/results}
versions="33.0.0 33.1.0 33.2.0 33.2.1 33.3.0 33.3.1 33.4.0 33.5.0"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$out/guava-backups.tar" ] || [ ! -f "$out/guava-onetar.tar" ]; then
  for v in $versions; do
    curl -sSf -o "$work/$v.jar" \
      "https://repo.maven.apache.org/maven2/com/google/guava/guava/$v-jre/guava-$v-jre-sources.jar"
    mkdir -p "$work/tree/guava-$v"
    unzip -q "$work/$v.jar" -d "$work/tree/guava-$v"
  done
  # Deterministic tars: sorted names, fixed owner and time, so everyone gets the same bytes.
  opts=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  : > "$out/guava-backups.tar"
  for v in $versions; do
    tar "${opts[@]}" -C "$work/tree/guava-$v" -cf - . >> "$out/guava-backups.tar"
  done
  tar "${opts[@]}" -C "$work/tree" -cf "$out/guava-onetar.tar" .
  (cd "$work/tree" && find . -type f -exec sha256sum {} + | sort -k1,1 -u | awk '{print $2}' \
    | xargs stat -c %s | awk '{s+=$1} END {print s}') > "$out/guava-file-unique-bytes"
  (cd "$work/tree" && find . -type f -printf '%s\n' | awk '{s+=$1} END {print s}') > "$out/guava-file-bytes"
fi

file_dup=$(( $(cat "$out/guava-file-bytes") - $(cat "$out/guava-file-unique-bytes") ))
specs="fixed:size=4k;fixed:size=8k;fastcdc2020:min=2k,avg=8k,max=64k;fastcdc2020:min=1k,avg=4k,max=32k"
specs+=";fastcdc2016:min=2k,avg=8k,max=64k;gear:min=2k,avg=8k,max=64k;rabin:min=2k,avg=8k,max=64k"
specs+=";buzhash:min=2k,avg=8k,max=64k"
for layout in backups onetar; do
  tarfile="$out/guava-$layout.tar"
  echo "== $layout: $tarfile, $(stat -c %s "$tarfile") bytes; Guava sources $versions"
  # One pass over the data for every chunker.
  java -jar "$jar" compare --json --no-progress --hasher xxh3-128 --chunkers "$specs" "$tarfile" \
    2>/dev/null | python3 -c '
import json, sys
reports, file_dup = json.load(sys.stdin), int(sys.argv[1])
base = reports[0]["bytes"] - reports[0]["uniqueBytes"]
print("%-58s %8s %8s %13s %8s %9s %9s" % ("chunker", "chunks", "unique", "duplicate B", "ratio", "mean size", "vs fixed"))
for r in reports:
    dup = r["bytes"] - r["uniqueBytes"]
    print("%-58s %8d %8d %13d %8.3f %9d %8.2fx" % (r["chunker"], r["chunks"], r["uniqueChunks"], dup,
          r["dedupeRatio"], round(r["meanChunkSize"]), dup / base))
print("%-58s %8s %8s %13d %8s %9s %8.2fx" % ("(whole files, sha256 per file)", "", "", file_dup, "", "", file_dup / base))
' "$file_dup"
  echo
done
echo "duplicate bytes = bytes - unique bytes; 'vs fixed' divides by the fixed 4 KiB row."
