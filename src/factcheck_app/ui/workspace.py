"""The open project as the window shares it: project, verdict scale, article on screen, undo.

Views and commands hold no project of their own. They ask the workspace, run their edits
through ``run_edit`` (one undoable step, conflicts asked about, errors told) and subscribe
to ``changed``, looking only at the ``Changes`` fields they care about (Anki's OpChanges).
Services are imported lazily: they pull in SQLAlchemy, which the window must not wait for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import DEFAULT_SCALE, VerdictScale
from factcheck_app.ui.feedback import Feedback

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes
    from factcheck_app.services.edits import Edit
    from factcheck_app.services.project import Project


class Workspace(QObject):
    """One per window. ``changed(changes, remote)``: ``remote`` is another analyst's change."""

    opened = Signal(object)  # Project
    closed = Signal()
    changed = Signal(object, bool)  # Changes, remote
    article_changed = Signal(object)  # the article on screen: id or None
    typing_wanted = Signal()  # save what is being typed before the screen moves on

    def __init__(self, feedback: Feedback, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.feedback = feedback
        self.project: Project | None = None
        self.scale: VerdictScale = DEFAULT_SCALE
        self.article_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self.last_conflict: Any = None
        self.claim_on_screen: Callable[[int], Claim | None] = lambda _claim_id: None

    @property
    def writable(self) -> bool:
        return self.project is not None and not self.project.read_only

    @property
    def on_file(self) -> bool:
        """A project in a local file (backups and restore work on files only)."""
        return self.project is not None and self.project.location.path is not None

    def save_typing(self) -> None:
        self.typing_wanted.emit()

    # -- opening and closing -------------------------------------------------------

    def open(self, project: Project) -> None:
        self.close()
        self.project = project
        self.scale = project.verdict_scale()
        self.opened.emit(project)

    def close(self) -> None:
        if self.project is None:
            return
        self.save_typing()
        self.undo_stack.clear()
        project, self.project = self.project, None
        self.article_id = None
        self.closed.emit()
        project.close()

    def set_article(self, article_id: int | None) -> None:
        """Put ``article_id`` on screen (typing in the editor is saved first)."""
        self.save_typing()
        self.article_id = article_id if self.project is not None else None
        self.article_changed.emit(self.article_id)

    # -- edits -----------------------------------------------------------------------

    def run_edit(self, edit: Edit) -> bool:
        """Apply ``edit`` as one undoable step; False (the reason told) when it was refused."""
        if self.project is None:
            return False
        from factcheck_app.ui.undo import run_edit

        reviewed = self._as_correction(edit)
        if reviewed is None:
            return False
        edit = reviewed
        self._base_on_screen(edit)
        return run_edit(
            self.undo_stack, self.project, edit, self.apply_changes, self.feedback.error, self._ask_conflict
        )

    def attempt(self, make: Callable[[], Edit]) -> bool:
        """Build an edit (which may refuse its values) and run it."""
        with self.feedback.reporting() as outcome:
            edit = make()
        return not outcome.failed and self.run_edit(edit)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several edits that Undo takes back as one step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def _as_correction(self, edit: Edit) -> Edit | None:
        """A published claim is changed openly (IFCN commitment 5): the one place that asks.

        A new verdict or rationale of a published claim becomes ``RecordCorrection`` with the
        note the analyst writes; setting a claim's status to published becomes ``PublishClaim``
        (which keeps the version readers see), with a note when it republishes a change.
        None when the analyst cancels: nothing is changed, and the screen shows the stored claim.
        """
        from factcheck_app.domain.claims import PUBLISHED
        from factcheck_app.services.edits import SetRationale, SetStatus, SetVerdict

        publishing = type(edit) is SetStatus and edit.status == PUBLISHED  # not PublishClaim itself
        if self.project is None or not (publishing or isinstance(edit, (SetVerdict, SetRationale))):
            return edit
        from factcheck_app.domain.corrections import is_correction
        from factcheck_app.domain.errors import FactcheckError
        from factcheck_app.services.corrections import needs_correction_note, published_versions
        from factcheck_app.services.review_edits import PublishClaim, RecordCorrection

        claim_id = edit.claim_id  # type: ignore[attr-defined]
        try:
            claim = self.project.claim(claim_id)
            versions = published_versions(self.project, claim_id)
            latest = versions[-1] if versions else None
            verdict = self.scale.resolve(edit.verdict) if isinstance(edit, SetVerdict) else claim.verdict
            rationale = edit.rationale if isinstance(edit, SetRationale) else claim.rationale
            if publishing:
                if not is_correction(latest, claim.verdict, claim.rationale):
                    return PublishClaim(claim_id)  # first publication, or again unchanged: no note
            elif not needs_correction_note(self.project, claim_id, verdict, rationale):
                return edit
        except FactcheckError:
            return edit  # the edit itself says what is wrong (a deleted claim, an unknown verdict)
        from factcheck_app.ui.dialogs.correction_note_dialog import ask_correction_note

        answer = ask_correction_note(
            self._parent,
            quote=claim.quote,
            published=(latest.verdict, latest.rationale) if latest else (claim.verdict, claim.rationale),
            verdict=verdict,
            rationale=rationale,
            publishing=publishing,
        )
        if answer is None:
            self.feedback.status("Nothing changed: a published claim is changed only with a correction note.", 8000)
            self._show_stored(claim_id)
            return None
        if publishing:
            return PublishClaim(claim_id, answer.note)
        values: dict[str, object] = {}
        if verdict != claim.verdict:
            values["verdict"] = verdict
        if isinstance(edit, SetRationale) or answer.rationale != claim.rationale.strip():
            values["rationale"] = answer.rationale
        with self.feedback.reporting() as outcome:
            return RecordCorrection(claim_id, answer.note, **values)
        if outcome.failed:
            self._show_stored(claim_id)
        return None

    def _show_stored(self, claim_id: int) -> None:
        """Views show the claim as stored again (the editor still shows what was refused)."""
        from factcheck_app.services.changes import claims_updated

        self.apply_changes(claims_updated(claim_id))

    def _base_on_screen(self, edit: Edit) -> None:
        """Tell the edit which version of its claim the analyst was looking at (team projects)."""
        claim_id = getattr(edit, "claim_id", None)
        if claim_id is None or edit.expectations():
            return
        base = self.claim_on_screen(claim_id)
        if base is not None:
            edit.based_on(base)

    def _ask_conflict(self, conflict: Any) -> bool:
        """Someone else changed it first: show both; True to go ahead with mine."""
        self.last_conflict = conflict
        return self.resolve_conflict(conflict, self._parent)

    @staticmethod
    def resolve_conflict(conflict: Any, parent: QWidget) -> bool:
        from factcheck_app.ui.dialogs.conflict_dialog import ask_use_mine

        return ask_use_mine(conflict, parent)

    def apply_changes(self, changes: Changes, *, remote: bool = False) -> None:
        """Tell every view what moved (the scale is reloaded first: views draw with it)."""
        if self.project is None:
            return
        if "verdict_scale" in changes.settings_changed:
            self.scale = self.project.verdict_scale()
        self.changed.emit(changes, remote)
