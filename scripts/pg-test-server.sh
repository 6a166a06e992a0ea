#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite and the team-mode benchmark.
#
#   scripts/pg-test-server.sh start   → prints the URL of a superuser on loopback
#   scripts/pg-test-server.sh status  → prints that URL if the server runs (exit 0), else exit 3
#   scripts/pg-test-server.sh stop
#
# Debian's server binaries (package postgresql) are used from /usr/lib/postgresql/*/bin.
# The cluster lives in .pgtest/ (ignored by git; in /var/tmp when the postgres account cannot
# reach the checkout), listens on 127.0.0.1 only (port
# $FACTCHECK_PG_PORT, default 55432, so it coexists with a system cluster on 5432), trusts
# loopback connections and runs with fsync off: it holds nothing but test databases.
# Safe to repeat: `start` on a running server just prints its URL; a postmaster.pid left
# behind by a reboot or a crash is recognised as stale (even when its PID now belongs to
# another process) and removed; a cluster of an older PostgreSQL version is recreated.
# NOTE: pg_ctl gets -l LOGFILE, so the server never inherits the caller's stdout/stderr
# (a server holding a captured pipe open would hang the calling step forever).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${FACTCHECK_PG_PORT:-55432}"
ROOT="$(pwd -P)/.pgtest"
# As root the cluster belongs to the postgres account, which must reach it: a checkout under a
# folder closed to other users (mktemp -d, a home directory) gets its cluster in /var/tmp.
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$(pwd -P)"; then
  ROOT="/var/tmp/factcheck-pgtest-$(pwd -P | sha1sum | cut -c1-12)"
fi
DATA="$ROOT/data"
LOG="$ROOT/server.log"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "pg-test-server: PostgreSQL server binaries not found (install the Debian package postgresql)." >&2
  exit 1
fi
MAJOR="$(basename "$(dirname "$BIN")")"

# initdb and the server refuse to run as root: use the postgres account when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")  # from /: the checkout may be closed to postgres
  else
    "$@"
  fi
}

# The PID of the postmaster serving $DATA, or nothing. postmaster.pid alone proves nothing:
# after a reboot or a kill it is stale, and its PID may since have gone to an unrelated
# process (or to another cluster's postgres). A postmaster works in its data directory, so
# the process counts as ours only when its working directory is $DATA.
running_pid() {
  local pid
  pid="$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null || true)" = "$DATA" ]; then
    echo "$pid"
  fi
}

# The port the running server really listens on (line 4 of postmaster.pid).
running_port() {
  sed -n 4p "$DATA/postmaster.pid"
}

show_log() {
  if [ -f "$LOG" ]; then
    echo "pg-test-server: last lines of $LOG:" >&2
    tail -n 15 "$LOG" >&2 || true
  fi
}

init_cluster() {
  # A data directory without PG_VERSION is an interrupted initdb; one of another major
  # version cannot be started by these binaries. Both hold only test data: start afresh.
  if [ -d "$DATA" ] && [ "$(cat "$DATA/PG_VERSION" 2>/dev/null || true)" != "$MAJOR" ]; then
    echo "pg-test-server: recreating $DATA (incomplete, or made by another PostgreSQL version)" >&2
    rm -rf "$DATA"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! grep -q "^# factcheck test server" "$DATA/postgresql.conf"; then
    {
      echo "# factcheck test server"
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = ''"
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
      echo "max_connections = 200"
    } | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
  fi
}

# One role must give a password (the team-mode tests of password prompts); all others are trusted.
password_rule() {
  if ! grep -q "^host all factcheck_pw " "$DATA/pg_hba.conf"; then
    { echo "host all factcheck_pw 127.0.0.1/32 scram-sha-256"; cat "$DATA/pg_hba.conf"; } > "$ROOT/pg_hba.new"
    as_owner cp "$ROOT/pg_hba.new" "$DATA/pg_hba.conf"
    rm -f "$ROOT/pg_hba.new"
    if [ -n "$(running_pid)" ]; then
      as_owner "$BIN/pg_ctl" -D "$DATA" reload >/dev/null
    fi
  fi
}

case "${1:-start}" in
  start)
    mkdir -p "$ROOT"
    if [ "$(id -u)" -eq 0 ]; then
      if ! id postgres >/dev/null 2>&1; then
        echo "pg-test-server: running as root needs the postgres account (install the Debian package postgresql)." >&2
        exit 1
      fi
      # Made by another user earlier? Hand the whole (throwaway) cluster to postgres.
      if [ "$(stat -c %U "$ROOT")" != postgres ] || { [ -e "$DATA" ] && [ "$(stat -c %U "$DATA")" != postgres ]; }; then
        chown -R postgres: "$ROOT"
      fi
      if ! runuser -u postgres -- test -w "$ROOT"; then
        echo "pg-test-server: the postgres account cannot write $ROOT (a folder above it is closed to other users)." >&2
        exit 1
      fi
    fi
    if [ -z "$(running_pid)" ]; then
      init_cluster
      if [ -f "$DATA/postmaster.pid" ]; then
        echo "pg-test-server: removing a stale postmaster.pid (the server it names is not running)" >&2
        rm -f "$DATA/postmaster.pid"
      fi
      if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null; then
        echo "pg-test-server: the server did not start (port $PORT taken? set FACTCHECK_PG_PORT)." >&2
        show_log
        exit 1
      fi
    fi
    password_rule
    port="$(running_port)"
    for _ in $(seq 60); do  # a server found running may still be starting up
      "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 5 && break
      sleep 1
    done
    if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 5; then
      echo "pg-test-server: the server on 127.0.0.1:$port does not accept connections." >&2
      show_log
      exit 1
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  status)
    if [ -z "$(running_pid)" ]; then
      exit 3
    fi
    echo "postgresql://postgres@127.0.0.1:$(running_port)/postgres"
    ;;
  stop)
    if [ -n "$(running_pid)" ]; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null \
        || { echo "pg-test-server: the server did not stop." >&2; show_log; exit 1; }
    elif [ -f "$DATA/postmaster.pid" ]; then
      rm -f "$DATA/postmaster.pid"  # stale: never signal the PID it names, it is not ours
    fi
    ;;
  *)
    echo "usage: $0 start|status|stop" >&2
    exit 2
    ;;
esac
