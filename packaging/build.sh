#!/usr/bin/env bash
# Build the Factcheck App bundle (PyInstaller onedir) and the Linux deliverable, from a clean clone.
#
#   packaging/build.sh              -> dist/factcheck-app/ and dist/factcheck-app-<version>-linux-x86_64.tar.gz
#   packaging/build.sh --no-archive -> the folder only (the bundle test uses this)
#
# Environment: DIST_DIR and BUILD_DIR (default dist/ and build/pyinstaller/ in the checkout);
# PYTHON (interpreter that creates a missing .venv, default python3); FACTCHECK_BUILD_PYTHON
# (build with this interpreter instead of .venv's, e.g. the test suite's own).
# It uses the project's .venv, creating it when missing and installing requirements/lock.txt
# (the hashed lock that scripts/setup.sh installs too) when the venv is not in step with the
# lock or has no PyInstaller. After building it checks that every bundled Qt plugin finds the Qt
# libraries it links to (so dropping unused Qt files can never break a kept plugin), runs the
# bundle's --self-test, and prints the bundle's size.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

archive=1
for arg in "$@"; do
  case $arg in
    --no-archive) archive=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

dist=${DIST_DIR:-$root/dist}
work=${BUILD_DIR:-$root/build/pyinstaller}
venv=$root/.venv
py=${FACTCHECK_BUILD_PYTHON:-$venv/bin/python}

if [ -z "${FACTCHECK_BUILD_PYTHON:-}" ]; then
  if [ ! -x "$py" ]; then
    echo "== creating $venv"
    "${PYTHON:-python3}" -m venv "$venv"
  fi
  # The same install as scripts/setup.sh, with the same stamp: pip, then every package of
  # requirements/lock.txt at its locked version and hashes, then the project (editable, no deps).
  stamp=$venv/.factcheck-installed
  wanted="$(cksum pyproject.toml requirements/lock.txt)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] || ! "$py" -c "import PyInstaller, factcheck_app" 2>/dev/null; then
    echo "== installing requirements/lock.txt and the project into $venv"
    pip_quiet() { "$py" -m pip install --quiet "$@" 2>&1 | { grep -v "^WARNING: Location" || true; }; }
    pip_lock=$(awk '/^pip==/ { on = 1 } on { print; if (!/\\$/) exit }' requirements/lock.txt)
    if [ -n "$pip_lock" ]; then
      pip_quiet --require-hashes --no-deps -r /dev/stdin <<<"$pip_lock"
    fi
    pip_quiet --require-hashes -r requirements/lock.txt
    pip_quiet --no-deps --no-build-isolation -e .
    echo "$wanted" >"$stamp"
  fi
fi

version=$("$py" -c "import sys; sys.path.insert(0, 'src'); import factcheck_app; print(factcheck_app.__version__)")
machine=$(uname -m)
bundle=$dist/factcheck-app

echo "== PyInstaller $("$py" -m PyInstaller --version): building Factcheck App $version into $bundle"
start=$(date +%s)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" packaging/factcheck_app.spec
build_seconds=$(( $(date +%s) - start ))

# Linux: the bundle's install script travels inside the folder, next to the programs, and
# `factcheck` is a two-line launcher of the one executable in CLI mode (a second frozen
# executable would carry a second 9.5 MB copy of every Python module).
if [ "$(uname -s)" = Linux ]; then
  cp packaging/linux/install.sh "$bundle/install.sh"
  chmod +x "$bundle/install.sh"
  cp packaging/linux/factcheck "$bundle/factcheck"
  chmod +x "$bundle/factcheck"
fi

# Every kept Qt plugin and library must find the Qt libraries it links to inside the bundle.
if command -v ldd >/dev/null && [ "$(uname -s)" = Linux ]; then
  internal=$bundle/_internal
  missing=$(find "$internal" -name '*.so*' -type f -print0 |
    LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" xargs -0 -n 50 ldd 2>/dev/null |
    grep -E 'lib(Qt6|pyside6|shiboken6|icu)[^ ]* => not found' | sort -u || true)
  if [ -n "$missing" ]; then
    echo "build.sh: bundled files need Qt libraries that were left out:" >&2
    echo "$missing" >&2
    exit 1
  fi
fi

echo "== self-test of the bundle"
QT_QPA_PLATFORM=offscreen "$bundle/factcheck-app" --self-test

size=$(du -sh "$bundle" | cut -f1)
echo "== bundle: $bundle ($size unpacked, built in ${build_seconds} s)"

if [ "$archive" = 1 ] && [ "$(uname -s)" = Linux ]; then
  tarball=$dist/factcheck-app-$version-linux-$machine.tar.gz
  # The archive unpacks to factcheck-app-<version>/ so two versions can sit side by side.
  tar -C "$dist" --owner=0 --group=0 --numeric-owner \
    --transform "s|^factcheck-app|factcheck-app-$version|" -czf "$tarball" factcheck-app
  echo "== archive: $tarball ($(du -h "$tarball" | cut -f1))"
  echo "   install: tar xzf $(basename "$tarball") && ./factcheck-app-$version/install.sh"
fi
