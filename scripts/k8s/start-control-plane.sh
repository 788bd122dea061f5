#!/usr/bin/env bash
# Starts a private Kubernetes control plane for Converge's tests: etcd on a NEW, empty data directory,
# kube-apiserver with certificates generated on the spot, kube-controller-manager and kube-scheduler.
# Host-local only: the API server listens on a private address of its own on a bridge without ports
# (pods on the node reach it there through the `kubernetes` Service; the API server refuses to advertise
# a loopback address), everything else on 127.0.0.1. Logs to files; binaries from scripts/k8s/build.sh (built or reused from its cache).
# Idempotent: a control plane this script started earlier is stopped (and its data removed) first.
#
# Usage: eval "$(scripts/k8s/start-control-plane.sh)"   # prints: export KUBECONFIG=<dir>/admin.kubeconfig
# Settings (environment): CONVERGE_K8S_DIR (default /tmp/converge-k8s), CONVERGE_K8S_TIMEOUT (seconds a
#   component may take to become healthy, default 60), CONVERGE_K8S_HOST_IP (the API server's address,
#   default 10.250.0.1, on the bridge cvk8s0).
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pki.sh
. "$HERE/pki.sh"
# shellcheck source=procs.sh
. "$HERE/procs.sh"
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
TIMEOUT="${CONVERGE_K8S_TIMEOUT:-60}"
log() { echo "start-control-plane: $*" >&2; }
command -v openssl >/dev/null || { log "openssl is missing (apt-get install openssl)"; exit 1; }

BIN="$("$HERE/build.sh" etcd kube-apiserver kube-controller-manager kube-scheduler)"
"$HERE/stop-control-plane.sh" >&2 || true
mkdir -p "$BASE"
RUN="$(mktemp -d "$BASE/run.XXXXXX")"
echo "$RUN" >"$BASE/current"
PROC_DIR="$RUN"
PKI="$RUN/pki"; mkdir -p "$PKI" "$RUN/etcd" "$RUN/log"

# Two control planes started at once would pick the same free ports (a port counts as taken only once its
# server listens): the choice and the start-up are serialised by a machine-wide lock, released explicitly
# on exit because the started servers inherit its descriptor.
exec 9>"${TMPDIR:-/tmp}/converge-k8s-start.lock"
flock 9
trap 'flock -u 9' EXIT
port_busy() { ss -Htln "sport = :$1" | grep -q .; }
free_port() { local p="$1"; while port_busy "$p"; do p=$((p + 1)); done; echo "$p"; }
ETCD_PORT=$(free_port 23790); ETCD_PEER=$(free_port $((ETCD_PORT + 1)))
API_PORT=$(free_port 16443); KCM_PORT=$(free_port 20257); SCHED_PORT=$(free_port 20259)
HOST_IP="${CONVERGE_K8S_HOST_IP:-10.250.0.1}"
# A bridge without ports carries the host-local address (a dummy link would do, but not every kernel has one).
if ! ip -br addr show dev cvk8s0 2>/dev/null | grep -q "$HOST_IP"; then
  ip link add cvk8s0 type bridge 2>/dev/null || true
  ip addr add "$HOST_IP/32" dev cvk8s0 2>/dev/null || true
  ip link set cvk8s0 up
fi
SERVER="https://$HOST_IP:$API_PORT"
SERVICE_CIDR="${CONVERGE_K8S_SERVICE_CIDR:-10.96.0.0/16}"
cat >"$RUN/cluster.env" <<ENV
ETCD_PORT=$ETCD_PORT
HOST_IP=$HOST_IP
API_PORT=$API_PORT
SERVER=$SERVER
SERVICE_CIDR=$SERVICE_CIDR
ENV

log "generating certificates in $PKI"
pki_ca "$PKI"
pki_cert "$PKI" apiserver kube-apiserver "" \
  "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$HOST_IP,IP:${SERVICE_CIDR%.0/*}.1"
pki_cert "$PKI" admin converge-admin system:masters
pki_cert "$PKI" apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
pki_cert "$PKI" controller-manager system:kube-controller-manager
pki_cert "$PKI" scheduler system:kube-scheduler
openssl genrsa -out "$PKI/sa.key" 2048 >/dev/null 2>&1
openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" >/dev/null 2>&1
pki_kubeconfig "$RUN/admin.kubeconfig" "$SERVER" "$PKI" admin
pki_kubeconfig "$RUN/controller-manager.kubeconfig" "$SERVER" "$PKI" controller-manager
pki_kubeconfig "$RUN/scheduler.kubeconfig" "$SERVER" "$PKI" scheduler

https_ok() { curl -sf --max-time 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$1"; }
insecure_ok() { curl -sfk --max-time 2 "$1"; }

proc_start etcd "$BIN/etcd" --name converge-test --data-dir "$RUN/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "converge-test=http://127.0.0.1:$ETCD_PEER" --log-level warn \
  --quota-backend-bytes 2147483648 --unsafe-no-fsync
proc_wait_healthy etcd curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"

proc_start kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address "$HOST_IP" --advertise-address "$HOST_IP" --secure-port "$API_PORT" \
  --cert-dir "$PKI" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --client-ca-file "$PKI/ca.crt" --kubelet-preferred-address-types InternalIP,Hostname \
  --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --authorization-mode Node,RBAC --allow-privileged=true \
  --enable-priority-and-fairness=false --profiling=false --v=1
proc_wait_healthy kube-apiserver https_ok "$SERVER/readyz"

proc_start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$RUN/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$RUN/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$RUN/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$RUN/kcm-certs" \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
  --use-service-account-credentials=true --leader-elect=false \
  --service-cluster-ip-range "$SERVICE_CIDR" --profiling=false --v=1
proc_wait_healthy kube-controller-manager insecure_ok "https://127.0.0.1:$KCM_PORT/healthz"

proc_start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig "$RUN/scheduler.kubeconfig" \
  --authentication-kubeconfig "$RUN/scheduler.kubeconfig" \
  --authorization-kubeconfig "$RUN/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$SCHED_PORT" --leader-elect=false --profiling=false --v=1
proc_wait_healthy kube-scheduler insecure_ok "https://127.0.0.1:$SCHED_PORT/healthz"

# The default ServiceAccount is made by the controller-manager shortly after start; pods need it.
deadline=$((SECONDS + TIMEOUT))
until KUBECONFIG="$RUN/admin.kubeconfig" https_ok "$SERVER/api/v1/namespaces/default/serviceaccounts/default" >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || { log "the default ServiceAccount did not appear"; tail -n 30 "$RUN/log/kube-controller-manager.log" >&2; exit 1; }
  sleep 0.2
done
log "control plane ready at $SERVER (logs in $RUN/log)"
echo "export KUBECONFIG=$RUN/admin.kubeconfig"
