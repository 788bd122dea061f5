#!/usr/bin/env bash
# Starts the one node of Converge's test cluster on this machine, for the control plane that
# start-control-plane.sh started (same CONVERGE_K8S_DIR): containerd with its own root, state and socket
# (never the shared dockerd's), runc, the CNI bridge plugin, kubelet, kube-proxy (iptables mode) and
# CoreDNS as a pod behind the kube-dns Service. Pods get addresses on the bridge cvk8s-pods; ClusterIPs
# answer on the host through kube-proxy, NodePorts on 127.0.0.1 and the node address. Nothing leaves the
# machine: pods' traffic towards any other interface is dropped and the cluster DNS forwards nowhere.
# No registry either: the pause image is compiled here from pause.c, CoreDNS's image is made of its
# binary, and converge/busybox:1, converge/nginx:1 (plus CONVERGE_K8S_IMAGES) are imported from the shared
# dockerd when it has them (import-images.sh); pods use imagePullPolicy Never or IfNotPresent.
# One node per machine: kubelet and kube-proxy own fixed ports and the host's KUBE-* iptables chains.
# Idempotent: a node this script started earlier is stopped (and its data removed) first.
#
# Usage: eval "$(scripts/k8s/start-node.sh)"   # prints: export KUBECONFIG=<control plane dir>/admin.kubeconfig
# Settings (environment): CONVERGE_K8S_DIR (default /tmp/converge-k8s), CONVERGE_K8S_TIMEOUT (seconds a
#   component may take to become healthy, default 60), CONVERGE_K8S_POD_CIDR (default 10.244.0.0/24),
#   CONVERGE_K8S_IMAGES (more docker images to import, space-separated), DOCKER_HOST (the dockerd to
#   import from; default the shared one).
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pki.sh
. "$HERE/pki.sh"
# shellcheck source=oci.sh
. "$HERE/oci.sh"
# shellcheck source=procs.sh
. "$HERE/procs.sh"
# shellcheck source=versions.env
. "$HERE/versions.env"
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
TIMEOUT="${CONVERGE_K8S_TIMEOUT:-60}"
POD_CIDR="${CONVERGE_K8S_POD_CIDR:-10.244.0.0/24}"
NODE_NAME=converge-node
BRIDGE=cvk8s-pods
CACHE="${CONVERGE_CACHE_DIR:-${HOME:-/root}/.cache/converge}/k8s"
log() { echo "start-node: $*" >&2; }

[ "$(id -u)" = 0 ] || { log "must run as root (containerd, kubelet and iptables need root)"; exit 1; }
[ -f "$BASE/current" ] && [ -f "$(cat "$BASE/current")/cluster.env" ] || {
  log "no control plane in $BASE: run start-control-plane.sh first (with the same CONVERGE_K8S_DIR)"; exit 1; }
CP="$(cat "$BASE/current")"
# shellcheck disable=SC1091
. "$CP/cluster.env"   # HOST_IP, SERVER, SERVICE_CIDR, ...
DNS_IP="${SERVICE_CIDR%.0/*}.10"

