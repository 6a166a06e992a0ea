"""QUndoCommand adapter over service edits (Orange canvas style).

An edit is applied *before* it is pushed, so a refused edit (read-only project, disk
full, stale row) never lands on the stack; the first ``redo()`` the stack calls on push
is then skipped. Each apply/revert reports its ``Changes`` through ``changed``.

On a team project an apply, undo or redo may meet a conflict (someone else changed the
row since): ``on_conflict`` shows both changes and says whether to go ahead with mine.
If not, the screen is refreshed to show theirs, and an undo or redo that was declined
leaves the stack (it no longer describes the data).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.services.changes import Changes
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.edits import Edit, SetClaimDetails, SetRationale
from factcheck_app.services.project import Project

AskConflict = Callable[[EditConflict], bool]

_RATIONALE_MERGE_ID = 1001
_DETAILS_MERGE_ID = 1002


class EditCommand(QUndoCommand):
    def __init__(
        self,
        project: Project,
        edit: Edit,
        on_changes: Callable[[Changes], None],
        on_error: Callable[[FactcheckError], None],
        on_conflict: AskConflict | None = None,
    ) -> None:
        super().__init__(edit.text)
        self.project = project
        self.edit = edit
        self._on_changes = on_changes
        self._on_error = on_error
        self._on_conflict = on_conflict
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
            changes = apply_resolving(step, self.edit, self._on_conflict)
        except EditConflict as conflict:
            self.setObsolete(True)  # declined: their version stands, this step no longer applies
            self._on_changes(refresh_for(conflict))
            return
        except FactcheckError as error:
            # NOTE: the database is unchanged (the transaction rolled back); the command
            # can no longer be trusted, so it is made obsolete and leaves the stack.
            self.setObsolete(True)
            self._on_error(error)
            return
        self._on_changes(changes)

    def id(self) -> int:
        if isinstance(self.edit, SetRationale):
            return _RATIONALE_MERGE_ID
        if isinstance(self.edit, SetClaimDetails):
            return _DETAILS_MERGE_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing a field is one undo step per claim, not one per pause in the typing."""
        if not isinstance(other, EditCommand):
            return False
        mine, theirs = self.edit, other.edit
        if isinstance(mine, SetRationale) and isinstance(theirs, SetRationale):
            if mine.claim_id != theirs.claim_id or theirs._old != mine.rationale:
                # NOTE: when someone else changed the text between my two saves, one undo step
                # would wipe their text with mine, so the steps stay apart (each checked on undo).
                return False
            mine.rationale = theirs.rationale
        elif isinstance(mine, SetClaimDetails) and isinstance(theirs, SetClaimDetails):
            if mine.claim_id != theirs.claim_id or set(mine.values) != set(theirs.values):
                return False
            if theirs._old != mine.values:
                return False
            mine.values = dict(theirs.values)
        else:
            return False
        mine._expect = dict(theirs.expectations())  # undo must find what the *last* typing left
        return True


def apply_resolving(step: Callable[[Edit], Changes], edit: Edit, on_conflict: AskConflict | None) -> Changes:
    """Run one step; on a conflict ask, and go ahead on top of theirs when told to (raises if not)."""
    while True:
        try:
            return step(edit)
        except EditConflict as conflict:
            if on_conflict is None or not on_conflict(conflict):
                raise
            edit.rebase(conflict)


def refresh_for(conflict: EditConflict) -> Changes:
    """What the screen must reload to show *their* version after the analyst kept it."""
    if conflict.key is None:
        return Changes(settings_changed=frozenset({"tags", "verdict_scale"}))
    kind, row_id = conflict.key
    if kind == "claim":
        gone = conflict.deleted
        return Changes(claims_removed=frozenset({row_id}) if gone else frozenset(), claims_updated=frozenset({row_id}))
    if kind == "article":
        return Changes(articles_updated=frozenset({row_id}))
    return Changes()


def run_edit(
    stack: QUndoStack,
    project: Project,
    edit: Edit,
    on_changes: Callable[[Changes], None],
    on_error: Callable[[FactcheckError], None],
    on_conflict: AskConflict | None = None,
) -> bool:
    """Apply ``edit`` now; on success push it for undo and report the change."""
    try:
        changes = apply_resolving(project.apply, edit, on_conflict)
    except EditConflict as conflict:
        on_changes(refresh_for(conflict))
        return False
    except FactcheckError as error:
        on_error(error)
        return False
    stack.push(EditCommand(project, edit, on_changes, on_error, on_conflict))
    on_changes(changes)
    return True
