#!/usr/bin/env bash
# The documented path of a new user, tested (README, "Use Converge in your own project"):
#   1. installs Converge (parent, BOM, every artifact, the archetype) into a PRIVATE local repository;
#   2. generates a new infra module from converge-archetype in a temporary directory;
#   3. there runs plan, apply, a second apply (must print "No changes."), the launcher `mvn package` writes
#      (target/converge: an apply that makes the class data sharing archive, then a no-change plan that
#      uses it), destroy and `mvn test`, with no dependency management but the BOM import the archetype wrote.
# Fails if any step fails; prints each step's time. Run it after `mvn verify` (it then only packages and
# installs; the tests ran already).
#
# The shared ~/.m2/repository is never written: the private repository (target/starter/m2, kept between
# runs for speed; `mvn clean` removes it) reads it as a file:// remote, and whatever is not there (the
# install and archetype plugins on a new machine) comes from Maven Central. Environment:
#   CONVERGE_STARTER_DIR   where the private repository and settings go (default target/starter)
#   CONVERGE_STARTER_SEED  the repository read as the seed (default ~/.m2/repository)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${CONVERGE_STARTER_DIR:-$ROOT/target/starter}
SEED=${CONVERGE_STARTER_SEED:-$HOME/.m2/repository}
ARCHETYPE_PLUGIN=org.apache.maven.plugins:maven-archetype-plugin:3.4.0
VERSION=$(sed -n 's#^  <version>\(.*\)</version>$#\1#p' converge-bom/pom.xml | head -1)
MODULES=:converge-parent,converge-bom,iac-api,iac-engine,iac-testing,providers-local,providers-docker,providers-k8s,providers-aws,converge-archetype
START=$(date +%s%N)
STEPS=()
PROJECT_DIR=""
APPLIED=false

step() { # name, command...: runs the command, records its time, stops the script on failure
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  echo "==> starter: $name"
  if ! "$@"; then
    echo "FAIL: starter step '$name' failed" >&2
    return 1
  fi
  STEPS+=("$(printf '%-26s %6.1fs' "$name" "$(elapsed "$t0")")")
}

elapsed() { # start in ns -> seconds with one decimal
  echo "$(( ($(date +%s%N) - $1) / 100000000 ))" | sed 's/\(.\)$/.\1/; s/^\./0./'
}

cleanup() {
  local code=$?
  if [ "$APPLIED" = true ] && [ -n "$PROJECT_DIR" ]; then
    echo "starter: destroying what the failed run left" >&2
    (cd "$PROJECT_DIR" && mvn_private -q compile exec:java -Dexec.args="destroy --auto-approve") >&2 || true
  fi
  [ -n "$PROJECT_DIR" ] && rm -rf "$(dirname "$PROJECT_DIR")"
  echo "Starter step times:"
  for line in "${STEPS[@]}"; do echo "  $line"; done
  printf '  %-26s %6.1fs\n' total "$(elapsed "$START")"
  exit $code
}
trap cleanup EXIT

mvn_private() {
  mvn -B -ntp -s "$WORK/settings.xml" "$@"
}

write_settings() {
  mkdir -p "$WORK/m2"
  local seed="<url>file://$SEED</url><releases><checksumPolicy>ignore</checksumPolicy></releases>"
  seed="$seed<snapshots><enabled>false</enabled></snapshots>"
  cat > "$WORK/settings.xml" <<XML
<settings>
  <localRepository>$WORK/m2</localRepository>
  <profiles>
    <profile>
      <id>seed</id>
      <repositories><repository><id>seed</id>$seed</repository></repositories>
      <pluginRepositories><pluginRepository><id>seed</id>$seed</pluginRepository></pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
</settings>
XML
  rm -rf "$WORK/m2/dev/converge"
}

# After `mvn verify` the classes are compiled: without incremental compilation the compiler only looks at
# sources, not at the (newly copied) dependency jars, and compiles nothing again.
install_converge() {
  mvn_private -q install -pl "$MODULES" -DskipTests -Dmaven.compiler.useIncrementalCompilation=false
}

