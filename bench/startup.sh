#!/usr/bin/env bash
# Each service's start-up and idle memory as ./layerline up runs it (JVM options, class-data archive) beside the
# options of earlier releases without an archive; then ./layerline up itself, to all four UP.
# Usage: bench/startup.sh [starts=5] [service…]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -Xmx1g -Dlayerline.home="$PWD" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.layerline.bench.StartupBenchmark "$@"
