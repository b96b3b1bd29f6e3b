#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 server on 127.0.0.1 for the test suite.
# Usage: scripts/pg-test-server.sh start|stop   (prints the connection URL on start)
# Env: PGTEST_DIR (default /tmp/zhizhi-pgtest), PGTEST_PORT (default 55432).
set -euo pipefail
dir=${PGTEST_DIR:-/tmp/zhizhi-pgtest}
port=${PGTEST_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "postgres://zhizhi:zhizhi@127.0.0.1:$port/zhizhi"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE ROLE zhizhi LOGIN PASSWORD 'zhizhi' SUPERUSER" >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE zhizhi OWNER zhizhi" >/dev/null
    echo "postgres://zhizhi:zhizhi@127.0.0.1:$port/zhizhi"
    ;;
  stop)
    [ -d "$dir" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
