#!/usr/bin/env bash
# Certificates for the test cluster, generated on the spot with openssl (sourced by the start scripts).
# Everything is throw-away: a new CA per cluster directory, 2-day validity, loopback names only.

# pki_ca DIR: a CA key pair (ca.key, ca.crt) unless DIR has one.
pki_ca() {
  local dir="$1"
  [ -f "$dir/ca.crt" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 2 \
    -subj "/CN=converge-test-ca" >/dev/null 2>&1
}

# pki_cert DIR NAME CN [ORG] [SANS]: NAME.key/NAME.crt signed by DIR's CA.
# SANS like "DNS:localhost,IP:127.0.0.1" makes a serving certificate; without it a client certificate.
pki_cert() {
  local dir="$1" name="$2" cn="$3" org="${4:-}" sans="${5:-}"
  [ -f "$dir/$name.crt" ] && return 0
  local subj="/CN=$cn"; [ -n "$org" ] && subj="/O=$org$subj"
  openssl req -newkey rsa:2048 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj "$subj" \
    >/dev/null 2>&1
  local ext="$dir/$name.ext"
  if [ -n "$sans" ]; then
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' "$sans" >"$ext"
  else
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >"$ext"
  fi
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -out "$dir/$name.crt" -days 2 -extfile "$ext" >/dev/null 2>&1
  rm -f "$dir/$name.csr" "$ext"
}

# pki_kubeconfig FILE SERVER DIR NAME: a kubeconfig that authenticates with NAME's client certificate.
pki_kubeconfig() {
  local file="$1" server="$2" dir="$3" name="$4"
  cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: converge-test
  cluster:
    server: $server
    certificate-authority: $dir/ca.crt
users:
- name: $name
  user:
    client-certificate: $dir/$name.crt
    client-key: $dir/$name.key
contexts:
- name: converge-test
  context: {cluster: converge-test, user: $name, namespace: default}
current-context: converge-test
KUBECONFIG
}
