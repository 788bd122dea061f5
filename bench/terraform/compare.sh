#!/usr/bin/env bash
# Converge against Terraform, whole process, on the same N resources and the same layered DAG (width
# 100, each resource referencing one of the layer before): the first apply and the no-change plan, with
# the same parallelism (16) and refresh mode on both sides, medians of alternating runs
# (Converge, Terraform, Converge, ...). Converge runs dev.converge.bench.CompareMain through the launcher
# script users run (dev.converge.engine.cli.Launcher: the recommended JVM flags, and a class data sharing
# archive made by a first, separately timed run) against DirectoryProvider (one JSON file per object, no
# latency); Terraform runs terraform_data.
#
# Usage: bench/terraform/compare.sh N [RUNS]        (RUNS defaults to 3)
# Environment:
#   REFRESH=true|false   refresh mode of both sides (default true, both tools' default)
#   TF_APPLY_RUNS=k      Terraform applies to time (default RUNS; 1 is enough at 10,000). With 0, no
#                        Terraform apply runs and the summary reuses TF_APPLY_SECONDS, a wall time
#                        measured before (the issue's 3,159 s at 10,000 on this machine kind)
#   TF_APPLY_LIMIT=s     time limit of one Terraform apply in seconds (default 600); reported as "> s"
#   WORK=dir             scratch directory (default /tmp/converge-compare-N), emptied first
#   VARIANTS="cds nocds" how Converge is launched, each variant timed in every round: cds (the launcher
#                        with its archive), nocds (the launcher, CONVERGE_CDS=off), java (plain
#                        `java $JAVA_OPTS -cp ...`, as figures before the launcher were taken)
#   JAVA_OPTS=...        JVM options of the java variant (default -Xmx1g -XX:TieredStopAtLevel=1
#                        -XX:+UseSerialGC; JAVA_OPTS=-Xmx1g measures a JVM without the launch flags)
#   CONVERGE_JAVA_OPTS   more JVM options of the launcher variants (default -Xmx1g)
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
read -r -a variants <<< "${VARIANTS:-cds nocds}"
export CONVERGE_JAVA_OPTS=${CONVERGE_JAVA_OPTS:--Xmx1g}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests)
fi
rm -rf "$work" && mkdir -p "$work/lib"
# A private copy of the classpath: other builds may reinstall the engine jar in ~/.m2 during the runs.
cp "$root"/benchmarks/target/benchmarks-*.jar "$work/bench.jar"
tr ':' '\n' < "$root/benchmarks/target/classpath.txt" | xargs -I{} cp {} "$work/lib/"
cp="$work/bench.jar:$work/lib/*"
ls "$work"/lib/*.jar | tr '\n' ':' > "$work/classpath.txt"
java -cp "$cp" dev.converge.engine.cli.Launcher "$work/converge" dev.converge.bench.CompareMain "$work/bench.jar" \
  "$work/classpath.txt"
export CONVERGE_CDS_DIR="$work/cds"
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

converge() { # variant, command: the command line of one Converge run
  local args=(. "$n" "$2" "--refresh=$refresh")
  case $1 in
    cds) echo "$work/converge" "${args[@]}" ;;
    nocds) echo env CONVERGE_CDS=off "$work/converge" "${args[@]}" ;;
    java) echo java $java_opts -cp "$cp" dev.converge.bench.CompareMain "${args[@]}" ;;
    *) echo "unknown variant $1 (cds, nocds, java)" >&2; exit 2 ;;
  esac
}
tf_dir() { mkdir -p "$1" && cp "$work/main.tf" "$1/" && (cd "$1" && terraform init -input=false >init.log 2>&1); }
# Median of one column (1 wall, 2 CPU, 3 peak RSS) of a results file; ">" marks a run stopped at the limit.
median() { awk -v c="$2" '{ print $c }' "$1" | sed 's/^>//' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

say "# compare.sh N=$n runs=$runs refresh=$refresh parallelism=16 on $(nproc) cores, $(date -u +%FT%TZ)"
say "# load before: $(uptime | sed 's/.*load average/load average/')"
say "# terraform $(terraform version 2>/dev/null | head -1 | awk '{print $2}'), $(java -version 2>&1 | head -1), variants: ${variants[*]} (CONVERGE_JAVA_OPTS=$CONVERGE_JAVA_OPTS, java: JAVA_OPTS=$java_opts)"
say "# columns: wall s, CPU s (user+sys), peak RSS MiB"

# The launcher's first run makes the class data sharing archive (the JVM writes it as it exits): an apply of
# its own, timed apart, so that the archive holds what an apply loads.
if [[ " ${variants[*]} " == *" cds "* ]]; then
  mkdir -p "$work/cds-first"
  t=$(timed "$work/cds-first" "$work/cds-first/apply.log" $(converge cds apply)) \
    || { echo "Converge's first apply failed, see $work/cds-first/apply.log" >&2; exit 1; }
  say "first run of the launcher (apply, makes the archive): $t; archive $(du -b "$work"/cds/*.jsa | cut -f1) bytes"
fi

tf_state=""
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    mkdir -p "$work/cv-$v-$i"
    t=$(timed "$work/cv-$v-$i" "$work/cv-$v-$i/apply.log" $(converge "$v" apply)) \
      || { echo "Converge apply $i failed, see $work/cv-$v-$i/apply.log" >&2; exit 1; }
    echo "$t" >> "$work/cv-$v-apply.txt"; say "run $i: converge ($v) apply $t"
  done
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
  for v in "${variants[@]}"; do
    t=$(timed "$work/cv-$v-1" "$work/cv-$v-1/plan-$i.log" $(converge "$v" plan)) \
      || { echo "Converge plan $i was not a no-change plan, see $work/cv-$v-1/plan-$i.log" >&2; exit 1; }
    echo "$t" >> "$work/cv-$v-plan.txt"; say "run $i: converge ($v) no-change plan $t"
  done
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
  local what=$1 cv=$2 tf=$3 target=$4 m=${5:-} tf_runs
  local tfs="terraform wall $m$(median "$tf" 1) s cpu $(median "$tf" 2) s rss $(median "$tf" 3) MiB"
  local cpu="cpu $(ratio "$(median "$tf" 2)" "$(median "$cv" 2)")x"
  if [[ ! -s "$tf" ]]; then
    tfs="terraform wall ${TF_APPLY_SECONDS:?TF_APPLY_SECONDS: the reused Terraform apply time} s (reused measurement)"
    tf_runs=$(mktemp); echo "$TF_APPLY_SECONDS" > "$tf_runs"; tf=$tf_runs; cpu="cpu not measured"
  fi
  say "SUMMARY N=$n refresh=$refresh $what: converge wall $(median "$cv" 1) s cpu $(median "$cv" 2) s rss $(median "$cv" 3) MiB;" \
    "$tfs;" "Terraform/Converge wall $m$(ratio "$(median "$tf" 1)" "$(median "$cv" 1)")x $cpu ($target)"
}
say "# load after: $(uptime | sed 's/.*load average/load average/')"
# The targets: issue 9's at 10,000 resources and up, issue 20's (start-up) below.
if (( n >= 10000 )); then apply_target="target >= 300x"; plan_target="target >= 10x"
elif (( n >= 100 )); then apply_target="target > 1x"; plan_target="target > 1x"
else apply_target="no target"; plan_target="target >= 0.67x, i.e. within 1.5x of Terraform's wall time"; fi
for v in "${variants[@]}"; do
  summary "first apply ($v)" "$work/cv-$v-apply.txt" "$work/tf-apply.txt" "$apply_target" "$more"
  summary "no-change plan ($v)" "$work/cv-$v-plan.txt" "$work/tf-plan.txt" "$plan_target"
done
v=${variants[0]}
say "# state: converge $(du -sb "$work/cv-$v-1/.converge" | cut -f1) bytes (+ $(du -sb "$work/cv-$v-1/.bench-cloud" | cut -f1) bytes of objects), terraform $(stat -c %s "$tf_state/terraform.tfstate") bytes"
