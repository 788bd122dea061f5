#!/usr/bin/env bash
# Builds the Kubernetes test cluster's binaries from Go modules into a cache outside the repository:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl (k8s.io/kubernetes)
#   etcd                                                                           (go.etcd.io/etcd)
# Versions are pinned in versions.env. A binary is rebuilt only when its pin changes (a stamp file
# beside it records the pin), so a second run costs seconds.
#
# k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces every k8s.io staging module with a
# directory of its own repository. The usual way to depend on it is a small wrapper module, written
# here into the cache (never committed), that requires k8s.io/kubernetes and replaces each staging
# module with its published v0.<minor>.<patch> release.
#
# Usage: scripts/k8s/build.sh [component...]     (default: all of them)
#        prints the bin directory on stdout; progress on stderr.
# Settings: CONVERGE_CACHE_DIR (default ~/.cache/converge).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE="${CONVERGE_CACHE_DIR:-${HOME:-/root}/.cache/converge}/k8s"
BIN="$CACHE/bin"
log() { echo "k8s-build: $*" >&2; }
command -v go >/dev/null || { log "go is not on PATH; install Go 1.26 or newer"; exit 1; }
export GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED="${CGO_ENABLED:-0}"
mkdir -p "$BIN"

KUBE_COMPONENTS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
WANTED=("$@")
[ ${#WANTED[@]} -gt 0 ] || WANTED=("${KUBE_COMPONENTS[@]}" etcd)

# A component is current when its binary exists and its stamp names the pinned version.
current() { [ -x "$BIN/$1" ] && [ "$(cat "$BIN/$1.version" 2>/dev/null)" = "$2" ]; }

# The staging modules a k8s.io/kubernetes release requires, read from its own go.mod.
staging_modules() {
  local modfile; modfile="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$KUBERNETES_VERSION.mod"
  [ -f "$modfile" ] || (cd "$1" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" >/dev/null)
  sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$modfile"
}

build_kubernetes() {
  local missing=() c
  for c in "${KUBE_COMPONENTS[@]}"; do
    if [[ " ${WANTED[*]} " == *" $c "* ]] && ! current "$c" "$KUBERNETES_VERSION"; then missing+=("$c"); fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local dir="$CACHE/src/kubernetes-$KUBERNETES_VERSION" minor="${KUBERNETES_VERSION#v1.}"
  local staging="v0.$minor"  # v1.37.2 -> v0.37.2
  mkdir -p "$dir"
  local recipe="$KUBERNETES_VERSION ${KUBE_COMPONENTS[*]}"
  if [ "$(cat "$dir/.prepared" 2>/dev/null)" != "$recipe" ]; then
    log "writing wrapper module for k8s.io/kubernetes $KUBERNETES_VERSION in $dir"
    printf 'module converge.local/kubernetes-build\n\ngo 1.26\n\nrequire k8s.io/kubernetes %s\n' \
      "$KUBERNETES_VERSION" > "$dir/go.mod"
    local m
    for m in $(staging_modules "$dir"); do
      printf 'replace %s => %s %s\n' "$m" "$m" "$staging" >> "$dir/go.mod"
    done
    local tools=() c2
    for c2 in "${KUBE_COMPONENTS[@]}"; do tools+=("k8s.io/kubernetes/cmd/$c2"); done
    (cd "$dir" && go get -tool "${tools[@]}" >&2 && go mod tidy >&2) || return 1
    echo "$recipe" >"$dir/.prepared"
  fi
  local ldflags="-s -w"
  local v="k8s.io/component-base/version"
  ldflags+=" -X $v.gitVersion=$KUBERNETES_VERSION -X $v.gitMajor=1 -X $v.gitMinor=${minor%%.*}"
  ldflags+=" -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
  ldflags+=" -X $v/verflag.programName=kubernetes"
  local pkgs=()
  for c in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  log "building ${missing[*]} $KUBERNETES_VERSION (first build takes several minutes)"
  local t0=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$BIN/" "${pkgs[@]}") >&2
  for c in "${missing[@]}"; do echo "$KUBERNETES_VERSION" > "$BIN/$c.version"; done
  log "built ${missing[*]} in $((SECONDS - t0)) s"
}

build_etcd() {
  [[ " ${WANTED[*]} " == *" etcd "* ]] || return 0
  current etcd "$ETCD_VERSION" && return 0
  local dir="$CACHE/src/etcd-$ETCD_VERSION"
  mkdir -p "$dir"
  if [ ! -f "$dir/.prepared" ]; then
    log "writing wrapper module for etcd $ETCD_VERSION in $dir"
    printf 'module converge.local/etcd-build\n\ngo 1.26\n' > "$dir/go.mod"
    cat > "$dir/main.go" <<'GO'
// etcd for Converge's test cluster: the server's own entry point, nothing added.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
    (cd "$dir" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >&2 && go mod tidy >&2) || return 1
    echo "$ETCD_VERSION" >"$dir/.prepared"
  fi
  log "building etcd $ETCD_VERSION"
  local t0=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" .) >&2
  echo "$ETCD_VERSION" > "$BIN/etcd.version"
  log "built etcd in $((SECONDS - t0)) s"
}

build_etcd
build_kubernetes
echo "$BIN"
