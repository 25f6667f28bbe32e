#!/usr/bin/env bash
# Estimation at scale: sample/sketch vs exact (accuracy, counter memory, throughput), percent-mode
# bounds at 1/5/10%, exact with a 64 MiB budget vs in memory, and the JMH throughput benchmark.
# Usage: benchmarks/estimation.sh [WORKDIR]   (default /tmp/dedup4j-estimation; needs ~12 GiB there)
# Figures go to WORKDIR/*.txt; see "## Estimation at scale" in benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/dedup4j-estimation}
mkdir -p "$work"
mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
java -cp "$jar" org.dedup4j.benchmarks.BuildInfo | tee "$work/build.txt"
# A 2 GiB real data set: the first 2 GiB of a tar of /usr/lib.
[ -f "$work/usrlib.tar" ] || { tar cf - -C / usr/lib 2>/dev/null | head -c 2147483648 > "$work/usrlib.tar" || true; }
java -Xmx8g -cp "$jar" org.dedup4j.benchmarks.EstimationCheck "$work" --only spill | tee "$work/spill.txt"
mkdir -p "$work/s4"
java -Xmx6g -cp "$jar" org.dedup4j.benchmarks.EstimationCheck "$work/s4" --scale 4 --reps 3 \
  --real "$work/usrlib.tar" --only accuracy | tee "$work/accuracy.txt"
java -Xmx6g -cp "$jar" org.dedup4j.benchmarks.EstimationCheck "$work" --scale 1 \
  --real "$work/usrlib.tar" --only percent | tee "$work/percent.txt"
java -jar "$jar" EstimationBenchmark -f 1 -wi 2 -i 5 | tee "$work/jmh.txt"
