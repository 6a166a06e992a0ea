"""The Word report shows a changed claim's checked wording beside its words now, word by word:
words that went struck through, words that came underlined (read back with python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.services.anchor_edits import ConfirmVerdictHolds
from factcheck_app.services.articles import import_article_edit, import_revision_edit
from factcheck_app.services.edits import CreateClaim
from factcheck_app.services.project import Project
from factcheck_app.services.reports import export_report

WALL = "The harbour wall will cost £85 million & more <b>to</b> rebuild."
NEW_WALL = "The harbour wall will cost £95 million & more <b>to</b> rebuild."
LIBRARY = "The mayor opened the new library on Monday."


def _changed_project(tmp_path: Path) -> tuple[Path, int, int]:
    first = tmp_path / "v1.txt"
    first.write_text(f"Harbour\n\n{WALL}\n\n{LIBRARY}\n", encoding="utf-8")
    second = tmp_path / "v2.txt"
    second.write_text(f"Harbour\n\n{NEW_WALL}\n\n{LIBRARY}\n", encoding="utf-8")
    path = tmp_path / "harbour.factcheck"
    with Project.create(path, analyst="ana") as project:
        imported = import_article_edit(first)
        project.apply(imported)
        ids = []
        for quote in (WALL, LIBRARY):
            claim = CreateClaim(imported.article_id, anchor_for_quote(project.article(imported.article_id).text, quote))  # type: ignore[arg-type]
            project.apply(claim)
            ids.append(claim.claim_id)
        project.apply(import_revision_edit(imported.article_id, second))  # type: ignore[arg-type]
    return path, ids[0], ids[1]  # type: ignore[return-value]


def _runs_after(document: docx.document.Document, label: str) -> list[tuple[str, bool, bool]]:
    """(text, struck, underlined) of each run of the paragraph that starts with ``label``."""
    paragraph = next(p for p in document.paragraphs if p.text.startswith(label))
    return [(run.text, bool(run.font.strike), bool(run.font.underline)) for run in paragraph.runs]


def test_a_changed_claim_shows_the_checked_wording_and_the_new_one(tmp_path: Path) -> None:
    path, wall_id, _library_id = _changed_project(tmp_path)
    with Project.open(path, read_only=True) as project:
        report = export_report(project, tmp_path / "report.docx")
    document = docx.Document(str(report))
    checked = _runs_after(document, "Checked wording: ")
    now = _runs_after(document, "Now: ")
    assert "".join(text for text, _s, _u in checked) == f"Checked wording: {WALL}"  # markup signs stay text
    assert "".join(text for text, _s, _u in now) == f"Now: {NEW_WALL}"
    assert [text for text, struck, _u in checked if struck] == ["85"]
    assert [text for text, _s, underlined in now if underlined] == ["95"]
    assert not any(underlined for _t, _s, underlined in checked) and not any(struck for _t, struck, _u in now)
    assert sum(p.text.startswith("Checked wording: ") for p in document.paragraphs) == 1  # the moved claim has none

    with Project.open(path, analyst="bea") as project:
        project.apply(ConfirmVerdictHolds(wall_id))
        again = export_report(project, tmp_path / "confirmed.docx")
    assert not any(p.text.startswith("Checked wording: ") for p in docx.Document(str(again)).paragraphs)
