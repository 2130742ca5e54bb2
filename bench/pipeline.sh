#!/usr/bin/env bash
# Events per second through each consuming service (run from its jar) beside batched JDBC inserts of as many rows
# on the same database, with each service's start-up time and resident memory.
# Usage: bench/pipeline.sh [events=100000] [service…]     e.g. bench/pipeline.sh 1000000 catalog retention (replay)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
java -jar launcher/target/launcher.jar train   # the class-data archives of the jars just built, as up runs them
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -Dlayerline.home="$PWD" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.layerline.bench.PipelineBenchmark "$@"
