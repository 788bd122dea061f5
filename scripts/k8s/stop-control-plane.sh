#!/usr/bin/env bash
# Stops the control plane that start-control-plane.sh started (and the node start-node.sh started on it)
# and removes its data directory.
# Idempotent: succeeds when nothing runs. Only the processes recorded in its pid files are stopped.
# Usage: scripts/k8s/stop-control-plane.sh [--keep-dir]   (--keep-dir keeps data and logs, for debugging)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
log() { echo "stop-control-plane: $*" >&2; }
# A node runs on this control plane's certificates: it stops first.
"$HERE/stop-node.sh" "$@"
[ -f "$BASE/current" ] || exit 0
RUN="$(cat "$BASE/current")"

PROC_DIR="$RUN"
# shellcheck source=procs.sh
. "$HERE/procs.sh"
for c in kube-scheduler kube-controller-manager kube-apiserver etcd; do proc_stop "$c"; done
if [ "${1:-}" != "--keep-dir" ]; then
  rm -rf "$RUN"
  rm -f "$BASE/current"
  log "removed $RUN"
fi
exit 0
