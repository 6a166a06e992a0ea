"""Text from outside (titles, quotes, verdict labels) shows as text in tooltips, never as markup."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.project import Project
from factcheck_app.ui.tooltips import plain_tooltip

HOSTILE_TITLE = '<img src="/dev/zero"> <a href="file:///etc/passwd">Council</a> & vote'


def _shown_text(tooltip: str) -> str:
    """What Qt draws for ``tooltip`` (it renders anything that looks like HTML as HTML)."""
    document = QTextDocument()
    if QtGui.Qt.mightBeRichText(tooltip):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText()


def test_plain_tooltip_draws_markup_as_the_characters_typed(qapp) -> None:  # type: ignore[no-untyped-def]
    """Tags, entities and line breaks come out exactly as written; nothing is an image or a link."""
    text = HOSTILE_TITLE + "\nsecond line"
    tooltip = plain_tooltip(text)
    assert "<img" not in tooltip and "<a " not in tooltip
    assert _shown_text(tooltip) == text
    assert plain_tooltip("") == ""


def test_hovering_a_hostile_article_title_shows_it_as_text(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An article whose first line is markup: the list's tooltip shows the characters; hovering is harmless."""
    article = tmp_path / "page.txt"
    article.write_text(HOSTILE_TITLE + "\nThe council voted 9 to 4.\n", encoding="utf-8")
    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(article))
    assert window.open_project(path), window.last_error
    item = window.articles.item(0)
    assert _shown_text(item.toolTip()).startswith(HOSTILE_TITLE)
    position = window.articles.visualItemRect(item).center()
    event = QHelpEvent(QEvent.Type.ToolTip, position, window.articles.viewport().mapToGlobal(position))
    QApplication.sendEvent(window.articles.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert HOSTILE_TITLE in _shown_text(QToolTip.text()) or QToolTip.text() == item.toolTip()
    QToolTip.hideText()
    assert window.isVisible()


def test_claim_tooltips_in_the_table_show_the_quote_as_text(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A quote with markup in it is shown literally in the claims table's tooltip."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim
    from factcheck_app.ui.models.claims_model import COL_QUOTE

    article = tmp_path / "page.txt"
    article.write_text("Headline\nHe wrote <b>never</b> & <img src=x> twice.\n", encoding="utf-8")
    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="tester") as project:
        edit = import_article_edit(article)
        project.apply(edit)
        text = project.article(edit.article_id).text
        project.apply(CreateClaim(edit.article_id, anchor_for_quote(text, "<b>never</b> & <img src=x>")))
    assert window.open_project(path), window.last_error
    tip = window.model.index(0, COL_QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert _shown_text(tip) == "“<b>never</b> & <img src=x>”"
