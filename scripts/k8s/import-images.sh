#!/usr/bin/env bash
# Copies images from a dockerd into the test node's containerd (namespace k8s.io, where the kubelet
# looks), so that pods run them without a registry: `docker save | ctr images import`. Pods refer to
# them by the same name with imagePullPolicy Never or IfNotPresent (converge/nginx:1 is
# docker.io/converge/nginx:1 to both).
#
# Usage: scripts/k8s/import-images.sh [--if-present] IMAGE...
#   default IMAGE list: converge/busybox:1 converge/nginx:1 (built by scripts/docker/build-base-images.sh)
#   --if-present: skip (with a note) images the dockerd lacks, and everything when no dockerd answers;
#   without it a missing image fails the script.
# Settings: CONVERGE_K8S_DIR (the node's, as for start-node.sh), DOCKER_HOST (default the shared
#   dockerd, unix:///tmp/converge-docker/docker.sock).
set -euo pipefail
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///tmp/converge-docker/docker.sock}"
log() { echo "import-images: $*" >&2; }
LENIENT=false
if [ "${1:-}" = --if-present ]; then LENIENT=true; shift; fi
IMAGES=("$@")
[ ${#IMAGES[@]} -gt 0 ] || IMAGES=(converge/busybox:1 converge/nginx:1)

[ -f "$BASE/node-current" ] || { log "no node in $BASE: run start-node.sh first"; exit 1; }
# shellcheck disable=SC1091
. "$(cat "$BASE/node-current")/node.env"   # SOCK
if ! docker info >/dev/null 2>&1; then
  $LENIENT && { log "no dockerd answers at $DOCKER_HOST: no image imported"; exit 0; }
  log "no dockerd answers at $DOCKER_HOST (start-dockerd.sh starts one)"; exit 1
fi
found=()
for image in "${IMAGES[@]}"; do
  if docker image inspect "$image" >/dev/null 2>&1; then found+=("$image")
  elif $LENIENT; then log "$image is not in the dockerd: skipped"
  else log "$image is not in the dockerd at $DOCKER_HOST: build or pull it there first"; exit 1
  fi
done
[ ${#found[@]} -gt 0 ] || exit 0
docker save "${found[@]}" | ctr --address "$SOCK" --namespace k8s.io images import - >&2
log "imported ${found[*]}"
