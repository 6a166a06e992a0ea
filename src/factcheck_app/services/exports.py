"""Open exports: a project's claims as ClaimReview JSON-LD, W3C Web Annotation JSON-LD or CSV.

The writers in ``exporters/`` are pure; this module gathers what they need from a project
(claims, their articles, the verdict scale, the organisation and public base URL from the
project settings) and writes the result atomically: into a temporary file in the target
folder, then ``os.replace``, so a reader never sees half a file and a failure leaves none.

Project settings read here:
``organisation``          the reviewer's name (falls back to the analyst, then the project name)
``claimreview_base_url``  the public page of the fact-checks; a claim's review URL is
                          ``<base>#claim-<id>`` (left out when unset)

A claim corrected after publication carries its latest correction note and date in
ClaimReview (services/corrections.py keeps the record).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.exporters.atomic import atomic_output, check_target
from factcheck_app.exporters.claimreview import Correction
from factcheck_app.services.project import Project

OPEN_FORMATS = ("claimreview", "webannotation", "csv")
# Added only when the chosen name has no extension at all.
DEFAULT_SUFFIXES = {"claimreview": ".jsonld", "webannotation": ".jsonld", "csv": ".csv"}

ORGANISATION_SETTING = "organisation"
BASE_URL_SETTING = "claimreview_base_url"


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


def export_open_format(project: Project, path: str | os.PathLike[str], fmt: str) -> ExportResult:
    """Write every claim of ``project`` in an open format (see OPEN_FORMATS) to ``path``.

    Raises InvalidInput for an unknown format and FactcheckError when the file cannot be
    written; in both cases no file (not even a partial one) is left behind.
    """
    if fmt not in OPEN_FORMATS:
        raise InvalidInput(f"Unknown export format “{fmt}”; choose one of: {', '.join(OPEN_FORMATS)}.")
    target = with_default_suffix(Path(path), DEFAULT_SUFFIXES[fmt])
    settings = project.settings()
    organisation = organisation_name(project, settings)
    base_url = settings.get(BASE_URL_SETTING, "").strip()
    scale = project.verdict_scale()
    claims = project.claims()
    articles = {article.id: article for article in project.articles()}
    skipped = 0
    notes: list[str] = []
    if fmt == "claimreview":
        from factcheck_app.exporters.claimreview import build_claim_reviews

        reviews = build_claim_reviews(
            claims, articles, scale, organisation=organisation, base_url=base_url, corrections=_corrections(project)
        )
        data = reviews.to_json().encode("utf-8")
        exported, skipped = len(reviews.items), len(reviews.skipped)
        if not base_url:
            notes.append(
                f"No public address is set (project setting “{BASE_URL_SETTING}”): the reviews have no url, "
                "which Google's fact-check markup requires."
            )
        if not settings.get(ORGANISATION_SETTING, "").strip():
            notes.append(f"No organisation is set (project setting “{ORGANISATION_SETTING}”): signed “{organisation}”.")
    elif fmt == "webannotation":
        from factcheck_app.exporters.webannotation import build_annotation_collection, to_json

        collection = build_annotation_collection(claims, articles, label=Path(project.name).stem)
        data = to_json(collection).encode("utf-8")
        exported = len(claims)
    else:
        from factcheck_app.exporters.csv_export import render_csv

        data = render_csv(claims, articles, scale, organisation=organisation, base_url=base_url)
        exported = len(claims)
    write_atomically(target, data)
    return ExportResult(path=target, fmt=fmt, exported=exported, skipped=skipped, notes=tuple(notes))


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
