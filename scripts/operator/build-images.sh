#!/usr/bin/env bash
# Builds the Converge operator's images FROM converge/jre:17 with a dockerd (the legacy builder: BuildKit does
# not work here), without any registry, and with --import copies them into the one-node test cluster's runtime:
#   converge/operator:0.1.0-SNAPSHOT  the controller (entry point OperatorMain) and the Job runner (StackJob):
#                                     Converge's jars and their dependencies in /opt/converge/lib; a team's program
#                                     image is FROM this one with its jars in /opt/converge/program
#   converge/operator-programs:test   (with --programs DIR) FROM the above, the operator tests' programs in
#                                     /opt/converge/program (the classes under DIR/dev/converge/operator/itprograms)
# Input: operator/target/converge-operator-*.jar and operator/target/operator-lib/ (mvn -pl operator -am package).
# Usage: scripts/operator/build-images.sh [--import] [--programs operator/target/test-classes]
# Settings: DOCKER_HOST (default the shared dockerd), CONVERGE_K8S_DIR (the node, for --import).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOCKER_HOST="${DOCKER_HOST:-unix:///tmp/converge-docker/docker.sock}"
export DOCKER_BUILDKIT=0
VERSION=0.1.0-SNAPSHOT
OPERATOR_IMAGE="converge/operator:$VERSION"
PROGRAMS_IMAGE=converge/operator-programs:test
log() { echo "build-operator-images: $*" >&2; }
IMPORT=false
PROGRAMS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --import) IMPORT=true; shift ;;
    --programs) PROGRAMS="$2"; shift 2 ;;
    *) log "unknown argument $1"; exit 2 ;;
  esac
done

TARGET="$ROOT/operator/target"
JAR="$TARGET/converge-operator-$VERSION.jar"
[ -f "$JAR" ] && [ -d "$TARGET/operator-lib" ] || {
  log "no $JAR or $TARGET/operator-lib: build them first with mvn -pl operator -am package -DskipTests"; exit 1; }
docker info >/dev/null 2>&1 || { log "no dockerd answers at $DOCKER_HOST (scripts/docker/start-dockerd.sh starts one)"; exit 1; }
docker image inspect converge/jre:17 >/dev/null 2>&1 || {
  log "converge/jre:17 is missing from the dockerd: build it with scripts/docker/build-base-images.sh"; exit 1; }

WORK="$(mktemp -d /tmp/converge-operator-image.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# Two layers: the dependencies (they seldom change) and Converge's own jars.
mkdir -p "$WORK/deps" "$WORK/converge"
for jar in "$TARGET"/operator-lib/*.jar; do
  case "$(basename "$jar")" in
    iac-*|providers-*) cp "$jar" "$WORK/converge/" ;;
    *) cp "$jar" "$WORK/deps/" ;;
  esac
done
cp "$JAR" "$WORK/converge/"
cat >"$WORK/Dockerfile" <<DOCKERFILE
FROM converge/jre:17
COPY deps/ /opt/converge/lib/
COPY converge/ /opt/converge/lib/
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", "/opt/converge/lib/*", "dev.converge.operator.controller.OperatorMain"]
DOCKERFILE
build() { # tag, docker build arguments...: the image the tag pointed to before goes once nothing uses it
  local tag="$1" old; shift
  old="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  # The legacy builder's deprecation notice goes to stderr on every build: shown only when the build fails.
  docker build -q -t "$tag" "$@" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
  log "built $tag"
}
build "$OPERATOR_IMAGE" "$WORK"
IMAGES=("$OPERATOR_IMAGE")

if [ -n "$PROGRAMS" ]; then
  [ -d "$PROGRAMS/dev/converge/operator/itprograms" ] || {
    log "$PROGRAMS has no dev/converge/operator/itprograms: compile the tests first (mvn -pl operator test-compile)"; exit 1; }
  mkdir -p "$WORK/programs"
  jar cf "$WORK/programs/operator-itprograms.jar" -C "$PROGRAMS" dev/converge/operator/itprograms
  printf 'FROM %s\nCOPY programs/ /opt/converge/program/\n' "$OPERATOR_IMAGE" >"$WORK/Dockerfile.programs"
  build "$PROGRAMS_IMAGE" -f "$WORK/Dockerfile.programs" "$WORK"
  IMAGES+=("$PROGRAMS_IMAGE")
fi
if $IMPORT; then
  "$ROOT/scripts/k8s/import-images.sh" "${IMAGES[@]}"
fi
