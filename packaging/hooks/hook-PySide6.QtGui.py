"""PyInstaller hook for PySide6.QtGui (overrides the built-in one): the same plugins minus
those Factcheck App never uses (packaging/qt_trim.py), dropped before dependency analysis
so their libraries are not collected either."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_trim import trim_hook_files  # packaging/ is put on sys.path by factcheck_app.spec

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = trim_hook_files(binaries)
datas = trim_hook_files(datas)
