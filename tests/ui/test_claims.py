"""Claims: made from selected words, edited in the editor, found, reviewed (real widgets, offscreen)."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim, select_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from factcheck_app.domain.sources import Source
from factcheck_app.ui.models.claims_model import COL_QUOTE, COL_VERDICT
from shared_data import US_QUOTE


def test_claim_from_selection_appears_in_panel_and_is_highlighted(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Select the US sentence, press Ctrl+K: the claim is listed, selected and highlighted."""
    assert window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    assert claim.quote == US_QUOTE
    assert window.model.index(0, COL_QUOTE).data() == US_QUOTE
    assert window.editor.current_claim_id() == claim.id
    highlighted = [s.cursor.selectedText() for s in window.article_view.extraSelections()]
    assert US_QUOTE in highlighted
    assert window.windowTitle().startswith("desk.factcheck")


def test_new_claim_button_does_the_same(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The toolbar button makes a claim from the selection too."""
    window.open_project(project_path)
    select_text(window, "Kremlin spokesman Dmitry Peskov")
    qtbot.mouseClick(window.new_claim_button, Qt.MouseButton.LeftButton)
    assert window.model.claim_at(0).quote == "Kremlin spokesman Dmitry Peskov"


def test_edits_in_the_editor_are_saved_and_undoable(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Tag, verdict, rationale, source: each saved at once, each undone and redone."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    editor = window.editor

    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "US position")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return)
    index = editor.verdict.findData("Mostly true")
    editor.verdict.setCurrentIndex(index)
    editor.verdict.activated.emit(index)
    editor.rationale.setFocus()
    qtbot.keyClicks(editor.rationale, "The Pentagon confirmed it.")
    qtbot.keyClick(editor.rationale, Qt.Key.Key_Tab)  # leaving the field saves it
    assert window.commands.claims.add_source(
        claim.id, Source(None, "https://example.org/dod", "DoD statement", note="para 2")
    )

    assert window.last_error is None, window.last_error
    saved = window.project.claim(claim.id)
    assert saved.tags == ("US position",)
    assert saved.verdict == "Mostly true"
    assert saved.rationale == "The Pentagon confirmed it."
    assert [s.title for s in saved.sources] == ["DoD statement"]
    assert window.model.index(0, COL_VERDICT).data() == "Mostly true"

    stack = window.undo_stack
    assert stack.count() == 5  # claim, tags, verdict, rationale, source
    window.commands.edit.undo_action.trigger()
    assert window.project.claim(claim.id).sources == ()
    window.commands.edit.undo_action.trigger()
    window.commands.edit.undo_action.trigger()
    assert window.project.claim(claim.id).verdict is None
    assert editor.verdict.currentData() is None
    window.commands.edit.redo_action.trigger()
    window.commands.edit.redo_action.trigger()
    window.commands.edit.redo_action.trigger()
    assert window.project.claim(claim.id).sources[0].title == "DoD statement"
    assert window.project.claim(claim.id).verdict == "Mostly true"
    while stack.canUndo():
        window.commands.edit.undo_action.trigger()
    assert window.project.claims() == []
    assert window.model.rowCount() == 0
    assert window.article_view.extraSelections() == []


def test_clicking_a_claim_scrolls_to_and_selects_its_span(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Click in the claims table: the article selects the claim's words."""
    window.resize(900, 400)
    window.open_project(project_path)
    make_us_claim(window, qtbot)
    select_text(window, "Military chiefs from some 30 countries")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    window.article_view.verticalScrollBar().setValue(0)
    us_row = next(r for r in range(window.model.rowCount()) if window.model.claim_at(r).quote == US_QUOTE)
    rect = window.table.visualRect(window.model.index(us_row, COL_QUOTE))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.article_view.textCursor().selectedText() == US_QUOTE
    assert window.article_view.verticalScrollBar().value() > 0


def test_clicking_a_highlight_selects_its_claim(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Click on highlighted words in the article: the claim is selected in the panel."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    select_text(window, "Military chiefs from some 30 countries")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.current_claim_id() != claim.id
    view = window.article_view
    text = view.text()
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(text.index(US_QUOTE) + 10))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    QApplication.processEvents()
    point: QPoint = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.editor.current_claim_id() == claim.id


def test_filter_narrows_the_claims_panel(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Typing in the filter shows only matching claims."""
    window.open_project(project_path)
    make_us_claim(window, qtbot)
    select_text(window, "Kremlin spokesman Dmitry Peskov")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter, "peskov")
    assert window.model.rowCount() == 1
    assert window.model.claim_at(0).quote == "Kremlin spokesman Dmitry Peskov"
    window.filter.clear()
    assert window.model.rowCount() == 2


def test_review_in_the_editor_with_sign_off_and_history(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Name a reviewer, try to approve as the author (refused), approve as the reviewer, read the history."""
    window.open_project(project_path)
    window.commands.edit.set_analyst_name("Ana Author")
    claim = make_us_claim(window, qtbot)
    editor = window.editor
    editor.verdict.activated.emit(editor.verdict.findData("Mostly true"))
    editor.claimant.setFocus()
    qtbot.keyClicks(editor.claimant, "Pentagon spokesperson")
    qtbot.keyClick(editor.claimant, Qt.Key.Key_Return)
    editor.reviewer.setFocus()
    qtbot.keyClicks(editor.reviewer, "Rita Reviewer")
    qtbot.keyClick(editor.reviewer, Qt.Key.Key_Return)
    assert window.project.claim(claim.id).reviewer == "Rita Reviewer"
    assert window.project.claim(claim.id).claimant == "Pentagon spokesperson"
    editor.status.activated.emit(editor.status.findData("approved"))
    assert "cannot approve" in window.last_error
    assert editor.status.currentData() == "draft"
    window.commands.edit.set_analyst_name("Rita Reviewer")
    editor.status.activated.emit(editor.status.findData("approved"))
    claim_now = window.project.claim(claim.id)
    assert claim_now.status == "approved" and claim_now.approved_by == "Rita Reviewer"
    assert "Approved by Rita Reviewer" in editor.signoff.text()
    window.commands.claims.show_history(claim.id)
    from factcheck_app.ui.dialogs.history_dialog import HistoryDialog

    dialog = next(d for d in window.feedback.open_dialogs if isinstance(d, HistoryDialog))
    rows = [(dialog.table.item(r, 1).text(), dialog.table.item(r, 3).text()) for r in range(dialog.table.rowCount())]
    assert rows[0] == ("Ana Author", "created")
    assert rows[-1][0] == "Rita Reviewer" and "status: draft → approved" in rows[-1][1]


def test_source_dialog_records_evidence(window, qtbot, project_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The Add source dialog takes kind, excerpt, location and stance; the list shows the stance."""
    from factcheck_app.ui.dialogs.source_dialog import SourceDialog

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)

    def fill_and_accept(dialog: SourceDialog) -> int:
        dialog.url.setText("https://www.defense.example/statement")
        dialog.title.setText("Pentagon statement")
        dialog.kind.setCurrentIndex(dialog.kind.findData("official statement"))
        dialog.excerpt.setPlainText("We have made no commitment to deploy forces.")
        dialog.location.setText("para. 3")
        dialog.stance.setCurrentIndex(dialog.stance.findData("supports"))
        dialog.accept()
        return SourceDialog.DialogCode.Accepted

    monkeypatch.setattr(SourceDialog, "exec", fill_and_accept)
    window.editor.add_source.click()
    evidence = window.project.claim(claim.id).evidence[0]
    assert (evidence.stance, evidence.location, evidence.source.kind) == ("supports", "para. 3", "official statement")
    assert window.editor.sources.item(0).text().startswith("✔ supports — Pentagon statement")


def test_new_claim_offers_similar_claims_already_checked(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Making a claim that repeats an earlier one shows the earlier verdict in the editor."""
    window.open_project(project_path)
    first = make_us_claim(window, qtbot)
    window.editor.verdict.activated.emit(window.editor.verdict.findData("Mostly true"))
    second = tmp_path / "again.txt"
    second.write_text(
        "Follow-up\nOfficials repeated that the United States has so far declined to commit to supporting any "
        "Western military presence in Ukraine.\n",
        encoding="utf-8",
    )
    assert window.commands.articles.import_file(second)
    select_text(window, "the United States has so far declined to commit to supporting any Western military presence")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    label = window.editor.already_checked
    assert not label.isHidden()
    assert "Mostly true" in label.text() and first.quote[:40] in label.text()


def test_all_articles_lists_and_filters_every_claim(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With All articles on, the panel filters claims across articles; choosing one opens its article."""
    window.open_project(project_path)
    first = make_us_claim(window, qtbot)
    first_article = window.article_id
    other = tmp_path / "other.txt"
    other.write_text("Other story\nThe mayor denied the budget overrun on Friday.\n", encoding="utf-8")
    window.commands.articles.import_file(other)
    select_text(window, "denied the budget overrun")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 1
    window.claims_panel.all_articles.setChecked(True)
    assert window.model.rowCount() == 2
    qtbot.keyClicks(window.filter, "united states")
    assert window.model.rowCount() == 1
    window.select_claim(first.id)
    assert window.article_id == first_article
    assert window.article_view.textCursor().selectedText() == US_QUOTE
    assert {s.cursor.selectedText() for s in window.article_view.extraSelections()} == {US_QUOTE}
    window.claims_panel.all_articles.setChecked(False)
    window.filter.clear()
    assert window.model.rowCount() == 1


def test_assignee_is_set_from_the_editor(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Assigning a claim to an analyst is saved at once and searchable."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.assignee.setFocus()
    qtbot.keyClicks(window.editor.assignee, "Ben Analyst")
    qtbot.keyClick(window.editor.assignee, Qt.Key.Key_Return)
    assert window.project.claim(claim.id).assignee == "Ben Analyst"


def test_article_field_filter_across_articles(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """'article:' narrows the all-articles list to claims of articles whose title matches."""
    window.open_project(project_path)
    make_us_claim(window, qtbot)
    other = tmp_path / "budget.txt"
    other.write_text("Budget row deepens\nThe mayor denied the overrun.\n", encoding="utf-8")
    window.commands.articles.import_file(other)
    select_text(window, "denied the overrun")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    window.claims_panel.all_articles.setChecked(True)
    qtbot.keyClicks(window.filter, "article:budget")
    assert [window.model.claim_at(r).quote for r in range(window.model.rowCount())] == ["denied the overrun"]


def test_a_source_link_opens_only_after_showing_its_address(window, qtbot, project_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Double-clicking a source asks first, showing the full address; Cancel opens nothing."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.commands.claims.add_source(claim.id, Source(None, "https://example.org/evidence?id=7", "Evidence"))
    asked: list[str] = []
    opened: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Open]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    item = window.editor.sources.item(0)
    window.editor.sources.itemDoubleClicked.emit(item)
    assert "https://example.org/evidence?id=7" in asked[0] and opened == []
    window.editor.sources.itemDoubleClicked.emit(item)
    assert opened == ["https://example.org/evidence?id=7"]


def test_disk_full_in_the_window_keeps_undo_stack_and_work(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A failed save shows a message; the undo stack and the claim are as before; the app goes on."""
    import sqlite3

    from sqlalchemy import event

    from factcheck_app.services.edits import SetRationale

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    pages = sqlite3.connect(project_path).execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")

    engine = window.project._engine
    event.listen(engine, "connect", cap)
    engine.dispose()
    depth = window.undo_stack.count()
    assert not window.workspace.run_edit(SetRationale(claim.id, "y" * 90_000))
    assert "full" in window.last_error
    assert window.undo_stack.count() == depth
    assert window.project.claim(claim.id).rationale == ""
    event.remove(engine, "connect", cap)
    engine.dispose()
    assert window.workspace.run_edit(SetRationale(claim.id, "fits now"))
    window.commands.edit.undo_action.trigger()
    assert window.project.claim(claim.id).rationale == ""


def test_all_articles_of_a_big_project_are_read_in_the_background(
    window, qtbot, project_path: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Over the size where reading every claim takes seconds, ticking All articles keeps the
    window working: the article's claims stay listed, and every claim appears when read; a claim
    made meanwhile is in the list too."""
    from factcheck_app.ui.views import claims_panel

    monkeypatch.setattr(claims_panel, "READ_ALL_IN_BACKGROUND_FROM", 1)  # this project counts as big
    window.open_project(project_path)
    first = make_us_claim(window, qtbot)
    other = tmp_path / "other.txt"
    other.write_text("Other story\nThe mayor denied the budget overrun on Friday.\n", encoding="utf-8")
    window.commands.articles.import_file(other)
    select_text(window, "denied the budget overrun")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = window.claims_panel.all_articles
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert "(2)" in window.claims_panel.claims_label.text()
    window.select_claim(first.id)
    assert window.article_view.textCursor().selectedText() == US_QUOTE
    select_text(window, "Ukraine")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)  # listed with every article's claims
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert window.model.rowCount() == 2  # the article on screen: the US claim and the new one
