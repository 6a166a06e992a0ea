"""Nothing the analyst types is lost: the claim editor driven with real keys, mouse and timers.

Every test types as a person does, ends the typing as a person does (a pause, Tab, a click
on another claim or article, closing the window, an export) and then reads the project
file from disk with a new ``Project``. None calls a private method or a save helper.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from people import (
    activate,
    answer_file_dialog,
    click_claim,
    click_into,
    make_claim,
    press_tab,
    stored_claim,
    type_at_human_speed,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from factcheck_app.services.project import Project
from shared_data import US_QUOTE

PESKOV = "Kremlin spokesman Dmitry Peskov told reporters"


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path) -> Path:
    """A project with the coalition article and a short second article."""
    from factcheck_app.services.articles import import_article_edit

    second = tmp_path / "budget.txt"
    second.write_text("Budget row deepens\nThe mayor denied the overrun of 4 million.\n", encoding="utf-8")
    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(coalition_article))
        project.apply(import_article_edit(second))
    return path


@pytest.fixture
def two_claims(window, qtbot, desk: Path):  # type: ignore[no-untyped-def]
    """The window on the desk project, the coalition article shown, two claims made with the mouse."""
    assert window.open_project(desk), window.last_error
    activate(qtbot, window)
    item = next(
        window.articles.item(r) for r in range(window.articles.count()) if "Military" in window.articles.item(r).text()
    )
    click_article(qtbot, window, item.text())
    first = make_claim(qtbot, window, US_QUOTE)
    second = make_claim(qtbot, window, PESKOV)
    click_claim(qtbot, window, first.id)
    return window, first.id, second.id


def click_article(qtbot, window, title_start: str) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in range(window.articles.count()) if window.articles.item(r).text().startswith(title_start))
    rect = window.articles.visualItemRect(window.articles.item(row))
    qtbot.mouseClick(window.articles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.articles.currentRow() == row)


def export_csv_through_the_menu(qtbot, window, target: Path) -> None:  # type: ignore[no-untyped-def]
    """Press the CSV export shortcut and answer the file dialog as the analyst would."""

    answer_file_dialog(qtbot, target)
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(target.exists)


# How a person stops typing in a field. Each returns nothing; the field must then be on disk.
def _pause(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(1500)  # the analyst stops to think; no key, no click


def _tab(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    press_tab(qtbot, window)


def _other_claim(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    click_claim(qtbot, window, other)


def _other_article(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    click_article(qtbot, window, "Budget row deepens")


def _close(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    window.close()
    qtbot.waitUntil(lambda: window.project is None or not window.isVisible())


def _export(qtbot, window, desk: Path, other: int) -> None:  # type: ignore[no-untyped-def]
    export_csv_through_the_menu(qtbot, window, desk.parent / "claims.csv")


ENDINGS: dict[str, Callable[..., None]] = {
    "pause": _pause,
    "tab": _tab,
    "other-claim": _other_claim,
    "other-article": _other_article,
    "close": _close,
    "export": _export,
}

# field name → (the editor widget's attribute, what the analyst types, what is stored)
TEXT_FIELDS = {
    "rationale": ("rationale", "The Pentagon's statement of 14 March confirms it.", None),
    "restated": ("restated", "The US has not committed to a Western force in Ukraine", None),
    "claimant": ("claimant", "Keir Starmer", None),
    "reviewer": ("reviewer", "Maria Lopez", None),
    "assignee": ("assignee", "Tom Baker", None),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("field", list(TEXT_FIELDS))
def test_typed_text_is_on_disk_however_the_typing_ends(qtbot, two_claims, desk: Path, field: str, ending: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a field at human speed, stop in any of the ways people stop: the text is in the file."""
    window, claim_id, other = two_claims
    attribute, typed, _ = TEXT_FIELDS[field]
    widget = getattr(window.editor, attribute)
    click_into(qtbot, widget)
    type_at_human_speed(qtbot, widget, typed)
    ENDINGS[ending](qtbot, window, desk, other)
    if ending == "pause":
        assert getattr(stored_claim(desk, claim_id), field) == typed  # saved during the pause
    qtbot.waitUntil(lambda: getattr(stored_claim(desk, claim_id), field) == typed, timeout=3000)
    assert getattr(stored_claim(desk, other), field) == ""  # and nowhere else
    if ending == "export":
        assert typed in (desk.parent / "claims.csv").read_text(encoding="utf-8") or field != "rationale"


