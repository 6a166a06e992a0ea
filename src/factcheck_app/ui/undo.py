"""QUndoCommand adapter over service edits (Orange canvas style).

An edit is applied *before* it is pushed, so a refused edit (read-only project, disk
full, stale row) never lands on the stack; the first ``redo()`` the stack calls on push
is then skipped. Each apply/revert reports its ``Changes`` through ``changed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.services.changes import Changes
from factcheck_app.services.edits import Edit, SetRationale
from factcheck_app.services.project import Project

_RATIONALE_MERGE_ID = 1001


class EditCommand(QUndoCommand):
    def __init__(
        self,
        project: Project,
        edit: Edit,
        on_changes: Callable[[Changes], None],
        on_error: Callable[[FactcheckError], None],
    ) -> None:
        super().__init__(edit.text)
        self.project = project
        self.edit = edit
        self._on_changes = on_changes
        self._on_error = on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self.project.apply)

    def undo(self) -> None:
        self._run(self.project.revert)

    def _run(self, step: Callable[[Edit], Changes]) -> None:
        try:
            self._on_changes(step(self.edit))
        except FactcheckError as error:
            # NOTE: the database is unchanged (the transaction rolled back); the command
            # can no longer be trusted, so it is made obsolete and leaves the stack.
            self.setObsolete(True)
            self._on_error(error)

    def id(self) -> int:
        return _RATIONALE_MERGE_ID if isinstance(self.edit, SetRationale) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing a rationale is one undo step per claim, not one per pause."""
        if not isinstance(other, EditCommand):
            return False
        mine, theirs = self.edit, other.edit
        if not (isinstance(mine, SetRationale) and isinstance(theirs, SetRationale)):
            return False
        if mine.claim_id != theirs.claim_id:
            return False
        mine.rationale = theirs.rationale
        return True


def run_edit(
    stack: QUndoStack,
    project: Project,
    edit: Edit,
    on_changes: Callable[[Changes], None],
    on_error: Callable[[FactcheckError], None],
) -> bool:
    """Apply ``edit`` now; on success push it for undo and report the change."""
    try:
        changes = project.apply(edit)
    except FactcheckError as error:
        on_error(error)
        return False
    stack.push(EditCommand(project, edit, on_changes, on_error))
    on_changes(changes)
    return True
