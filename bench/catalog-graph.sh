#!/usr/bin/env bash
# Descendants and impact-with-waves on a large base-image graph, beside a primary-key lookup in the same run.
# Usage: bench/catalog-graph.sh [images=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl catalog-service -am install
./mvnw -q -B -pl catalog-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx4g -XX:+UseParallelGC \
  -cp "catalog-service/target/test-classes:catalog-service/target/classes:$(cat catalog-service/target/bench.classpath)" \
  io.layerline.catalog.adapter.out.jdbc.GraphBenchmark "${1:-200000}"
