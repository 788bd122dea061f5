#!/usr/bin/env bash
# Checks by hand that the one-node cluster runs pods and routes Services: a Deployment of
# converge/nginx:1 (two replicas) becomes Ready; its ClusterIP answers from the host through kube-proxy,
# its NodePort on 127.0.0.1; a client pod reaches it by ClusterIP and by name through the cluster DNS,
# gets NXDOMAIN for a name outside the cluster, and reaches the API server through https://10.96.0.1
# with its service account (kubectl from the build cache, mounted read-only). Prints what took how long;
# exits 1 at the first check that fails. Everything lives in the namespace converge-smoke, deleted at the end.
#
# Usage: scripts/k8s/smoke-node.sh   (after start-control-plane.sh and start-node.sh, same CONVERGE_K8S_DIR)
set -euo pipefail
BASE="${CONVERGE_K8S_DIR:-/tmp/converge-k8s}"
BIN="${CONVERGE_CACHE_DIR:-${HOME:-/root}/.cache/converge}/k8s/bin"
NS=converge-smoke
NODE_PORT="${CONVERGE_K8S_SMOKE_NODE_PORT:-30080}"
log() { echo "smoke-node: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
[ -f "$BASE/current" ] && [ -f "$BASE/node-current" ] || fail "no control plane and node in $BASE"
kubectl() { "$BIN/kubectl" --kubeconfig "$(cat "$BASE/current")/admin.kubeconfig" "$@"; }
in_client() { kubectl -n "$NS" exec client -- "$@"; }
trap 'kubectl delete namespace "$NS" --wait=false >/dev/null 2>&1 || true' EXIT

kubectl delete namespace "$NS" --ignore-not-found --wait=true >/dev/null
kubectl create namespace "$NS" >/dev/null
t0=$(date +%s%3N)
kubectl -n "$NS" apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: converge/nginx:1
        imagePullPolicy: Never
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, nodePort: $NODE_PORT}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: client
    image: converge/busybox:1
    imagePullPolicy: Never
    command: [sleep, "3600"]
    volumeMounts: [{name: bin, mountPath: /opt/k8s, readOnly: true}]
  volumes:
  - name: bin
    hostPath: {path: $BIN}
YAML
kubectl -n "$NS" rollout status deployment/web --timeout=120s >/dev/null || fail "web not rolled out in 120 s"
log "Deployment web (2 replicas of converge/nginx:1) Ready after $(( $(date +%s%3N) - t0 )) ms"
kubectl -n "$NS" wait --for=condition=Ready pod/client --timeout=60s >/dev/null || fail "client pod not Ready"

IP="$(kubectl -n "$NS" get service web -o 'jsonpath={.spec.clusterIP}')"
# Endpoints reach kube-proxy's rules a moment after the pods turn Ready.
for _ in $(seq 1 50); do curl -sf --max-time 2 "http://$IP/" >/dev/null && break; sleep 0.2; done
[ "$(curl -sf --max-time 2 "http://$IP/")" = "converge nginx" ] || fail "ClusterIP $IP does not answer from the host"
log "host -> ClusterIP http://$IP/: converge nginx"
[ "$(curl -sf --max-time 2 "http://127.0.0.1:$NODE_PORT/")" = "converge nginx" ] || fail "NodePort 127.0.0.1:$NODE_PORT does not answer"
log "host -> NodePort http://127.0.0.1:$NODE_PORT/: converge nginx"
# busybox's `wget -T` crashes (SIGSEGV in Debian's busybox-static 1.35), so `timeout` bounds each call.
[ "$(in_client timeout 5 wget -qO- "http://$IP/")" = "converge nginx" ] || fail "pod -> ClusterIP $IP failed"
log "pod -> ClusterIP: converge nginx"
[ "$(in_client timeout 5 wget -qO- http://web/)" = "converge nginx" ] || fail "pod -> http://web/ (DNS) failed"
[ "$(in_client timeout 5 wget -qO- "http://web.$NS.svc.cluster.local/")" = "converge nginx" ] || fail "pod -> FQDN failed"
log "pod -> http://web/ and http://web.$NS.svc.cluster.local/ through the cluster DNS: converge nginx"
out="$(in_client timeout 5 nslookup example.com 2>&1 || true)"
[[ "$out" == *NXDOMAIN* ]] || fail "a name outside the cluster should get NXDOMAIN, got: $out"
log "pod -> example.com: NXDOMAIN (the cluster DNS forwards nowhere)"
version="$(in_client /opt/k8s/kubectl get --raw /version)" || fail "pod -> API server through 10.96.0.1 failed"
[[ "$version" == *gitVersion* ]] || fail "pod -> API server: unexpected answer $version"
log "pod -> API server through https://10.96.0.1 with its service account: $(echo "$version" | grep -o '"gitVersion": *"[^"]*"')"
log "all checks passed"
