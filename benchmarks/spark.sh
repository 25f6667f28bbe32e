#!/usr/bin/env bash
# dedup4j-spark in local[2] against `dedup4j scan --threads 2` on the same warm file, in alternating
# pairs. Compares the scans' own elapsedSeconds: Spark's is the job's wall time from planning to the
# merged report, without the session's start (about 3 s), as the issue's target asks.
#
# Usage: benchmarks/spark.sh [--pairs N] FILE [scan options...]
# Build first: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=3
if [[ ${1:-} == --pairs ]]; then PAIRS=$2; shift 2; fi
FILE=${1:?usage: $0 [--pairs N] FILE [scan options...]}; shift
export SPARK_LOCAL_IP=127.0.0.1
CP_FILE=spark/target/benchmark.classpath
[[ -s $CP_FILE ]] || mvn -B -q -o -ntp -DskipTests package dependency:build-classpath -pl spark -am \
  -Dmdep.includeScope=provided -Dmdep.outputFile=$PWD/$CP_FILE > /dev/null
JAR=$(find spark/target -maxdepth 1 -name 'dedup4j-spark-*.jar' ! -name '*-all.jar' | head -1)
CP=$(cat $CP_FILE):$JAR
# The JVM options spark-submit would give (the module's spark.test.argLine).
OPENS=$(sed -n 's:.*<spark.test.argLine>\(.*\)</spark.test.argLine>.*:\1:p' spark/pom.xml | head -1)
cat "$FILE" > /dev/null # warm
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
echo "file $FILE ($(stat -c %s "$FILE") bytes), options: $*, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= PAIRS; i++)); do
  one=$(examples/target/dedup4j scan --no-progress --threads 2 --json "$@" "$FILE" | field elapsedSeconds)
  spark=$(java $OPENS -Dspark.master='local[2]' -Dspark.ui.enabled=false \
    -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -Dlog4j2.level=ERROR -cp "$CP" org.dedup4j.spark.Main scan --json "$@" "$FILE" 2>/dev/null \
    | field elapsedSeconds)
  python3 -c "import sys; o,s=float(sys.argv[1]),float(sys.argv[2]); print(f'pair $i: one machine {o:.3f} s, spark {s:.3f} s, spark throughput / one machine {o/s:.3f}')" "$one" "$spark"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
