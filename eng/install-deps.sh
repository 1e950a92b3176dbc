#!/usr/bin/env bash
# Installs what Shop.Aspire needs beyond the .NET SDK and PostgreSQL binaries, idempotently.
#   - redis-server (Debian package)
#   - chromium + chromium-driver (Debian packages; --browser only, for the page's end-to-end test)
#   - librdkafka >= 2.1, built once from Debian's source package into a cache folder, because
#     Debian 12 ships 2.0.2, which lacks symbols Confluent.Kafka 2.15 binds to (DESIGN §6).
# A prerequisite it cannot provide stops it with one line naming what is missing and how to get it.
set -euo pipefail

LIBRDKAFKA_VERSION="${LIBRDKAFKA_VERSION:-2.14.2}"
CACHE_DIR="${SHOP_CACHE_DIR:-$HOME/.cache/shop-aspire}"
LIBRDKAFKA_PREFIX=""

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

# Headless Chromium for the end-to-end test of the orders page; Debian's chromedriver is built from the same
# source, so the two always match and nothing is downloaded at test time.
ensure_browser() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  [ "${#need[@]}" -eq 0 ] || apt_install "${need[@]}"
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || die "missing: /usr/bin/chromium or /usr/bin/chromedriver; install the 'chromium' and 'chromium-driver' packages"
}

# Sets LIBRDKAFKA_PREFIX to a cached build (the preferred version, else any earlier fallback build).
find_cached_librdkafka() {
  local dir
  for dir in "$CACHE_DIR/librdkafka-$LIBRDKAFKA_VERSION" "$CACHE_DIR"/librdkafka-*; do
    if [ -f "$dir/lib/librdkafka.so.1" ]; then LIBRDKAFKA_PREFIX="$dir"; return 0; fi
  done
  return 1
}

ensure_librdkafka() {
  find_cached_librdkafka && return 0
  command -v cc >/dev/null || command -v gcc >/dev/null || apt_install build-essential
  command -v cc >/dev/null || command -v gcc >/dev/null || die "missing: a C compiler to build librdkafka; install 'build-essential'"
  command -v make >/dev/null || apt_install make
  local need=()
  dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
  dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
  command -v python3 >/dev/null || need+=(python3)
  [ "${#need[@]}" -eq 0 ] || apt_install "${need[@]}"

  local work; work="$(mktemp -d)"
  # Debian 12 has 2.0.2 only; the source of a newer one comes from unstable's deb-src, added for the download only.
  local list=/etc/apt/sources.list.d/shop-aspire-unstable-src.list
  echo "deb-src http://deb.debian.org/debian unstable main" | as_root tee "$list" >/dev/null
  as_root apt-get update -qq >/dev/null || { as_root rm -f "$list"; die "apt-get update failed; check the package sources"; }
  apt_updated=1
  log "downloading Debian's librdkafka source package (preferred version $LIBRDKAFKA_VERSION)"
  # Unstable moves on: when the preferred version is gone, take the one it has now (checked to be >= 2.1 below).
  if ! (cd "$work" && apt-get source --download-only -qq "librdkafka=$LIBRDKAFKA_VERSION-1" >/dev/null 2>&1); then
    (cd "$work" && apt-get source --download-only -qq librdkafka >/dev/null 2>&1) || {
      as_root rm -f "$list"; die "could not download Debian's librdkafka source package from unstable"; }
  fi
  as_root rm -f "$list"
  local orig version
  orig="$(ls "$work"/librdkafka_*.orig.tar.* | head -n1)"
  version="$(basename "$orig" | sed -E 's/^librdkafka_([0-9.]+)\.orig\..*$/\1/')"
  if [ "$(printf '%s\n' 2.1 "$version" | sort -V | head -n1)" != 2.1 ]; then
    die "Debian's librdkafka source is $version, older than the 2.1 Confluent.Kafka needs"
  fi
  LIBRDKAFKA_PREFIX="$CACHE_DIR/librdkafka-$version"
  log "building librdkafka $version (once; cached in $LIBRDKAFKA_PREFIX)"
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
  rm -rf "$work"
  log "librdkafka $version installed in $LIBRDKAFKA_PREFIX"
}

case "${1:---all}" in
  --base) check_dotnet; check_postgres; ensure_redis ;;
  --browser) ensure_browser ;;
  # Prints the folder to put on LD_LIBRARY_PATH.
  --librdkafka) ensure_librdkafka; echo "$LIBRDKAFKA_PREFIX/lib" ;;
  --all) check_dotnet; check_postgres; ensure_redis; ensure_librdkafka; echo "$LIBRDKAFKA_PREFIX/lib" ;;
  *) die "usage: eng/install-deps.sh [--base|--browser|--librdkafka|--all]" ;;
esac
