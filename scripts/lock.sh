#!/usr/bin/env bash
# Refresh requirements/lock.txt, the exact version and sha256 hashes of every package that
# scripts/setup.sh and packaging/build.sh install: the runtime dependencies and the `dev` and
# `package` extras of pyproject.toml, the build backend of [build-system] with what it needs for
# an editable build (hatchling and editables, so that `pip install --no-build-isolation -e .`
# works) and pip itself. Run it after changing a dependency in pyproject.toml:
# tests/packaging/test_lock.py fails until you do.
#
#   scripts/lock.sh                          keep today's pins; add, drop or move only what pyproject.toml asks
#   scripts/lock.sh --upgrade                every package to its newest release that pyproject.toml allows
#   scripts/lock.sh --upgrade-package NAME   one package (repeatable)
#
# Other arguments go to `uv pip compile`. The lock is universal: one file for Python 3.11 and
# newer on Linux, Windows and macOS (markers pick the right lines; the hashes cover every wheel
# and sdist of each pinned release on PyPI). uv runs from its own throwaway virtual environment
# in $TMPDIR (a pinned release): it is a tool of this script, not a dependency of the project.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "lock: Python 3.11 or newer is needed to read pyproject.toml (found $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi

tools="${TMPDIR:-/tmp}/factcheck-lock-uv-$UV_VERSION"
if [ ! -x "$tools/bin/uv" ]; then
  echo "lock: installing uv $UV_VERSION into $tools"
  rm -rf "$tools"
  "$PYTHON" -m venv "$tools"
  "$tools/bin/python" -m pip install -q "uv==$UV_VERSION" 2>&1 | { grep -v "^WARNING: Location" || true; }
fi

mkdir -p requirements
# The build backend and pip are locked too; they come in on standard input (no file to keep in
# step). `editables` is what hatchling asks for to build the editable install (`pip install
# --no-build-isolation -e .` needs it installed beforehand): with `force-include` in
# [tool.hatch.build] hatchling cannot use a plain .pth file.
build_requires=$("$PYTHON" -c '
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["build-system"]["requires"]))
')
printf '%s\neditables\npip\n' "$build_requires" |
  "$tools/bin/uv" pip compile --quiet pyproject.toml - \
    --extra dev --extra package \
    --universal --python-version 3.11 \
    --generate-hashes \
    --custom-compile-command scripts/lock.sh \
    --output-file requirements/lock.txt \
    "$@"
echo "lock: wrote requirements/lock.txt ($(grep -c '^[A-Za-z]' requirements/lock.txt) pinned packages)"
