"""The analyst's first session, driven through real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from factcheck_app.domain.sources import Source
from factcheck_app.ui.models.claims_model import COL_ANCHOR, COL_QUOTE, COL_VERDICT
from shared_data import US_QUOTE


def select_text(window, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start = window.article_view.text().index(quote)
    window.article_view.select_span(start, start + len(quote))
    return start, start + len(quote)


def make_us_claim(window, qtbot):  # type: ignore[no-untyped-def]
    # Window shortcuts only reach the active window; offscreen, a second window is not
    # activated by show(), so make it active as the window manager would on a click.
    window.activateWindow()
    if QApplication.activeWindow() is not window:
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select_text(window, US_QUOTE)
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 1
    return window.model.claim_at(0)


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
    assert window.add_source(claim.id, Source(None, "https://example.org/dod", "DoD statement", note="para 2"))

    assert window.last_error is None, window.last_error
    saved = window.project.claim(claim.id)
    assert saved.tags == ("US position",)
    assert saved.verdict == "Mostly true"
    assert saved.rationale == "The Pentagon confirmed it."
    assert [s.title for s in saved.sources] == ["DoD statement"]
    assert window.model.index(0, COL_VERDICT).data() == "Mostly true"

    stack = window.undo_stack
    assert stack.count() == 5  # claim, tags, verdict, rationale, source
    window.undo_action.trigger()
    assert window.project.claim(claim.id).sources == ()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.project.claim(claim.id).verdict is None
    assert editor.verdict.currentData() is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.project.claim(claim.id).sources[0].title == "DoD statement"
    assert window.project.claim(claim.id).verdict == "Mostly true"
    while stack.canUndo():
        window.undo_action.trigger()
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


def test_import_article_and_bad_file(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Importing shows the new article; a binary file gets a message and changes nothing."""
    window.open_project(project_path)
    good = tmp_path / "second.txt"
    good.write_text("Second article headline\nSome body text.\n", encoding="utf-8")
    assert window.import_file(good)
    assert window.articles.count() == 2
    assert window.articles.currentItem().text() == "Second article headline"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    assert not window.import_file(bad)
    assert "bad.txt" in window.last_error
    assert window.articles.count() == 2


