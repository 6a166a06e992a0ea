"""The desk archive as the window uses it: adding projects and ClaimReview feeds, and lookups.

The index is one file per analyst beside the window's settings (``settings.desk_index_path``),
the same file ``factcheck archive-index`` fills, so what the CLI added the window finds and
the reverse. Adding runs on the worker (a project of thousands of claims takes a moment);
lookups are a few milliseconds each and run wherever they are asked (the suggestions panel
asks from its worker, "Already checked" on the GUI thread). A missing index is an empty
archive: a lookup never creates the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.ui import settings
from factcheck_app.ui.worker import Control, Task

if TYPE_CHECKING:
    from factcheck_app.domain.claims import Claim
    from factcheck_app.services.desk_archive import ArchivedVerdict
    from factcheck_app.services.project import Project
    from factcheck_app.ui.feedback import Feedback

ARCHIVE_SOURCES_FILTER = (
    "Projects and ClaimReview feeds (*.factcheck *.json *.jsonld);;Factcheck projects (*.factcheck);;"
    "ClaimReview JSON-LD (*.json *.jsonld);;All files (*)"
)


def lookup(text: str, *, limit: int = 3, index: Path | None = None) -> list[ArchivedVerdict]:
    """Earlier verdicts of the claim ``text`` in the desk archive (none when there is no archive).

    ``index``: the archive's path, read on the GUI thread by a caller that looks up on a worker.
    """
    path = index or settings.desk_index_path()
    if not text.strip() or not path.is_file():
        return []
    from factcheck_app.services.desk_archive import search

    try:
        return search(path, text, limit=limit)
    except FactcheckError:
        return []  # a damaged index hides earlier checks; adding to it says what is wrong


def checked_before(found: ArchivedVerdict) -> str:
    """One line for a suggestion: "Checked before: False — desk-2025.factcheck"."""
    return f"Checked before: {found.verdict or 'no verdict'} — {Path(found.source).name}"


@dataclass(frozen=True, slots=True)
class _ArchivedWording:
    quote: str
    verdict: str | None


@dataclass(frozen=True, slots=True)
class DeskMatch:
    """An earlier check from the archive, shaped like a ``SimilarClaim`` for "Already checked"."""

    claim: _ArchivedWording
    article_title: str
    score: float


def desk_archive_matches(claim: Claim) -> list[DeskMatch]:
    """Earlier checks of ``claim`` in other projects and feeds, for the editor's "Already checked"."""
    return [
        DeskMatch(
            _ArchivedWording(found.claim, found.verdict or None),
            f"desk archive: {Path(found.source).name}",
            found.score,
        )
        for found in lookup(claim.restated or claim.quote)
    ]


def earlier_checks(project: Project, claim: Claim) -> list[Any]:
    """ "Already checked" for a new claim: similar claims of this project, then the desk archive's."""
    from factcheck_app.services.similar import similar_claims

    try:
        found: list[Any] = list(similar_claims(project, claim))
    except FactcheckError:
        found = []
    return [*found, *desk_archive_matches(claim)]


class DeskArchive(QObject):
    """File ▸ Desk archive: adds files to the index on the worker; ``grown`` when it has."""

    grown = Signal()

    def __init__(self, feedback: Feedback, parent: QWidget) -> None:
        super().__init__(parent)
        self.feedback = feedback
        self.widget = parent
        self.task: Task | None = None

    @property
    def path(self) -> Path:
        return settings.desk_index_path()

    def add(self, paths: Sequence[str | Path]) -> Task | None:
        """Index ``paths`` (``.factcheck`` projects; anything else is read as a ClaimReview feed)."""
        if not paths or (self.task is not None and not self.task.finished):
            return None
        files = [Path(p) for p in paths]
        index = self.path

        def work(control: Control) -> tuple[int, list[str]]:
            from factcheck_app.services.desk_archive import add_claimreview_feed, add_project

            added, problems = 0, []
            for number, path in enumerate(files):
                if control.cancelled:
                    break
                control.progress(number, f"Adding {path.name} to the desk archive…")
                try:
                    is_project = path.suffix.lower() == ".factcheck"
                    added += add_project(index, path) if is_project else add_claimreview_feed(index, path)
                except FactcheckError as error:
                    problems.append(f"{path.name}: {error}")
            return added, problems

        task = Task(work, self.widget, what="Desk archive", label="Adding to the desk archive…", total=len(files))
        task.done.connect(lambda result: self._added(len(files), *result))
        task.failed.connect(self.feedback.error)
        self.task = task
        task.start()
        return task

    def _added(self, files: int, added: int, problems: list[str]) -> None:
        if problems:
            self.feedback.error("Not added to the desk archive:\n" + "\n".join(problems))
        if files > len(problems):
            indexed = files - len(problems)
            self.feedback.status(f"Desk archive: {added} claim(s) indexed from {indexed} file(s).", 8000)
            self.grown.emit()

    def stop(self) -> None:
        if self.task is not None:
            self.task.stop()
