#!/usr/bin/env bash
# Stops the dockerd that start-dockerd.sh started and removes its data root.
# Idempotent: succeeds when nothing runs. Only the daemon recorded in our pid file is stopped.
# Usage: scripts/docker/stop-dockerd.sh [--keep-dir]   (--keep-dir keeps data and log, for debugging)
set -uo pipefail

BASE="${CONVERGE_DOCKER_DIR:-/tmp/converge-docker}"
log() { echo "stop-dockerd: $*" >&2; }
[ -f "$BASE/current" ] || exit 0
RUN_DIR="$(cat "$BASE/current")"
PIDFILE="$RUN_DIR/dockerd.pid"

if [ -f "$PIDFILE" ]; then
  PID="$(cat "$PIDFILE")"
  if kill -0 "$PID" 2>/dev/null; then
    log "stopping dockerd $PID"
    # Remove running containers first so their mounts and networks go away cleanly.
    if [ -S "$BASE/docker.sock" ]; then
      ids="$(DOCKER_HOST="unix://$BASE/docker.sock" timeout 20 docker ps -aq 2>/dev/null || true)"
      [ -n "$ids" ] && DOCKER_HOST="unix://$BASE/docker.sock" timeout 30 docker rm -f $ids >/dev/null 2>&1 || true
    fi
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$PID" 2>/dev/null; then
      log "dockerd $PID still running after 15 s, killing it"
      kill -KILL "$PID" 2>/dev/null || true
      sleep 0.5
    fi
  fi
fi
if [ "${1:-}" != "--keep-dir" ]; then
  # Mounts (overlay layers, shm, netns) under the data/exec roots must go before rm -rf.
  grep -o " $RUN_DIR[^ ]*" /proc/mounts 2>/dev/null | sort -r | while read -r mnt; do
    umount -l "$mnt" 2>/dev/null || true
  done
  rm -rf "$RUN_DIR"
  rm -f "$BASE/current" "$BASE/docker.sock"
  log "removed $RUN_DIR"
fi
exit 0
