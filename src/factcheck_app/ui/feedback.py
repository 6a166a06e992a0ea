"""What the window tells the analyst and asks them: errors, notices, questions, the wait cursor.

Every command used to end in the same ``except FactcheckError: show_error(error)``; here it
is said once (``with feedback.reporting() as outcome``). Messages are modeless where the
work carries on (errors, notices) so a failed step never blocks the window, and every
modeless box is kept until it closes, so closing the window closes it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMainWindow, QMessageBox, QWidget

from factcheck_app.domain.errors import FactcheckError

APP_NAME = "Factcheck App"


@dataclass
class Outcome:
    """Whether the work inside ``Feedback.reporting()`` failed (its error already shown)."""

    failed: bool = False


class Feedback(QObject):
    """The window's voice. ``last_error`` / ``last_notice`` are what the analyst last read."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_error: str | None = None
        self.last_notice: str | None = None
        self.open_dialogs: list[QWidget] = []

    # -- telling -----------------------------------------------------------------

    def error(self, error: Exception | str) -> None:
        """Tell the analyst plainly; non-blocking so work (and tests) carry on."""
        self.last_error = str(error)
        self.status(str(error), 10000)
        self._box(QMessageBox.Icon.Warning, str(error))

    def notice(self, text: str) -> None:
        """An important, non-blocking message (e.g. claims that need review)."""
        self.last_notice = text
        self._box(QMessageBox.Icon.Information, text)

    def status(self, text: str, milliseconds: int = 0) -> None:
        self._window.statusBar().showMessage(text, milliseconds)

    def _box(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.keep_open(box)

    @contextmanager
    def reporting(self) -> Iterator[Outcome]:
        """Run a step; a FactcheckError is shown and marks the outcome failed (never raised)."""
        outcome = Outcome()
        try:
            yield outcome
        except FactcheckError as error:
            outcome.failed = True
            self.error(error)

    @contextmanager
    def busy(self) -> Iterator[Outcome]:
        """Like ``reporting()``, under a wait cursor (short work the analyst waits for)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.reporting() as outcome:
                yield outcome
        finally:
            QApplication.restoreOverrideCursor()

    # -- asking ------------------------------------------------------------------

    def ask_yes_no(self, question: str) -> bool:
        return QMessageBox.question(self._window, APP_NAME, question) == QMessageBox.StandardButton.Yes

    def ask_password(self, why: str) -> str | None:
        """The server asks for a password: ask for it (kept in memory only); None when cancelled."""
        text, ok = QInputDialog.getText(self._window, "Password", f"{why}\nPassword:", QLineEdit.EchoMode.Password)
        return text if ok else None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        typed, ok = QInputDialog.getText(self._window, title, label, text=text)
        return typed if ok else None

    def ask_choice(self, title: str, label: str, choices: list[str]) -> str | None:
        chosen, ok = QInputDialog.getItem(self._window, title, label, choices, 0, False)
        return chosen if ok and chosen else None

    # -- modeless dialogs --------------------------------------------------------

    def keep_open(self, dialog: QWidget) -> None:
        """Open ``dialog`` modeless and keep it until it closes (closed with the window)."""
        self.open_dialogs.append(dialog)
        finished = getattr(dialog, "finished", None)
        if finished is not None:
            finished.connect(lambda _r, d=dialog: self.open_dialogs.remove(d) if d in self.open_dialogs else None)
        open_ = getattr(dialog, "open", None)
        (open_ or dialog.show)()

    def close_all(self) -> None:
        for dialog in list(self.open_dialogs):
            dialog.close()
