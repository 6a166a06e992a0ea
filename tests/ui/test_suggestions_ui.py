"""View ▸ Suggested claims and the desk archive, used as an analyst would.

The article is written here; what the panel should list is asked of the service
(``suggest_claims``) on the project file, apart from the window, and the window must show
exactly that. Claims made with Enter are read back from the file, and Ctrl+Z takes them back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from people import activate, make_claim
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from factcheck_app.domain.contrast import contrast_ratio
from factcheck_app.domain.suggestions import Suggestion
from factcheck_app.services.project import Project
from factcheck_app.services.suggestions import suggest_claims
from factcheck_app.ui.models.suggestions_model import COL_EARLIER, COL_SENTENCE

RUIZ = "Mayor Elena Ruiz said crime fell 20% last year."
GOVERNOR = '"We will hire 300 new teachers by 2027," the governor promised.'
ARTICLE = f"""City budget review

The council met on Tuesday evening in the old library. {RUIZ} Residents enjoyed the sunny weather.

{GOVERNOR} Some think the plan is lovely. The meeting ended at nine.
"""
PUBLISHED = date(2025, 3, 4)


def _project_with_article(path: Path, text_file: Path) -> Path:
    from factcheck_app.services.articles import import_article_edit
    from factcheck_app.services.edits import UpdateArticleMetadata

    text_file.write_text(ARTICLE, encoding="utf-8")
    with Project.create(path, analyst="tester") as project:
        edit = import_article_edit(text_file, title="City budget review")
        project.apply(edit)
        article_id = project.articles()[0].id
        project.apply(UpdateArticleMetadata(article_id, published=PUBLISHED))
    return path


@pytest.fixture
def ruiz_project(tmp_path: Path) -> Path:
    return _project_with_article(tmp_path / "budget.factcheck", tmp_path / "budget.txt")


def _expected(path: Path) -> list[Suggestion]:
    """What the service suggests for the article, computed apart from the window."""
    with Project.open(path, read_only=True) as project:
        return suggest_claims(project, project.articles()[0].id)


def _click_menu(qtbot, window, menu_title: str, command: str) -> None:  # type: ignore[no-untyped-def]
    """Open a menu of the menu bar with the mouse and click one of its commands."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == command)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
    activate(qtbot, window)  # the window manager gives the window back its activation


def _open_with_suggestions(qtbot, window, path: Path) -> list[Suggestion]:  # type: ignore[no-untyped-def]
    expected = _expected(path)
    assert window.open_project(path), window.last_error
    activate(qtbot, window)
    _click_menu(qtbot, window, "View", "Suggested claims")
    panel = window.suggestions_panel
    qtbot.waitUntil(lambda: panel.model.suggestions() == expected, timeout=10_000)
    return expected


