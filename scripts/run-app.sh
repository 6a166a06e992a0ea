#!/usr/bin/env bash
# Set up (first time) and start Factcheck App. Without an argument it opens the last
# project, or the bundled sample project on first start. Extra arguments go to the app,
# e.g. `scripts/run-app.sh my.factcheck` or `scripts/run-app.sh --screenshot out.png`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-app: no display found; rendering offscreen (use --screenshot FILE to see the window)." >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec .venv/bin/factcheck-app "$@"
