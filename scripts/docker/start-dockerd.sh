#!/usr/bin/env bash
# Starts a private dockerd for Converge's tests: a NEW, empty data root on every run, its own
# exec root, pid file and unix socket (no TCP), logs to a file. Idempotent: a daemon this script
# started earlier is stopped (and its data removed) first.
#
# Usage: eval "$(scripts/docker/start-dockerd.sh)"   # prints: export DOCKER_HOST=unix://...
# Settings (environment): CONVERGE_DOCKER_DIR (default /tmp/converge-docker),
#   CONVERGE_DOCKER_STORAGE (storage driver; default: overlay2, falling back to vfs).
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail

BASE="${CONVERGE_DOCKER_DIR:-/tmp/converge-docker}"
SOCK="$BASE/docker.sock"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "start-dockerd: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "must run as root (dockerd needs root); try: sudo $0"; exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "dockerd missing: installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$BASE"
  # --no-install-recommends keeps it small; docker.io depends on containerd, runc, iptables
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker.io iptables; } \
      >"$BASE/apt.log" 2>&1; then
    log "installing docker.io failed; apt output:"; cat "$BASE/apt.log" >&2; exit 1
  fi
fi
# /usr/local/bin/docker may be a newer client only; any client talks to our socket.
command -v docker >/dev/null 2>&1 || { log "no docker client found after install"; exit 1; }

"$HERE/stop-dockerd.sh" >&2 || true
mkdir -p "$BASE"
RUN_DIR="$(mktemp -d "$BASE/run.XXXXXX")"
echo "$RUN_DIR" > "$BASE/current"

start_daemon() {
  local driver="$1"
  mkdir -p "$RUN_DIR/data" "$RUN_DIR/exec"
  log "starting dockerd (storage $driver, data root $RUN_DIR/data)"
  # containerd is started by dockerd itself (managed mode) under the exec root.
  nohup dockerd \
    --data-root "$RUN_DIR/data" \
    --exec-root "$RUN_DIR/exec" \
    --pidfile "$RUN_DIR/dockerd.pid" \
    -H "unix://$SOCK" \
    --storage-driver "$driver" \
    --log-level warn \
    >"$RUN_DIR/dockerd.log" 2>&1 &
  local waited=0
  while [ "$waited" -lt 300 ]; do
    if DOCKER_HOST="unix://$SOCK" docker info >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 $! 2>/dev/null; then
      break
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  log "dockerd with storage $driver did not answer within 30 s; its log:"
  cat "$RUN_DIR/dockerd.log" >&2 || true
  "$HERE/stop-dockerd.sh" --keep-dir >&2 || true
  return 1
}

DRIVER="${CONVERGE_DOCKER_STORAGE:-}"
if [ -n "$DRIVER" ]; then
  start_daemon "$DRIVER"
else
  start_daemon overlay2 || { log "overlay2 failed, trying vfs"; rm -rf "$RUN_DIR/data"; start_daemon vfs; DRIVER=vfs; }
  DRIVER="${DRIVER:-overlay2}"
fi
echo "$DRIVER" > "$RUN_DIR/storage-driver"
log "dockerd ready on unix://$SOCK (storage $(DOCKER_HOST="unix://$SOCK" docker info --format '{{.Driver}}'), log $RUN_DIR/dockerd.log)"
echo "export DOCKER_HOST=unix://$SOCK"
