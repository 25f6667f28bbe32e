#!/usr/bin/env bash
# dedup4j-spark in local[2] against DedupScanner with 2 threads on the same warm file, in one JVM,
# in alternating pairs (benchmarks/SparkThroughput.java): the job's wall time from planning to the
# merged report, without the session's start, after one warm-up job.
#
# Usage: benchmarks/spark.sh [--pairs N] [--mode exact|sample|sketch] [--split BYTES]
#        [--chunker SPEC] FILE
# Build first: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=3
MODE=exact
SPLIT=$((128 << 20))
CHUNKER=fixed:size=4096
while [[ ${1:-} == --* ]]; do
  case $1 in
    --pairs) PAIRS=$2 ;;
    --mode) MODE=$2 ;;
    --split) SPLIT=$2 ;;
    --chunker) CHUNKER=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
FILE=${1:?usage: $0 [--pairs N] [--mode M] [--split BYTES] FILE}
export SPARK_LOCAL_IP=127.0.0.1
CP_FILE=spark/target/benchmark.classpath
[[ -s $CP_FILE ]] || mvn -B -q -ntp -DskipTests package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -pl spark -am \
  -Dmdep.includeScope=provided -Dmdep.outputFile=$PWD/$CP_FILE > /dev/null
JAR=$(find spark/target -maxdepth 1 -name 'dedup4j-spark-*.jar' ! -name '*-all.jar' | head -1)
CP=$(cat $CP_FILE):$JAR
# The JVM options spark-submit would give (the module's spark.test.argLine).
OPENS=$(sed -n 's:.*<spark.test.argLine>\(.*\)</spark.test.argLine>.*:\1:p' spark/pom.xml | head -1)
cat "$FILE" > /dev/null # warm
echo "file $FILE ($(stat -c %s "$FILE") bytes), $CHUNKER, mode $MODE, split $SPLIT, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
java $OPENS -cp "$CP" benchmarks/SparkThroughput.java "$FILE" "$PAIRS" "$MODE" "$SPLIT" "$CHUNKER" 2>/dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
