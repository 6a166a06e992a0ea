"""The Problems panel follows the analyst's edits claim by claim, and catches up when shown."""

from __future__ import annotations

from pathlib import Path

from people import activate, click_claim, make_us_claim
from PySide6.QtCore import Qt

from factcheck_app.services.project import Project


def _choose_verdict_by_keyboard(qtbot, window, label: str) -> None:  # type: ignore[no-untyped-def]
    combo = window.editor.verdict
    combo.setFocus()
    while combo.currentText() != label:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def _listed(window) -> list[str]:  # type: ignore[no-untyped-def]
    return window.problems_panel.entries()


def test_an_edit_while_the_panel_is_open_updates_that_claims_entries(qtbot, window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rated without rationale or source: two entries; the rationale typed removes one of them."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.problems_panel.isVisible)
    assert window.problems_panel.count() == 0
    click_claim(qtbot, window, claim.id)
    _choose_verdict_by_keyboard(qtbot, window, "Mostly true")
    qtbot.waitUntil(lambda: window.problems_panel.count() == 2)
    assert any("cites no source" in text for text in _listed(window))
    assert window.problems_panel.windowTitle() == "Problems (2)"
    window.editor.rationale.setFocus()
    qtbot.keyClicks(window.editor.rationale, "The minister's own figures say so.")
    qtbot.waitUntil(lambda: window.problems_panel.count() == 1)  # saved after a pause, then checked again
    assert "cites no source" in _listed(window)[0]
    with Project.open(project_path, read_only=True) as reopened:
        assert reopened.claim(claim.id).rationale == "The minister's own figures say so."


def test_a_hidden_panel_shows_what_changed_meanwhile_when_opened(qtbot, window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Edits while the panel is closed are not lost on it: opening it lists the project as it is."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    click_claim(qtbot, window, claim.id)
    _choose_verdict_by_keyboard(qtbot, window, "False")
    qtbot.waitUntil(lambda: window.project.claim(claim.id).verdict == "False")
    assert not window.problems_panel.isVisible() and window.problems_panel.count() == 0  # nothing checked while hidden
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.problems_panel.count() == 3)  # no source, no primary document, no rationale
    assert "without a primary document" in " ".join(_listed(window))
    window.problems.setCurrentIndex(window.problems.model().index(0, 0))
    window.problems.setFocus()
    qtbot.keyClick(window.problems, Qt.Key.Key_Return)
    assert window.editor.current_claim_id() == claim.id
