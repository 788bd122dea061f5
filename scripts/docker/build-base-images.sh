#!/usr/bin/env bash
# Builds Converge's local base images without any registry, from Debian packages:
#   converge/busybox:1  busybox-static, every applet linked into /bin
#   converge/nginx:1    Debian's nginx binary, the shared libraries ldd lists, mime.types,
#                       users and the directories nginx needs, plus busybox (sh, wget for healthchecks)
#   converge/jre:17     a Java 17 runtime linked by jlink from Debian's openjdk-17 (the JDK Maven builds
#                       with), its shared libraries and busybox: the base of images that run Java
#                       programs (the Kubernetes operator and infra programs it runs)
# Needs: apt (to download .debs), dpkg, a docker client talking to DOCKER_HOST.
# Idempotent: the images are rebuilt (seconds) and re-tagged. The .deb files are cached in
# CONVERGE_DEB_CACHE (default /tmp/converge-debs); no image tarball is written into the repository.
set -euo pipefail

CACHE="${CONVERGE_DEB_CACHE:-/tmp/converge-debs}"
log() { echo "build-base-images: $*" >&2; }
command -v docker >/dev/null || { log "no docker client on PATH"; exit 1; }
docker info >/dev/null 2>&1 || { log "docker daemon at ${DOCKER_HOST:-default socket} does not answer; run start-dockerd.sh first"; exit 1; }

mkdir -p "$CACHE"
WORK="$(mktemp -d /tmp/converge-rootfs.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# Downloads a package into the cache unless a .deb of it is already there; prints the file.
fetch() {
  local pkg="$1" file
  file="$(ls "$CACHE"/"${pkg}"_*.deb 2>/dev/null | head -n1 || true)"
  if [ -z "$file" ]; then
    (cd "$CACHE" && apt-get download "$pkg" >/dev/null 2>&1) || {
      log "apt-get download $pkg failed; trying apt-get update first"
      apt-get update -qq >&2
      (cd "$CACHE" && apt-get download "$pkg" >&2)
    }
    file="$(ls "$CACHE"/"${pkg}"_*.deb | head -n1)"
  fi
  echo "$file"
}

# Writes the files every image needs: users, groups, hosts, tmp.
base_files() {
  local root="$1"
  mkdir -p "$root"/{bin,etc,tmp,root,var/run,proc,sys,dev}
  chmod 1777 "$root/tmp"
  cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/var/www:/bin/false
nginx:x:101:101:nginx:/var/lib/nginx:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
  cat > "$root/etc/group" <<'GROUP'
root:x:0:
www-data:x:33:
nginx:x:101:
nogroup:x:65534:
GROUP
  echo "hosts: files dns" > "$root/etc/nsswitch.conf"
}

# Unpacks busybox-static into a root and links every applet into /bin.
add_busybox() {
  local root="$1" deb
  deb="$(fetch busybox-static)"
  dpkg -x "$deb" "$WORK/busybox-deb"
  install -m 0755 "$WORK/busybox-deb/bin/busybox" "$root/bin/busybox"
  # chroot runs the static binary of the image itself, so the links match its applets.
  chroot "$root" /bin/busybox --install -s /bin
}

build_busybox() {
  local root="$WORK/busybox"
  base_files "$root"
  add_busybox "$root"
  import_image "$root" converge/busybox:1 \
    --change 'CMD ["/bin/sh"]' \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "converge busybox from Debian busybox-static"
  log "built converge/busybox:1"
}

