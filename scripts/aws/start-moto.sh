#!/usr/bin/env bash
# Starts the machine image's moto_server (a local AWS imitation) in the background for the AWS
# provider's integration tests, waits until it answers, and prints the line to export.
#
#   eval "$(scripts/aws/start-moto.sh)"        # default port 5005, or the next free one
#   MOTO_PORT=5099 scripts/aws/start-moto.sh
#
# State lives in target/moto/ (pid file and log) under the repository root; stop it with
# scripts/aws/stop-moto.sh. Fails loudly when moto_server is missing: the tests must not skip.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${MOTO_DIR:-$root/target/moto}"
port="${MOTO_PORT:-5005}"
mkdir -p "$dir"
# The machine image installs moto through pyenv; CI may run without the login shell that puts it on PATH.
export PATH="$PATH:${HOME:-/root}/.pyenv/shims:/root/.pyenv/shims"

if ! command -v moto_server >/dev/null 2>&1; then
  echo "ERROR: moto_server is not on PATH. The AWS integration tests need it." >&2
  echo "       Install it with: pip install 'moto[server]'  (moto 5.2 is known to work)" >&2
  exit 1
fi

if [[ -f "$dir/moto.pid" ]] && kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null; then
  echo "export AWS_ENDPOINT_URL=$(cat "$dir/moto.url")"
  exit 0
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
tries=0
while port_busy "$port"; do
  port=$((port + 1)); tries=$((tries + 1))
  if (( tries > 50 )); then echo "ERROR: no free port from ${MOTO_PORT:-5005} upwards" >&2; exit 1; fi
done

nohup moto_server -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
echo $! >"$dir/moto.pid"
url="http://127.0.0.1:$port"
echo "$url" >"$dir/moto.url"

for _ in $(seq 1 100); do
  if curl -sf -o /dev/null "$url/moto-api/data.json"; then
    echo "export AWS_ENDPOINT_URL=$url"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null; then
    echo "ERROR: moto_server exited during start-up; its log follows:" >&2
    cat "$dir/moto.log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "ERROR: moto_server did not answer on $url within 20 s; see $dir/moto.log" >&2
exit 1