generate() {
  local parent; parent=$(mktemp -d "${TMPDIR:-/tmp}/converge-starter.XXXXXX")
  (cd "$parent" && mvn_private -q "$ARCHETYPE_PLUGIN:generate" -DarchetypeCatalog=local \
    -DarchetypeGroupId=dev.converge -DarchetypeArtifactId=converge-archetype -DarchetypeVersion="$VERSION" \
    -DgroupId=com.example.starter -DartifactId=infra -Dversion=1.0.0-SNAPSHOT -Dpackage=com.example.starter)
  PROJECT_DIR=$parent/infra
  [ -f "$PROJECT_DIR/pom.xml" ] && [ -f "$PROJECT_DIR/.mvn/jvm.config" ]
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; return 1
}

# Runs the generated program's command line as the README says; its output goes to $WORK/out.txt too.
converge() {
  (cd "$PROJECT_DIR" && mvn_private -q compile exec:java -Dexec.args="$*") 2>&1 | tee "$WORK/out.txt"
  return "${PIPESTATUS[0]}"
}

plan() {
  converge plan && grep -q 'Plan: 3 to add' "$WORK/out.txt"
}

apply_first() {
  APPLIED=true
  converge apply --auto-approve || return 1
  local answer; answer=$(curl -fsS "http://127.0.0.1:$CONVERGE_SITE_PORT/")
  [ "$answer" = "Hello from the starter check" ] || { echo "the server answered: $answer" >&2; return 1; }
}

apply_again() {
  converge apply --auto-approve && grep -q 'No changes\.' "$WORK/out.txt"
}

# README, "Run without Maven": `mvn package` writes target/converge; its first run makes the archive. The
# first run applies: the server's command names the class path the program runs from (target/classes under
# Maven, the jar under target/converge), so the switch replaces it once. The second run, with the archive,
# must then be a no-change plan.
launcher() {
  (cd "$PROJECT_DIR" && mvn_private -q package -DskipTests) || return 1
  (cd "$PROJECT_DIR" && target/converge apply --auto-approve) > "$WORK/out.txt" 2>&1 \
    || { cat "$WORK/out.txt"; echo "the launcher's first run (apply) failed" >&2; return 1; }
  compgen -G "$PROJECT_DIR/target/converge-cds/*.jsa" > /dev/null \
    || { echo "the launcher's first run made no class data sharing archive" >&2; return 1; }
  (cd "$PROJECT_DIR" && target/converge plan --detailed-exitcode) > "$WORK/out.txt" 2>&1 \
    || { cat "$WORK/out.txt"; echo "the launcher's second run was not a no-change plan" >&2; return 1; }
  grep -q 'No changes\.' "$WORK/out.txt" || { cat "$WORK/out.txt"; return 1; }
  local answer; answer=$(curl -fsS "http://127.0.0.1:$CONVERGE_SITE_PORT/")
  [ "$answer" = "Hello from the starter check" ] || { echo "the server answered: $answer" >&2; return 1; }
}

destroy() {
  converge destroy --auto-approve || return 1
  APPLIED=false
  if curl -fsS -o /dev/null "http://127.0.0.1:$CONVERGE_SITE_PORT/" 2>/dev/null; then
    echo "the server still answers after destroy" >&2; return 1
  fi
  [ ! -e "$PROJECT_DIR/run/site" ] || { echo "run/site is still there after destroy" >&2; return 1; }
}

unit_tests() {
  (cd "$PROJECT_DIR" && mvn_private test) > "$WORK/test.txt" 2>&1 || { cat "$WORK/test.txt"; return 1; }
  grep -E 'Tests run: [0-9]+, Failures' "$WORK/test.txt" | tail -1
  grep -qE 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0$' "$WORK/test.txt"
}

export CONVERGE_SITE_PORT; CONVERGE_SITE_PORT=$(free_port)
export CONVERGE_SITE_GREETING="Hello from the starter check"
write_settings
step "install into private repo" install_converge
step "archetype:generate" generate
step "plan" plan
step "apply" apply_first
step "apply again: No changes." apply_again
step "launcher: No changes." launcher
step "destroy" destroy
step "mvn test" unit_tests
echo "starter: the generated project planned, applied, reapplied with no changes, destroyed and passed its tests"
