#!/usr/bin/env bash
# Installs what Shop.Aspire needs beyond the .NET SDK and PostgreSQL binaries, idempotently.
#   - redis-server (Debian package)
#   - chromium + chromium-driver (Debian packages; --browser only, for the page's end-to-end test)
# Kafka's native library is not installed here: it comes with Confluent.Kafka's librdkafka.redist package.
# A prerequisite it cannot provide stops it with one line naming what is missing and how to get it.
set -euo pipefail

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

case "${1:---all}" in
  --base) check_dotnet; check_postgres; ensure_redis ;;
  --browser) ensure_browser ;;
  --all) check_dotnet; check_postgres; ensure_redis; ensure_browser ;;
  *) die "usage: eng/install-deps.sh [--base|--browser|--all]" ;;
esac
