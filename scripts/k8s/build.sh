#!/usr/bin/env bash
# Builds the Kubernetes test cluster's binaries from Go modules into a cache outside the repository:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl (k8s.io/kubernetes)
#   etcd                                                                           (go.etcd.io/etcd)
#   coredns, with only the plugins the test cluster's DNS uses           (github.com/coredns/coredns)
#   crictl                                                              (sigs.k8s.io/cri-tools)
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
[ ${#WANTED[@]} -gt 0 ] || WANTED=("${KUBE_COMPONENTS[@]}" etcd coredns crictl)
wanted() { [[ " ${WANTED[*]} " == *" $1 "* ]]; }

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
    if wanted "$c" && ! current "$c" "$KUBERNETES_VERSION"; then missing+=("$c"); fi
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

# build_wrapped NAME VERSION MODULE: builds NAME from a wrapper module in the cache that requires
# MODULE@VERSION and whose main.go is read from stdin (the program's own entry point, nothing added).
build_wrapped() {
  local name="$1" version="$2" module="$3"
  local dir="$CACHE/src/$name-$version"
  mkdir -p "$dir"
  if [ ! -f "$dir/.prepared" ]; then
    log "writing wrapper module for $name $version in $dir"
    printf 'module converge.local/%s-build\n\ngo 1.26\n' "$name" > "$dir/go.mod"
    cat > "$dir/main.go"
    (cd "$dir" && go get "$module@$version" >&2 && go mod tidy >&2) || return 1
    echo "$version" >"$dir/.prepared"
  fi
  log "building $name $version"
  local t0=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$BIN/$name" .) >&2
  echo "$version" > "$BIN/$name.version"
  log "built $name in $((SECONDS - t0)) s"
}

build_etcd() {
  wanted etcd || return 0
  current etcd "$ETCD_VERSION" && return 0
  build_wrapped etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 <<'GO'
// etcd for Converge's test cluster: the server's own entry point, nothing added.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
}

# CoreDNS's own main package links every plugin (clouds, etcd, dnstap, ...); this wrapper links only the
# plugins the cluster's Corefile (cluster-dns.yaml) names, which halves the build.
build_coredns() {
  wanted coredns || return 0
  current coredns "$COREDNS_VERSION" && return 0
  build_wrapped coredns "$COREDNS_VERSION" github.com/coredns/coredns <<'GO'
// CoreDNS for Converge's test cluster: its own entry point with the plugins the node's Corefile uses.
package main

import (
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/template"

	"github.com/coredns/coredns/coremain"
)

func main() { coremain.Run() }
GO
}

# crictl's module has no replace directives, so `go install` builds it as released.
build_crictl() {
  wanted crictl || return 0
  current crictl "$CRI_TOOLS_VERSION" && return 0
  log "building crictl $CRI_TOOLS_VERSION"
  local t0=$SECONDS
  GOBIN="$BIN" go install -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRI_TOOLS_VERSION" \
    "sigs.k8s.io/cri-tools/cmd/crictl@$CRI_TOOLS_VERSION" >&2
  echo "$CRI_TOOLS_VERSION" > "$BIN/crictl.version"
  log "built crictl in $((SECONDS - t0)) s"
}

build_etcd
build_kubernetes
build_coredns
build_crictl
echo "$BIN"
