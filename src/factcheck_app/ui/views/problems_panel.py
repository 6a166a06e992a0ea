"""The Problems panel: claims that break the verdict rules, checked again as claims change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes

RECHECK_MS = 300  # a burst of edits is checked once


class ProblemsPanel(QDockWidget):
    claim_chosen = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__("Problems", parent)
        self.workspace = workspace
        self.setObjectName("problemsDock")
        self.problems = QListWidget()
        self.problems.setObjectName("problemsList")
        self.problems.itemActivated.connect(self._chosen)
        self.problems.itemDoubleClicked.connect(self._chosen)
        self.setWidget(self.problems)
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self.refresh)
        workspace.changed.connect(self._changed)
        workspace.closed.connect(self.problems.clear)

    def _changed(self, changes: Changes, _remote: bool) -> None:
        if changes.touches_claims or changes.settings_changed:
            self._timer.start()

    def refresh(self) -> list[Any]:
        """List the verdict-rule breaches (Project ▸ Problems, Ctrl+Shift+P)."""
        self.problems.clear()
        project = self.workspace.project
        if project is None:
            return []
        from factcheck_app.services.problems import project_problems

        found = project_problems(project)
        for problem in found:
            item = QListWidgetItem(f"⚠ {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.claim_id)
            self.problems.addItem(item)
        self.setWindowTitle(f"Problems ({len(found)})")
        return list(found)

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        self.refresh()

    def _chosen(self, item: QListWidgetItem) -> None:
        self.claim_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
