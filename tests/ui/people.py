"""What a person does at the window, as test steps: click, drag, type, press Tab.

A GUI test uses these (or qtbot directly) and then asserts what the person sees or what
the project file holds. No step here calls a private method or asks the app to save:
saving must happen by itself, as it does for the analyst.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from factcheck_app.domain.claims import Claim
from factcheck_app.services.project import Project
from factcheck_app.ui.models.claims_model import COL_QUOTE
from shared_data import US_QUOTE


def activate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Bring the window to the front, as the window manager does on a click (offscreen, a
    shown window is not always active, and then shortcuts and focus changes do not reach it)."""
    window.activateWindow()
    if QApplication.activeWindow() is not window:
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _point_at(view, offset: int) -> QPoint:  # type: ignore[no-untyped-def]
    """Where on the article's viewport the character boundary ``offset`` is drawn."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def drag_over_words(qtbot, window, words: str, occurrence: int = 1) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select ``words`` in the article with the mouse: press before the first letter, drag,
    release after the last. The article is first scrolled so that the words are on screen."""
    view = window.article_view
    start = -1
    for _ in range(occurrence):
        start = view.text().index(words, start + 1)
    end = start + len(words)
    bar = view.verticalScrollBar()
    bar.setValue(0)

    def on_screen(offset: int) -> bool:
        return view.viewport().rect().contains(_point_at(view, offset))

    while not (on_screen(start) and on_screen(end)) and bar.value() < bar.maximum():
        qtbot.keyClick(view, Qt.Key.Key_PageDown)  # pages down as the analyst reads on
    assert on_screen(start) and on_screen(end), f"{words!r} is not on screen"
    press, release = _point_at(view, start), _point_at(view, end)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(view.viewport(), pos=QPoint((press.x() + release.x()) // 2, release.y()))
    qtbot.mouseMove(view.viewport(), pos=release)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=release)
    assert view.selected_span() == (start, end), view.textCursor().selectedText()
    return start, end


def make_claim(qtbot, window, words: str, occurrence: int = 1) -> Claim:  # type: ignore[no-untyped-def]
    """Drag over the words and press Ctrl+K: the new claim is selected in the panel."""
    activate(qtbot, window)
    drag_over_words(qtbot, window, words, occurrence)
    qtbot.keyClick(window.article_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor.current_claim_id() is not None)
    claim = window.model.claim(window.editor.current_claim_id())
    assert claim is not None and claim.quote == words
    return claim


def click_claim(qtbot, window, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """Click the claim's row in the claims table."""
    row = window.model.row_of(claim_id)
    assert row >= 0, f"claim {claim_id} is not listed"
    index = window.model.index(row, COL_QUOTE)
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    qtbot.waitUntil(lambda: window.editor.current_claim_id() == claim_id)


def click_into(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click a field to put the keyboard focus in it (and wait until it has it)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    qtbot.waitUntil(widget.hasFocus)


def type_at_human_speed(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key by key, with the small gaps between keys of a fast typist."""
    qtbot.keyClicks(widget, text, delay=15)


def press_tab(qtbot, window, times: int = 1) -> QWidget:  # type: ignore[no-untyped-def]
    """Press Tab where the focus is; returns the widget that has the focus afterwards."""
    for _ in range(times):
        focused = QApplication.focusWidget()
        assert focused is not None and focused.window() is window, "the keyboard focus left the window"
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def stored_claim(path: Path, claim_id: int) -> Claim:
    """The claim as the project file on disk holds it, read by a new Project."""
    with Project.open(path, read_only=True) as project:
        return project.claim(claim_id)


def select_text(window, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select ``quote`` in the article as the keyboard or a script would (no mouse drag)."""
    start = window.article_view.text().index(quote)
    window.article_view.select_span(start, start + len(quote))
    return start, start + len(quote)


def make_us_claim(window, qtbot) -> Claim:  # type: ignore[no-untyped-def]
    """Select the US sentence of the coalition article and press Ctrl+K: the one claim listed."""
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


def answer_file_dialog(qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    """When the next file dialog opens, type ``path`` into its name field and press Return,
    as the analyst would. Call it just before the key press or click that opens the dialog.

    NOTE: Qt's file dialog sometimes gives the Return to its path completer's popup instead
    of accepting (seen once in a fresh-clone run, which then hung): the choice is then
    finished with the dialog's own API rather than waited for for ever.
    """

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.selectAll()
        qtbot.keyClicks(name, str(path))
        qtbot.keyClick(name, Qt.Key.Key_Return)

        def finish() -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                popup = QApplication.activePopupWidget()
                if popup is not None:
                    popup.close()
                dialog.selectFile(str(path))
                dialog.accept()
                QTimer.singleShot(300, finish)

        QTimer.singleShot(300, finish)

    QTimer.singleShot(20, answer)
