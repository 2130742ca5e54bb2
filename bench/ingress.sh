#!/usr/bin/env bash
# Harbor webhook deliveries per second and p99 latency with wrk, beside a trivial endpoint of the same service.
# Usage: bench/ingress.sh [seconds=20] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "installing wrk (Debian)"; apt-get install -y -q wrk >/dev/null; }
./mvnw -q -B -DskipTests install
java -jar launcher/target/launcher.jar train   # the class-data archives of the jars just built, as up runs them
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -Dlayerline.home="$PWD" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.layerline.bench.IngressBenchmark "$@"
