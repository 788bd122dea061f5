#!/usr/bin/env bash
# Runs every test of Converge: starts the servers the integration tests need (a Docker engine on a
# new data root, a moto server for AWS, a Kubernetes control plane built from Go modules on a new etcd
# and one node that runs pods), builds the local base images, runs `mvn verify`
# (CONVERGE_REQUIRE_SERVERS=1: a missing server fails), checks that no integration test was skipped,
# checks the starter project generated from the archetype, prints how long each phase took, and stops
# the servers.
# Benchmarks and long fuzz runs are not part of it (see docs/benchmarks.md, docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$(date +%s)
PHASES=()
# The servers are started below: an integration test that finds one missing fails instead of skipping
# (dev.converge.testing.RequiredServer; outside this script a missing server only skips its tests).
export CONVERGE_REQUIRE_SERVERS=1

phase() { # name, command...
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "==> $name"
  "$@"
  local t1; t1=$(date +%s)
  PHASES+=("$(printf '%-28s %4ss' "$name" $((t1 - t0)))")
}

cleanup() {
  local code=$?
  [ -x scripts/aws/stop-moto.sh ] && scripts/aws/stop-moto.sh >/dev/null 2>&1 || true
  [ -x scripts/k8s/stop-node.sh ] && scripts/k8s/stop-node.sh >/dev/null 2>&1 || true
  [ -x scripts/k8s/stop-control-plane.sh ] && scripts/k8s/stop-control-plane.sh >/dev/null 2>&1 || true
  [ -x scripts/docker/stop-dockerd.sh ] && scripts/docker/stop-dockerd.sh >/dev/null 2>&1 || true
  echo
  echo "Phase times:"
  for line in "${PHASES[@]}"; do echo "  $line"; done
  echo "  $(printf '%-28s %4ss' total $(( $(date +%s) - START )))"
  exit $code
}
trap cleanup EXIT

start_docker() {
  local out
  out=$(scripts/docker/start-dockerd.sh)
  eval "$out"
  export DOCKER_HOST
}

start_moto() {
  local out
  out=$(scripts/aws/start-moto.sh)
  eval "$out"
  export AWS_ENDPOINT_URL
}

# Kubernetes: kube-apiserver, controller-manager, scheduler and etcd built from pinned Go modules into
# ~/.cache/converge/k8s (minutes on a new machine, a second on one with the cache), then started.
build_kubernetes() {
  local bin; bin=$(scripts/k8s/build.sh)
  export PATH="$bin:$PATH" CONVERGE_K8S_BIN="$bin"
}
start_kubernetes() {
  local out
  out=$(scripts/k8s/start-control-plane.sh)
  eval "$out"
  export KUBECONFIG
}
# The node (containerd, kubelet, kube-proxy, CoreDNS) on that control plane, with the base images imported.
start_kubernetes_node() {
  local out
  out=$(scripts/k8s/start-node.sh)
  eval "$out"
  export KUBECONFIG
}

if [ -x scripts/docker/start-dockerd.sh ]; then
  phase "start dockerd" start_docker
  phase "build base images" scripts/docker/build-base-images.sh
fi
if [ -x scripts/aws/start-moto.sh ]; then
  phase "start moto" start_moto
fi
if [ -x scripts/k8s/start-control-plane.sh ]; then
  phase "build kubernetes" build_kubernetes
  phase "start kubernetes" start_kubernetes
  [ -x scripts/k8s/start-node.sh ] && phase "start kubernetes node" start_kubernetes_node
fi

# The convergence properties run 1,000 tries each here (their defaults are smaller for quick local runs);
# CONVERGE_FUZZ_TRIES overrides it, e.g. 20000 for a long run (see docs/reliability.md).
phase "mvn verify" mvn -B -ntp --fail-at-end verify -Dconverge.fuzz.tries="${CONVERGE_FUZZ_TRIES:-1000}"

# An integration test that skips because its server is missing must fail the run.
check_its() {
  local skipped=0 total=0
  for dir in "$ROOT"/*/target/failsafe-reports "$ROOT"/target/*/failsafe-reports; do
    [ -d "$dir" ] || continue
    local module; module=$(echo "$dir" | sed "s#$ROOT/##; s#/target.*##; s#target/##")
    local ran=0 skip=0
    for report in "$dir"/TEST-*.xml; do
      [ -f "$report" ] || continue
      ran=$((ran + $(grep -o 'tests="[0-9]*"' "$report" | head -1 | tr -dc 0-9)))
      skip=$((skip + $(grep -o 'skipped="[0-9]*"' "$report" | head -1 | tr -dc 0-9)))
    done
    echo "  $module: $ran integration tests, $skip skipped"
    total=$((total + ran)); skipped=$((skipped + skip))
  done
  echo "  all modules: $total integration tests, $skipped skipped"
  if [ "$skipped" -gt 0 ]; then
    echo "FAIL: $skipped integration test(s) were skipped; every server they need must be running" >&2
    return 1
  fi
}
phase "check integration tests" check_its

# The documented path of a new user: Converge installed into a private local repository, a project
# generated from converge-archetype in a temporary directory, and there plan, apply, a second apply
# ("No changes."), destroy and mvn test (scripts/starter/check.sh; README, "Use Converge in your own project").
phase "starter project" scripts/starter/check.sh

# The example continuous-deployment pipeline, end to end on Docker: a good change promoted from preprod
# to prod, a refused promotion, a bad change rolled back in preprod, a prod failure rolled back; each
# exit code checked (scripts/pipeline/demo.sh, docs/deployment.md).
if [ -n "${DOCKER_HOST:-}" ]; then
  phase "example pipeline" scripts/pipeline/demo.sh
fi
