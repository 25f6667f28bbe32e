#!/usr/bin/env bash
# Issue 3's data sets: consecutive versions of one source tree (source jars from Maven Central,
# unpacked, as uncompressed tars) and how many duplicate bytes each chunker finds. Fixed blocks
# miss duplicates whenever an insertion shifts later data; content-defined chunking finds them.
# Trees (eight consecutive releases each):
#   guava          Guava 33.0.0 .. 33.5.0 sources: about 630 files, 6.5 MB a version, median file 4.6 KB
#   commons-lang3  Apache Commons Lang 3.12.0 .. 3.19.0 sources: about 250 files, 3.7 MB, median 4.0 KB
#   ecj            Eclipse's Java compiler 3.38.0 .. 3.45.0 sources: about 660 files, 10.5 MB, median
#                  6.1 KB, with large files that change in every release (Parser, ProblemReporter)
# Two layouts per tree:
#   backups  one tar per version with the same paths inside (./org/...), concatenated: what a
#            backup target receives from repeated full backups of one directory;
#   onetar   one tar holding every version under its own directory (NAME-VERSION/...), as a tar of
#            a releases folder; member headers then differ between versions (the path does).
# The reference line counts duplicates between whole files (sha256 of each file).
#
# Usage: benchmarks/source-versions.sh [TREE] [DIR]   (TREE: guava (default), commons-lang3, ecj,
#        all; DIR: benchmarks/results). Writes DIR/TREE-{backups,onetar}.tar once and reuses them.
# Needs curl, unzip, tar, python3 and examples/target/dedup4j.jar (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=examples/target/dedup4j.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
tree=${1:-guava}
out=${2:-benchmarks/results}
if [ "$tree" = all ]; then
  for t in guava commons-lang3 ecj; do "$0" "$t" "$out"; done
  exit 0
fi
central=https://repo.maven.apache.org/maven2
case "$tree" in
  guava)
    versions="33.0.0 33.1.0 33.2.0 33.2.1 33.3.0 33.3.1 33.4.0 33.5.0"
    url() { echo "$central/com/google/guava/guava/$1-jre/guava-$1-jre-sources.jar"; } ;;
  commons-lang3)
    versions="3.12.0 3.13.0 3.14.0 3.15.0 3.16.0 3.17.0 3.18.0 3.19.0"
    url() { echo "$central/org/apache/commons/commons-lang3/$1/commons-lang3-$1-sources.jar"; } ;;
  ecj)
    versions="3.38.0 3.39.0 3.40.0 3.41.0 3.42.0 3.43.0 3.44.0 3.45.0"
    url() { echo "$central/org/eclipse/jdt/ecj/$1/ecj-$1-sources.jar"; } ;;
  *) echo "unknown tree '$tree': guava, commons-lang3, ecj or all" >&2; exit 2 ;;
esac
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$out/$tree-backups.tar" ] || [ ! -f "$out/$tree-onetar.tar" ]; then
  for v in $versions; do
    curl -sSf -o "$work/$v.jar" "$(url "$v")"
    mkdir -p "$work/tree/$tree-$v"
    unzip -q "$work/$v.jar" -d "$work/tree/$tree-$v"
  done
  # Deterministic tars: sorted names, fixed owner and time, so everyone gets the same bytes.
  opts=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  : > "$out/$tree-backups.tar"
  for v in $versions; do
    tar "${opts[@]}" -C "$work/tree/$tree-$v" -cf - . >> "$out/$tree-backups.tar"
  done
  tar "${opts[@]}" -C "$work/tree" -cf "$out/$tree-onetar.tar" .
  (cd "$work/tree" && find . -type f -exec sha256sum {} + | sort -k1,1 -u | awk '{print $2}' \
    | xargs stat -c %s | awk '{s+=$1} END {print s}') > "$out/$tree-file-unique-bytes"
  (cd "$work/tree" && find . -type f -printf '%s\n' | awk '{s+=$1} END {print s}') > "$out/$tree-file-bytes"
fi

file_dup=$(( $(cat "$out/$tree-file-bytes") - $(cat "$out/$tree-file-unique-bytes") ))
specs="fixed:size=4k;fixed:size=8k;fastcdc2020:min=2k,avg=8k,max=64k;fastcdc2020:min=1k,avg=4k,max=32k"
specs+=";fastcdc2016:min=2k,avg=8k,max=64k;gear:min=2k,avg=8k,max=64k;rabin:min=2k,avg=8k,max=64k"
specs+=";buzhash:min=2k,avg=8k,max=64k"
for layout in backups onetar; do
  tarfile="$out/$tree-$layout.tar"
  echo "== $tree $layout: $tarfile, $(stat -c %s "$tarfile") bytes; versions $versions"
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
