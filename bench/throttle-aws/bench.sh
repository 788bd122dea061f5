#!/usr/bin/env bash
# Throttling benchmark (issue 18): 300 AWS objects (100 tagged S3 buckets, SQS queues and SNS topics) created
# on moto through a token-bucket proxy (dev.converge.bench.aws.WireProxyMain: RATE calls/s, over-limit calls
# answered with each service's throttling error), by Converge and by Terraform, alternating; then the same
# with 20% of calls answered 503. For each run: the apply's wall time, the calls the proxy admitted (each
# took a token), the over-limit calls, the exit code, and the objects in moto counted directly (duplicates).
# A first, unthrottled round (no limit) gives each tool's calls for the objects: the floor is those calls / RATE.
# Not part of CI. Needs moto_server, Terraform with the hashicorp/aws 5.100.0 plugin in TF_PLUGIN_DIR
# (default /opt/tf-plugins, no network), and no `mvn install` (the classpath is the reactor's).
#
#   bench/throttle-aws/bench.sh [RATE] [ROUNDS]      # default 20 calls/s, 1 round; SKIP_TERRAFORM=1 to skip it
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
rate="${1:-20}"
rounds="${2:-1}"
work="$root/target/bench-throttle"
mkdir -p "$work/tf" "$work/converge"
export MOTO_DIR="${MOTO_DIR:-$work/moto}"
eval "$("$root/scripts/aws/start-moto.sh")"
moto="$AWS_ENDPOINT_URL"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
plugins="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
cp "$root/bench/throttle-aws/main.tf" "$work/tf/"
(cd "$work/tf" && terraform init -input=false -plugin-dir="$plugins" >/dev/null)
if [[ ! -f "$work/classpath" || "${REBUILD:-0}" == 1 ]]; then
  (cd "$root" && mvn -B -q -o -pl benchmarks -am compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=runtime)
fi
cp="$root/benchmarks/target/classes:$(cat "$work/classpath")"
results="$work/results.txt"
echo "# $(date -u +%FT%TZ) rate=$rate rounds=$rounds load: $(uptime)" >>"$results"

proxy_pid=""
start_proxy() { # rate p503
  rm -f "$work/stats"
  java -cp "$cp" dev.converge.bench.aws.WireProxyMain 127.0.0.1 "${moto##*:}" "$1" 5 "$2" "$work/stats" \
    >"$work/proxy.url" 2>"$work/proxy.log" &
  proxy_pid=$!
  for _ in $(seq 100); do [[ -s "$work/stats" ]] && break; sleep 0.1; done
  proxy="$(head -1 "$work/proxy.url")"
}
stop_proxy() { kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; }
# The bench's own moto (MOTO_DIR) goes with it; the one the tests use is another.
trap 'stop_proxy; MOTO_DIR="$MOTO_DIR" "$root/scripts/aws/stop-moto.sh" >/dev/null 2>&1 || true' EXIT

run() { # tool rate p503
  local tool="$1" r="$2" p="$3" prefix start end rc=0
  curl -sf -X POST "$moto/moto-api/reset" >/dev/null
  start_proxy "$r" "$p"
  start=$(date +%s.%N)
  if [[ "$tool" == terraform ]]; then
    prefix=tfthr
    (cd "$work/tf" && rm -f terraform.tfstate* && terraform apply -auto-approve -input=false -no-color \
      -parallelism=16 -var "endpoint=$proxy" >"$work/last.log" 2>&1) || rc=$?
  else
    prefix=cvthr
    (cd "$work/converge" && rm -rf .converge && CONVERGE_BENCH_PROGRAM=throttle AWS_ENDPOINT_URL="$proxy" \
      java -cp "$cp" dev.converge.bench.aws.AwsBenchMain apply --auto-approve --stack bench --parallelism 16 \
      --no-color >"$work/last.log" 2>&1) || rc=$?
  fi
  end=$(date +%s.%N)
  sleep 0.3
  read -r requests admitted limited forwarded statuses throttles <"$work/stats"
  stop_proxy
  counts="$(java -cp "$cp" dev.converge.bench.aws.MotoCountMain "$moto" "$prefix")"
  printf '%s rate=%s p503=%s seconds=%.1f exit=%s requests=%s admitted=%s over-limit=%s 503s=%s %s\n' "$tool" "$r" \
    "$p" "$(echo "$end - $start" | bc)" "$rc" "$requests" "$admitted" "$limited" "$statuses" "$counts" \
    | tee -a "$results"
  cp "$work/last.log" "$work/$tool-$r-$p.log"
}

tools=(converge terraform)
[[ "${SKIP_TERRAFORM:-0}" == 1 ]] && tools=(converge)
for tool in "${tools[@]}"; do run "$tool" 0 0; done            # calls for the objects, no limit
for _ in $(seq 1 "$rounds"); do
  for tool in "${tools[@]}"; do run "$tool" "$rate" 0; done
  for tool in "${tools[@]}"; do run "$tool" "$rate" 0.2; done
done
echo "# end $(date -u +%FT%TZ) load: $(uptime)" >>"$results"
