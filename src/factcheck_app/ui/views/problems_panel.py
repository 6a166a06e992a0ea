"""The Problems panel: claims that break the verdict rules, checked again as claims change.

NOTE: a desk's project can hold 100,000 claims and as many problems, so:
- after an edit only the claims it touched are checked again (``Changes`` names them), and
  only while the panel is on screen; a hidden panel notes it is out of date;
- checking the whole project (on opening the panel, after a settings change) runs on a
  worker thread, with "checking…" in the title meanwhile, so the window never waits for it;
- the list is a model over the problems (the view asks only for the rows on screen):
  a QListWidget item per problem took half a second to fill with 100,000 of them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QListView, QWidget

from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes

RECHECK_MS = 300  # a burst of edits is checked once
ClaimIdRole = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractListModel):
    """The problems found, in the order found; one claim's entries are replaced together."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"⚠ {problem.message}"
        if role == ClaimIdRole:
            return problem.claim_id
        return None

    def set_problems(self, problems: list[Any]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def replace(self, claim_ids: set[int], problems: list[Any]) -> None:
        """The claims' old entries go; their new ones take the place of the first (or go last)."""
        rows = [row for row, problem in enumerate(self._problems) if problem.claim_id in claim_ids]
        place = rows[0] if rows else len(self._problems)
        for row in reversed(rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._problems[row]
            self.endRemoveRows()
        if problems:
            self.beginInsertRows(QModelIndex(), place, place + len(problems) - 1)
            self._problems[place:place] = problems
            self.endInsertRows()


class _Checked(QObject):
    """Carries a whole-project check's result from the worker thread to the GUI thread."""

    done = Signal(int, object)  # generation, problems (or None when the check failed)


class ProblemsPanel(QDockWidget):
    claim_chosen = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__("Problems", parent)
        self.workspace = workspace
        self.setObjectName("problemsDock")
        self.model = ProblemsModel(self)
        self.problems = QListView()
        self.problems.setObjectName("problemsList")
        self.problems.setUniformItemSizes(True)
        self.problems.setModel(self.model)
        self.problems.activated.connect(self._chosen)
        self.problems.doubleClicked.connect(self._chosen)
        self.setWidget(self.problems)
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self._recheck)
        self._stale = True  # the list does not say what the project holds: check it all when shown
        self._to_recheck: set[int] = set()
        self._generation = 0  # a whole-project check's result counts only if nothing replaced it
        self._checking = False
        self._checked = _Checked(self)
        self._checked.done.connect(self._whole_check_done)
        workspace.changed.connect(self._changed)
        workspace.opened.connect(lambda _project: self._project_switched())
        workspace.closed.connect(self._project_switched)

    # -- what is listed ---------------------------------------------------------------

    def count(self) -> int:
        return self.model.rowCount()

    def entries(self) -> list[str]:
        """The entries as the list shows them."""
        return [str(self.model.index(row).data()) for row in range(self.model.rowCount())]

    # -- following the project ------------------------------------------------------

    def _project_switched(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._checking = False
        self._to_recheck.clear()
        self.model.set_problems([])
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
            self._check_whole_project()
            return
        if self._checking or not self._to_recheck:
            return  # the whole check's result comes first; these claims are checked after it
        ids, self._to_recheck = self._to_recheck, set()
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.problems import project_problems

        self.model.replace(ids, project_problems(project, ids))
        self._update_title()

    def _check_whole_project(self) -> None:
        """Check every claim on a worker thread; the list shows the result when it comes."""
        project = self.workspace.project
        if project is None:
            return
        self._stale = False
        self._checking = True
        self._generation += 1
        generation, checked = self._generation, self._checked
        self.setWindowTitle(f"Problems ({self.count()}, checking the project…)")

        def check() -> None:
            from factcheck_app.services.problems import project_problems

            try:
                found: list[Any] | None = project_problems(project)
            except Exception:  # noqa: BLE001 - closed or unreadable meanwhile: shown, not raised on a thread
                found = None
            checked.done.emit(generation, found)

        threading.Thread(target=check, name="factcheck-problems", daemon=True).start()

    def _whole_check_done(self, generation: int, found: list[Any] | None) -> None:
        if generation != self._generation:
            return  # another project, or a newer check, took its place
        self._checking = False
        if found is None:
            self._stale = True
            self.setWindowTitle("Problems (could not check the project: use Check project)")
            return
        self.model.set_problems(found)
        self._update_title()
        if self._to_recheck:  # edited while the check ran: check those claims again
            self._timer.start()

    def refresh(self) -> list[Any]:
        """Check the whole project now and list what breaks the rules (before an export)."""
        self._timer.stop()
        self._generation += 1  # a check still running on the worker is out of date
        self._checking = False
        self._to_recheck.clear()
        project = self.workspace.project
        if project is None:
            self.model.set_problems([])
            return []
        from factcheck_app.services.problems import project_problems

        found = project_problems(project)
        self.model.set_problems(found)
        self._stale = False
        self._update_title()
        return list(found)

    def _update_title(self) -> None:
        self.setWindowTitle(f"Problems ({self.count()})")

    def toggle(self) -> None:
        """Project ▸ Problems (Ctrl+Shift+P): show the panel (checked on the worker) or hide it."""
        if self.isVisible():
            self.hide()
            return
        self._stale = True  # shown again: check everything (others may have changed it meanwhile)
        self.show()

    def _chosen(self, index: QModelIndex) -> None:
        claim_id = index.data(ClaimIdRole)
        if claim_id is not None:
            self.claim_chosen.emit(int(claim_id))
