"""A 20,000-word article in the window: its suggestions are worked out off the GUI thread right
after it is imported and kept in the project, so opening it again lists them at once; without
kept suggestions the panel says "Finding suggestions…" until the worker has them. Enter on one
makes the claim, with its claimant, in the project file."""

from __future__ import annotations

from pathlib import Path

from people import activate
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from factcheck_app.domain.articles import content_hash
from factcheck_app.domain.suggestion_evaluation import parse_labelled
from factcheck_app.domain.suggestions import Suggestion, model_version
from factcheck_app.services.project import Project
from factcheck_app.services.suggestions import stored_suggestion_key, suggest_claims
from factcheck_app.ui.models.suggestions_model import COL_SENTENCE
from factcheck_app.ui.views.suggestions_panel import FINDING

LABELLED = Path(__file__).parent.parent / "data" / "checkworthy"
WORDS = 20_000


def _long_article() -> str:
    """The labelled articles again and again, each copy with figures of its own, to 20,000 words."""
    articles = [parse_labelled(p.name, p.read_text(encoding="utf-8")) for p in sorted(LABELLED.glob("*.txt"))]
    parts = ["Twenty thousand words of council news"]
    count = copy = 0
    while count < WORDS:
        for article in articles:
            text = article.text.replace(" percent", f" percent ({copy})")
            parts.append(text)
            count += len(text.split())
            copy += 1
    return "\n\n".join(parts) + "\n"


def _drop(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Drag the file from a file manager and drop it on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)


def _turn_on_suggestions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """View ▸ Suggested claims, with the mouse."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == "View")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == "Suggested claims")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
    activate(qtbot, window)


def _kept(path: Path) -> tuple[str, str] | None:
    """What the project file holds for its article, read apart from the window (read-only)."""
    with Project.open(path, read_only=True) as project:
        return stored_suggestion_key(project, project.articles()[0].id)


def _expected(path: Path) -> list[Suggestion]:
    with Project.open(path, read_only=True) as project:
        return suggest_claims(project, project.articles()[0].id)


def _enter_on_attributed(qtbot, window) -> Suggestion:  # type: ignore[no-untyped-def]
    """Click the best suggestion that names its claimant, press Enter; the claim is made."""
    panel = window.suggestions_panel
    row, chosen = next((r, s) for r, s in enumerate(panel.model.suggestions()) if s.claimant)
    index = panel.model.index(row, COL_SENTENCE)
    panel.table.scrollTo(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())
    qtbot.waitUntil(lambda: window.article_view.selected_span() == (chosen.start, chosen.end))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() is not None)
    return chosen


def _assert_claim_in_file(path: Path, chosen: Suggestion) -> None:
    with Project.open(path, read_only=True) as project:
        [claim] = project.claims()
        assert (claim.quote, claim.claimant) == (chosen.text, chosen.claimant)
        assert claim.claimant


def test_imported_long_article_reopens_with_its_suggestions_at_once(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Dropped on the window with the panel off, the article's suggestions are worked out on the
    worker and kept in the file. Reopened in a new window, View ▸ Suggested claims lists them at
    once (no "Finding…", nothing to wait for); Enter makes a claim with its claimant."""
    from factcheck_app.ui.main_window import MainWindow

    text = _long_article()
    article = tmp_path / "long-council.txt"
    article.write_text(text, encoding="utf-8")
    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="tester"):
        pass
    assert window.open_project(path), window.last_error
    assert not window.suggestions_panel.isVisible()
    _drop(window, article)
    qtbot.waitUntil(lambda: window.articles.count() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: _kept(path) is not None, timeout=30_000)
    with Project.open(path, read_only=True) as project:
        stored_text = project.articles()[0].text
        assert len(stored_text.split()) >= WORDS
    assert _kept(path) == (content_hash(stored_text), model_version())
    window.close()

    expected = _expected(path)
    assert len(expected) > 300
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_project(path), again.last_error
    activate(qtbot, again)
    _turn_on_suggestions(qtbot, again)
    panel = again.suggestions_panel
    assert panel.model.suggestions() == expected  # read back from the file: listed at once
    assert panel.note.text() != FINDING
    chosen = _enter_on_attributed(qtbot, again)
    again.close()
    _assert_claim_in_file(path, chosen)


def test_long_article_without_kept_suggestions_finds_them_on_the_worker(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A project whose article has no kept suggestions (imported by an older version): opening it
    says "Finding suggestions…" while the worker works, then lists them (now kept in the file);
    Enter makes the claim, found in the file after reopening it."""
    from factcheck_app.services.articles import import_article_edit

    article = tmp_path / "long-council.txt"
    article.write_text(_long_article(), encoding="utf-8")
    path = tmp_path / "older.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(article))
    assert _kept(path) is None
    expected = _expected(path)

    assert window.open_project(path), window.last_error
    activate(qtbot, window)
    _turn_on_suggestions(qtbot, window)
    panel = window.suggestions_panel
    assert panel.note.text() == FINDING  # the GUI thread did not wait for them
    assert panel.model.suggestions() == []
    qtbot.waitUntil(lambda: panel.model.suggestions() == expected, timeout=30_000)
    assert _kept(path) is not None
    chosen = _enter_on_attributed(qtbot, window)
    window.close()
    _assert_claim_in_file(path, chosen)
