"""Help: every keyboard shortcut in a searchable table, and the user guide (offline).

    from factcheck_app.ui.dialogs.help_dialog import show_shortcuts, show_user_guide
    show_shortcuts(window, window.findChildren(QAction))   # Help ▸ Keyboard shortcuts
    show_user_guide(window)                                # Help ▸ User guide

Both are modeless and reused: asking again raises the open one. The guide is
``resources/guide/user-guide.html`` (through ``factcheck_app.resources``, so it is found
in a checkout, a wheel and the PyInstaller bundle); links inside it work, links to the
web are shown, never opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.resources import resource_path

MENU_SEPARATOR = " ▸ "
NO_MENU = "Other"  # actions that are in no menu (a table's Delete, a toolbar button)
GUIDE_PARTS = ("guide", "user-guide.html")
_LAST = 1_000_000  # sorts after every real menu position


def plain_text(text: str) -> str:
    """A menu text as read: mnemonic '&' dropped ("&&" is a real '&'), no "\\tshortcut" tail."""
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    menu: str  # "File ▸ Export other formats", several joined by ", ", or NO_MENU
    command: str  # the action's text without '&'
    keys: str  # native text, e.g. "Ctrl+Shift+E" (⌘⇧E on macOS); several joined by ", "
    portable_keys: str  # the same in portable text, for searching "ctrl+e" on any platform
    tip: str
    order: tuple[int, ...]  # menu bar position, then position in each submenu

    def matches(self, words: list[str]) -> bool:
        haystack = " ".join((self.menu, self.command, self.keys, self.portable_keys, self.tip)).casefold()
        return all(word in haystack for word in words)


def _menu_position(menu: QMenu, depth: int = 0) -> tuple[list[int], list[str]]:
    """Where ``menu`` sits (indexes from the menu bar down) and its path of titles."""
    title = plain_text(menu.title())
    owner = menu.menuAction()
    if depth < 8:  # a menu inside itself would loop
        for holder in owner.associatedObjects():
            if isinstance(holder, QMenuBar):
                return [holder.actions().index(owner)], [title]
            if isinstance(holder, QMenu) and holder is not menu:
                positions, titles = _menu_position(holder, depth + 1)
                return [*positions, holder.actions().index(owner)], [*titles, title]
    return [_LAST], [title]


def shortcut_rows(actions: Iterable[QAction]) -> list[ShortcutRow]:
    """One row per distinct action that has a shortcut, in menu order (then the others by name)."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for action in actions:
        sequences = [s for s in action.shortcuts() if not s.isEmpty()]
        if action.isSeparator() or not sequences or not plain_text(action.text()) or id(action) in seen:
            continue
        seen.add(id(action))
        paths: list[str] = []
        order: tuple[int, ...] | None = None
        for holder in action.associatedObjects():
            if isinstance(holder, QMenu):
                positions, titles = _menu_position(holder)
                path = MENU_SEPARATOR.join(titles)
                if path not in paths:
                    paths.append(path)
                key = (*positions, holder.actions().index(action))
                order = key if order is None else min(order, key)
        rows.append(
            ShortcutRow(
                menu=", ".join(paths) or NO_MENU,
                command=plain_text(action.text()),
                keys=", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences),
                portable_keys=", ".join(s.toString(QKeySequence.SequenceFormat.PortableText) for s in sequences),
                tip=action.statusTip() or "",
                order=order if order is not None else (_LAST,),
            )
        )
    return sorted(rows, key=lambda r: (r.order, r.command.casefold()))


class ShortcutsDialog(QDialog):
    """A read-only table of every given action with a shortcut, filtered as you type."""

    COLUMNS = ("Menu", "Command", "Shortcut")

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 560)
        self.rows: list[ShortcutRow] = []

        self.search = QLineEdit(placeholderText="Find a command or a key, e.g. report or Ctrl+K")
        self.search.setObjectName("shortcutsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.count = QLabel()
        self.count.setObjectName("shortcutsCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.search.setFocus()
        self.set_actions(actions)

    def set_actions(self, actions: Iterable[QAction]) -> None:
        """List ``actions`` (those with a shortcut), keeping what is typed in the search box."""
        self.rows = shortcut_rows(actions)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            for column, text in enumerate((row.menu, row.command, row.keys)):
                item = QTableWidgetItem(text)
                if row.tip:
                    item.setToolTip(row.tip)
                self.table.setItem(index, column, item)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for index, row in enumerate(self.rows):
            hidden = not row.matches(words)
            self.table.setRowHidden(index, hidden)
            shown += not hidden
        if not self.rows:
            self.count.setText("No command has a keyboard shortcut.")
        elif shown == 0:
            self.count.setText(f"No command matches “{text.strip()}”.")
        elif shown == len(self.rows):
            self.count.setText(f"{len(self.rows)} shortcuts.")
        else:
            self.count.setText(f"{shown} of {len(self.rows)} shortcuts.")

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(menu, command, shortcut) of the rows the filter leaves on screen."""
        return [
            (row.menu, row.command, row.keys)
            for index, row in enumerate(self.rows)
            if not self.table.isRowHidden(index)
        ]


def guide_path() -> str:
    return str(resource_path(*GUIDE_PARTS))


class UserGuideDialog(QDialog):
    """The bundled user guide: internal links work; web links are shown, never opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideDialog")
        self.resize(760, 680)
        self.browser = QTextBrowser()
        self.browser.setObjectName("userGuideBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # every click goes through _follow
        self.browser.anchorClicked.connect(self._follow)
        self.note = QLabel()
        self.note.setObjectName("userGuideNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._home = QUrl.fromLocalFile(guide_path())
        self.browser.setSource(self._home)
        title = self.browser.documentTitle()
        self.setWindowTitle(title or "User guide")

    def _follow(self, url: QUrl) -> None:
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and target.toLocalFile() == self._home.toLocalFile():
            self.note.hide()
            self.browser.setSource(target)
            if target.hasFragment():
                self.browser.scrollToAnchor(target.fragment())
            return
        # NOTE: nothing outside the guide is opened from here (no browser, no file).
        self.note.setText(f"Not opened from the guide: {url.toString()}")
        self.note.show()


def _existing(parent: QWidget | None, kind: type[QDialog]) -> QDialog | None:
    return parent.findChild(kind) if parent is not None else None


def show_shortcuts(parent: QWidget | None, actions: Iterable[QAction]) -> ShortcutsDialog:
    """Show (or raise) ``parent``'s shortcuts window, listing ``actions`` as they are now."""
    dialog = _existing(parent, ShortcutsDialog)
    if isinstance(dialog, ShortcutsDialog):
        dialog.set_actions(actions)
    else:
        dialog = ShortcutsDialog(actions, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_user_guide(parent: QWidget | None) -> UserGuideDialog:
    """Show (or raise) ``parent``'s user guide."""
    dialog = _existing(parent, UserGuideDialog)
    if not isinstance(dialog, UserGuideDialog):
        dialog = UserGuideDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
