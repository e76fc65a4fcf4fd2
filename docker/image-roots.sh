#!/bin/sh
# Prepares what the two FROM scratch images of docker/ copy, with no image registry and no Docker engine:
#   OUT/courier-root  a Java runtime made by jlink from the JDK at JAVA_HOME (at /opt/jre, with a class-data archive),
#                     the shared libraries it loads, /etc/passwd with user courier (uid 10001), and /tmp
#   OUT/redis-root    this machine's redis-server and redis-cli (Debian's, apt-get install redis-server) with the
#                     shared libraries they load, and /etc/passwd with user redis (uid 999)
#   OUT/redis-data    an empty directory, copied as /data owned by that user
# Usage: image-roots.sh OUT [JAVA_HOME]        (mvn -Pimage package runs it with OUT=target/image)
# The modules are those `jdeps --multi-release 17 --print-module-deps --ignore-missing-deps target/service-fat.jar`
# prints, plus what runs without being referenced by name: JMX and OS metrics (java.management, jdk.management),
# EC keys for ES256 and TLS (jdk.crypto.ec), DNS (jdk.naming.dns) and the JDK's HTTP client (java.net.http).
set -eu
mkdir -p "$1"
out=$(cd "$1" && pwd)
java_home=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
modules=java.base,java.compiler,java.desktop,java.naming,java.sql,jdk.jfr,jdk.unsupported,java.management,\
jdk.management,jdk.crypto.ec,jdk.naming.dns,java.net.http

command -v ldd >/dev/null || { echo "image-roots: ldd is needed" >&2; exit 1; }
redis_server=$(command -v redis-server || true)
redis_cli=$(command -v redis-cli || true)
[ -n "$redis_server" ] && [ -n "$redis_cli" ] \
  || { echo "image-roots: redis-server and redis-cli are needed (apt-get install redis-server)" >&2; exit 1; }

# Copies every shared library FILE... loads (as ldd lists them) into ROOT at the same path.
copy_libs() {
  root=$1
  shift
  # "name => /path (0x...)" and "/lib64/ld-linux... (0x...)"; "not found" are desktop libraries a server never loads
  for lib in $(ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u); do
    case $lib in "$root"/*) continue ;; esac # the runtime's own libraries are there already
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# /etc/passwd and /etc/group with one user, so that the JVM and Redis see a named user with a home
user_files() {
  root=$1 name=$2 id=$3 home=$4
  mkdir -p "$root/etc"
  printf 'root:x:0:0:root:/root:/sbin/nologin\n%s:x:%s:%s:%s:%s:/sbin/nologin\n' "$name" "$id" "$id" "$name" \
    "$home" >"$root/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$name" "$id" >"$root/etc/group"
}

rm -rf "$out/courier-root" "$out/redis-root" "$out/redis-data"
mkdir -p "$out"

courier=$out/courier-root
mkdir -p "$courier/opt"
"$java_home/bin/jlink" --add-modules "$modules" --output "$courier/opt/jre" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --generate-cds-archive
# java.desktop is there for java.beans (Jackson); its native AWT, font, sound and image libraries are never loaded by
# a server, so the X11, font and sound libraries they would need are left out
copy_libs "$courier" "$courier/opt/jre/bin/java" $(find "$courier/opt/jre/lib" -name '*.so' \
  ! -name 'libawt*' ! -name 'libfontmanager.so' ! -name 'libjavajpeg.so' ! -name 'libjsound.so' \
  ! -name 'liblcms.so' ! -name 'libmlib_image.so' ! -name 'libsplashscreen.so' ! -name 'libjawt.so')
# the archive for heaps over 32 GB: such a JVM starts without one, the image is 11 MB smaller
rm -f "$courier/opt/jre/lib/server/classes_nocoops.jsa"
user_files "$courier" courier 10001 /app
mkdir -p "$courier/tmp" "$courier/app"
chmod 1777 "$courier/tmp"

redis=$out/redis-root
mkdir -p "$redis/usr/bin" "$redis/tmp" "$out/redis-data"
cp -L "$redis_server" "$redis/usr/bin/redis-server"
cp -L "$redis_cli" "$redis/usr/bin/redis-cli"
copy_libs "$redis" "$redis/usr/bin/redis-server" "$redis/usr/bin/redis-cli"
user_files "$redis" redis 999 /data
chmod 1777 "$redis/tmp"

echo "image-roots: $courier ($(du -sm "$courier" | cut -f1) MB, $("$courier/opt/jre/bin/java" -version 2>&1 | head -1)),"\
  "$redis ($(du -sm "$redis" | cut -f1) MB, $("$redis/usr/bin/redis-server" --version | cut -d' ' -f3))"
