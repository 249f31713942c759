#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the tests; prints the URL to use.
# Usage: .ci/pg.sh start DIR   |   .ci/pg.sh stop DIR
# Installs Debian's postgresql when no server is found.
set -euo pipefail
action=$1
dir=$2
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  if [ "$action" = stop ]; then exit 0; fi
  echo "installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-k $dir -p 54329 -c listen_addresses= -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgresql+psycopg://postgres@/postgres?host=$dir&port=54329"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
esac
