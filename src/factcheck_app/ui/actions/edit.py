"""Edit ▸ Undo, Redo and Preferences (who the analyst is)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.opening import analyst_name, set_analyst_name


class EditActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        stack = self.workspace.undo_stack
        self.undo_action = stack.createUndoAction(widget, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(widget, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.preferences_action = self.action(
            "&Preferences…", self.preferences_dialog, QKeySequence("Ctrl+,"), "Your name as analyst"
        )

    def update_enabled(self) -> None:
        # Undo and Redo follow the undo stack (QUndoStack enables them: something to take back);
        # the stack is empty without a project and stays so on a read-only one.
        self.preferences_action.setEnabled(True)  # the name is the analyst's, not the project's

    def preferences_dialog(self) -> None:
        name = self.feedback.ask_text(
            "Preferences", "Your name, as stamped on every edit and sign-off:", analyst_name()
        )
        if name is not None:
            self.set_analyst_name(name)

    def set_analyst_name(self, name: str) -> None:
        set_analyst_name(self.workspace, self.feedback, name)