def test_rationale_typed_waited_on_then_switched_is_kept(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """The reported loss: type a rationale, wait a second, click another claim — the text is stored and undoable."""
    window, claim_id, other = two_claims
    click_into(qtbot, window.editor.rationale)
    type_at_human_speed(qtbot, window.editor.rationale, "No deployment was announced.")
    qtbot.wait(1000)
    click_claim(qtbot, window, other)
    assert stored_claim(desk, claim_id).rationale == "No deployment was announced."
    assert window.commands.edit.undo_action.isEnabled()
    click_claim(qtbot, window, claim_id)
    assert window.editor.rationale.toPlainText() == "No deployment was announced."


def test_pauses_in_typing_make_one_undo_step(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Typing with pauses saves at each pause but is undone in one step, back to nothing."""
    window, claim_id, _other = two_claims
    before = window.undo_stack.count()
    click_into(qtbot, window.editor.rationale)
    for part in ("First thought. ", "Second thought. ", "Third."):
        type_at_human_speed(qtbot, window.editor.rationale, part)
        qtbot.wait(900)
    assert stored_claim(desk, claim_id).rationale == "First thought. Second thought. Third."
    assert window.undo_stack.count() == before + 1
    qtbot.keyClick(window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_claim(desk, claim_id).rationale == ""
    assert window.editor.rationale.toPlainText() == ""


def test_fields_typed_one_after_another_with_tab_are_all_kept(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Restated, Tab, claimant at once, Tab, date, Tab, tags, Tab, rationale, then another claim: all stored."""
    window, claim_id, other = two_claims
    editor = window.editor
    click_into(qtbot, editor.restated)
    type_at_human_speed(qtbot, editor.restated, "The US declined to commit troops")
    assert press_tab(qtbot, window) is editor.claimant
    type_at_human_speed(qtbot, editor.claimant, "Pentagon official")  # right after the tab: the reported loss
    assert press_tab(qtbot, window) is editor.claim_date
    qtbot.keyClicks(editor.claim_date, "2025-03-20")
    assert press_tab(qtbot, window) is editor.tags  # Tab leaves the date (it used to walk its sections)
    type_at_human_speed(qtbot, editor.tags, "US position, Defence")
    assert press_tab(qtbot, window) is editor.rationale
    type_at_human_speed(qtbot, editor.rationale, "Checked against the briefing.")
    click_claim(qtbot, window, other)

    stored = stored_claim(desk, claim_id)
    assert stored.restated == "The US declined to commit troops"
    assert stored.claimant == "Pentagon official"
    assert stored.claim_date is not None and stored.claim_date.isoformat() == "2025-03-20"
    assert stored.tags == ("US position", "Defence")
    assert stored.rationale == "Checked against the briefing."


def test_half_typed_tags_wait_for_the_analyst_to_leave_the_field(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """A pause inside the tags field stores nothing (no half-word tags in the codebook); Tab stores the tags."""
    window, claim_id, _other = two_claims
    click_into(qtbot, window.editor.tags)
    type_at_human_speed(qtbot, window.editor.tags, "US pos")
    qtbot.wait(1200)
    assert stored_claim(desk, claim_id).tags == ()
    type_at_human_speed(qtbot, window.editor.tags, "ition")
    press_tab(qtbot, window)
    assert stored_claim(desk, claim_id).tags == ("US position",)
    with Project.open(desk, read_only=True) as project:
        assert [t.name for t in project.tags()] == ["US position"]


def test_a_refresh_never_overwrites_what_is_being_typed(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """The analyst picks a verdict with the mouse while a restated claim waits to be saved: both are stored."""
    window, claim_id, _other = two_claims
    window.editor.set_save_pause(60_000)  # a slow typist: nothing saved by a pause in this test
    click_into(qtbot, window.editor.restated)
    type_at_human_speed(qtbot, window.editor.restated, "Washington has not committed")
    # The Problems refresh and the verdict's own refresh of the editor arrive meanwhile.
    window.editor.verdict.setFocus()  # the combo box takes the focus as a click on it does
    qtbot.keyClick(window.editor.verdict, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: stored_claim(desk, claim_id).verdict is not None)
    assert window.editor.restated.text() == "Washington has not committed"
    assert stored_claim(desk, claim_id).restated == "Washington has not committed"


def test_the_editor_is_empty_when_no_claim_is_selected(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Another article (no claim selected): no leftover values of the last claim, no invented date."""
    window, _claim_id, _other = two_claims
    click_into(qtbot, window.editor.claimant)
    type_at_human_speed(qtbot, window.editor.claimant, "Somebody")
    click_article(qtbot, window, "Budget row deepens")
    editor = window.editor
    assert editor.current_claim_id() is None
    for widget in (editor.restated, editor.claimant, editor.tags, editor.reviewer, editor.assignee):
        assert widget.text() == "" and not widget.isEnabled()
    assert editor.rationale.toPlainText() == ""
    assert editor.claim_date.text() == "" and editor.claim_date.placeholderText() == "yyyy-mm-dd"


def test_keyboard_reaches_every_editor_field_in_reading_order(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """From the verdict, Tab walks down the editor as it reads, and never gets stuck or types a tab."""
    window, _claim_id, _other = two_claims
    editor = window.editor
    editor.verdict.setFocus()
    qtbot.waitUntil(editor.verdict.hasFocus)
    expected = [
        editor.restated,
        editor.claimant,
        editor.claim_date,
        editor.tags,
        editor.rationale,
        editor.status,
        editor.reviewer,
        editor.assignee,
        editor.history_button,
    ]
    for widget in expected:
        assert press_tab(qtbot, window) is widget
    assert "\t" not in editor.rationale.toPlainText()


def test_tab_leaves_the_claims_table(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """Tab in the claims table moves on to the editor instead of walking the table's cells."""
    window, claim_id, _other = two_claims
    click_claim(qtbot, window, claim_id)
    assert window.table.hasFocus()
    focused = press_tab(qtbot, window)
    assert focused is not window.table and window.editor.isAncestorOf(focused)


def test_alt_letters_reach_editor_fields_without_opening_menus(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """Each editor label's Alt+letter is unique in the window (menus included) and moves the focus there."""
    window, _claim_id, _other = two_claims
    menu_letters = {a.text().split("&", 1)[1][0].lower() for a in window.menuBar().actions() if "&" in a.text()}
    for letter, widget in (("d", window.editor.verdict), ("t", window.editor.restated), ("g", window.editor.tags)):
        assert letter not in menu_letters
        qtbot.keyClick(window.article_view, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(widget.hasFocus)


def test_add_source_dialog_typed_with_tab_is_stored(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Add source…: every field typed, Tab between them (no tab characters), OK: all of it is in the file."""
    from factcheck_app.ui.dialogs.source_dialog import SourceDialog

    window, claim_id, _other = two_claims
    seen: dict[str, object] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SourceDialog):
            QTimer.singleShot(20, fill)
            return
        click_into(qtbot, dialog.url)
        type_at_human_speed(qtbot, dialog.url, "https://www.defense.gov/News/briefing-14-march")
        steps = [
            (dialog.title, "Pentagon press briefing"),
            (dialog.publisher, "US Department of Defense"),
            (dialog.author, "Press secretary"),
        ]
        for widget, text in steps:
            assert press_tab(qtbot, dialog) is widget
            type_at_human_speed(qtbot, widget, text)
        assert press_tab(qtbot, dialog) is dialog.kind
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
        seen["kind"] = dialog.kind.currentData()
        assert press_tab(qtbot, dialog) is dialog.accessed
        dialog.accessed.selectAll()
        qtbot.keyClicks(dialog.accessed, "2025-03-14")
        assert press_tab(qtbot, dialog) is dialog.note
        type_at_human_speed(qtbot, dialog.note, "Transcript, official")
        assert press_tab(qtbot, dialog) is dialog.excerpt  # Tab leaves the note instead of typing a tab
        type_at_human_speed(qtbot, dialog.excerpt, "We have made no commitment to deploy forces.")
        assert press_tab(qtbot, dialog) is dialog.location
        type_at_human_speed(qtbot, dialog.location, "p. 2")
        assert press_tab(qtbot, dialog) is dialog.stance
        qtbot.keyClick(dialog.stance, Qt.Key.Key_Down)
        seen["stance"] = dialog.stance.currentData()
        qtbot.keyClick(dialog.location, Qt.Key.Key_Return)  # Return is the dialog's OK

    QTimer.singleShot(20, fill)
    qtbot.mouseClick(window.editor.add_source, Qt.MouseButton.LeftButton)
    stored = stored_claim(desk, claim_id)
    assert len(stored.evidence) == 1
    evidence = stored.evidence[0]
    source = evidence.source
    assert source.url == "https://www.defense.gov/News/briefing-14-march"
    assert (source.title, source.publisher, source.author) == (
        "Pentagon press briefing",
        "US Department of Defense",
        "Press secretary",
    )
    assert source.kind == seen["kind"] and source.kind
    assert source.accessed is not None and source.accessed.isoformat() == "2025-03-14"
    assert source.note == "Transcript, official"
    assert evidence.excerpt == "We have made no commitment to deploy forces."
    assert evidence.location == "p. 2" and evidence.stance == seen["stance"] and evidence.stance
    assert "Pentagon press briefing" in window.editor.sources.item(0).text()


def test_import_dialog_offers_every_format(qtbot, window, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+I opens the file dialog on 'All supported articles' (Word, PDF, web pages, Markdown, text), one filter per format too."""
    assert window.open_project(desk), window.last_error
    activate(qtbot, window)
    shown: dict[str, object] = {}

    def look_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look_then_cancel)
            return
        shown["filters"] = dialog.nameFilters()
        shown["selected"] = dialog.selectedNameFilter()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(20, look_then_cancel)
    qtbot.keyClick(window.article_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    first = str(shown["selected"])
    assert first.startswith("All supported articles")
    for pattern in ("*.docx", "*.docm", "*.pdf", "*.html", "*.htm", "*.mhtml", "*.md", "*.txt"):
        assert pattern in first
    labels = [f.split(" (")[0] for f in shown["filters"]]  # type: ignore[attr-defined]
    assert labels == [
        "All supported articles",
        "Plain text",
        "Markdown",
        "Word documents",
        "Web pages",
        "PDF documents",
        "All files",
    ]


def test_dropping_several_files_imports_each_and_names_the_refused_one(
    qtbot, window, desk: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Drop Word, PDF, web page, text and one junk file: four articles, and the junk one named in the message."""
    import shutil

    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    data = Path(__file__).resolve().parent.parent / "data"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["bridge.docx", "bridge.pdf", "bridge.html", "bridge-utf8.txt"]
    for name in names:
        shutil.copy(data / "articles" / name, inbox / name)
    shutil.copy(data / "bad" / "junk.bin", inbox / "notes.txt")
    assert window.open_project(desk), window.last_error
    before = window.articles.count()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(inbox / n)) for n in [*names, "notes.txt"]])
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.commands.articles.import_done is not None, timeout=20_000)
    assert window.commands.articles.import_done == "Imported 4 of 5 files."
    assert "notes.txt" in (window.last_error or "")
    assert window.articles.count() == before + 4
    with Project.open(desk, read_only=True) as project:
        formats = sorted(a.format for a in project.articles() if a.original_name in names)
    assert formats == ["docx", "html", "pdf", "text"]


def test_first_start_asks_the_analysts_name_and_stamps_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """First start: the window asks who I am; my claim is stamped with that name; the next start does not ask."""
    from PySide6.QtWidgets import QInputDialog

    from factcheck_app.ui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.open_initial(None)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    dialog = QApplication.activeModalWidget()
    field = dialog.findChild(QLineEdit)
    type_at_human_speed(qtbot, field, "Anna Ruiz")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert first.project.analyst == "Anna Ruiz"
    target = tmp_path / "mine.factcheck"
    assert first.opener.create(str(target)), first.last_error
    (tmp_path / "a.txt").write_text("Headline\nThe mayor said 40 per cent of buses were late.\n", encoding="utf-8")
    assert first.commands.articles.import_file(tmp_path / "a.txt")
    claim = make_claim(qtbot, first, "40 per cent of buses were late")
    first.close()
    assert stored_claim(target, claim.id).created_by == "Anna Ruiz"

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    second.open_initial(None)
    qtbot.wait(200)
    assert QApplication.activeModalWidget() is None  # asked once only
    assert second.project.analyst == "Anna Ruiz"
    second.close()


def test_filter_typed_narrows_the_list_and_names_an_unknown_status(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """Typing in the filter box narrows the claims; 'status:bogus' says it is unknown instead of showing nothing silently."""
    window, _claim_id, other = two_claims
    qtbot.keyClick(window.article_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.filter.hasFocus)
    type_at_human_speed(qtbot, window.filter, "peskov")
    assert window.model.rowCount() == 1 and window.model.claim_at(0).id == other
    assert window.filter_note.isHidden()
    window.filter.selectAll()
    type_at_human_speed(qtbot, window.filter, "status:bogus")
    assert window.model.rowCount() == 0
    assert window.filter_note.isVisible() and "bogus" in window.filter_note.text()
    window.filter.selectAll()
    type_at_human_speed(qtbot, window.filter, "status:draft")
    assert window.model.rowCount() == 2 and window.filter_note.isHidden()


def test_an_empty_project_says_how_to_begin(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new project shows, where the article would be, how to import one and make a claim."""
    assert window.opener.create(str(tmp_path / "new.factcheck")), window.last_error
    view = window.article_view
    assert view.toPlainText() == ""  # the placeholder is what is on screen
    assert "Ctrl+I" in view.placeholderText() and "Ctrl+K" in view.placeholderText()


def _answer_question(qtbot, seen: list[str], button) -> None:  # type: ignore[no-untyped-def]
    """Read the question box when it appears and click ``button`` (Yes or No)."""
    from PySide6.QtWidgets import QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, answer)


def test_deleting_an_article_names_its_claims_and_undo_brings_all_back(qtbot, two_claims, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Article ▸ Delete article: the question names the claim count; No keeps it; Yes deletes it from the file; Ctrl+Z restores it."""
    from PySide6.QtWidgets import QMessageBox

    window, claim_id, other = two_claims
    article_id = window.article_id
    seen: list[str] = []
    _answer_question(qtbot, seen, QMessageBox.StandardButton.No)
    qtbot.keyClick(
        window.article_view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "its 2 claims" in seen[0]
    with Project.open(desk, read_only=True) as project:
        assert len(project.articles()) == 2 and len(project.claims()) == 2

    _answer_question(qtbot, seen, QMessageBox.StandardButton.Yes)
    activate(qtbot, window)  # the window is active again once the box is gone, as on a desktop
    qtbot.keyClick(
        window.article_view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(seen) == 2, seen
    assert window.last_error is None, window.last_error
    with Project.open(desk, read_only=True) as project:
        assert [a.title for a in project.articles()] == ["Budget row deepens"]
        assert project.claims() == []
    assert window.articles.count() == 1 and window.model.rowCount() == 0

    activate(qtbot, window)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Project.open(desk, read_only=True) as project:
        assert {a.id for a in project.articles()} >= {article_id}
        assert {c.id for c in project.claims()} == {claim_id, other}
        assert project.claim(claim_id).quote == US_QUOTE
    assert window.articles.count() == 2


def test_file_dialogs_open_where_the_analyst_last_saved(qtbot, two_claims, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export once into a folder: the next export dialog starts in that folder, not in the home folder."""
    window, _claim_id, _other = two_claims
    exports = tmp_path / "desk-share" / "exports"
    exports.mkdir(parents=True)
    export_csv_through_the_menu(qtbot, window, exports / "first.csv")
    started_in: list[Path] = []

    def look_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look_then_cancel)
            return
        started_in.append(Path(dialog.directory().absolutePath()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    activate(qtbot, window)
    QTimer.singleShot(20, look_then_cancel)
    qtbot.keyClick(
        window.article_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert started_in == [exports]


def test_switching_from_an_article_with_headings_leaves_the_next_one_plain(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Show a Word article whose first line is a heading, click a plain one: its text is not drawn as a heading."""
    from PySide6.QtGui import QFont, QTextCursor

    from factcheck_app.services.articles import import_article_edit

    data = Path(__file__).resolve().parent.parent / "data" / "articles"
    plain = tmp_path / "budget.txt"
    plain.write_text("Budget row deepens\nThe mayor denied the overrun of 4 million.\n", encoding="utf-8")
    path = tmp_path / "mixed.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(data / "bridge.docx"))
        project.apply(import_article_edit(plain))
        word_title = next(a.title for a in project.articles() if a.format == "docx")
        assert any(b.kind == "heading" for a in project.articles() for b in a.blocks)
    assert window.open_project(path), window.last_error

    def weight_at(offset: int) -> int:
        cursor = QTextCursor(window.article_view.document())
        cursor.setPosition(window.article_view.position_of(offset) + 1)
        return cursor.charFormat().fontWeight()

    click_article(qtbot, window, word_title[:20])
    assert weight_at(2) == QFont.Weight.Bold  # the Word heading is shown as one
    click_article(qtbot, window, "Budget row deepens")
    assert window.article_view.text().startswith("Budget row deepens")
    for offset in (2, 25, 45):
        assert weight_at(offset) != QFont.Weight.Bold


def test_help_menu_opens_the_guide_and_the_shortcuts_from_the_keyboard(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """F1 opens the user guide; Ctrl+/ lists the window's shortcuts, New claim (Ctrl+K) among them."""
    from factcheck_app.ui.dialogs.help_dialog import ShortcutsDialog, UserGuideDialog

    window, _claim_id, _other = two_claims
    qtbot.keyClick(window.article_view, Qt.Key.Key_F1)
    guide = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UserGuideDialog) and w.isVisible())
    activate(qtbot, window)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    shortcuts = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible())
    texts = {
        shortcuts.table.model().index(row, col).data()
        for row in range(shortcuts.table.model().rowCount())
        for col in range(shortcuts.table.model().columnCount())
    }
    assert "New claim" in texts and QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText) in texts
    assert "Delete article…" in texts
    guide.close()
    shortcuts.close()


def test_view_theme_dark_keeps_highlighted_words_readable(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """View ▸ Theme ▸ Light then Dark: the whole window turns dark and the highlights stay readable (WCAG AA)."""
    from factcheck_app.domain.contrast import contrast_ratio
    from factcheck_app.ui import theme

    window, _claim_id, _other = two_claims
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    theme_item = next(a for a in menu.actions() if a.menu() is not None and "heme" in a.text())
    light = next(a for a in theme_item.menu().actions() if a.data() == "light")
    dark = next(a for a in theme_item.menu().actions() if a.data() == "dark")
    try:
        light.trigger()  # Light, then Dark: the style stays Fusion, only the palette changes
        qtbot.waitUntil(lambda: not theme.is_dark_palette(window.article_view.palette()))
        dark.trigger()
        qtbot.waitUntil(lambda: theme.is_dark_palette(window.article_view.palette()))
        qtbot.wait(50)
        for selection in window.article_view.extraSelections():
            background = selection.format.background().color().name()
            text = selection.format.foreground().color().name()
            assert contrast_ratio(text, background) >= 4.5, (text, background)
    finally:
        theme.apply_theme(QApplication.instance(), "system")


def _highlight_pixels(image, colour) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of ``image`` are drawn in (nearly) ``colour``."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < 40
            ):
                count += 1
    return count


def test_focus_on_a_combo_box_is_visible(qtbot, two_claims) -> None:  # type: ignore[no-untyped-def]
    """Tabbing onto the Status box draws a frame in the highlight colour round it: a keyboard user sees the focus."""
    window, _claim_id, _other = two_claims
    editor = window.editor
    highlight = editor.status.palette().highlight().color()
    click_into(qtbot, editor.rationale)
    before = _highlight_pixels(editor.status.grab().toImage(), highlight)
    assert press_tab(qtbot, window) is editor.status
    qtbot.wait(20)
    after = _highlight_pixels(editor.status.grab().toImage(), highlight)
    frame = 2 * (editor.status.width() + editor.status.height())  # one pixel all round
    assert after - before >= frame, (before, after, frame)


def test_a_project_with_foreign_database_code_is_repaired_only_when_the_analyst_agrees(
    qtbot, window, desk: Path
) -> None:  # type: ignore[no-untyped-def]
    """Opening a project carrying a trigger: No leaves the file as it was; Yes backs it up, removes the trigger, opens it."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    raw = sqlite3.connect(desk)
    raw.execute(
        "CREATE TRIGGER rewrite_verdicts AFTER INSERT ON claims BEGIN "
        "UPDATE claims SET verdict = 'True' WHERE id = NEW.id; END"
    )
    raw.commit()
    raw.close()
    before = desk.read_bytes()
    seen: list[str] = []
    _answer_question(qtbot, seen, QMessageBox.StandardButton.No)
    assert not window.open_project(desk)
    assert "rewrite_verdicts" in seen[0] and "backed up first" in seen[0]
    assert desk.read_bytes() == before and window.project is None

    _answer_question(qtbot, seen, QMessageBox.StandardButton.Yes)
    assert window.open_project(desk), window.last_error
    assert window.project is not None and window.project.location.path == desk
    check = sqlite3.connect(desk)
    assert check.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone() == (0,)
    check.close()
    backups = list(desk.parent.glob("desk.factcheck.backups/*")) or list(desk.parent.glob("*backups*/*"))
    assert backups, "no backup was made before the repair"
