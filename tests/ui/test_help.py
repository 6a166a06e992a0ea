"""Help: the keyboard shortcuts window and the offline user guide."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QFont, QFontDatabase, QFontMetrics, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from factcheck_app.resources import resource_path
from factcheck_app.ui.dialogs.help_dialog import (
    NO_MENU,
    ShortcutsDialog,
    UserGuideDialog,
    guide_path,
    show_shortcuts,
    show_user_guide,
)

GUIDE_HEADINGS = (
    "Import an article",
    "Make a claim",
    "Verdict and rationale",
    "Sources and evidence",
    "Review",
    "New versions and orphaned claims",
    "Word report and open formats",
    "Backups and Check project",
    "Team projects",
    "The keyboard",
)


def native(keys: str | QKeySequence.StandardKey) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    """A window with menus as the app has them: a submenu, an action in two menus, one in none."""
    win = QMainWindow()
    qtbot.addWidget(win)

    def action(text: str, keys: str | QKeySequence.StandardKey | None, *menus) -> QAction:  # type: ignore[no-untyped-def]
        made = QAction(text, win)
        if keys is not None:
            made.setShortcut(QKeySequence(keys))
        for menu in menus:
            menu.addAction(made)
        return made

    file_menu = win.menuBar().addMenu("&File")
    edit_menu = win.menuBar().addMenu("&Edit")
    view_menu = win.menuBar().addMenu("&View")
    action("&Import article…", "Ctrl+I", file_menu)
    export_menu = file_menu.addMenu("Export &other formats")
    action("&CSV spreadsheet…", "Ctrl+Alt+S", export_menu)
    action("&Export Word report…", "Ctrl+Shift+E", file_menu)
    action("&New claim", "Ctrl+K", edit_menu)
    action("&Filter claims", QKeySequence.StandardKey.Find, edit_menu, view_menu)
    action("Sources && &evidence", "Ctrl+Alt+Y", view_menu)
    action("&Nothing to press", None, view_menu)
    action("&Delete claim", QKeySequence.StandardKey.Delete)  # on the claims table only
    return win


def test_shortcuts_lists_every_action_with_its_keys_in_menu_order(qtbot: QtBot, window: QMainWindow) -> None:
    """Menu path, text without '&', native key text; actions without a shortcut are left out."""
    dialog = ShortcutsDialog(window.findChildren(QAction), window)
    dialog.show()
    table = dialog.table
    shown = [tuple(table.item(row, column).text() for column in range(3)) for row in range(table.rowCount())]
    assert shown == [
        ("File", "Import article…", native("Ctrl+I")),
        ("File ▸ Export other formats", "CSV spreadsheet…", native("Ctrl+Alt+S")),
        ("File", "Export Word report…", native("Ctrl+Shift+E")),
        ("Edit", "New claim", native("Ctrl+K")),
        ("Edit, View", "Filter claims", native(QKeySequence.StandardKey.Find)),
        ("View", "Sources & evidence", native("Ctrl+Alt+Y")),
        (NO_MENU, "Delete claim", native(QKeySequence.StandardKey.Delete)),
    ]
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert dialog.count.text() == "7 shortcuts."
    dialog.close()


def test_shortcuts_filter_as_you_type(qtbot: QtBot, window: QMainWindow) -> None:
    """Typing in the search box keeps the matching rows: by words of the command or menu, or by keys."""
    dialog = show_shortcuts(window, window.findChildren(QAction))
    assert dialog.search.hasFocus() or not dialog.isActiveWindow()  # offscreen may not activate it
    qtbot.keyClicks(dialog.search, "report")
    assert [command for _menu, command, _keys in dialog.visible_rows()] == ["Export Word report…"]
    assert dialog.count.text() == "1 of 7 shortcuts."

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ctrl+k")
    assert [command for _menu, command, _keys in dialog.visible_rows()] == ["New claim"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "view")
    assert {command for _menu, command, _keys in dialog.visible_rows()} == {"Filter claims", "Sources & evidence"}

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "zebra")
    assert dialog.visible_rows() == [] and "No command matches “zebra”" in dialog.count.text()

    dialog.search.clear()
    assert len(dialog.visible_rows()) == 7
    assert show_shortcuts(window, window.findChildren(QAction)) is dialog  # asked again: the same window
    dialog.close()


def test_guide_loads_from_the_resources_with_its_headings(qtbot: QtBot, window: QMainWindow) -> None:
    """The guide is the bundled HTML file, and covers what an analyst needs."""
    assert guide_path() == str(resource_path("guide", "user-guide.html"))
    dialog = show_user_guide(window)
    assert show_user_guide(window) is dialog
    text = dialog.browser.toPlainText()
    for heading in GUIDE_HEADINGS:
        assert heading in text, heading
    assert "no Save button" in text and "Ctrl+K" in text
    assert dialog.windowTitle() == "Factcheck App — User guide"
    assert not dialog.browser.openExternalLinks()
    dialog.close()


def test_guide_links_inside_work_and_web_links_are_not_opened(
    qtbot: QtBot, window: QMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on a contents link scrolls to its section; a web address is shown, never opened."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = UserGuideDialog(window)
    dialog.resize(700, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    assert browser.verticalScrollBar().value() == 0

    # Click the words "Team projects" of the contents line, as the analyst does.
    found = browser.document().find("Team projects")
    assert not found.isNull()
    middle = QTextCursor(browser.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    point = browser.cursorRect(middle).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: browser.verticalScrollBar().value() > 0)
    assert browser.source().fragment() == "team"

    browser.anchorClicked.emit(QUrl("https://example.org/fact"))
    assert opened == []
    assert dialog.note.isVisible() and "https://example.org/fact" in dialog.note.text()
    assert browser.source().toLocalFile() == guide_path()
    dialog.close()


def test_every_link_of_the_guide_has_its_section() -> None:
    html = resource_path("guide", "user-guide.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    names = set(re.findall(r'<a name="([^"]+)"', html))
    assert targets and targets <= names, targets - names


def test_guide_uses_no_character_the_fonts_lack(qapp) -> None:  # type: ignore[no-untyped-def]
    """No tofu boxes: every character of the guide exists in some installed font."""
    html = resource_path("guide", "user-guide.html").read_text(encoding="utf-8")
    families = QFontDatabase.families()
    metrics = [QFontMetrics(QFont(family)) for family in families]
    for char in sorted({c for c in html if ord(c) > 0x7F}):
        assert any(m.inFontUcs4(ord(char)) for m in metrics), f"no font has {char!r} (U+{ord(char):04X})"
