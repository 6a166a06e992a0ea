#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: ruff, mypy, the import contracts and pytest,
# including the slow PyInstaller bundle test. Extra arguments go to pytest, e.g.
# `scripts/run-tests.sh -m "not bundle"` for a quick run.
#
# The team-mode tests need a PostgreSQL server. If FACTCHECK_TEST_PG_URL names one, it is
# used; else the throwaway server of scripts/pg-test-server.sh: one already running is used
# and left running, otherwise one is started here and stopped when this script ends.
# FACTCHECK_REQUIRE_PG=1 makes a missing server fail the PostgreSQL tests, not skip them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check src tests benchmarks packaging
.venv/bin/ruff format --check src tests benchmarks packaging
.venv/bin/mypy

if [ -z "${FACTCHECK_TEST_PG_URL:-}" ]; then
  if ! FACTCHECK_TEST_PG_URL="$(scripts/pg-test-server.sh status)"; then
    trap 'scripts/pg-test-server.sh stop' EXIT
    FACTCHECK_TEST_PG_URL="$(scripts/pg-test-server.sh start)"
  fi
  export FACTCHECK_TEST_PG_URL
fi
export FACTCHECK_REQUIRE_PG=1

# Not exec: the trap above must still stop the server after pytest.
status=0
.venv/bin/python -m pytest "$@" || status=$?
exit "$status"
