"""Open-format exports from the menu run on a worker, with a progress dialog and Cancel.

The analyst presses the export shortcut, types the file name into the save dialog and
presses Return; the file appears while the window keeps answering. On a large project the
progress dialog shows how many claims are written; Cancel leaves no file behind.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from people import activate, answer_file_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from many_claims import build_project

CLAIMREVIEW, CSV = Qt.Key.Key_J, Qt.Key.Key_S


def export_through_the_menu(qtbot, window, key: Qt.Key, target: Path) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+Alt+``key`` and answer the save dialog as the analyst would."""

    activate(qtbot, window)
    answer_file_dialog(qtbot, target)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)


def progress_dialog(window) -> QProgressDialog | None:  # type: ignore[no-untyped-def]
    shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    return shown[0] if shown else None


def test_claimreview_export_from_the_menu_writes_the_file(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Alt+J, a file name, Return: the reviews are on disk and the status bar says so."""
    desk = build_project(tmp_path / "desk.factcheck", 3_000)
    assert window.open_project(desk), window.last_error
    rated = sum(1 for claim in window.project.claims() if claim.verdict is not None)
    target = tmp_path / "exports" / "reviews.jsonld"
    target.parent.mkdir()
    export_through_the_menu(qtbot, window, CLAIMREVIEW, target)
    qtbot.waitUntil(lambda: window.commands.exports.last_open_export != "pending", timeout=60_000)
    reviews = json.loads(target.read_text(encoding="utf-8"))
    assert len(reviews) == rated and rated > 2_000
    assert reviews[0]["author"]["name"] == "Faktencheck Nord"
    assert window.statusBar().currentMessage() == (
        f"{rated} claims exported to reviews.jsonld; {3_000 - rated} without a verdict left out"
    )
    assert [p.name for p in target.parent.iterdir()] == ["reviews.jsonld"]  # no temporary file left


def test_cancel_in_the_progress_dialog_leaves_no_file(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A large export shows its progress; Cancel stops it, and neither the file nor a temporary
    one is left; the window keeps working and the next export is written in full."""
    claims = 60_000
    desk = build_project(tmp_path / "big.factcheck", claims)
    assert window.open_project(desk), window.last_error
    folder = tmp_path / "exports"
    folder.mkdir()
    export_through_the_menu(qtbot, window, CSV, folder / "claims.csv")
    qtbot.waitUntil(lambda: progress_dialog(window) is not None, timeout=30_000)
    dialog = progress_dialog(window)
    assert dialog is not None and dialog.maximum() == claims
    qtbot.waitUntil(lambda: 0 < dialog.value() < claims, timeout=30_000)
    assert "claims written" in dialog.labelText()
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.commands.exports.last_open_export is None, timeout=30_000)
    assert list(folder.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert window.last_error is None  # a cancel is not an error

    export_through_the_menu(qtbot, window, CSV, folder / "claims.csv")
    qtbot.waitUntil(lambda: window.commands.exports.last_open_export not in (None, "pending"), timeout=120_000)
    with (folder / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == claims and rows[0]["reviewer"] == "Faktencheck Nord"
    assert [p.name for p in folder.iterdir()] == ["claims.csv"]
