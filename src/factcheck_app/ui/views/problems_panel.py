"""The Problems panel: claims that break the verdict rules, checked again as claims change.

NOTE: after an edit only the claims it touched are checked again (``Changes`` names them),
and only while the panel is on screen; a hidden panel just notes that it is out of date and
checks the whole project when it is shown. Checking every claim after each edit cost
seconds per keystroke-pause on a 100,000-claim project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
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
        self.problems.setUniformItemSizes(True)  # no per-item measuring in a long list
        self.problems.itemActivated.connect(self._chosen)
        self.problems.itemDoubleClicked.connect(self._chosen)
        self.setWidget(self.problems)
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self._recheck)
        self._stale = True  # the list does not say what the project holds: check it all when shown
        self._to_recheck: set[int] = set()
        self._items: dict[int, list[QListWidgetItem]] = {}  # claim id → its entries
        workspace.changed.connect(self._changed)
        workspace.opened.connect(lambda _project: self._project_switched())
        workspace.closed.connect(self._project_switched)

    def _project_switched(self) -> None:
        self._timer.stop()
        self._to_recheck.clear()
        self._items.clear()
        self.problems.clear()
        self.setWindowTitle("Problems")
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _changed(self, changes: Changes, _remote: bool) -> None:
        if changes.settings_changed:
            self._stale = True  # the rules themselves may have changed
        elif changes.touches_claims:
            self._to_recheck |= changes.claims_added | changes.claims_updated | changes.claims_removed
        else:
            return
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def _recheck(self) -> None:
        if self._stale:
            self.refresh()
            return
        ids, self._to_recheck = self._to_recheck, set()
        project = self.workspace.project
        if project is None or not ids:
            return
        from factcheck_app.services.problems import project_problems

        found: dict[int, list[Any]] = {}
        for problem in project_problems(project, ids):
            found.setdefault(problem.claim_id, []).append(problem)
        for claim_id in ids:
            old = self._items.pop(claim_id, [])
            row = self.problems.row(old[0]) if old else self.problems.count()
            for item in old:
                self.problems.takeItem(self.problems.row(item))
            for offset, problem in enumerate(found.get(claim_id, [])):
                self.problems.insertItem(row + offset, self._item(problem))
        self._update_title()

    def refresh(self) -> list[Any]:
        """Check the whole project and list the verdict-rule breaches (Project ▸ Problems, Ctrl+Shift+P)."""
        self._timer.stop()
        self._to_recheck.clear()
        self._items.clear()
        self.problems.clear()
        project = self.workspace.project
        if project is None:
            return []
        from factcheck_app.services.problems import project_problems

        found = project_problems(project)
        for problem in found:
            self.problems.addItem(self._item(problem))
        self._stale = False
        self._update_title()
        return list(found)

    def _item(self, problem: Any) -> QListWidgetItem:
        item = QListWidgetItem(f"⚠ {problem.message}")
        item.setData(Qt.ItemDataRole.UserRole, problem.claim_id)
        self._items.setdefault(problem.claim_id, []).append(item)
        return item

    def _update_title(self) -> None:
        self.setWindowTitle(f"Problems ({self.problems.count()})")

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self.refresh()

    def _chosen(self, item: QListWidgetItem) -> None:
        self.claim_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
