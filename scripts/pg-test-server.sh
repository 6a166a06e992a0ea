#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite and the team-mode benchmark.
#
#   scripts/pg-test-server.sh start   → prints the URL of a superuser on loopback
#   scripts/pg-test-server.sh stop
#
# Debian's server binaries (package postgresql) are used from /usr/lib/postgresql/*/bin.
# The cluster lives in .pgtest/ (ignored by git), listens on 127.0.0.1 only, trusts
# loopback connections and runs with fsync off: it holds nothing but test databases.
# NOTE: pg_ctl gets -l LOGFILE, so the server never inherits the caller's stdout/stderr
# (a server holding a captured pipe open would hang the calling step forever).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${FACTCHECK_PG_PORT:-55432}"
DATA="$PWD/.pgtest/data"
LOG="$PWD/.pgtest/server.log"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "pg-test-server: PostgreSQL server binaries not found (install the Debian package postgresql)." >&2
  exit 1
fi

# initdb and the server refuse to run as root: use the postgres account when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    mkdir -p .pgtest
    if [ "$(id -u)" -eq 0 ]; then chown postgres: .pgtest; fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
      as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PORT"
        echo "unix_socket_directories = ''"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_connections = 200"
      } | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    if [ -f "$DATA/PG_VERSION" ]; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
