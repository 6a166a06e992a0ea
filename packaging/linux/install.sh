#!/usr/bin/env bash
# Install Factcheck App for the current user from the unpacked bundle, with desktop integration:
# a menu entry, icons, and the .factcheck project type so projects open on double-click.
#
#   ./install.sh               install (or update) into ~/.local
#   ./install.sh --uninstall   remove what install.sh put there (projects are never touched)
#   PREFIX=/opt/x ./install.sh another prefix (default ~/.local; the app goes to $PREFIX/opt)
#
# Run it from the unpacked archive (factcheck-app-<version>/install.sh). Nothing needs root.
set -euo pipefail

app_id=org.factcheck.FactcheckApp
mime_type=application/x-factcheck-project
prefix=${PREFIX:-$HOME/.local}
data=${XDG_DATA_HOME:-$prefix/share}
[ -n "${PREFIX:-}" ] && data=$prefix/share
opt=$prefix/opt/factcheck-app
bin=$prefix/bin
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

say() { printf '%s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

refresh_caches() {
  have update-mime-database && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  have update-desktop-database && update-desktop-database -q "$data/applications" 2>/dev/null || true
  have gtk-update-icon-cache && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

uninstall() {
  rm -rf "$opt"
  rm -f "$bin/factcheck-app" "$bin/factcheck"
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
  rm -f "$data/mime/packages/$app_id.xml"
  rm -f "$data/icons/hicolor/scalable/apps/$app_id.svg"
  for png in "$data"/icons/hicolor/*/apps/"$app_id".png "$data"/icons/hicolor/*/mimetypes/application-x-factcheck-project.png; do
    [ -e "$png" ] && rm -f "$png"
  done
  rm -f "$data/icons/hicolor/scalable/mimetypes/application-x-factcheck-project.svg"
  refresh_caches
  say "Factcheck App removed (your projects were not touched)."
}

case ${1:-} in
  --uninstall) uninstall; exit 0 ;;
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  "") ;;
  *) say "install.sh: unknown option $1" >&2; exit 2 ;;
esac

if [ ! -x "$source_dir/factcheck-app" ] || [ ! -d "$source_dir/_internal/resources" ]; then
  say "install.sh: run me from the unpacked Factcheck App folder (factcheck-app-<version>/install.sh)." >&2
  exit 1
fi
res=$source_dir/_internal/resources

# 1. The program folder, replaced as a whole so an update leaves no stale files behind.
if [ "$source_dir" != "$opt" ]; then
  mkdir -p "$(dirname "$opt")"
  staging=$(mktemp -d "$(dirname "$opt")/.factcheck-app.XXXXXX")
  chmod 755 "$staging"  # mktemp makes it private; other users run a system-wide install
  cp -a "$source_dir/." "$staging/"
  rm -rf "$opt"
  mv "$staging" "$opt"
fi
mkdir -p "$bin"
ln -sfn "$opt/factcheck-app" "$bin/factcheck-app"
ln -sfn "$opt/factcheck" "$bin/factcheck"

# 2. Menu entry: Exec points at the installed program, so it works without ~/.local/bin on PATH.
mkdir -p "$data/applications"
sed -e "s|^Exec=factcheck-app |Exec=\"$opt/factcheck-app\" |" -e "s|^TryExec=.*|TryExec=$opt/factcheck-app|" \
  "$res/linux/$app_id.desktop" >"$data/applications/$app_id.desktop"
mkdir -p "$data/metainfo"
cp "$res/linux/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"

# 3. Icons: the app, and the same picture for its project files.
for png in "$res"/icons/factcheck-app-*.png; do
  size=${png##*-}; size=${size%.png}
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps" "$data/icons/hicolor/${size}x${size}/mimetypes"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
  cp "$png" "$data/icons/hicolor/${size}x${size}/mimetypes/application-x-factcheck-project.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/icons/hicolor/scalable/mimetypes"
cp "$res/icons/factcheck-app.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
cp "$res/icons/factcheck-app.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-factcheck-project.svg"

# 4. The project file type (*.factcheck, an SQLite file), opened by this app by default.
mkdir -p "$data/mime/packages"
cp "$res/linux/factcheck-project.xml" "$data/mime/packages/$app_id.xml"
refresh_caches
if have xdg-mime; then
  XDG_DATA_DIRS="$data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    xdg-mime default "$app_id.desktop" "$mime_type" 2>/dev/null || true
fi

say "Factcheck App installed in $opt"
say "  menu entry: $data/applications/$app_id.desktop"
say "  commands:   $bin/factcheck-app, $bin/factcheck"
case ":$PATH:" in *":$bin:"*) ;; *) say "  (add $bin to your PATH to run them by name)" ;; esac
say "Check it with: $bin/factcheck-app --self-test"
