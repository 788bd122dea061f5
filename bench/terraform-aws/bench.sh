#!/usr/bin/env bash
# Side-by-side benchmark (issue 6): the same 20 versioned, tagged S3 buckets and 20 SQS queues with
# Terraform (main.tf) and with Converge (AwsBenchStack), against one moto server, alternating runs.
# For each tool and run: the first apply, a no-change plan, and a one-change apply (one tag), each
# timed as a whole process. Terraform runs with -parallelism=10 and refreshes as usual; Converge is
# launched with `java -cp` (not Maven) and must use the same parallelism and refresh mode.
# Not part of CI.
#
#   scripts/aws/start-moto.sh            # once; this script starts it too if needed
#   bench/terraform-aws/bench.sh [RUNS]  # default 3 runs; SKIP_CONVERGE=1 for Terraform only
#
# Prints one line per measurement and the medians; append them to docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-3}"
eval "$("$root/scripts/aws/start-moto.sh")"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
# The plugin directory holds registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/terraform-provider-aws_*.
plugins="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
if [[ ! -d "$plugins/registry.terraform.io/hashicorp/aws" ]]; then
  plugins="$(find / -name 'terraform-provider-aws*' -not -path '/proc/*' 2>/dev/null | head -1 \
    | sed 's|/registry.terraform.io/.*||')"
fi
work="$root/target/bench-aws"
mkdir -p "$work/tf" "$work/converge"
cp "$root/bench/terraform-aws/main.tf" "$work/tf/"
(cd "$work/tf" && terraform init -input=false -plugin-dir="$plugins" >/dev/null)

if [[ "${SKIP_CONVERGE:-0}" != 1 ]]; then
  if [[ ! -f "$work/classpath" ]]; then
    (cd "$root" && mvn -q -pl examples -am install -DskipTests \
      && mvn -q -pl examples dependency:build-classpath -Dmdep.outputFile="$work/classpath")
  fi
  cp_converge="$root/examples/target/classes:$(cat "$work/classpath")"
fi

reset() { curl -sf -X POST "$AWS_ENDPOINT_URL/moto-api/reset" >/dev/null; }
now() { date +%s.%N; }
results="$work/results.txt"
: >"$results"

timed() { # label command...
  local label="$1"; shift
  local start end
  start=$(now)
  "$@" >"$work/last.log" 2>&1 || { local rc=$?; [[ $rc == 2 && $label == *plan* ]] || { cat "$work/last.log"; exit $rc; }; }
  end=$(now)
  printf '%s %.2f\n' "$label" "$(echo "$end - $start" | bc)" | tee -a "$results"
}

terraform_run() {
  reset; rm -f "$work/tf/terraform.tfstate"*
  cd "$work/tf"
  local v=(-input=false -no-color -parallelism=10 -var "endpoint=$AWS_ENDPOINT_URL")
  timed terraform.first-apply terraform apply -auto-approve "${v[@]}"
  timed terraform.noop-plan terraform plan -detailed-exitcode "${v[@]}"
  timed terraform.one-change terraform apply -auto-approve "${v[@]}" -var revision=2
  cd "$root"
}

converge_run() {
  reset; rm -rf "$work/converge/.converge"
  cd "$work/converge"
  local java=(java -cp "$cp_converge" dev.converge.examples.aws.AwsBenchStack)
  timed converge.first-apply "${java[@]}" apply --auto-approve --stack bench
  timed converge.noop-plan "${java[@]}" plan --detailed-exitcode --stack bench
  CONVERGE_BENCH_REVISION=2 timed converge.one-change "${java[@]}" apply --auto-approve --stack bench
  cd "$root"
}

for i in $(seq 1 "$runs"); do
  terraform_run
  [[ "${SKIP_CONVERGE:-0}" == 1 ]] || converge_run
done

echo "median seconds over $runs runs:"
for label in $(cut -d' ' -f1 "$results" | sort -u); do
  grep "^$label " "$results" | cut -d' ' -f2 | sort -n | awk -v l="$label" '{a[NR]=$1} END {print l, a[int((NR+1)/2)]}'
done
