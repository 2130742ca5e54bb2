#!/usr/bin/env bash
# Retention planning over a large inventory, beside streaming the same rows out of PostgreSQL in the same run.
# Usage: bench/retention-planning.sh [artifacts=1000000] [repositories=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl retention-service -am install
./mvnw -q -B -pl retention-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx6g -XX:+UseParallelGC \
  -cp "retention-service/target/test-classes:retention-service/target/classes:$(cat retention-service/target/bench.classpath)" \
  io.layerline.retention.adapter.out.jdbc.PlanningBenchmark "${1:-1000000}" "${2:-10000}"
