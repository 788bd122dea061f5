#!/usr/bin/env bash
# Stops the control plane that start-control-plane.sh started and removes its data directory.
# Idempotent: succeeds when nothing runs. Only the processes recorded in its pid files are stopped.
# Usage: scripts/k8s/stop-control-plane.sh [--keep-dir]   (--keep-dir keeps data and logs, for debugging)
set -uo pipefail
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
log() { echo "stop-control-plane: $*" >&2; }
[ -f "$BASE/current" ] || exit 0
RUN="$(cat "$BASE/current")"

stop_pid() { # name
  local file="$RUN/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$1 ($pid) still running after 10 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
for c in kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_pid "$c"; done
if [ "${1:-}" != "--keep-dir" ]; then
  rm -rf "$RUN"
  rm -f "$BASE/current"
  log "removed $RUN"
fi
exit 0
