# Writes OCI image archives without a registry or a builder (sourced by start-node.sh): one layer made
# of a directory, a config naming the entry point, the layout `ctr images import` reads.

# oci_archive ROOTFS IMAGE-NAME ARCHIVE ENTRYPOINT...: ARCHIVE becomes an image of ROOTFS's files,
# named IMAGE-NAME (e.g. docker.io/converge/pause:1), running ENTRYPOINT (no arguments with quotes).
oci_archive() {
  local root="$1" name="$2" archive="$3"; shift 3
  local work; work="$(mktemp -d)"
  mkdir -p "$work/layout/blobs/sha256"
  # Fixed owner and mtime: the same files give the same layer digest on every run.
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -C "$root" -cf "$work/layer.tar" .
  local entry="" arg
  for arg in "$@"; do entry+="${entry:+,}\"$arg\""; done
  local layer; layer="$(oci_blob "$work" "$work/layer.tar")"
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":[%s],"Env":["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$entry" "${layer% *}" >"$work/config.json"
  local config; config="$(oci_blob "$work" "$work/config.json")"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
    "${config% *}" "${config#* }" "${layer% *}" "${layer#* }" >"$work/manifest.json"
  local manifest; manifest="$(oci_blob "$work" "$work/manifest.json")"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "${manifest% *}" "${manifest#* }" "$name" "${name##*:}" >"$work/layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$work/layout/oci-layout"
  tar -C "$work/layout" -cf "$archive" .
  rm -rf "$work"
}

# oci_blob WORK FILE: moves FILE into WORK's blob store; prints "DIGEST SIZE".
oci_blob() {
  local digest size
  digest="$(sha256sum "$2" | cut -d' ' -f1)"; size="$(stat -c %s "$2")"
  mv "$2" "$1/layout/blobs/sha256/$digest"
  echo "$digest $size"
}