# Debian's packages, installed when missing (a new machine has none of them).
install_packages() {
  local need=() c
  for c in containerd runc iptables conntrack gcc; do command -v "$c" >/dev/null || need+=("$c"); done
  [ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
  [[ " ${need[*]} " != *" gcc "* ]] || need+=(libc6-dev)
  [ ${#need[@]} -gt 0 ] || return 0
  log "installing ${need[*]}"
  mkdir -p "$BASE"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
      >"$BASE/apt.log" 2>&1; then
    log "installing ${need[*]} failed; apt output:"; cat "$BASE/apt.log" >&2; exit 1
  fi
}
install_packages
BIN="$("$HERE/build.sh" kubelet kube-proxy kubectl coredns crictl)"
"$HERE/stop-node.sh" >&2 || true
if ss -Htln "sport = :10250" | grep -q .; then
  log "port 10250 is taken: another kubelet runs on this machine (a node of another CONVERGE_K8S_DIR?);"
  log "one node per machine: stop it with its stop-node.sh first"; exit 1
fi

NODE="$(mktemp -d "$BASE/node.XXXXXX")"
echo "$NODE" >"$BASE/node-current"
# A failed start stops what it started and keeps the node dir with the logs (the next start removes it).
trap '[ $? -eq 0 ] || "$HERE/stop-node.sh" --keep-dir >&2' EXIT
mkdir -p "$NODE/pki" "$NODE/cni" "$NODE/images"
SOCK="$NODE/containerd.sock"
PROC_DIR="$NODE"
cat >"$NODE/node.env" <<ENV
BIN=$BIN
SOCK=$SOCK
BRIDGE=$BRIDGE
POD_CIDR=$POD_CIDR
DNS_IP=$DNS_IP
SERVICE_CIDR=$SERVICE_CIDR
NODE_NAME=$NODE_NAME
ENV

kubectl() { "$BIN/kubectl" --kubeconfig "$CP/admin.kubeconfig" "$@"; }
ctr_k8s() { ctr --address "$SOCK" --namespace k8s.io "$@"; }

log "certificates and configuration in $NODE"
cp "$CP/pki/ca.crt" "$CP/pki/ca.key" "$NODE/pki/"
pki_cert "$NODE/pki" kubelet "system:node:$NODE_NAME" system:nodes
pki_cert "$NODE/pki" kube-proxy system:kube-proxy
pki_kubeconfig "$NODE/kubelet.kubeconfig" "$SERVER" "$NODE/pki" kubelet
pki_kubeconfig "$NODE/kube-proxy.kubeconfig" "$SERVER" "$NODE/pki" kube-proxy

# containerd: restrict_oom_score_adj because this sandbox withholds CAP_SYS_RESOURCE (runc cannot give a
# pod sandbox the oom_score_adj of -998 containerd asks for); network namespaces under the state dir
# and runc's state under the node dir, so stop-node.sh finds everything in one place.
cat >"$NODE/containerd.toml" <<TOML
version = 2
root = "$NODE/containerd/root"
state = "$NODE/containerd/state"
[grpc]
  address = "$SOCK"
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/converge/pause:1"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "$NODE/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE/cni"
TOML
# A bridge without masquerading: pods talk to each other and to the host; kube-proxy masquerades
# what Services need. Addresses are kept under the node dir, new on every start.
cat >"$NODE/cni/10-converge.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "converge",
  "plugins": [
    {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}],
              "dataDir": "$NODE/ipam"}},
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON

# Packets between pods cross the bridge's netfilter hooks, where kube-proxy's Service rules apply.
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.bridge.bridge-nf-call-iptables=1 || {
  log "the kernel has no bridge netfilter (br_netfilter): Services between pods would not work"; exit 1; }
# Own filter chain first in FORWARD: pods' packets may go to pods only (to the host they go through
# INPUT); traffic into the pod network is accepted (the shared dockerd sets FORWARD's policy to DROP).
iptables -w -N CVK8S-FORWARD 2>/dev/null || iptables -w -F CVK8S-FORWARD
iptables -w -D FORWARD -j CVK8S-FORWARD 2>/dev/null || true
iptables -w -A CVK8S-FORWARD -s "$POD_CIDR" ! -o "$BRIDGE" -m comment --comment "pods reach nothing beyond this machine" -j DROP
iptables -w -A CVK8S-FORWARD -o "$BRIDGE" -j ACCEPT
iptables -w -I FORWARD 1 -j CVK8S-FORWARD
# ClusterIPs route to the port-less bridge: kube-proxy's DNAT sends a Service's packets on to its pods,
# and a packet for an address no Service has ends there instead of taking the default route out.
ip route replace "$SERVICE_CIDR" dev cvk8s0

proc_start containerd containerd --config "$NODE/containerd.toml"
proc_wait_healthy containerd ctr --address "$SOCK" version

# Images: the pause binary is compiled once per change of pause.c into the cache.
pause_sum="$(sha256sum "$HERE/pause.c" | cut -d' ' -f1)"
mkdir -p "$CACHE/pause"
if [ "$(cat "$CACHE/pause/pause.version" 2>/dev/null)" != "$pause_sum" ]; then
  log "compiling the pause binary"
  gcc -static -Os -s -o "$CACHE/pause/pause" "$HERE/pause.c"
  echo "$pause_sum" >"$CACHE/pause/pause.version"
fi
mkdir -p "$NODE/images/pause" "$NODE/images/coredns"
cp "$CACHE/pause/pause" "$NODE/images/pause/pause"
oci_archive "$NODE/images/pause" docker.io/converge/pause:1 "$NODE/images/pause.tar" /pause
cp "$BIN/coredns" "$NODE/images/coredns/coredns"
COREDNS_IMAGE="docker.io/converge/coredns:$COREDNS_VERSION"
oci_archive "$NODE/images/coredns" "$COREDNS_IMAGE" "$NODE/images/coredns.tar" /coredns
ctr_k8s images import "$NODE/images/pause.tar" >&2
ctr_k8s images import "$NODE/images/coredns.tar" >&2
rm -rf "$NODE/images"
# shellcheck disable=SC2086
"$HERE/import-images.sh" --if-present converge/busybox:1 converge/nginx:1 ${CONVERGE_K8S_IMAGES:-} >&2

# kubelet: cgroup v1 with the cgroupfs driver (this machine has no systemd and a v1 hierarchy, which
# Kubernetes >= 1.35 refuses unless failCgroupV1 is false); no swap check; no image garbage collection
# (imported images cannot be pulled again); pods' resolv.conf names the cluster DNS and nothing of the host.
: >"$NODE/resolv.conf"
cat >"$NODE/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $HOST_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
containerRuntimeEndpoint: unix://$SOCK
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $NODE/pki/ca.crt}
authorization: {mode: Webhook}
clusterDomain: cluster.local
clusterDNS: [$DNS_IP]
resolvConf: $NODE/resolv.conf
podLogsDir: $NODE/pod-logs
volumePluginDir: $NODE/kubelet/volume-plugins
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, nodefs.inodesFree: 1%, imagefs.available: 1%}
serializeImagePulls: false
YAML
# A Node object left by an earlier start would look Ready until its lease expires: this node starts new
# (pods bound to the old one are garbage-collected; their controllers make new ones).
kubectl delete node "$NODE_NAME" --ignore-not-found --wait=true >&2
proc_start kubelet "$BIN/kubelet" --config "$NODE/kubelet.yaml" --kubeconfig "$NODE/kubelet.kubeconfig" \
  --root-dir "$NODE/kubelet" --cert-dir "$NODE/kubelet/pki" \
  --hostname-override "$NODE_NAME" --node-ip "$HOST_IP" --v=1
node_ready() {
  [ "$(kubectl get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
proc_wait_healthy kubelet node_ready

cat >"$NODE/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $NODE/kube-proxy.kubeconfig}
mode: iptables
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["127.0.0.0/8", "$HOST_IP/32"]
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
YAML
proc_start kube-proxy "$BIN/kube-proxy" --config "$NODE/kube-proxy.yaml" --v=1
proc_wait_healthy kube-proxy curl -sf --max-time 2 http://127.0.0.1:10256/healthz

sed -e "s#@DNS_IP@#$DNS_IP#" -e "s#@COREDNS_IMAGE@#$COREDNS_IMAGE#" "$HERE/cluster-dns.yaml" \
  | kubectl apply -f - >&2
if ! kubectl -n kube-system rollout status deployment/coredns --timeout="${TIMEOUT}s" >&2; then
  log "cluster DNS not ready after $TIMEOUT s:"
  kubectl -n kube-system describe pods -l k8s-app=kube-dns | tail -n 20 >&2; exit 1
fi
log "node $NODE_NAME ready in $SECONDS s (pods on $POD_CIDR, DNS $DNS_IP, logs in $NODE/log)"
echo "export KUBECONFIG=$CP/admin.kubeconfig"
