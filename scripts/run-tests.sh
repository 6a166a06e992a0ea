#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: ruff, the import contracts and pytest,
# including the slow PyInstaller bundle test. Extra arguments go to pytest, e.g.
# `scripts/run-tests.sh -m "not bundle"` for a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check src tests benchmarks packaging
.venv/bin/ruff format --check src tests benchmarks packaging
exec .venv/bin/python -m pytest "$@"
