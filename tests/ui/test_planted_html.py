"""Text from outside never acts as markup anywhere in the window (issue 21).

Every text field a project can hold — article title and text, quote, rationale, restated claim,
claimant, tags, a verdict label, source title, publisher and note, evidence excerpt and
location, the analyst's name in the history, the organisation — is planted with HTML. The
window is then opened on it and used (the claim selected, the library and history dialogs
opened), and every widget on screen is examined: no label renders it as rich text, no tooltip
(of a widget or of an item in a list or table) would render it, no text view turned it into an
image or a link.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTextEdit, QWidget

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    ImportArticle,
    SetClaimDetails,
    SetProjectSetting,
    SetVerdictScale,
)
from factcheck_app.services.project import Project

MARK = '<b>PLANTED</b><img src="planted.png"><a href="file:///etc/passwd">x</a>'
RAW = "<b>PLANTED</b>"  # found as-is only where the markup was kept, not escaped


def _plant(path: Path) -> int:
    with Project.create(path, analyst=f"Ana {MARK}") as project:
        text = f"Council vote {MARK}\nThe mayor said {MARK} the tram will carry 50,000 passengers a day.\n"
        imported = ImportArticle(ArticleDraft(title=f"Title {MARK}", text=text, site_name=f"Site {MARK}"))
        project.apply(imported)
        assert imported.article_id is not None
        scale = project.verdict_scale()
        first = scale.verdicts[0]
        planted_label = f"True {MARK}"[:100]
        planted = replace(scale, verdicts=(replace(first, label=planted_label, description=MARK), *scale.verdicts[1:]))
        project.apply(SetVerdictScale(planted, {first.label: planted_label}))
        create = CreateClaim(
            imported.article_id,
            anchor_for_quote(text, f"{MARK} the tram will carry"),
            tags=[f"Tag {MARK}"],
            verdict=planted_label,
            rationale=f"Because {MARK}",
        )
        project.apply(create)
        assert create.claim_id is not None
        project.apply(SetClaimDetails(create.claim_id, restated=f"Restated {MARK}", claimant=f"Claimant {MARK}"))
        source = Source(None, "https://example.org/study", title=f"Study {MARK}", publisher=MARK, note=MARK)
        project.apply(AddSource(create.claim_id, source, excerpt=f"Excerpt {MARK}", location=f"p. {MARK}"))
        project.apply(SetProjectSetting("organisation", f"Desk {MARK}"))
        return create.claim_id


def _renders(text: str) -> bool:
    return RAW in text and QtGuiNamespace.mightBeRichText(text)


def _item_tooltips(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent if parent is not None else QModelIndex()
    found: list[str] = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                found.append(tip)
            if column == 0 and model.rowCount(index) > 0:  # a tree's children
                found += _item_tooltips(model, index)
    return found


def _item_texts(window: QWidget) -> list[str]:
    """Every item text of every list and table in the window (to wait for a panel to fill)."""
    texts: list[str] = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and type(model).__module__.startswith("factcheck_app"):
            texts += [str(model.index(row, c).data() or "") for row in range(model.rowCount()) for c in range(2)]
    return texts


def _offences(widgets: list[QWidget]) -> list[str]:
    offences: list[str] = []
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if _renders(widget.toolTip()):
            offences.append(f"{name}: tooltip {widget.toolTip()[:80]!r}")
        if isinstance(widget, QLabel) and RAW in widget.text():
            rich = widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(widget.text())
            )
            if rich:
                offences.append(f"{name}: label {widget.text()[:80]!r}")
        if isinstance(widget, QTextEdit) and '<img src="planted.png"' in widget.toHtml():
            offences.append(f"{name}: text view shows the planted image")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                tips = _item_tooltips(model)
            except TypeError:  # Qt's own list models keep columnCount private: one column
                tips = [
                    str(model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) or "") for row in range(model.rowCount())
                ]
            offences += [f"{name}: item tooltip {tip[:80]!r}" for tip in tips if _renders(tip)]
    return offences


def test_html_planted_in_every_field_is_shown_as_text_everywhere(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from people import click_claim

    path = tmp_path / "planted.factcheck"
    claim_id = _plant(path)
    assert window.open_project(path), window.last_error
    click_claim(qtbot, window, claim_id)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() == claim_id)
    # The claim's words are on screen as typed: the editor and the article show the characters.
    assert RAW in window.article_view.toPlainText()

    opened: list[QWidget] = []
    offences: list[str] = []

    def examine_modal() -> None:
        """A dialog opened with exec(): examine it where it stands, then close it."""
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, examine_modal)
            return
        try:
            offences.extend(_offences([modal, *modal.findChildren(QWidget)]))
        finally:
            modal.close()

    actions = {action.text(): action for action in window.findChildren(QAction)}
    for text in ("&Sources library…", "&Tags…", "&Verdict scale…", "A&greement…", "&Complaints…", "&Problems"):
        action = actions[text]
        assert action.isEnabled(), text
        QTimer.singleShot(20, examine_modal)
        action.trigger()
        qtbot.wait(50)
        opened += [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w not in opened]
    QTimer.singleShot(20, examine_modal)
    qtbot.mouseClick(window.editor.history_button, Qt.MouseButton.LeftButton)  # the claim's history
    qtbot.wait(50)
    actions["&Suggested claims"].trigger()  # the suggestions strip, filled off the GUI thread
    qtbot.waitUntil(lambda: any("PLANTED" in t for t in _item_texts(window)), timeout=10_000)
    opened += [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w not in opened]
    widgets = [w for top in [window, *opened] for w in [top, *top.findChildren(QWidget)]]
    assert len(widgets) > 50
    assert offences + _offences(widgets) == []
    for dialog in opened:
        dialog.close()
