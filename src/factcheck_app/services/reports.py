"""Exporting a project's claims as a Word report.

Gathering the claims reads the database (main thread); writing the .docx is pure and
may run on a worker thread, so the two halves are separate functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.project import Project

if TYPE_CHECKING:
    from factcheck_app.exporters.docx_report import ReportInput, ReportOptions

REPORT_FORMATS = ("docx",)


def prepare_report(
    project: Project,
    *,
    title: str | None = None,
    options: Mapping[str, Any] | None = None,
    claim_ids: Iterable[int] | None = None,
) -> ReportInput:
    """Everything the report shows: the chosen claims (all by default) and their articles.

    ``options`` are ReportOptions fields (sections, order, organisation, logo_path,
    template_path, include_orphaned, title, author); bad values raise InvalidInput here,
    before any file is touched.
    """
    # NOTE: python-docx costs ~0.1 s to import; it is only loaded when a report is made.
    from factcheck_app.exporters.docx_report import ReportInput, ReportOptions

    if claim_ids is not None:
        claim_ids = list(claim_ids)
    _check_report_size(project, claim_ids)
    settings = project.settings()
    values = dict(options or {})
    values.setdefault("organisation", settings.get("organisation", ""))
    report_options = ReportOptions(**values)
    claims = project.claims()
    if claim_ids is not None:
        wanted = set(claim_ids)
        claims = [c for c in claims if c.id in wanted]
    with_claims = {c.article_id for c in claims}
    articles = [a for a in project.articles() if a.id in with_claims]
    stem = Path(project.name).stem
    corrections, corrections_log, agreement = _method_sections(project, report_options)
    return ReportInput(
        title=title or report_options.title or f"Fact-check report — {stem}",
        project_name=stem,
        author=report_options.author or project.analyst,
        generated_at=datetime.now(),
        scale=project.verdict_scale(),
        articles=articles,
        claims=claims,
        options=report_options,
        corrections=corrections,
        corrections_log=corrections_log,
        agreement=agreement,
    )


def _method_sections(project: Project, options: ReportOptions) -> tuple[dict[int, str], Any, Any]:
    """The corrected claims' lines, and the corrections log and agreement sections when asked for."""
    from factcheck_app.domain.corrections import corrected_on
    from factcheck_app.services.corrections import corrected_claims, corrections_log

    corrections = {claim_id: corrected_on(version) for claim_id, version in corrected_claims(project).items()}
    log = None
    if options.includes("corrections"):
        from factcheck_app.exporters.corrections_log import corrections_section

        log = corrections_section(corrections_log(project), options.organisation)
    agreement = None
    if options.includes("agreement"):
        from factcheck_app.services.agreement import agreement_report

        agreement = agreement_report(project)
    return corrections, log, agreement


# A Word report is read by people: past this many claims it would run to tens of thousands of
# pages and need gigabytes to build (a 1M-claim project ended in a MemoryError after 54 s).
# Larger selections go to the formats that stream (CSV, ClaimReview) or are narrowed first.
MAX_REPORT_CLAIMS = 20_000


def _check_report_size(project: Project, claim_ids: list[int] | None) -> None:
    if claim_ids is not None:
        count = len(claim_ids)
    else:
        from sqlalchemy import func, select

        from factcheck_app.storage.orm import ClaimRow

        with project.read_session() as session:
            count = int(session.scalar(select(func.count(ClaimRow.id))) or 0)
    if count > MAX_REPORT_CLAIMS:
        raise InvalidInput(
            f"A Word report of {count:,} claims is too large to read or to build (the limit is "
            f"{MAX_REPORT_CLAIMS:,}): report one article or the claims a filter shows, or export the "
            "whole project as CSV or ClaimReview, which have no limit."
        )


def report_path(path: str | Path) -> Path:
    path = Path(path)
    return path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")


def write_report(report: ReportInput, path: str | Path) -> Path:
    """Write a prepared report (pure: safe on a worker thread); returns the file written."""
    from factcheck_app.exporters.docx_report import write_docx_report

    target = report_path(path)
    write_docx_report(report, target)
    return target


def export_report(
    project: Project,
    path: str | Path,
    *,
    fmt: str = "docx",
    title: str | None = None,
    options: Mapping[str, Any] | None = None,
    claim_ids: Iterable[int] | None = None,
) -> Path:
    """Prepare and write the report in one go (CLI, tests)."""
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(f"Unknown report format “{fmt}”; choose one of: {', '.join(REPORT_FORMATS)}.")
    return write_report(prepare_report(project, title=title, options=options, claim_ids=claim_ids), path)
