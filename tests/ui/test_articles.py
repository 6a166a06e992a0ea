"""Articles: import (one, several, dropped, pasted), new versions, properties, display."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim, select_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from factcheck_app.ui.models.claims_model import COL_ANCHOR, COL_QUOTE


def test_import_article_and_bad_file(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Importing shows the new article; a binary file gets a message and changes nothing."""
    window.open_project(project_path)
    good = tmp_path / "second.txt"
    good.write_text("Second article headline\nSome body text.\n", encoding="utf-8")
    assert window.commands.articles.import_file(good)
    assert window.articles.count() == 2
    assert window.articles.currentItem().text() == "Second article headline"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    assert not window.commands.articles.import_file(bad)
    assert "bad.txt" in window.last_error
    assert window.articles.count() == 2


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
    assert window.commands.articles.import_revision(revised)
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
    window.commands.claims.reattach_action.trigger()
    assert window.project.claim(orphan_id).anchor_state == "anchored"
    assert window.project.claim(orphan_id).quote == "Dmitry Peskov said"
    window.commands.edit.undo_action.trigger()  # re-attach
    window.commands.edit.undo_action.trigger()  # the revision itself
    assert window.articles.currentItem().text() == window.project.articles()[0].title
    assert all(c.anchor_state == "anchored" for c in window.project.claims())


def test_diff_view_shows_removed_and_added_words(window, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Compare with previous version shows what was removed and added."""
    window.open_project(project_path)
    revised = tmp_path / "v2.txt"
    revised.write_text(window.article_view.text().replace("Northwood military base", "Northwood headquarters"), "utf-8")
    assert window.commands.articles.import_revision(revised)
    window.commands.articles.compare_action.trigger()
    from factcheck_app.ui.dialogs.diff_dialog import DiffDialog

    dialog = next(d for d in window.feedback.open_dialogs if isinstance(d, DiffDialog))
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
    window.commands.articles.import_files(files)
    qtbot.waitUntil(lambda: window.commands.articles.import_done is not None, timeout=20_000)
    assert window.commands.articles.import_done == "Imported 2 of 3 files."
    assert window.articles.count() == 3
    assert "junk.txt" in window.last_error
    window.commands.edit.undo_action.trigger()
    assert window.articles.count() == 1


def test_dropping_a_file_on_the_window_imports_it(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Drag and drop of an article file onto the window imports it."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
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
    window.commands.articles.paste_action.trigger()
    assert window.articles.currentItem().text() == "Pasted headline"
    assert window.project.article(window.article_id).format in ("paste", "text")
    QApplication.clipboard().setText("   ")
    window.commands.articles.paste_action.trigger()
    assert "clipboard" in window.last_error


def test_article_properties_are_editable_and_undoable(window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Changing the title updates the list at once; undo brings the old one back."""
    from datetime import date

    window.open_project(project_path)
    old_title = window.articles.currentItem().text()
    assert window.commands.articles.update_properties(
        {"title": "Coalition of the willing meets", "published": date(2025, 3, 20)}
    )
    assert window.articles.currentItem().text() == "Coalition of the willing meets"
    article = window.project.article(window.article_id)
    assert article.published == date(2025, 3, 20)
    window.commands.edit.undo_action.trigger()
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
    from PySide6.QtGui import QFont

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(index) + 1)
    return cursor.charFormat().fontWeight() == QFont.Weight.Bold