def _row_of(panel, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(row for row, s in enumerate(panel.model.suggestions()) if s.text == text)


def _click_row(qtbot, panel, row: int) -> None:  # type: ignore[no-untyped-def]
    index = panel.model.index(row, COL_SENTENCE)
    panel.table.scrollTo(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())


def _stored_claims(path: Path) -> list:  # type: ignore[type-arg]
    with Project.open(path, read_only=True) as project:
        return project.claims()


def test_enter_on_a_suggestion_makes_the_claim_with_claimant_and_date(qtbot, window, ruiz_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Turn the panel on from the View menu, click the Ruiz sentence (the article selects it),
    press Enter: the claim is in the file with the claimant and the article's date, selected in
    the claims table, gone from the suggestions and their marks; Ctrl+Z takes it back."""
    expected = _open_with_suggestions(qtbot, window, ruiz_project)
    target = next(s for s in expected if s.text == RUIZ)
    assert target.claimant  # the service names who said it; the window must keep it
    panel, view = window.suggestions_panel, window.article_view
    assert window.commands.view.suggestions_action.isChecked()
    qtbot.waitUntil(lambda: len(view.suggestion_marks()) == len(expected))

    tip = panel.model.data(panel.model.index(_row_of(panel, RUIZ), COL_SENTENCE), Qt.ItemDataRole.ToolTipRole)
    assert target.explanation in tip and "Elena Ruiz" in tip

    _click_row(qtbot, panel, _row_of(panel, RUIZ))
    qtbot.waitUntil(lambda: view.selected_span() == (target.start, target.end))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() is not None)

    claim = window.model.claim(window.editor.current_claim_id())
    assert (claim.quote, claim.claimant, claim.claim_date) == (RUIZ, target.claimant, PUBLISHED)
    qtbot.waitUntil(lambda: RUIZ not in [s.text for s in panel.model.suggestions()])
    qtbot.waitUntil(lambda: len(view.suggestion_marks()) == len(expected) - 1)
    [stored] = _stored_claims(ruiz_project)
    assert (stored.quote, stored.claimant, stored.claim_date) == (RUIZ, target.claimant, PUBLISHED)

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert _stored_claims(ruiz_project) == []
    qtbot.waitUntil(lambda: panel.model.suggestions() == expected)


def test_shift_enter_makes_a_claim_of_the_quoted_words_only(qtbot, window, ruiz_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Shift+Enter on a quoting sentence claims the words inside the quotation marks."""
    expected = _open_with_suggestions(qtbot, window, ruiz_project)
    target = next(s for s in expected if s.text == GOVERNOR)
    assert target.quote_span is not None
    panel = window.suggestions_panel
    _click_row(qtbot, panel, _row_of(panel, GOVERNOR))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() is not None)
    [stored] = _stored_claims(ruiz_project)
    assert stored.quote == ARTICLE[slice(*target.quote_span)]
    assert stored.quote != GOVERNOR


def test_read_only_project_shows_suggestions_but_enter_makes_no_claim(qtbot, window, ruiz_project: Path) -> None:  # type: ignore[no-untyped-def]
    expected = _expected(ruiz_project)
    assert window.open_project(ruiz_project, read_only=True), window.last_error
    activate(qtbot, window)
    _click_menu(qtbot, window, "View", "Suggested claims")
    panel = window.suggestions_panel
    qtbot.waitUntil(lambda: panel.model.suggestions() == expected, timeout=10_000)
    assert not panel.make_button.isEnabled()
    _click_row(qtbot, panel, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert _stored_claims(ruiz_project) == []


def test_panel_follows_the_article_on_screen(qtbot, window, ruiz_project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Click another article in the list: the panel lists that article's suggestions (computed on
    the worker), and clicking back shows the first article's again."""
    from factcheck_app.services.articles import import_article_edit

    second = tmp_path / "harbour.txt"
    second.write_text("Harbour news\n\nThe port handled 2.4 million containers in 2024, a record.\n", encoding="utf-8")
    with Project.open(ruiz_project) as project:
        project.apply(import_article_edit(second, title="Harbour news"))
        ids = {a.title: a.id for a in project.articles()}
        expected = {title: suggest_claims(project, article_id) for title, article_id in ids.items()}
    assert expected["Harbour news"] and expected["Harbour news"] != expected["City budget review"]

    assert window.open_project(ruiz_project), window.last_error
    activate(qtbot, window)
    _click_menu(qtbot, window, "View", "Suggested claims")
    panel = window.suggestions_panel
    for title in ("Harbour news", "City budget review", "Harbour news"):
        item = next(
            window.articles.item(row)
            for row in range(window.articles.count())
            if title in window.articles.item(row).text()
        )
        qtbot.mouseClick(
            window.articles.viewport(), Qt.MouseButton.LeftButton, pos=window.articles.visualItemRect(item).center()
        )
        qtbot.waitUntil(lambda title=title: panel.model.suggestions() == expected[title], timeout=10_000)
        qtbot.waitUntil(lambda title=title: len(window.article_view.suggestion_marks()) == len(expected[title]))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_suggestion_marks_keep_contrast_in_light_and_dark(qtbot, window, ruiz_project: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    """The dotted line is ≥ 3:1 against the page (WCAG non-text) and leaves the text's colours alone."""
    from factcheck_app.ui.theme import choose_theme

    choose_theme(theme)
    try:
        _open_with_suggestions(qtbot, window, ruiz_project)
        view = window.article_view
        qtbot.waitUntil(lambda: bool(view.suggestion_marks()))
        page = view.palette().color(QPalette.ColorRole.Base).name()
        for mark in view.suggestion_marks():
            line = mark.format.underlineColor().name()
            assert contrast_ratio(line, page) >= 3.0, (theme, line, page)
            assert mark.format.background().style() == Qt.BrushStyle.NoBrush
    finally:
        choose_theme("system")


def test_desk_archive_built_from_another_project_shows_checked_before(
    qtbot, window, ruiz_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Another project checked the Ruiz sentence as False. Added through File ▸ Desk archive, the
    suggestion says "Checked before: False — earlier.factcheck", in the same index file the CLI
    uses; made into a claim, the editor's "Already checked" lists that verdict."""
    from factcheck_app.cli.common import desk_index_path
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim, SetVerdict

    earlier = _project_with_article(tmp_path / "earlier.factcheck", tmp_path / "earlier.txt")
    with Project.open(earlier) as project:
        article = project.articles()[0]
        made = CreateClaim(article.id, anchor_for_quote(article.text, RUIZ))
        project.apply(made)
        project.apply(SetVerdict(made.claim_id, "False"))

    _open_with_suggestions(qtbot, window, ruiz_project)
    chosen = [str(earlier)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args, **_kw: (chosen, ""))
    _click_menu_path(qtbot, window, ("File", "Desk archive", "Add projects or ClaimReview feeds to the archive…"))
    panel = window.suggestions_panel
    row = _row_of(panel, RUIZ)
    shown = lambda: panel.model.data(panel.model.index(row, COL_EARLIER))  # noqa: E731
    qtbot.waitUntil(lambda: shown() == "Checked before: False — earlier.factcheck", timeout=10_000)
    assert desk_index_path().is_file()  # the file `factcheck archive-index` reads and adds to
    governor = panel.model.data(panel.model.index(_row_of(panel, GOVERNOR), COL_EARLIER))
    assert governor == ""  # checked by nobody

    _click_row(qtbot, panel, row)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() is not None)
    label = window.editor.already_checked
    qtbot.waitUntil(label.isVisible)
    assert "False" in label.text() and "earlier.factcheck" in label.text()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    # by hand now: click into the article (pressing inside the selected sentence would drag it),
    # drag over the sentence, Ctrl+K: "Already checked" asks the desk archive too
    qtbot.mouseClick(window.article_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 20))
    make_claim(qtbot, window, RUIZ)
    qtbot.waitUntil(label.isVisible)
    assert "False" in label.text() and "earlier.factcheck" in label.text()


def _click_menu_path(qtbot, window, path: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Open a menu, hover a submenu, click the command (File ▸ Desk archive ▸ Add…)."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == path[0])
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    for title in path[1:]:
        qtbot.waitUntil(menu.isVisible)
        action = next(a for a in menu.actions() if a.text().replace("&", "") == title)
        centre: QPoint = menu.actionGeometry(action).center()
        if action.menu() is not None:
            qtbot.mouseMove(menu, pos=centre)
            qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=centre)
            menu = action.menu()
        else:
            qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    activate(qtbot, window)
