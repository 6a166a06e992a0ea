"""Exporting a project's claims as a report (Word now; open formats later)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.project import Project

REPORT_FORMATS = ("docx",)


def export_report(project: Project, path: str | Path, *, fmt: str = "docx", title: str | None = None) -> Path:
    """Write the report for every article that has claims; return the path written."""
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(f"Unknown report format “{fmt}”; choose one of: {', '.join(REPORT_FORMATS)}.")
    # NOTE: python-docx costs ~0.1 s to import; it is only loaded when a report is made.
    from factcheck_app.exporters.docx_report import ReportInput, write_docx_report

    path = Path(path)
    if path.suffix.lower() != ".docx":
        path = path.with_suffix(".docx")
    claims = project.claims()
    with_claims = {c.article_id for c in claims}
    articles = [a for a in project.articles() if a.id in with_claims]
    report = ReportInput(
        title=title or f"Fact-check report — {Path(project.name).stem}",
        project_name=project.name,
        author=project.analyst,
        generated_at=datetime.now(),
        scale=project.verdict_scale(),
        articles=articles,
        claims=claims,
    )
    write_docx_report(report, path)
    return path
