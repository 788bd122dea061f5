#!/usr/bin/env bash
# Runs the Converge program @MAIN_CLASS@ in its own JVM, without Maven: `converge plan`, `converge apply
# --auto-approve`, ... The class path was fixed when `mvn package` wrote this file (it writes it again on
# every package); the JVM starts with the recommended launch flags; and the first run records the classes it
# loads in a class data sharing archive, which later runs map instead of loading each class again. The
# archive is made again when the class path or the JDK changes. Written by dev.converge.engine.cli.Launcher.
#
# Environment:
#   CONVERGE_MAIN_CLASS  another program on the same class path (default @MAIN_CLASS@)
#   CONVERGE_JAVA_OPTS   more JVM options, such as -Xmx2g
#   CONVERGE_CDS         off: run without the archive (and make none)
#   CONVERGE_CDS_DIR     where archives are kept (default: converge-cds beside this file)
#   JAVA_HOME            the JDK to run (default: java on the PATH)
set -uo pipefail

main=${CONVERGE_MAIN_CLASS:-@MAIN_CLASS@}
class_path=@CLASS_PATH@
# Class data sharing needs a class path of jar files only; false when a directory is on it.
jars_only=@JARS_ONLY@
# The providers on the class path, found when this file was written: the engine then need not open every
# jar to look for them (dev.converge.engine.plan.ProviderDiscovery).
providers=@PROVIDERS@
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# C1 only and the serial collector: a run lasts seconds, and C2 or parallel GC threads cost more CPU than
# they save (docs/benchmarks.md, "Recommended launch flags").
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-Dconverge.providers=$providers")
read -r -a user_flags <<< "${CONVERGE_JAVA_OPTS:-}"
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
cds_dir=${CONVERGE_CDS_DIR:-$here/converge-cds}

# The archive's name: a checksum of the program, the JDK (its files' sizes and times) and each class path
# entry's name, size and modification time. Any change to them names a new archive.
archive_key() {
  local real entries
  real=$(readlink -f "$(command -v "$java")") || return 1
  IFS=: read -r -a entries <<< "$class_path"
  set -- $( { echo "$main"; stat -L -c '%n %s %Y' "$real" "${real%/bin/java}/lib/modules" "${entries[@]}"; } \
    2>&1 | cksum)
  echo "$1-$2"
}

if [[ $jars_only != true || ${CONVERGE_CDS:-on} == off ]] || ! key=$(archive_key); then
  exec "$java" "${flags[@]}" "${user_flags[@]}" -cp "$class_path" "$main" "$@"
fi
archive=$cds_dir/$main-$key.jsa
if [[ -f $archive ]]; then
  exec "$java" "${flags[@]}" "${user_flags[@]}" -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$class_path" "$main" "$@"
fi
if [[ -e ${archive%.jsa}.failed ]] || ! mkdir -p "$cds_dir" 2>/dev/null || [[ ! -w $cds_dir ]]; then
  exec "$java" "${flags[@]}" "${user_flags[@]}" -cp "$class_path" "$main" "$@"
fi
# The first run with this key: the JVM writes the archive as it exits. Written under a temporary name and
# then renamed, so a run in parallel never maps half a file; the program's older archives are removed.
partial=$archive.$$.tmp
"$java" "${flags[@]}" "${user_flags[@]}" -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$class_path" "$main" "$@"
code=$?
if [[ -s $partial ]]; then
  find "$cds_dir" -maxdepth 1 -name "$main-*.jsa" ! -name "${archive##*/}" -delete 2>/dev/null
  mv -f "$partial" "$archive"
else
  rm -f "$partial"
  # No archive from a run that ended normally: this JVM cannot make one; do not try on every run.
  (( code >= 128 )) || : > "${archive%.jsa}.failed"
fi
exit $code
