#!/usr/bin/env bash
# Converge against Terraform, whole process, on the same N resources and the same layered DAG (width
# 100, each resource referencing one of the layer before): the first apply and the no-change plan, with
# the same parallelism (16) and refresh mode on both sides, medians of alternating runs
# (Converge, Terraform, Converge, ...). Converge runs dev.converge.bench.CompareMain with `java -cp`
# against DirectoryProvider (one JSON file per object, no latency); Terraform runs terraform_data.
#
# Usage: bench/terraform/compare.sh N [RUNS]        (RUNS defaults to 3)
# Environment:
#   REFRESH=true|false   refresh mode of both sides (default true, both tools' default)
#   TF_APPLY_RUNS=k      Terraform applies to time (default RUNS; 1 is enough at 10,000). With 0, no
#                        Terraform apply runs and the summary reuses TF_APPLY_SECONDS, a wall time
#                        measured before (the issue's 3,159 s at 10,000 on this machine kind)
#   TF_APPLY_LIMIT=s     time limit of one Terraform apply in seconds (default 600); reported as "> s"
#   WORK=dir             scratch directory (default /tmp/converge-compare-N), emptied first
#   JAVA_OPTS=...        JVM options of the Converge side (default: the recommended launch flags of
#                        docs/benchmarks.md, -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC;
#                        JAVA_OPTS=-Xmx1g measures a JVM without them)
#   SKIP_BUILD=1         do not run Maven first
# When no Terraform apply finished in time, the plans run against the state seed-state.sh writes (the
# state a complete apply leaves), so the no-change plan can still be timed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:?usage: compare.sh N [RUNS]}
runs=${2:-3}
refresh=${REFRESH:-true}
tf_apply_runs=${TF_APPLY_RUNS:-$runs}
limit=${TF_APPLY_LIMIT:-600}
work=${WORK:-/tmp/converge-compare-$n}
java_opts=${JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests)
fi
rm -rf "$work" && mkdir -p "$work/lib"
# A private copy of the classpath: other builds may reinstall the engine jar in ~/.m2 during the runs.
cp -r "$root/benchmarks/target/classes" "$work/lib/classes"
tr ':' '\n' < "$root/benchmarks/target/classpath.txt" | xargs -I{} cp {} "$work/lib/"
cp="$work/lib/classes:$work/lib/*"
results="$work/results.txt"
"$here/generate.sh" "$n" > "$work/main.tf"

say() { echo "$*" | tee -a "$results"; }

# Runs a command in a directory with its output in a log; prints "wall-seconds cpu-seconds peak-RSS-MiB"
# (CPU = user + system, which the other work on a shared machine inflates less than wall time); returns
# the command's exit code.
timed() {
  local dir=$1 log=$2; shift 2
  local rc=0
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$log.time" "$@") >"$log" 2>&1 || rc=$?
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$log.time" | tail -1
  return $rc
}

