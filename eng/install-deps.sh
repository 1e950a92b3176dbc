#!/usr/bin/env bash
# Installs what Shop.Aspire needs beyond the .NET SDK and PostgreSQL binaries, idempotently.
#   - redis-server (Debian package)
#   - librdkafka >= 2.1, built once from Debian's source package into a cache folder, because
#     Debian 12 ships 2.0.2, which lacks symbols Confluent.Kafka 2.15 binds to (DESIGN §6).
# A prerequisite it cannot provide stops it with one line naming what is missing and how to get it.
set -euo pipefail

LIBRDKAFKA_VERSION="${LIBRDKAFKA_VERSION:-2.14.2}"
CACHE_DIR="${SHOP_CACHE_DIR:-$HOME/.cache/shop-aspire}"
LIBRDKAFKA_PREFIX="$CACHE_DIR/librdkafka-$LIBRDKAFKA_VERSION"

log() { printf '[deps] %s\n' "$*" >&2; }
die() { printf 'shop: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run '$*' (run as root or install sudo)"; fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || die "missing: $* (no apt-get on this machine; install them with your package manager)"
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null || die "apt-get update failed; check the package sources"
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "could not install $* with apt-get"
}

find_pg_bindir() {
  local d
  for d in ${PG_BINDIR:-} /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  done
  return 1
}

check_dotnet() {
  command -v dotnet >/dev/null || die "missing: the .NET 10 SDK (dotnet); install it from the Microsoft packages"
}

check_postgres() {
  find_pg_bindir >/dev/null || die "missing: PostgreSQL server binaries (initdb, postgres); install 'postgresql-15' or set PG_BINDIR"
}

ensure_redis() {
  command -v redis-server >/dev/null && return 0
  apt_install redis-server
  # The Debian package starts a system-wide instance on 6379; Shop.Aspire runs its own on free ports.
  if command -v systemctl >/dev/null 2>&1; then as_root systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
  command -v redis-server >/dev/null || die "missing: redis-server; install the 'redis-server' package"
}

ensure_librdkafka() {
  if [ -f "$LIBRDKAFKA_PREFIX/lib/librdkafka.so.1" ]; then return 0; fi
  command -v cc >/dev/null || command -v gcc >/dev/null || apt_install build-essential
  command -v cc >/dev/null || command -v gcc >/dev/null || die "missing: a C compiler to build librdkafka; install 'build-essential'"
  command -v make >/dev/null || apt_install make
  local need=()
  dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
  dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
  dpkg -s dpkg-dev >/dev/null 2>&1 || need+=(dpkg-dev)
  dpkg -s python3 >/dev/null 2>&1 || command -v python3 >/dev/null || need+=(python3)
  [ "${#need[@]}" -eq 0 ] || apt_install "${need[@]}"

  local work; work="$(mktemp -d)"
  log "building librdkafka $LIBRDKAFKA_VERSION from Debian's source package (once; cached in $LIBRDKAFKA_PREFIX)"
  # Debian 12 has 2.0.2 only; the source of a newer one comes from unstable's deb-src.
  local list=/etc/apt/sources.list.d/shop-aspire-unstable-src.list
  if [ ! -f "$list" ]; then
    echo "deb-src http://deb.debian.org/debian unstable main" | as_root tee "$list" >/dev/null
    apt_updated=0
  fi
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq >/dev/null || die "apt-get update failed"; apt_updated=1; fi
  (cd "$work" && apt-get source --download-only -qq "librdkafka=$LIBRDKAFKA_VERSION-1" >/dev/null 2>&1) \
    || die "could not download Debian's librdkafka $LIBRDKAFKA_VERSION source package (set LIBRDKAFKA_VERSION to one unstable has)"
  local orig; orig="$(ls "$work"/librdkafka_*.orig.tar.* | head -n1)"
  mkdir -p "$work/src"
  tar -xf "$orig" -C "$work/src" --strip-components=1
  (
    cd "$work/src"
    ./configure --prefix="$LIBRDKAFKA_PREFIX.tmp" --disable-gssapi --disable-curl --disable-zstd --disable-lz4-ext >"$work/configure.log" 2>&1 \
      || { tail -n 20 "$work/configure.log" >&2; exit 1; }
    make -j"$(nproc)" libs >"$work/make.log" 2>&1 || { tail -n 20 "$work/make.log" >&2; exit 1; }
    make install-subdirs >"$work/install.log" 2>&1 || make install >"$work/install.log" 2>&1 \
      || { tail -n 20 "$work/install.log" >&2; exit 1; }
  ) || die "building librdkafka failed (logs in $work)"
  rm -rf "$LIBRDKAFKA_PREFIX"
  mv "$LIBRDKAFKA_PREFIX.tmp" "$LIBRDKAFKA_PREFIX"
  as_root rm -f "$list"
  rm -rf "$work"
  log "librdkafka installed in $LIBRDKAFKA_PREFIX"
}

case "${1:---all}" in
  --base) check_dotnet; check_postgres; ensure_redis ;;
  # Prints the folder to put on LD_LIBRARY_PATH.
  --librdkafka) ensure_librdkafka; echo "$LIBRDKAFKA_PREFIX/lib" ;;
  --all) check_dotnet; check_postgres; ensure_redis; ensure_librdkafka; echo "$LIBRDKAFKA_PREFIX/lib" ;;
  *) die "usage: eng/install-deps.sh [--base|--librdkafka|--all]" ;;
esac
