"""Which Qt files the Factcheck App bundle leaves out, shared by the spec and the QtGui hook.

Patterns match a file's destination inside the bundle ("/" separators), e.g.
``PySide6/Qt/plugins/platforms/libqvnc.so`` (Linux/macOS) or ``PySide6/plugins/...`` (Windows).

NOTE: plugins must be dropped in the hook (packaging/hooks/hook-PySide6.QtGui.py), before
PyInstaller's dependency analysis: dropped after it, a plugin's libraries stay behind
(the gtk3 theme alone drags ~6 MB of GTK, cairo and pango from the build machine).

Kept on purpose: platforms xcb, wayland (native Wayland sessions) and offscreen (self-test,
CI); the xdg-desktop-portal theme (native file dialogs on GNOME and KDE); compose and ibus
input methods (accents, CJK input); imageformats svg/ico/jpeg/gif and the svg icon engine.
``packaging/build.sh`` fails the build if a kept file lost a Qt library it links to.
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatch

QT_DROP = [
    "*/plugins/platforms/*qeglfs*",
    "*/plugins/platforms/*qlinuxfb*",
    "*/plugins/platforms/*qminimal*",
    "*/plugins/platforms/*qvnc*",
    "*/plugins/platforms/*qvkkhrdisplay*",
    "*/plugins/platforms/*qdirect2d*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/generic/*",
    "*/plugins/platforminputcontexts/*virtualkeyboard*",
    # The gtk3 theme drags GTK's dependency tree (cairo, pango, gdk-pixbuf, atk …) from the
    # build machine into the bundle, where it can clash with the user's own GTK.
    "*/plugins/platformthemes/*qgtk3*",
    "*/plugins/imageformats/*qpdf*",
    "*/plugins/imageformats/*qtiff*",
    "*/plugins/imageformats/*qwebp*",
    "*/plugins/imageformats/*qtga*",
    "*/plugins/imageformats/*qwbmp*",
    "*/plugins/wayland-graphics-integration-server/*",
    # EGL/dmabuf buffer sharing for OpenGL clients: a Widgets app draws in software and
    # hands Wayland shared-memory buffers, so the wayland platform itself stays. Without
    # these, Qt6OpenGL (~0.7 MB) is no longer needed either.
    "*/plugins/wayland-graphics-integration-client/*",
    "*/plugins/tls/*",
    "*/plugins/networkinformation/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/qmltooling/*",
    # NOTE: Qt's own translations (button texts of standard dialogs) are left out while the
    # app itself is English-only; ship qtbase_<lang>.qm again when the app is translated.
    "*/translations/*",
    "*Qt6Pdf*",
    "*Qt6Quick*",
    "*Qt6Qml*",
    "*Qt6VirtualKeyboard*",
    "*Qt6EglFS*",
    "*Qt6EglFs*",
    "*Qt6WaylandCompositor*",
    "*Qt6WaylandEglCompositor*",
    "*Qt6Network*",
    "*Qt6Labs*",
]
if sys.platform != "darwin":
    QT_DROP.append("*/plugins/imageformats/*qicns*")


def is_dropped(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    if not ("PySide6/" in dest or os.path.basename(dest).startswith(("libQt6", "Qt6"))):
        return False
    return any(fnmatch(dest, pattern) for pattern in QT_DROP)


def trim_hook_files(pairs):
    """Filter a hook's ``binaries``/``datas``: (source path, destination folder) pairs."""
    return [(src, dest) for src, dest in pairs if not is_dropped(f"{dest}/{os.path.basename(src)}")]


def trim_toc(toc):
    """Filter an Analysis TOC: (destination name, source path, typecode) entries."""
    return [entry for entry in toc if not is_dropped(entry[0])]
