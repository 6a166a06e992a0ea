"""The corrections log: every correction of a published claim, as a desk publishes it.

A CSV file (one row per correction, formula-like cells defused as in csv_export) and the
content of a Word section (``corrections_section``), which ``add_corrections_section`` puts
into a python-docx document (the Word report's optional section, or a document of its own).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from factcheck_app.exporters.atomic import atomic_output
from factcheck_app.exporters.csv_export import defuse

COLUMNS = (
    "claim_id",
    "quote",
    "claim_reviewed",
    "claimant",
    "article_title",
    "article_url",
    "first_published",
    "corrected_at",
    "corrected_by",
    "verdict_before",
    "verdict_after",
    "rationale_changed",
    "correction_note",
    "version",
)


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    claim_id: int
    quote: str  # "" when the claim was deleted since
    restated: str
    claimant: str
    article_title: str
    article_url: str
    first_published: datetime
    corrected_at: datetime
    corrected_by: str
    verdict_before: str | None
    verdict_after: str | None
    rationale_changed: bool
    note: str
    version: int  # the published version this correction made (2 for the first correction)

    @property
    def corrected_on(self) -> str:
        """'Corrected on 2026-05-04 — note': the line under the claim in a report."""
        return f"Corrected on {self.corrected_at.date().isoformat()} — {self.note}"

    @property
    def change(self) -> str:
        parts = []
        if self.verdict_before != self.verdict_after:
            parts.append(f"verdict {self.verdict_before or 'none'} → {self.verdict_after or 'none'}")
        if self.rationale_changed:
            parts.append("rationale revised")
        return "; ".join(parts)


def csv_row(entry: CorrectionEntry) -> dict[str, str]:
    return {
        "claim_id": str(entry.claim_id),
        "quote": defuse(entry.quote),
        "claim_reviewed": defuse(entry.restated),
        "claimant": defuse(entry.claimant),
        "article_title": defuse(entry.article_title),
        "article_url": defuse(entry.article_url),
        "first_published": entry.first_published.isoformat(timespec="seconds"),
        "corrected_at": entry.corrected_at.isoformat(timespec="seconds"),
        "corrected_by": defuse(entry.corrected_by),
        "verdict_before": defuse(entry.verdict_before or ""),
        "verdict_after": defuse(entry.verdict_after or ""),
        "rationale_changed": "yes" if entry.rationale_changed else "no",
        "correction_note": defuse(entry.note),
        "version": str(entry.version),
    }


def render_corrections_csv(entries: Sequence[CorrectionEntry]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(csv_row(entry))
    return buffer.getvalue()


def write_corrections_csv(entries: Sequence[CorrectionEntry], path: str | Path) -> int:
    """Write the log (UTF-8 with BOM, so spreadsheets read accents); returns the rows written."""
    with atomic_output(Path(path), "corrections log") as stream:
        stream.write(render_corrections_csv(entries).encode("utf-8-sig"))
    return len(entries)


@dataclass(frozen=True, slots=True)
class SectionItem:
    heading: str  # the claim (restated, else the quote)
    lines: tuple[str, ...]  # "Corrected on … — …", the change, where it appeared


@dataclass(frozen=True, slots=True)
class CorrectionsSection:
    title: str
    intro: str
    items: tuple[SectionItem, ...]


def corrections_section(entries: Sequence[CorrectionEntry], organisation: str = "") -> CorrectionsSection:
    """The Word section's content: one item per correction, newest first as given."""
    who = organisation or "We"
    intro = (
        f"{who} correct{'s' if organisation else ''} errors openly. Each correction below says when it was "
        "made, what changed and why."
        if entries
        else "No published fact check has been corrected."
    )
    items = []
    for entry in entries:
        heading = entry.restated or entry.quote or f"Claim {entry.claim_id} (since withdrawn)"
        lines = [entry.corrected_on]
        if entry.change:
            lines.append(f"Change: {entry.change}.")
        if entry.article_title:
            lines.append(f"In: {entry.article_title}" + (f" ({entry.article_url})" if entry.article_url else ""))
        items.append(SectionItem(heading, tuple(lines)))
    return CorrectionsSection("Corrections", intro, tuple(items))


def add_corrections_section(document: Any, section: CorrectionsSection, level: int = 1) -> None:
    """Append the section to a python-docx ``Document`` (heading, intro, one block per correction)."""
    document.add_heading(section.title, level=level)
    document.add_paragraph(section.intro)
    for item in section.items:
        document.add_heading(item.heading, level=level + 1)
        for line in item.lines:
            document.add_paragraph(line)
