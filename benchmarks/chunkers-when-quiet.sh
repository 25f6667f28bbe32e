#!/usr/bin/env bash
# Issue 3's kernel benchmark (fastcdc2020, gear and rabin on a 256 MiB heap buffer, and the plain
# gear loop of GearLoopBaseline as the machine's yardstick; JDK 25 then JDK 17), started only when a
# short probe finds the machine quiet. On a shared VM the speed of the
# memory- and µop-bound kernels moves by 30-40% within minutes (a neighbour on the sibling
# hyperthread, by the look of it), and the issue's reference figure for a plain gear loop on JDK 25
# (2.5-2.9 GB/s) is a quiet machine's. The probe races gear alone for 8 passes (ChunkerRace); when its
# median reaches THRESHOLD GB/s, the JMH runs start. Every probe is logged, so the runs can be read
# against how often the machine was quiet.
#
# Usage: benchmarks/chunkers-when-quiet.sh [RUNS] [THRESHOLD] [DIR]
#        (defaults: 3 runs, 2.3 GB/s, benchmarks/results/quiet; gives up after GIVE_UP_MIN
#        minutes, default 120)
# Builds benchmarks/target/benchmarks.jar first and logs the commit it was built from (BuildInfo);
# needs JDK 25 at $JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
threshold=${2:-2.3}
out=${3:-benchmarks/results/quiet}
jar=benchmarks/target/benchmarks.jar
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java25" ] || { echo "no JDK 25 at $java25 (set JAVA25)" >&2; exit 2; }
mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$out"
log="$out/log"
echo "$(date -u +%T) jar $(java -cp "$jar" org.dedup4j.benchmarks.BuildInfo)" | tee -a "$log"
# git's "dirty" (and so BuildInfo) does not see files git does not track yet; name them here.
untracked=$(git status --porcelain --untracked-files=all | grep '^??' | cut -c4- | tr '\n' ' ' || true)
[ -z "$untracked" ] || echo "$(date -u +%T) built with untracked files: $untracked" | tee -a "$log"
probe() {
  "$java25" -Xmx1g -cp "$jar" org.dedup4j.benchmarks.ChunkerRace 8 gear:min=2k,avg=8k,max=64k \
    | tail -1 | sed -E 's/.*median ([0-9.]+).*/\1/'
}
jmh() { # JAVA NAME
  "$1" -jar "$jar" "GearLoopBaseline|ChunkerBenchmark" -p buffer=heap -p chunker=fastcdc2020,gear,rabin \
    -f 2 -wi 3 -i 5 -w 2s -r 2s -rf json -rff "$out/$2.json" > "$out/$2.txt" 2>&1
  grep -E '^(ChunkerBenchmark|GearLoopBaseline)' "$out/$2.txt" | sed "s/^/$2 /" | tee -a "$log"
}
done_runs=0
give_up=$(( $(date +%s) + ${GIVE_UP_MIN:-120} * 60 ))
while [ "$done_runs" -lt "$runs" ] && [ "$(date +%s)" -lt "$give_up" ]; do
  median=$(probe)
  echo "$(date -u +%T) probe: gear median $median GB/s" | tee -a "$log"
  if awk -v m="$median" -v t="$threshold" 'BEGIN { exit !(m >= t) }'; then
    stamp=$(date -u +%H%M)
    jmh "$java25" "jdk25-$stamp"
    jmh java "jdk17-$stamp"
    done_runs=$((done_runs + 1))
  else
    sleep 20
  fi
done
echo "$(date -u +%T) $done_runs run(s) done" | tee -a "$log"
