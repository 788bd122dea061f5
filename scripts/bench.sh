#!/usr/bin/env bash
# Builds the benchmarks and runs one bench main with `java -cp` (not through Maven, whose start-up
# would hide the engine). Usage: scripts/bench.sh [engine] [JVM options...]
#                              scripts/bench.sh compare N [RUNS]   (Converge against Terraform, see
#                              bench/terraform/compare.sh and docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-engine}; shift || true
mvn -q -B -ntp -pl benchmarks -am package -DskipTests
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
case "$which" in
  engine) exec java -Xmx1g "$@" -cp "$CP" dev.converge.bench.EngineBench ;;
  compare) SKIP_BUILD=1 exec bench/terraform/compare.sh "$@" ;;
  *) echo "unknown benchmark: $which (engine, compare)" >&2; exit 2 ;;
esac
