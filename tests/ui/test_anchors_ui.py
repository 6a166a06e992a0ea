"""Anchors in the window, as an analyst uses them: a sloppy drag snaps to whole words (Alt keeps
it exact), and a claim whose words a new version changed shows the wording that was checked
beside the new one, with Confirm verdict still holds and Re-open. Every result is read back
from the project file."""

from __future__ import annotations

from pathlib import Path

import pytest
from people import activate, answer_file_dialog, click_claim, drag_over_words, stored_claim
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from factcheck_app.services.project import Project
from factcheck_app.ui.models.claims_model import COL_ANCHOR

WALL = "The council says the £85 million harbour wall will be finished next spring."
LIBRARY = "The mayor opened the new library on Monday."
ARTICLE = f"Harbour works\n\n{WALL}\n\n{LIBRARY}\n"
NEW_WALL = "The council says the £95 million harbour wall will be finished next summer."


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    from factcheck_app.services.articles import import_article_edit

    source = tmp_path / "harbour.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "harbour.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(source))
    return path


def _press_new_claim(qtbot, window, *, exact: bool = False) -> int:  # type: ignore[no-untyped-def]
    before = {c.id for c in window.model.claims()}
    modifiers = Qt.KeyboardModifier.ControlModifier
    if exact:
        modifiers |= Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, modifiers)
    qtbot.waitUntil(lambda: len(window.model.claims()) == len(before) + 1)
    return next(c.id for c in window.model.claims() if c.id not in before)


def test_a_sloppy_drag_makes_a_claim_of_whole_words(window, qtbot, harbour: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_project(harbour), window.last_error
    activate(qtbot, window)
    drag_over_words(qtbot, window, "5 million harbour wa")
    claim_id = _press_new_claim(qtbot, window)
    window.close()
    assert stored_claim(harbour, claim_id).quote == "£85 million harbour wall"


def test_alt_keeps_exactly_the_characters_dragged_over(window, qtbot, harbour: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_project(harbour), window.last_error
    activate(qtbot, window)
    drag_over_words(qtbot, window, "5 million harbour wa")
    claim_id = _press_new_claim(qtbot, window, exact=True)
    window.close()
    assert stored_claim(harbour, claim_id).quote == "5 million harbour wa"


def test_the_modifier_is_named_in_the_menu_and_the_shortcuts_list(window, qtbot, harbour: Path) -> None:  # type: ignore[no-untyped-def]
    from factcheck_app.ui.dialogs.help_dialog import ShortcutsDialog

    assert window.open_project(harbour), window.last_error
    assert "hold Alt" in window.commands.claims.new_claim_action.statusTip()
    window.commands.help.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    try:
        qtbot.keyClicks(dialog.search, "Ctrl+Alt+K")
        rows = dialog.visible_rows()
    finally:
        dialog.close()
    assert [(command, keys) for _menu, command, keys in rows] == [
        ("New claim of exactly the characters selected", "Ctrl+Alt+K")
    ]


def _import_new_version_through_the_menu(qtbot, window, revised: Path) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+Shift+I and answer the file dialog as the analyst would."""

    before = window.articles.currentItem().text()
    answer_file_dialog(qtbot, revised)
    activate(qtbot, window)
    qtbot.keyClick(
        window.article_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: window.articles.currentItem().text() != before, timeout=10_000)
    # The window tells what moved and that a checked claim's words changed; the analyst reads it and closes it.
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    notice = QApplication.activeModalWidget()
    assert "already had a verdict" in notice.text()
    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def _plain(markup: str) -> str:
    document = QTextDocument()
    document.setHtml(markup)
    return document.toPlainText()


def _changed_claim(qtbot, window, harbour: Path, tmp_path: Path, status: str = "draft") -> int:  # type: ignore[no-untyped-def]
    """A claim of WALL with a verdict, then a new version that changes its words (through the menu)."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim, SetStatus

    with Project.open(harbour, analyst="tester") as project:
        article = project.articles()[0]
        edit = CreateClaim(article.id, anchor_for_quote(article.text, WALL), verdict="True")
        project.apply(edit)
        if status != "draft":
            project.apply(SetStatus(edit.claim_id, status))  # type: ignore[arg-type]
    revised = tmp_path / "harbour-v2.txt"
    revised.write_text(ARTICLE.replace(WALL, NEW_WALL), encoding="utf-8")
    assert window.open_project(harbour), window.last_error
    _import_new_version_through_the_menu(qtbot, window, revised)
    assert edit.claim_id is not None
    return edit.claim_id


def test_a_changed_claim_shows_both_wordings_and_confirming_clears_the_flag(  # type: ignore[no-untyped-def]
    window, qtbot, harbour: Path, tmp_path: Path
) -> None:
    claim_id = _changed_claim(qtbot, window, harbour, tmp_path)
    row = window.model.row_of(claim_id)
    label = " ".join(window.model.index(row, COL_ANCHOR).data().split())  # two lines in the cell
    assert label.startswith("⚠ changed ") and label.endswith("% similar"), label  # on the cell's second line
    tip = window.model.index(row, COL_ANCHOR).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Changed ({label.split()[2]} similar)"), tip
    click_claim(qtbot, window, claim_id)
    panel = window.editor.changed_wording
    assert panel.isVisible()
    assert _plain(panel.checked.text()) == WALL and _plain(panel.now.text()) == NEW_WALL
    assert "<s>85</s>" in panel.checked.text() and "<u>95</u>" in panel.now.text()
    assert "<s>spring</s>" in panel.checked.text() and "<u>summer</u>" in panel.now.text()
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert window.model.index(window.model.row_of(claim_id), COL_ANCHOR).data() == ""
    analyst = window.project.analyst
    window.close()
    with Project.open(harbour, read_only=True) as project:
        claim = project.claim(claim_id)
        last = project.history("claim", claim_id)[-1]
    assert (claim.anchor_state, claim.checked_wording, claim.quote, claim.verdict) == ("anchored", "", NEW_WALL, "True")
    assert last.action == "Confirm verdict still holds" and last.analyst == analyst


def test_confirming_is_undone_with_ctrl_z(window, qtbot, harbour: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    claim_id = _changed_claim(qtbot, window, harbour, tmp_path)
    click_claim(qtbot, window, claim_id)
    panel = window.editor.changed_wording
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: not panel.isVisible())
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # where the keys go
    qtbot.waitUntil(panel.isVisible)
    window.close()
    claim = stored_claim(harbour, claim_id)
    assert (claim.anchor_state, claim.checked_wording) == ("changed", WALL)


def test_reopen_sends_a_changed_claim_back_to_draft(window, qtbot, harbour: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    claim_id = _changed_claim(qtbot, window, harbour, tmp_path, status="in_review")  # in review when it changed
    click_claim(qtbot, window, claim_id)
    panel = window.editor.changed_wording
    assert panel.reopen_button.isEnabled()
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: not panel.reopen_button.isEnabled())
    assert window.editor.status.currentData() == "draft"
    assert panel.isVisible()  # still to confirm
    window.close()
    claim = stored_claim(harbour, claim_id)
    assert (claim.status, claim.anchor_state, claim.checked_wording) == ("draft", "changed", WALL)
