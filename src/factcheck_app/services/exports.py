"""Open exports: a project's claims as ClaimReview JSON-LD, W3C Web Annotation JSON-LD or CSV.

The writers in ``exporters/`` are pure; this module gathers what they need from a project
(claims, their articles, the verdict scale, the organisation and public base URL from the
project settings) and writes the result atomically: into a temporary file in the target
folder, then ``os.replace``, so a reader never sees half a file and a failure leaves none.
Claims stream from one read transaction a batch at a time (storage/claim_batches.py), so a
project of any size exports in bounded memory, with progress and cancel for the window.

Project settings read here:
``organisation``          the reviewer's name (falls back to the analyst, then the project name)
``claimreview_base_url``  the public page of the fact-checks; a claim's review URL is
                          ``<base>#claim-<id>`` (left out when unset)

A claim corrected after publication carries its latest correction note and date in
ClaimReview (services/corrections.py keeps the record).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.published_claims import PublishedClaim
from factcheck_app.exporters.atomic import atomic_output, check_target
from factcheck_app.exporters.claimreview import Correction
from factcheck_app.services.project import Project
from factcheck_app.storage.claim_batches import article_heads, count_claims, publish_batches

OPEN_FORMATS = ("claimreview", "webannotation", "csv")
# Added only when the chosen name has no extension at all.
DEFAULT_SUFFIXES = {"claimreview": ".jsonld", "webannotation": ".jsonld", "csv": ".csv"}

ORGANISATION_SETTING = "organisation"
BASE_URL_SETTING = "claimreview_base_url"


class ExportCancelled(FactcheckError):
    """The analyst stopped an export; nothing was written (an older file is kept as it was)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: where, how many claims, and how many were left out (and why)."""

    path: Path
    fmt: str
    exported: int
    skipped: int = 0  # ClaimReview only: claims with no verdict are not reviews yet
    notes: tuple[str, ...] = ()  # what the analyst may want to fix before publishing

    @property
    def summary(self) -> str:
        """One line for the status bar or the CLI's stderr."""
        text = f"{self.exported} claim{'s' if self.exported != 1 else ''} exported to {self.path.name}"
        if self.skipped:
            text += f"; {self.skipped} without a verdict left out"
        return text


def organisation_name(project: Project, settings: dict[str, str] | None = None) -> str:
    """Who signs the reviews: the ``organisation`` setting, else the analyst, else the project."""
    settings = project.settings() if settings is None else settings
    return (
        settings.get(ORGANISATION_SETTING, "").strip()
        or project.analyst.strip()
        or Path(project.name).stem
        or "Factcheck App"
    )


def export_open_format(
    project: Project,
    path: str | os.PathLike[str],
    fmt: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write every claim of ``project`` in an open format (see OPEN_FORMATS) to ``path``.

    Claims are read and written a batch at a time, so memory does not grow with the project.
    ``progress(done, total)`` is told after each batch (claims read so far, of all); when
    ``cancelled()`` turns true the export stops with ExportCancelled. Raises InvalidInput for
    an unknown format and FactcheckError when the file cannot be written; in every such case
    no file (not even a partial one) is left behind.
    """
    if fmt not in OPEN_FORMATS:
        raise InvalidInput(f"Unknown export format “{fmt}”; choose one of: {', '.join(OPEN_FORMATS)}.")
    target = with_default_suffix(Path(path), DEFAULT_SUFFIXES[fmt])
    settings = project.settings()
    organisation = organisation_name(project, settings)
    base_url = settings.get(BASE_URL_SETTING, "").strip()
    scale = project.verdict_scale()
    corrections = _corrections(project) if fmt == "claimreview" else {}
    skipped = 0
    notes: list[str] = []
    with (
        project.read_session() as session,
        closing(publish_batches(session)) as claims,
        atomic_output(target) as stream,
    ):
        articles = article_heads(session)
        batches = _watched(claims, count_claims(session), progress, cancelled)
        if fmt == "claimreview":
            from factcheck_app.exporters.claimreview import ClaimReviewer, write_claim_reviews

            reviewer = ClaimReviewer(scale, organisation=organisation, base_url=base_url, corrections=corrections)
            exported, skipped = write_claim_reviews(stream, batches, articles, reviewer)
        elif fmt == "webannotation":
            from factcheck_app.exporters.webannotation import write_annotation_collection

            exported = write_annotation_collection(stream, batches, articles, label=Path(project.name).stem)
        else:
            from factcheck_app.exporters.csv_export import write_csv

            exported = write_csv(stream, batches, articles, scale, organisation=organisation, base_url=base_url)
    if fmt == "claimreview":
        if not base_url:
            notes.append(
                f"No public address is set (project setting “{BASE_URL_SETTING}”): the reviews have no url, "
                "which Google's fact-check markup requires."
            )
        if not settings.get(ORGANISATION_SETTING, "").strip():
            notes.append(f"No organisation is set (project setting “{ORGANISATION_SETTING}”): signed “{organisation}”.")
    return ExportResult(path=target, fmt=fmt, exported=exported, skipped=skipped, notes=tuple(notes))


def _watched(
    batches: Iterator[list[PublishedClaim]],
    total: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[list[PublishedClaim]]:
    """The batches, with progress told after each and a cancel looked at before each."""
    done = 0
    for batch in batches:
        if cancelled is not None and cancelled():
            raise ExportCancelled("Export cancelled; no file was written.")
        yield batch
        done += len(batch)
        if progress is not None:
            progress(done, max(total, done))
    if cancelled is not None and cancelled():
        raise ExportCancelled("Export cancelled; no file was written.")
    if progress is not None and done == 0:
        progress(0, 0)


def _corrections(project: Project) -> dict[int, Correction]:
    """Each corrected claim's latest correction and first publication, for ClaimReview."""
    from factcheck_app.services.corrections import claimreview_corrections, published_versions

    latest = claimreview_corrections(project)
    first: dict[int, str] = {}
    for version in published_versions(project):  # by claim, then number: the first comes first
        first.setdefault(version.claim_id, version.published_at.date().isoformat())
    return {claim_id: Correction(modified, note, first.get(claim_id)) for claim_id, (modified, note) in latest.items()}


# -- writing files safely ------------------------------------------------------


def with_default_suffix(path: Path, suffix: str) -> Path:
    """``path`` checked for writing, with ``suffix`` added when the name has none."""
    check_target(path)  # first: "exports/" names a folder, not a file "exports.csv" beside it
    if path.suffix == "":
        path = path.with_suffix(suffix)
        check_target(path)
    return path


def write_atomically(path: Path, data: bytes) -> Path:
    with atomic_output(path) as stream:
        stream.write(data)
    return path
