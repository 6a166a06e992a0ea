"""Project ▸ Project settings… in the window: typed, stored, undone as one step."""

from __future__ import annotations

from pathlib import Path

from people import activate
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from factcheck_app.services.project import Project

TYPED = {"organisation": "Desk One", "claimreview_base_url": "factchecks.example/2025"}


def _stored_settings(path: Path) -> dict[str, str]:
    with Project.open(path, read_only=True) as project:
        return project.settings()


def _fill_settings_when_shown(qtbot, typed: dict[str, str], seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Once the modal dialog is up: type into each field (after clearing it), then press Return (OK)."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.windowTitle())
        last = None
        for key, text in typed.items():
            field = dialog.findChild(QLineEdit, f"setting:{key}")
            assert field is not None, key
            field.setFocus()
            field.selectAll()
            qtbot.keyClick(field, Qt.Key.Key_Delete)
            qtbot.keyClicks(field, text)
            last = field
        qtbot.keyClick(last or dialog.findChild(QLineEdit, "setting:organisation"), Qt.Key.Key_Return)

    QTimer.singleShot(20, fill)


def test_project_settings_are_typed_stored_and_undone_in_one_step(qtbot, window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Alt+P opens the settings; the organisation and the base URL typed there are in the file
    on disk (the address completed to https://); one Ctrl+Z restores both."""
    before = _stored_settings(project_path)
    assert window.open_project(project_path), window.last_error
    activate(qtbot, window)
    seen: list[str] = []
    _fill_settings_when_shown(qtbot, TYPED, seen)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert seen == [f"Settings — {window.project.name}"]

    stored = _stored_settings(project_path)
    assert stored["organisation"] == "Desk One"
    assert stored["claimreview_base_url"] == "https://factchecks.example/2025"

    assert window.undo_stack.count() == 1  # both settings: one step

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = _stored_settings(project_path)
    assert {k: restored.get(k) for k in TYPED} == {k: before.get(k) for k in TYPED} == dict.fromkeys(TYPED)


def test_unchanged_settings_make_no_undo_step(qtbot, window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_project(project_path), window.last_error
    activate(qtbot, window)
    seen: list[str] = []
    _fill_settings_when_shown(qtbot, {}, seen)  # OK at once: nothing typed, nothing stored
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert seen == [f"Settings — {window.project.name}"]
    assert window.undo_stack.count() == 0


def test_project_settings_is_not_offered_on_a_read_only_project(qtbot, window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_project(project_path, read_only=True), window.last_error
    assert not window.commands.files.settings_action.isEnabled()
