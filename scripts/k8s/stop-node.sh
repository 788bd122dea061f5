#!/usr/bin/env bash
# Stops the node that start-node.sh started and removes what it left on the machine: its pods (through
# the CRI, so CNI releases their addresses and network namespaces), containerd and the shims it started,
# processes left in the pods' cgroups, the cgroups, mounts under the node dir, the iptables chains of
# kube-proxy, kubelet, the CNI plugins and start-node.sh (KUBE-*, CNI-*, CVK8S-*), the pod bridge, the
# Service route, the log links, and the node dir. Idempotent: succeeds when nothing runs. Kills only
# processes recorded in its pid files or started by its own containerd (the shims name its socket).
# Usage: scripts/k8s/stop-node.sh [--keep-dir]   (--keep-dir keeps data and logs, for debugging)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
log() { echo "stop-node: $*" >&2; }
[ -f "$BASE/node-current" ] || exit 0
NODE="$(cat "$BASE/node-current")"
SOCK="$NODE/containerd.sock" BRIDGE=cvk8s-pods BIN="${CONVERGE_CACHE_DIR:-${HOME:-/root}/.cache/converge}/k8s/bin"
# shellcheck disable=SC1091
[ -f "$NODE/node.env" ] && . "$NODE/node.env"

PROC_DIR="$NODE"
# shellcheck source=procs.sh
. "$HERE/procs.sh"

# The kubelet first, so that it restarts nothing; then every pod sandbox through the CRI.
proc_stop kubelet & proc_stop kube-proxy & wait
if [ -S "$SOCK" ] && [ -x "$BIN/crictl" ]; then
  timeout 120 "$BIN/crictl" --runtime-endpoint "unix://$SOCK" --timeout 60s rmp --all --force >/dev/null 2>&1 \
    || log "crictl could not remove every pod; killing what is left"
fi
proc_stop containerd

# Shims outlive containerd by design; ours carry its socket in their command line.
for proc in /proc/[0-9]*; do
  cmd="$(tr '\0' ' ' 2>/dev/null <"$proc/cmdline")" || continue
  [[ "$cmd" == *"containerd-shim"*" -address $SOCK "* ]] && kill -KILL "${proc#/proc/}" 2>/dev/null
done
# Processes still in the pods' cgroups (the kubelet's kubepods tree) belong to this node's pods.
for tree in /sys/fs/cgroup/*/kubepods; do
  [ -d "$tree" ] || continue
  find "$tree" -name cgroup.procs -exec cat {} + 2>/dev/null | while read -r pid; do kill -KILL "$pid" 2>/dev/null; done
done
sleep 0.2
for tree in /sys/fs/cgroup/*/kubepods; do
  [ -d "$tree" ] && find "$tree" -depth -type d -exec rmdir {} \; 2>/dev/null
done

# Mounts under the node dir (the kubelet's root dir, pods' volumes, network namespaces, rootfs), deepest first.
awk -v dir="$NODE" '$5 == dir || index($5, dir "/") == 1 { print $5 }' /proc/self/mountinfo | sort -ru \
  | while read -r mnt; do umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null; done

# iptables: kube-proxy removes its own rules; the kubelet's (KUBE-FIREWALL, KUBE-KUBELET-CANARY, ...),
# the CNI plugins' (CNI-*) and start-node.sh's (CVK8S-*) go here, in IPv4 and IPv6.
[ -x "$BIN/kube-proxy" ] && "$BIN/kube-proxy" --cleanup >/dev/null 2>&1
remove_chains() { # iptables|ip6tables
  local ipt="$1" table rule chains chain
  for table in filter nat mangle; do
    chains="$("$ipt-save" -t "$table" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\|CVK8S\)-[^ ]*\) .*/\1/p')"
    [ -n "$chains" ] || continue
    "$ipt-save" -t "$table" 2>/dev/null | grep -E '^-A [^ ]+ .*-j (KUBE|CNI|CVK8S)-' \
      | grep -vE '^-A (KUBE|CNI|CVK8S)-' | sed 's/^-A /-D /' | while read -r rule; do
        eval "$ipt -w -t $table $rule" 2>/dev/null
      done
    for chain in $chains; do "$ipt" -w -t "$table" -F "$chain" 2>/dev/null; done
    for chain in $chains; do "$ipt" -w -t "$table" -X "$chain" 2>/dev/null; done
  done
}
remove_chains iptables
remove_chains ip6tables

ip link del "$BRIDGE" 2>/dev/null
[ -n "${SERVICE_CIDR:-}" ] && ip route del "$SERVICE_CIDR" dev cvk8s0 2>/dev/null
# The kubelet links container logs into /var/log/containers and keeps device-plugin sockets in
# /var/lib/kubelet whatever its root dir; only links and files of this node go.
find /var/log/containers -maxdepth 1 -type l -lname "$NODE/*" -delete 2>/dev/null
rm -rf /var/lib/kubelet/device-plugins 2>/dev/null
rmdir /var/lib/kubelet 2>/dev/null

if [ "${1:-}" != "--keep-dir" ]; then
  rm -rf --one-file-system "$NODE"
  rm -f "$BASE/node-current"
  log "removed $NODE"
fi
exit 0
