#!/usr/bin/env bash
# Side-by-side benchmark (issue 6): the same 20 versioned, tagged S3 buckets and 20 SQS queues with
# Terraform (main.tf) and with Converge (benchmarks: AwsBenchProgram), against one moto server, alternating runs.
# For each tool and run: the first apply, a no-change plan, and a one-change apply (one tag), each
# timed as a whole process. Both tools run with parallelism 16 (terraform -parallelism=16, Converge
# --parallelism 16) and refresh before planning (Terraform's default; Converge --refresh true). Converge
# is launched with `java -cp` (not Maven): dev.converge.bench.aws.AwsBenchMain of the benchmarks module,
# whose classpath holds only the engine and the AWS provider.
# Not part of CI.
#
#   scripts/aws/start-moto.sh            # once; this script starts it too if needed
#   bench/terraform-aws/bench.sh [RUNS]  # default 3 runs; SKIP_CONVERGE=1 for Terraform only
#   REBUILD=1 bench/terraform-aws/bench.sh  # rebuild the Converge jars and classpath first
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
  if [[ ! -f "$work/classpath" || "${REBUILD:-0}" == 1 ]]; then
    (cd "$root" && mvn -q -o -pl iac-api,iac-engine,iac-testing,providers-aws install -DskipTests \
      && mvn -q -o -pl benchmarks compile dependency:build-classpath -Dmdep.outputFile="$work/classpath" \
        -Dmdep.includeScope=runtime)
  fi
  cp_converge="$root/benchmarks/target/classes:$(cat "$work/classpath")"
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
  local v=(-input=false -no-color -parallelism=16 -var "endpoint=$AWS_ENDPOINT_URL")
  timed terraform.first-apply terraform apply -auto-approve "${v[@]}"
  timed terraform.noop-plan terraform plan -detailed-exitcode "${v[@]}"
  timed terraform.one-change terraform apply -auto-approve "${v[@]}" -var revision=2
  cd "$root"
}

converge_run() {
  reset; rm -rf "$work/converge/.converge"
  cd "$work/converge"
  local java=(java -cp "$cp_converge" dev.converge.bench.aws.AwsBenchMain)
  local o=(--stack bench --parallelism 16 --refresh true --no-color)
  timed converge.first-apply "${java[@]}" apply --auto-approve "${o[@]}"
  timed converge.noop-plan "${java[@]}" plan --detailed-exitcode "${o[@]}"
  CONVERGE_BENCH_REVISION=2 timed converge.one-change "${java[@]}" apply --auto-approve "${o[@]}"
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