def test_opening_junk_keeps_current_project(window, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file that is not a project gets a message; the open project stays."""
    window.open_project(project_path)
    junk = tmp_path / "junk.factcheck"
    junk.write_text("not a project", encoding="utf-8")
    assert not window.open_project(junk)
    assert "not a Factcheck project" in window.last_error
    assert window.project is not None and window.project.location.path == project_path
    assert junk.read_text(encoding="utf-8") == "not a project"


def test_work_survives_closing_and_restarting(qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Close the window, start again with no argument: the last project and its claim are back."""
    from factcheck_app.ui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.open_project(project_path), first.last_error
    qtbot.waitExposed(first)
    claim = make_us_claim(first, qtbot)
    first.editor.rationale.setFocus()
    qtbot.keyClicks(first.editor.rationale, "typed just before closing")
    first.close()  # pending rationale typing is flushed on close

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    second.open_initial(None)
    assert second.project.location.path == project_path
    assert second.model.rowCount() == 1
    reopened = second.model.claim_at(0)
    assert reopened.id == claim.id
    assert reopened.rationale == "typed just before closing"
    second.close()


def test_first_start_opens_the_sample_project(window) -> None:  # type: ignore[no-untyped-def]
    """With no project and no history, the bundled sample opens with its three claims."""
    window.open_initial(None)
    assert window.project.name == "Sample project.factcheck"
    assert window.model.rowCount() == 3
    assert {window.model.claim_at(r).verdict for r in range(3)} == {"Mostly false", "False"}


def test_long_article_highlights_claims_where_the_analyst_looks(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On a long article, a claim near the end is highlighted once it is scrolled into view."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.articles import import_article_edit
    from factcheck_app.services.edits import CreateClaim
    from factcheck_app.services.project import Project
    from factcheck_app.ui.main_window import MainWindow

    article = tmp_path / "long.txt"
    body = "\n".join(f"Paragraph {i}: the council discussed item {i} at length." for i in range(6000))
    article.write_text(body + "\nThe final paragraph holds the disputed figure of 99 per cent.\n", encoding="utf-8")
    path = tmp_path / "long.factcheck"
    with Project.create(path) as project:
        edit = import_article_edit(article)
        project.apply(edit)
        text = project.article(edit.article_id).text
        project.apply(CreateClaim(edit.article_id, anchor_for_quote(text, "the disputed figure of 99 per cent")))
        project.apply(CreateClaim(edit.article_id, anchor_for_quote(text, "Paragraph 0: the council")))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_project(path)
    highlighted = {s.cursor.selectedText() for s in win.article_view.extraSelections()}
    assert "Paragraph 0: the council" in highlighted
    assert "the disputed figure of 99 per cent" not in highlighted  # far off screen: not laid out yet
    late = next(win.model.claim_at(r) for r in range(2) if "99" in win.model.claim_at(r).quote)
    win.select_claim(late.id)
    qtbot.waitUntil(
        lambda: (
            "the disputed figure of 99 per cent"
            in {s.cursor.selectedText() for s in win.article_view.extraSelections()}
        )
    )
    win.close()


def test_second_window_on_same_project_opens_read_only(window, qtbot, project_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A project open elsewhere: the analyst is asked, and gets a read-only window."""
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.services.project import Project

    asked: list[str] = []

    def answer_yes(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    with Project.open(project_path):  # another instance holds the project
        assert window.open_project(project_path)
    assert "open in another" in asked[0]
    assert window.project.read_only
    assert "[read-only]" in window.windowTitle()
    assert not window.new_claim_action.isEnabled()
    assert not window.import_action.isEnabled()


def test_newer_project_gets_a_message_and_stays_untouched(window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A project from a newer app version is refused with a clear message, byte-identical."""
    import sqlite3

    raw = sqlite3.connect(project_path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    before = project_path.read_bytes()
    assert not window.open_project(project_path)
    assert "newer version" in window.last_error
    assert project_path.read_bytes() == before


def test_export_report_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export writes a Word file holding the claim, with pending rationale typing included."""
    import docx

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    window.editor.rationale.setFocus()
    qtbot.keyClicks(window.editor.rationale, "Typed right before export")
    written = window.export_report(tmp_path / "out.docx")
    assert written is not None and written.exists()
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert US_QUOTE in text
    assert "Typed right before export" in text


def test_new_version_reanchors_claims_and_flags_them(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Import new version: claims follow, changed ones are flagged, orphans can be re-attached."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.verdict.setCurrentIndex(window.editor.verdict.findData("True"))
    window.editor.verdict.activated.emit(window.editor.verdict.findData("True"))
    select_text(window, "Kremlin spokesman Dmitry Peskov told reporters")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    text = window.article_view.text()
    revised = tmp_path / "v2.txt"
    revised.write_text(
        "UPDATED 18:40\n"
        + text.replace("declined to commit to supporting", "refused to commit to backing").replace(
            "Kremlin spokesman Dmitry Peskov told reporters", "Dmitry Peskov said"
        ),
        encoding="utf-8",
    )
    assert window.import_revision(revised)
    assert window.articles.count() == 1  # the old version is kept but not listed
    assert not window.table.isColumnHidden(COL_ANCHOR)
    assert window.table.columnWidth(COL_QUOTE) >= window.table.viewport().width() // 3 - 1  # the quote stays readable
    assert window.articles.currentItem().text().endswith("· v2")
    states = {window.model.claim_at(r).id: window.model.claim_at(r).anchor_state for r in range(2)}
    assert states[claim.id] == "changed"
    assert "already had a verdict" in window.last_notice
    window.select_claim(claim.id)
    assert not window.editor.state_note.isHidden() and "changed" in window.editor.state_note.text()
    highlighted = {s.cursor.selectedText() for s in window.article_view.extraSelections()}
    assert "Dmitry Peskov said" not in highlighted
    orphan_id = next(cid for cid, state in states.items() if state == "orphaned")
    window.select_claim(orphan_id)
    select_text(window, "Dmitry Peskov said")
    window.reattach_action.trigger()
    assert window.project.claim(orphan_id).anchor_state == "anchored"
    assert window.project.claim(orphan_id).quote == "Dmitry Peskov said"
    window.undo_action.trigger()  # re-attach
    window.undo_action.trigger()  # the revision itself
    assert window.articles.currentItem().text() == window.project.articles()[0].title
    assert all(c.anchor_state == "anchored" for c in window.project.claims())


def test_diff_view_shows_removed_and_added_words(window, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Compare with previous version shows what was removed and added."""
    window.open_project(project_path)
    revised = tmp_path / "v2.txt"
    revised.write_text(window.article_view.text().replace("Northwood military base", "Northwood headquarters"), "utf-8")
    assert window.import_revision(revised)
    window.show_diff()
    from factcheck_app.ui.dialogs.diff_dialog import DiffDialog

    dialog = next(d for d in window._open_dialogs if isinstance(d, DiffDialog))
    html = dialog.browser.toHtml()
    assert "line-through" in html and "military base" in dialog.browser.toPlainText()
    assert "headquarters" in dialog.browser.toPlainText()


def test_several_files_import_in_the_background_as_one_undo_step(
    window, qtbot, project_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Three files, one of them junk: two imported, the junk named in one message, one undo removes both."""
    files = []
    for name, content in (("one.txt", b"First headline\nBody one.\n"), ("two.txt", b"Second headline\nBody two.\n")):
        (tmp_path / name).write_bytes(content)
        files.append(tmp_path / name)
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 8)
    files.insert(1, tmp_path / "junk.txt")
    window.open_project(project_path)
    window.import_files(files)
    qtbot.waitUntil(lambda: getattr(window, "import_done", None) is not None, timeout=20_000)
    assert window.import_done == "Imported 2 of 3 files."
    assert window.articles.count() == 3
    assert "junk.txt" in window.last_error
    window.undo_action.trigger()
    assert window.articles.count() == 1


def test_dropping_a_file_on_the_window_imports_it(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Drag and drop of an article file onto the window imports it."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window.open_project(project_path)
    dropped = tmp_path / "dropped.txt"
    dropped.write_text("Dropped headline\nText.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, event)
    assert window.last_error is None, window.last_error
    assert window.articles.currentItem().text() == "Dropped headline"


def test_paste_imports_clipboard_text(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+V makes an article of the copied text; an empty clipboard gets a message."""
    window.open_project(project_path)
    QApplication.clipboard().setText("Pasted headline\nPasted body text.")
    window.paste_action.trigger()
    assert window.articles.currentItem().text() == "Pasted headline"
    assert window.project.article(window.article_id).format in ("paste", "text")
    QApplication.clipboard().setText("   ")
    window.paste_action.trigger()
    assert "clipboard" in window.last_error


def test_article_properties_are_editable_and_undoable(window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Changing the title updates the list at once; undo brings the old one back."""
    from datetime import date

    window.open_project(project_path)
    old_title = window.articles.currentItem().text()
    assert window.update_article_properties({"title": "Coalition of the willing meets", "published": date(2025, 3, 20)})
    assert window.articles.currentItem().text() == "Coalition of the willing meets"
    article = window.project.article(window.article_id)
    assert article.published == date(2025, 3, 20)
    window.undo_action.trigger()
    assert window.articles.currentItem().text() == old_title


def test_headings_are_shown_bold_without_changing_offsets(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A heading block is drawn bold and larger; claims still map to the same words."""
    from factcheck_app.domain.articles import TextBlock
    from factcheck_app.ui.widgets.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    text = "Big headline\nBody text with a claim in it.\n"
    view.show_article(text, (TextBlock(0, 12, "heading", 1), TextBlock(13, len(text) - 1, "paragraph")))
    body = view.document().findBlock(view.position_of(20))
    assert _bold_at(view, 3)
    assert not _bold_at(view, 20)
    start = text.index("a claim")
    view.select_span(start, start + 7)
    assert view.textCursor().selectedText() == "a claim"
    assert body.text().startswith("Body text")


def _bold_at(view, index: int) -> bool:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(index) + 1)
    return cursor.charFormat().fontWeight() == QFont.Weight.Bold


def test_backup_restore_and_check_from_the_window(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Back up now, change, restore: the claim is back as it was; Check finds nothing wrong."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    backup = window.backup_now()
    assert backup is not None and backup.exists()
    window.delete_claim_action.trigger()
    assert window.project.claims() == []
    assert window.restore_backup(backup)
    assert [c.id for c in window.project.claims()] == [claim.id]
    assert window.model.rowCount() == 1
    assert window.check_project(repair=False).ok


def test_opening_a_changed_project_backs_it_up(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The automatic backup runs after opening when the project changed since its last backup."""
    from factcheck_app.services.backups import list_backups

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    assert window._auto_backup("on-open") is not None
    assert window._auto_backup("auto") is None  # nothing changed since
    assert [b.reason for b in list_backups(project_path)] == ["on-open"]


def test_unexpected_error_is_logged_and_shown(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An exception escaping to the event loop writes the log file and shows the details."""
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.ui import crash

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()) or 0)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        crash.handle_exception(RuntimeError, error, error.__traceback__)
    assert "boom in a slot" in shown[0]
    log_text = (crash.log_dir() / "factcheck-app.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log_text


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
    assert not window.run_edit(SetRationale(claim.id, "y" * 90_000))
    assert "full" in window.last_error
    assert window.undo_stack.count() == depth
    assert window.project.claim(claim.id).rationale == ""
    event.remove(engine, "connect", cap)
    engine.dispose()
    assert window.run_edit(SetRationale(claim.id, "fits now"))
    window.undo_action.trigger()
    assert window.project.claim(claim.id).rationale == ""


def test_a_source_link_opens_only_after_showing_its_address(window, qtbot, project_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Double-clicking a source asks first, showing the full address; Cancel opens nothing."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.add_source(claim.id, Source(None, "https://example.org/evidence?id=7", "Evidence"))
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


def test_archive_export_and_open_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export a project archive and open it as a new project: the claim is there; junk is refused."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    archive = window.export_archive(tmp_path / "shared")
    assert archive is not None and archive.exists()
    junk = tmp_path / "junk.factcheck-archive"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert not window.import_archive(junk, tmp_path / "never.factcheck")
    assert not (tmp_path / "never.factcheck").exists()
    assert window.project.location.path == project_path
    assert window.import_archive(archive, tmp_path / "copy.factcheck")
    assert window.project.location.path == tmp_path / "copy.factcheck"
    assert [c.quote for c in window.project.claims()] == [claim.quote]


def test_claimreview_export_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ClaimReview export writes one review per rated claim and says what was left out."""
    import json

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    result = window.export_open_format(tmp_path / "reviews.jsonld", "claimreview")
    assert result is not None and result.skipped == 1  # no verdict yet
    assert json.loads(result.path.read_text(encoding="utf-8")) == []


def test_review_in_the_editor_with_sign_off_and_history(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Name a reviewer, try to approve as the author (refused), approve as the reviewer, read the history."""
    window.open_project(project_path)
    window.set_analyst_name("Ana Author")
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
    window.set_analyst_name("Rita Reviewer")
    editor.status.activated.emit(editor.status.findData("approved"))
    claim_now = window.project.claim(claim.id)
    assert claim_now.status == "approved" and claim_now.approved_by == "Rita Reviewer"
    assert "Approved by Rita Reviewer" in editor.signoff.text()
    window.show_claim_history(claim.id)
    from factcheck_app.ui.dialogs.history_dialog import HistoryDialog

    dialog = next(d for d in window._open_dialogs if isinstance(d, HistoryDialog))
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


def test_report_dialog_remembers_choices_and_exports_in_background(
    window, qtbot, project_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Choices are remembered; the background export honours sections and scope; Cancel keeps the old file."""
    import docx

    from factcheck_app.ui.dialogs.report_dialog import ReportDialog

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    dialog = ReportDialog("Weekly checks", "Verification Desk", "Ana", window)
    dialog.section_boxes["annotated_article"].setChecked(False)
    dialog.order.setCurrentIndex(dialog.order.findData("verdict"))
    dialog.remember()
    again = ReportDialog("Weekly checks", "", "", window)
    assert not again.section_boxes["annotated_article"].isChecked()
    assert again.organisation.text() == "Verification Desk" and again.choices()["order"] == "verdict"
    target = tmp_path / "weekly.docx"
    window.export_report_in_background(target, again.choices())
    qtbot.waitUntil(lambda: getattr(window, "last_report", "pending") != "pending", timeout=30_000)
    assert window.last_report == target
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Verification Desk" in text and US_QUOTE in text
    assert len(document.comments) == 0  # no annotated article: no comments
    before = target.read_bytes()
    window.last_report = "pending"
    window.export_report_in_background(target, dict(again.choices(), sections=("cover", "summary")))
    window.report_job.cancel()
    qtbot.waitUntil(lambda: window.last_report != "pending", timeout=30_000)
    assert window.last_report is None and target.read_bytes() == before
    assert not list(tmp_path.glob(".weekly.writing*"))


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
    assert window.import_file(second)
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
    window.import_file(other)
    select_text(window, "denied the budget overrun")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 1
    window.all_articles.setChecked(True)
    assert window.model.rowCount() == 2
    qtbot.keyClicks(window.filter, "united states")
    assert window.model.rowCount() == 1
    window.select_claim(first.id)
    assert window.article_id == first_article
    assert window.article_view.textCursor().selectedText() == US_QUOTE
    assert {s.cursor.selectedText() for s in window.article_view.extraSelections()} == {US_QUOTE}
    window.all_articles.setChecked(False)
    window.filter.clear()
    assert window.model.rowCount() == 1


def test_verdict_scale_dialog_renames_and_recolours(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Renaming a label in the scale dialog carries its claims; the editor offers the new labels; undo."""
    from factcheck_app.ui.dialogs.scale_dialog import COL_COLOUR, COL_LABEL, ScaleDialog

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.verdict.activated.emit(window.editor.verdict.findData("Mostly true"))
    dialog = ScaleDialog(window.project.verdict_scale(), window)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, COL_LABEL).text() == "Mostly true")
    dialog.table.item(row, COL_LABEL).setText("Largely accurate")
    dialog.table.item(row, COL_COLOUR).setText("#1e88e5")
    dialog.accept()
    scale, renames = dialog.result_scale()
    assert renames == {"Mostly true": "Largely accurate"}
    assert window.set_verdict_scale(scale, renames)
    assert window.project.claim(claim.id).verdict == "Largely accurate"
    assert window.editor.verdict.findData("Largely accurate") >= 0
    assert window.editor.verdict.currentData() == "Largely accurate"
    window.undo_action.trigger()
    assert window.project.claim(claim.id).verdict == "Mostly true"
    assert window.editor.verdict.findData("Largely accurate") == -1
    bad = ScaleDialog(window.project.verdict_scale(), window)
    bad.table.item(0, COL_COLOUR).setText("green")
    bad.accept()
    assert "not a colour" in bad.error.text() and bad.result_scale() is None


def test_attach_open_and_remove_a_file_from_the_window(
    window, qtbot, project_path: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Attach a file to a source, open a private copy in the viewer, undo the removal."""
    from PySide6.QtGui import QDesktopServices

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.add_source(claim.id, Source(None, "https://example.org/memo", "Memo"))
    source_id = window.project.claim(claim.id).sources[0].id
    scan = tmp_path / "memo.pdf"
    scan.write_bytes(b"%PDF-1.4 memo")
    assert window.attach_file(source_id, scan)
    [attachment] = window.project.attachments(source_id)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    copy = window.open_attachment(attachment.id)
    assert opened == [str(copy)] and copy.read_bytes() == b"%PDF-1.4 memo"
    assert window.remove_attachment(attachment.id)
    assert window.project.attachments() == []
    window.undo_action.trigger()
    assert [a.name for a in window.project.attachments()] == ["memo.pdf"]


def test_problems_panel_and_blocked_export(window, qtbot, project_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A verdict without source is listed under Problems; a blocking project refuses the export."""
    from factcheck_app.services.edits import SetProjectSetting

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.verdict.activated.emit(window.editor.verdict.findData("Mostly true"))
    found = window.refresh_problems()
    assert {p.rule for p in found} == {"evidence", "rationale"}
    assert window.problems.count() == 2 and "cites no source" in window.problems.item(0).text()
    window.run_edit(SetProjectSetting("gates.mode", "block"))
    assert not window._problems_allow_export(None)
    assert "blocks export" in window.last_error
    window.select_claim(claim.id)
    window.problems.itemActivated.emit(window.problems.item(0))
    assert window.editor.current_claim_id() == claim.id


def test_tags_rename_and_highlight_by_tag_colour(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rename a tag from the window (claims follow, undoable) and colour highlights by tag."""
    from factcheck_app.domain.verdicts import tint

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.tags.setFocus()
    qtbot.keyClicks(window.editor.tags, "US position")
    qtbot.keyClick(window.editor.tags, Qt.Key.Key_Return)
    assert window.rename_tag("US position", "Positions/United States")
    assert window.project.claim(claim.id).tags == ("Positions/United States",)
    assert window.editor.tags.text() == "Positions/United States"
    assert window.set_tag_colour("Positions/United States", "#1e88e5")
    window.highlight_by_tag_action.trigger()
    window.select_claim(claim.id)
    formats = [s.format.background().color().name() for s in window.article_view.extraSelections()]
    assert tint("#1e88e5", 0.45) in formats
    window.undo_action.trigger()  # colour
    window.undo_action.trigger()  # rename
    assert window.project.claim(claim.id).tags == ("US position",)


def test_sources_library_lists_and_edits(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The library lists every source with its citations; editing one updates the claim's list."""
    from dataclasses import replace

    from factcheck_app.ui.dialogs.sources_dialog import SourcesDialog

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.add_source(claim.id, Source(None, "https://example.org/x", "Draft title"))
    dialog = SourcesDialog(window)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "1"
    assert window.update_source(replace(dialog.sources[0], title="Final title"))
    assert window.editor.sources.item(0).text().startswith("Final title")
    dialog.close()


def test_every_menu_action_has_a_unique_keyboard_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    """Analysts work from the keyboard: every menu command has its own shortcut."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu())):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or not action.text() or action.parent() is menu:
                continue
            if not isinstance(action, QAction) or "(none yet)" in action.text():
                continue
            keys = action.shortcut().toString()
            assert keys, f"no shortcut for {action.text()!r}"
            assert seen.get(keys, action.text()) == action.text(), f"{keys} used twice"
            seen[keys] = action.text()
    assert len(seen) >= 30


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
    window.import_file(other)
    select_text(window, "denied the overrun")
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    window.all_articles.setChecked(True)
    qtbot.keyClicks(window.filter, "article:budget")
    assert [window.model.claim_at(r).quote for r in range(window.model.rowCount())] == ["denied the overrun"]
