#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the attached-database integration test.
# Prints a JDBC URL on success; prints nothing (and the test is skipped) when no server can run.
set -u
port=55432
dir=/tmp/pxweb-jdbc-pg
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  # A fresh machine has no package lists yet: update them once before installing.
  (apt-get install -y -qq postgresql >/dev/null 2>&1) \
    || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1) \
    || exit 0
fi
bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then mkdir -p "$dir" && chown postgres "$dir"; else mkdir -p "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  run "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null 2>&1 || exit 0
fi
run "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null 2>&1 || true
run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || exit 0
echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
