#!/usr/bin/env bash
# Set up everything Factcheck App needs on a fresh Debian/Ubuntu machine (idempotent):
# the system libraries Qt loads, a Python 3.11+ virtual environment in .venv, and the
# project with its development and packaging extras. Safe to run again: it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Libraries Qt needs even offscreen (EGL/GL, xkbcommon, fontconfig, dbus, glib), the xcb
# ones for a real X11 display, a font, binutils (PyInstaller reads binaries with objdump), the
# validators of the Linux desktop integration files, and the PostgreSQL server the team-mode tests
# run against (scripts/pg-test-server.sh runs its own throwaway cluster on port 55432; the
# package's own cluster, if its install starts one, stays on 5432 and is not used).
DEB_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxrender1 libxi6 libsm6 libice6
  fonts-dejavu-core binutils
  desktop-file-utils appstream shared-mime-info
  postgresql
)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=(python3-venv python3-pip)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
# Python packages come from requirements/lock.txt (scripts/lock.sh writes it): every package at
# the exact version and hashes recorded there, so a new upstream release never changes a fresh
# install. Then the project itself, editable, without dependencies and with the locked hatchling.
# Re-install only when pyproject.toml or the lock changed since the last successful install: the
# stamp holds their checksums (packaging/build.sh reads and writes the same stamp).
stamp=.venv/.factcheck-installed
wanted="$(cksum pyproject.toml requirements/lock.txt)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing Python packages into .venv from requirements/lock.txt"
  pip_quiet() { .venv/bin/python -m pip install -q "$@" 2>&1 | { grep -v "^WARNING: Location" || true; }; }
  # pip first, at the locked version and on its own: pip replacing itself in mid-install is fragile.
  pip_lock=$(awk '/^pip==/ { on = 1 } on { print; if (!/\\$/) exit }' requirements/lock.txt)
  if [ -n "$pip_lock" ]; then
    pip_quiet --require-hashes --no-deps -r /dev/stdin <<<"$pip_lock" \
      || { echo "setup: pip failed to install from requirements/lock.txt" >&2; exit 1; }
  fi
  pip_quiet --require-hashes -r requirements/lock.txt \
    || { echo "setup: Python packages failed to install from requirements/lock.txt" >&2; exit 1; }
  pip_quiet --no-deps --no-build-isolation -e . \
    || { echo "setup: the project failed to install into .venv" >&2; exit 1; }
  .venv/bin/python -c "import factcheck_app, PySide6, sqlalchemy, docx, alembic, pytestqt, lxml_html_clean, orjson" \
    || { echo "setup: Python packages failed to install" >&2; exit 1; }
  echo "$wanted" >"$stamp"
fi
