#!/usr/bin/env bash
# Converge against kubectl on the same N Kubernetes objects (a third each Deployments with zero replicas,
# Services and ConfigMaps; dev.converge.bench.k8s.K8sBenchProgram writes both the program and the YAML),
# against the real API server of scripts/k8s/start-control-plane.sh, whole processes, medians of
# alternating runs. Each tool manages its own copy in its own namespace:
#   bench-converge  Converge (k8s provider, optimistic updates; its no-change plan refreshes every object)
#   bench-csa       kubectl apply (client-side apply: last-applied annotation)
#   bench-ssa       kubectl apply --server-side
# Timed in each run, in this order: Converge `plan --detailed-exitcode` (must exit 0: no changes),
# `kubectl diff` and `kubectl apply` of the unchanged objects (client-side), then the same two with
# --server-side. The first applies are timed once.
#
# Usage: eval "$(scripts/k8s/start-control-plane.sh)"; bench/kubernetes/compare.sh [N] [RUNS]
#        (N defaults to 200, RUNS to 5)
# Environment: WORK (scratch directory, default /tmp/converge-k8s-compare-N), SKIP_BUILD=1 (no Maven),
#   JAVA_OPTS (default: the recommended launch flags, -XX:TieredStopAtLevel=1 -XX:+UseSerialGC),
#   KEEP=1 (leave the namespaces), KUBECTL (default: build.sh's cache, else the PATH).
# Not part of CI; record the figures in docs/benchmarks.md with the load this prints.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-200}
runs=${2:-5}
work=${WORK:-/tmp/converge-k8s-compare-$n}
java_opts=${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
cache="${CONVERGE_CACHE_DIR:-$HOME/.cache/converge}/k8s/bin"
kubectl=${KUBECTL:-$( [ -x "$cache/kubectl" ] && echo "$cache/kubectl" || echo kubectl )}
[ -n "${KUBECONFIG:-}" ] || { echo "KUBECONFIG is not set: eval \"\$(scripts/k8s/start-control-plane.sh)\" first" >&2; exit 1; }
export KUBECONFIG

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -q -B -o -pl benchmarks -am package -DskipTests)
fi
rm -rf "$work" && mkdir -p "$work/lib" "$work/converge"
# A private copy of the classpath: other builds may rebuild the jars during the runs.
cp -r "$root/benchmarks/target/classes" "$work/lib/classes"
tr ':' '\n' < "$root/benchmarks/target/classpath.txt" | xargs -I{} cp {} "$work/lib/"
cp="$work/lib/classes:$work/lib/*"
results="$work/results.txt"
say() { echo "$*" | tee -a "$results"; }

# timed LOG COMMAND...: runs it in the converge directory; prints "wall-s cpu-s peak-RSS-MiB"; returns its exit code.
timed() {
  local log=$1; shift
  local rc=0
  (cd "$work/converge" && /usr/bin/time -f "%e %U %S %M" -o "$log.time" "$@") >"$log" 2>&1 || rc=$?
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$log.time" | tail -1
  return $rc
}
converge() { echo java $java_opts -cp "$cp" dev.converge.bench.k8s.K8sBenchMain "$n" bench-converge "$@" --stack bench; }
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# record NAME EXPECTED-EXIT COMMAND...: one timed run, appended to NAME's results; stops on another exit code.
record() {
  local name=$1 expected=$2; shift 2
  local rc=0 t
  t=$(timed "$work/$name.log" "$@") || rc=$?
  if [[ "$rc" != "$expected" ]]; then echo "$name exited $rc (expected $expected); see $work/$name.log" >&2; exit 1; fi
  echo "$t" >> "$work/$name.txt"; say "run $i: $name $t"
}

for ns in bench-converge bench-csa bench-ssa; do
  "$kubectl" delete namespace "$ns" --ignore-not-found --wait=true >/dev/null
  "$kubectl" create namespace "$ns" >/dev/null
done
java -cp "$cp" dev.converge.bench.k8s.K8sBenchMain "$n" bench-csa yaml "$work/csa.yaml"
java -cp "$cp" dev.converge.bench.k8s.K8sBenchMain "$n" bench-ssa yaml "$work/ssa.yaml"
printf 'k8s.namespace=bench-converge\n' > "$work/converge/converge.bench.properties"

say "# bench/kubernetes/compare.sh N=$n runs=$runs on $(nproc) cores, $(date -u +%FT%TZ)"
say "# server $("$kubectl" version -o json 2>/dev/null | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1), $(java -version 2>&1 | head -1), JAVA_OPTS=$java_opts"
say "# load before: $(uptime | sed 's/.*load average/load average/')"
say "# columns: wall s, CPU s (user+sys), peak RSS MiB"
i=0
record converge-first-apply 0 $(converge apply --auto-approve)
record kubectl-first-apply 0 "$kubectl" apply -f "$work/csa.yaml"
record kubectl-ssa-first-apply 0 "$kubectl" apply --server-side -f "$work/ssa.yaml"
for i in $(seq 1 "$runs"); do
  record converge-plan 0 $(converge plan --detailed-exitcode)
  record kubectl-diff 0 "$kubectl" diff -f "$work/csa.yaml"
  record kubectl-apply 0 "$kubectl" apply -f "$work/csa.yaml"
  record kubectl-ssa-diff 0 "$kubectl" diff --server-side -f "$work/ssa.yaml"
  record kubectl-ssa-apply 0 "$kubectl" apply --server-side -f "$work/ssa.yaml"
done
say "# the last kubectl apply reported $(grep -c unchanged "$work/kubectl-apply.log") of $n objects unchanged"
say "# load after: $(uptime | sed 's/.*load average/load average/')"
say "# medians of $runs runs (wall s / CPU s / peak RSS MiB):"
for name in converge-plan kubectl-diff kubectl-apply kubectl-ssa-diff kubectl-ssa-apply; do
  say "$(printf '%-18s %s / %s / %s' "$name" "$(median "$work/$name.txt" 1)" "$(median "$work/$name.txt" 2)" \
    "$(median "$work/$name.txt" 3)")"
done
if [[ -z "${KEEP:-}" ]]; then
  (cd "$work/converge" && $(converge destroy --auto-approve) >/dev/null 2>&1) || true
  for ns in bench-converge bench-csa bench-ssa; do "$kubectl" delete namespace "$ns" --wait=false >/dev/null; done
fi