# Copies each shared library the binary needs (and the dynamic loader) into the root.
copy_libraries() {
  local root="$1" binary="$2"
  if ldd "$binary" | grep -q 'not found'; then
    log "host lacks libraries of nginx, installing them"
    apt-get install -y -qq --no-install-recommends libssl3 libpcre2-8-0 zlib1g libcrypt1 >&2
  fi
  ldd "$binary" | grep -o '/[^ ]*' | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

build_nginx() {
  local root="$WORK/nginx"
  base_files "$root"
  add_busybox "$root"
  dpkg -x "$(fetch nginx)" "$WORK/nginx-deb"
  dpkg -x "$(fetch nginx-common)" "$WORK/nginx-common-deb"
  install -D -m 0755 "$WORK/nginx-deb/usr/sbin/nginx" "$root/usr/sbin/nginx"
  copy_libraries "$root" "$WORK/nginx-deb/usr/sbin/nginx"
  mkdir -p "$root/etc/nginx/conf.d" "$root/var/log/nginx" "$root/var/lib/nginx/body" \
    "$root/var/lib/nginx/proxy" "$root/var/lib/nginx/fastcgi" "$root/var/lib/nginx/uwsgi" \
    "$root/var/lib/nginx/scgi" "$root/usr/share/nginx/html" "$root/run"
  cp "$WORK/nginx-common-deb/etc/nginx/mime.types" "$root/etc/nginx/mime.types"
  # A minimal default configuration; images built FROM this one replace it.
  cat > "$root/etc/nginx/nginx.conf" <<'CONF'
user www-data;
worker_processes 1;
pid /run/nginx.pid;
error_log /dev/stderr warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log /dev/stdout;
    include /etc/nginx/conf.d/*.conf;
    server { listen 80 default_server; root /usr/share/nginx/html; }
}
CONF
  echo "converge nginx" > "$root/usr/share/nginx/html/index.html"
  chown -R 33:33 "$root/var/lib/nginx"
  # Checks the binary really runs with only the copied files before it becomes an image.
  chroot "$root" /usr/sbin/nginx -t -q
  import_image "$root" converge/nginx:1 \
    --change 'CMD ["/usr/sbin/nginx", "-g", "daemon off;"]' \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'EXPOSE 80' \
    --message "converge nginx from Debian nginx"
  log "built converge/nginx:1"
}

# Imports a root filesystem as an image; the image the tag pointed to before is removed when no
# tag or container holds it any more, so repeated runs leave no dangling images behind.
import_image() {
  local root="$1" tag="$2"; shift 2
  local old
  old="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  tar -C "$root" -c . | docker import "$@" - "$tag" >/dev/null
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
}

# A jlinked runtime is cached per JDK version (CONVERGE_CACHE_DIR, default ~/.cache/converge): linking
# takes seconds to a minute, the image import a few seconds.
build_jre() {
  local jdk; jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  local version; version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  local cache="${CONVERGE_CACHE_DIR:-${HOME:-/root}/.cache/converge}/jre-$version"
  if [ ! -x "$cache/bin/java" ]; then
    log "linking a Java $version runtime into $cache"
    rm -rf "$cache"; mkdir -p "$(dirname "$cache")"
    # java.se without the desktop (AWT's native libraries need X11), plus what Netty, Fabric8 and the AWS
    # SDK reach for (Unsafe, elliptic-curve TLS, zip file systems, DNS).
    local modules=java.base,java.compiler,java.datatransfer,java.instrument,java.logging,java.management
    modules+=,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting
    modules+=,java.security.jgss,java.security.sasl,java.sql,java.sql.rowset,java.transaction.xa,java.xml
    modules+=,java.xml.crypto,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.net,jdk.naming.dns
    "$jdk/bin/jlink" --add-modules "$modules" \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output "$cache" >&2
  fi
  local root="$WORK/jre"
  base_files "$root"
  add_busybox "$root"
  mkdir -p "$root/opt"
  cp -a "$cache" "$root/opt/java"
  # The runtime's own libraries find each other through its lib directories; copy what they need from the host.
  local lib
  for lib in "$root/opt/java/bin/java" "$root"/opt/java/lib/*.so "$root"/opt/java/lib/server/*.so; do
    LD_LIBRARY_PATH="$root/opt/java/lib:$root/opt/java/lib/server" ldd "$lib" | grep -o '=> /[^ ]*\|^[[:space:]]*/[^ ]*' \
      | grep -o '/[^ ]*' | grep -v "^$root" || true
  done | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
  done
  import_image "$root" converge/jre:17 \
    --change 'ENV PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java' \
    --change 'CMD ["/opt/java/bin/java", "-version"]' \
    --message "converge Java runtime, jlinked from Debian's openjdk-17"
  # Checked in a container, not a chroot: java finds its libraries through $ORIGIN, which needs /proc.
  docker run --rm --network none converge/jre:17 java -version >/dev/null 2>&1 \
    || { log "converge/jre:17 does not start java"; docker run --rm --network none converge/jre:17 java -version >&2; exit 1; }
  log "built converge/jre:17"
}

build_busybox
build_nginx
build_jre
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^converge/' >&2
