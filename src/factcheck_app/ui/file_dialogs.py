"""File dialogs that open where the analyst last was, per kind of file.

An analyst imports from the same downloads folder all day and saves reports to the
desk's share: starting every dialog in the home folder costs clicks each time. Each kind
(articles, projects, exports, archives, attachments) remembers its own folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from factcheck_app.ui.settings import settings

PROJECT_FILTER = "Factcheck projects (*.factcheck);;All files (*)"
ARCHIVE_FILTER = "Project archives (*.factcheck-archive);;All files (*)"


def article_filter() -> str:
    """'All supported articles' first (every format the importers read), then one per format."""
    from factcheck_app.importers.registry import ARTICLE_FILE_PATTERNS, FILE_PATTERNS  # not needed to paint

    every = f"All supported articles ({' '.join(ARTICLE_FILE_PATTERNS)})"
    each = [f"{label} ({' '.join(patterns)})" for label, patterns in FILE_PATTERNS]
    return ";;".join([every, *each, "All files (*)"])


def last_folder(kind: str) -> Path:
    folder = settings().value(f"folders/{kind}", "", type=str)
    path = Path(folder) if folder else Path.home()
    return path if path.is_dir() else Path.home()


def remember_folder(kind: str, chosen: str | Path) -> None:
    folder = Path(chosen).parent
    store = settings()
    store.setValue(f"folders/{kind}", str(folder))
    store.sync()


def open_files(parent: QWidget, caption: str, name_filter: str, kind: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, str(last_folder(kind)), name_filter)
    if paths:
        remember_folder(kind, paths[0])
    return paths


def open_file(parent: QWidget, caption: str, name_filter: str, kind: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(last_folder(kind)), name_filter)
    if path:
        remember_folder(kind, path)
    return path


def save_file(parent: QWidget, caption: str, file_name: str, name_filter: str, kind: str) -> str:
    """Ask where to save ``file_name``, starting in the folder last used for this kind."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(last_folder(kind) / file_name), name_filter)
    if path:
        remember_folder(kind, path)
    return path