converge() { echo java $java_opts -cp "$cp" dev.converge.bench.CompareMain . "$n" "$1" "--refresh=$refresh"; }
tf_dir() { mkdir -p "$1" && cp "$work/main.tf" "$1/" && (cd "$1" && terraform init -input=false >init.log 2>&1); }
# Median of one column (1 wall, 2 CPU, 3 peak RSS) of a results file; ">" marks a run stopped at the limit.
median() { awk -v c="$2" '{ print $c }' "$1" | sed 's/^>//' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

say "# compare.sh N=$n runs=$runs refresh=$refresh parallelism=16 on $(nproc) cores, $(date -u +%FT%TZ)"
say "# load before: $(uptime | sed 's/.*load average/load average/')"
say "# terraform $(terraform version 2>/dev/null | head -1 | awk '{print $2}'), $(java -version 2>&1 | head -1), JAVA_OPTS=$java_opts"
say "# columns: wall s, CPU s (user+sys), peak RSS MiB"

tf_state=""
for i in $(seq 1 "$runs"); do
  mkdir -p "$work/cv-$i"
  t=$(timed "$work/cv-$i" "$work/cv-$i/apply.log" $(converge apply)) \
    || { echo "Converge apply $i failed, see $work/cv-$i/apply.log" >&2; exit 1; }
  echo "$t" >> "$work/cv-apply.txt"; say "run $i: converge apply $t"
  if (( i <= tf_apply_runs )); then
    tf_dir "$work/tf-$i"
    rc=0; t=$(timed "$work/tf-$i" "$work/tf-$i/apply.log" timeout -s INT -k 120 "$limit" \
      terraform apply -auto-approve -input=false -parallelism=16 "-refresh=$refresh") || rc=$?
    if (( rc == 124 )); then t=">$limit ${t#* }"; elif (( rc != 0 )); then
      echo "Terraform apply $i failed, see $work/tf-$i/apply.log" >&2; exit 1
    elif [[ -z "$tf_state" ]]; then tf_state="$work/tf-$i"; fi
    echo "$t" >> "$work/tf-apply.txt"; say "run $i: terraform apply $t"
  fi
done

if [[ -z "$tf_state" ]]; then
  tf_state="$work/tf-seeded"; tf_dir "$tf_state"
  "$here/seed-state.sh" "$n" > "$tf_state/terraform.tfstate"
  if (( tf_apply_runs == 0 )); then why="no Terraform apply ran (TF_APPLY_RUNS=0)"; else why="no Terraform apply finished within ${limit} s"; fi
  say "# $why: its plans run on the state seed-state.sh writes"
fi

for i in $(seq 1 "$runs"); do
  t=$(timed "$work/cv-1" "$work/cv-1/plan-$i.log" $(converge plan)) \
    || { echo "Converge plan $i was not a no-change plan, see $work/cv-1/plan-$i.log" >&2; exit 1; }
  echo "$t" >> "$work/cv-plan.txt"; say "run $i: converge no-change plan $t"
  t=$(timed "$tf_state" "$tf_state/plan-$i.log" terraform plan -input=false -parallelism=16 \
    -detailed-exitcode "-refresh=$refresh") \
    || { echo "Terraform plan $i was not a no-change plan, see $tf_state/plan-$i.log" >&2; exit 1; }
  echo "$t" >> "$work/tf-plan.txt"; say "run $i: terraform no-change plan $t"
done

# Terraform's median apply is a lower bound when at least half of its applies hit the limit.
touch "$work/tf-apply.txt"
more=""; [[ -s "$work/tf-apply.txt" ]] \
  && (( $(grep -c '>' "$work/tf-apply.txt" || true) * 2 >= $(wc -l < "$work/tf-apply.txt") )) && more=">"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
summary() {
  local what=$1 cv=$2 tf=$3 target=$4 m=${5:-}
  local tfs="terraform wall $m$(median "$tf" 1) s cpu $(median "$tf" 2) s rss $(median "$tf" 3) MiB"
  local cpu="cpu $(ratio "$(median "$tf" 2)" "$(median "$cv" 2)")x"
  if [[ ! -s "$tf" ]]; then
    tfs="terraform wall ${TF_APPLY_SECONDS:?TF_APPLY_SECONDS: the reused Terraform apply time} s (reused measurement)"
    echo "$TF_APPLY_SECONDS" > "$tf"; cpu="cpu not measured"
  fi
  say "SUMMARY N=$n refresh=$refresh $what: converge wall $(median "$cv" 1) s cpu $(median "$cv" 2) s rss $(median "$cv" 3) MiB;" \
    "$tfs;" "Terraform/Converge wall $m$(ratio "$(median "$tf" 1)" "$(median "$cv" 1)")x $cpu (target >= ${target}x)"
}
say "# load after: $(uptime | sed 's/.*load average/load average/')"
summary "first apply" "$work/cv-apply.txt" "$work/tf-apply.txt" 300 "$more"
summary "no-change plan" "$work/cv-plan.txt" "$work/tf-plan.txt" 10
say "# state: converge $(du -sb "$work/cv-1/.converge" | cut -f1) bytes (+ $(du -sb "$work/cv-1/.bench-cloud" | cut -f1) bytes of objects), terraform $(stat -c %s "$tf_state/terraform.tfstate") bytes"
