#!/usr/bin/env bash
# Stops the moto_server that scripts/aws/start-moto.sh started (by its pid file only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${MOTO_DIR:-$root/target/moto}"
if [[ -f "$dir/moto.pid" ]]; then
  pid="$(cat "$dir/moto.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/moto.pid" "$dir/moto.url"
fi
