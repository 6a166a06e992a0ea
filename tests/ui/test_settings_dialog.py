"""The Project ▸ Settings dialog, used like a person would: type, Tab, tick, Return.

What it hands back goes through the settings service into a real project file, which
is then reopened: the ClaimReview export signs with the organisation and links to the
base URL the analyst typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from factcheck_app.services.project import Project
from factcheck_app.services.settings import setting_edits
from factcheck_app.ui.dialogs.settings_dialog import SettingsDialog


def _field(dialog: SettingsDialog, key: str, kind: type) -> object:
    widget = dialog.findChild(kind, f"setting:{key}")
    assert widget is not None, key
    return widget


def test_typed_settings_are_returned_and_stored(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Type the organisation and base URL, turn a rule off, choose Block: accept returns those
    values (the address completed with https://); stored through setting_edits they are in the
    reopened project and in its history."""
    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="anna") as project:
        shown = project.settings()
    dialog = SettingsDialog(shown, project_name="desk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    organisation = _field(dialog, "organisation", QLineEdit)
    assert isinstance(organisation, QLineEdit)
    organisation.setFocus()
    qtbot.waitUntil(organisation.hasFocus)
    qtbot.keyClicks(organisation, "Desk One")
    qtbot.keyClick(organisation, Qt.Key.Key_Tab)
    base_url = QApplication.focusWidget()
    assert base_url is _field(dialog, "claimreview_base_url", QLineEdit)
    qtbot.keyClicks(base_url, "factchecks.example/2025")
    mode = _field(dialog, "gates.mode", QComboBox)
    assert isinstance(mode, QComboBox)
    mode.setFocus()
    qtbot.keyClick(mode, Qt.Key.Key_Down)  # "Block export until the rules are met"
    rationale = _field(dialog, "gate.rationale", QCheckBox)
    assert isinstance(rationale, QCheckBox) and rationale.isChecked()
    rationale.setFocus()
    qtbot.keyClick(rationale, Qt.Key.Key_Space)
    organisation.setFocus()
    qtbot.keyClick(organisation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.changed() == {
        "organisation": "Desk One",
        "claimreview_base_url": "https://factchecks.example/2025",
        "gates.mode": "block",
        "gate.rationale": "off",
    }
    assert dialog.values()["gate.evidence"] == "on"

    with Project.open(path, analyst="anna") as project:
        for edit in setting_edits(shown, dialog.values()):
            project.apply(edit)
    with Project.open(path, read_only=True) as reopened:
        stored = reopened.settings()
        log = list(reopened.history_log("setting"))
    assert stored["organisation"] == "Desk One"
    assert stored["claimreview_base_url"] == "https://factchecks.example/2025"
    assert (stored["gates.mode"], stored["gate.rationale"]) == ("block", "off")
    assert "gate.evidence" not in stored  # unchanged defaults are not written
    assert {key for entry in log for key in entry.state} >= {"organisation", "claimreview_base_url"}  # type: ignore[union-attr]


def test_a_bad_address_keeps_the_dialog_open_with_the_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A base URL that is not a web address: Return leaves the dialog open and says why;
    correcting it lets the dialog close with the corrected value."""
    dialog = SettingsDialog({"organisation": "Desk One"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    base_url = _field(dialog, "claimreview_base_url", QLineEdit)
    assert isinstance(base_url, QLineEdit)
    assert _field(dialog, "organisation", QLineEdit).text() == "Desk One"  # type: ignore[attr-defined]
    base_url.setFocus()
    qtbot.keyClicks(base_url, "javascript:alert(1)")
    qtbot.keyClick(base_url, Qt.Key.Key_Return)
    error = dialog.findChild(type(dialog.error), "settingsError")
    qtbot.waitUntil(lambda: error.isVisible())
    assert dialog.isVisible() and "not a web address" in error.text()
    base_url.selectAll()
    qtbot.keyClicks(base_url, "https://factchecks.example/")
    qtbot.keyClick(base_url, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.changed() == {"claimreview_base_url": "https://factchecks.example/"}
