"""The Word report carries the method: "Corrected on … — …" under a corrected claim, and, when asked
for, the corrections log and the agreement of blind second verdicts. Real projects through the
services, real .docx files read back with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.claims import APPROVED, IN_REVIEW
from factcheck_app.services.edits import CreateClaim, SetClaimDetails, SetStatus
from factcheck_app.services.reports import export_report
from factcheck_app.services.review_edits import (
    AnswerSecondOpinion,
    PublishClaim,
    RecordCorrection,
    RequestSecondOpinions,
)


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _corrected_desk(imported):  # type: ignore[no-untyped-def]
    project, article = imported
    project.analyst = "anna"
    create = CreateClaim(
        article.id, anchor_for_quote(article.text, "cost twice the budget"), verdict="False", rationale="10% over."
    )
    project.apply(create)
    claim_id = create.claim_id
    request = RequestSecondOpinions([claim_id], "bob")
    project.apply(request)
    project.analyst = "bob"
    project.apply(AnswerSecondOpinion(request.opinion_ids[0], "False", "The audit agrees."))
    project.analyst = "anna"
    project.apply(SetClaimDetails(claim_id, reviewer="carla"))
    project.apply(SetStatus(claim_id, IN_REVIEW))
    project.analyst = "carla"
    project.apply(SetStatus(claim_id, APPROVED))
    project.apply(PublishClaim(claim_id))
    project.apply(RecordCorrection(claim_id, "The overrun is 40%, not 10%.", rationale="40% over."))
    return project, claim_id


def test_a_corrected_claim_says_so_under_its_verdict_and_the_log_and_agreement_are_sections(
    imported, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project, _claim_id = _corrected_desk(imported)
    today = date.today().isoformat()

    usual = export_report(project, tmp_path / "usual.docx")
    texts = _texts(usual)
    line = f"Corrected on {today} — The overrun is 40%, not 10%."
    verdict_at = next(i for i, t in enumerate(texts) if t.startswith("Verdict: False"))
    assert texts[verdict_at + 1] == line
    assert "Corrections" not in texts and "Agreement of second verdicts" not in texts  # asked for, not default

    full = export_report(
        project,
        tmp_path / "full.docx",
        options={"sections": ("cover", "claims", "corrections", "agreement")},
    )
    texts = _texts(full)
    log_at = texts.index(next(t for t in texts if t.startswith("Corrections")))
    assert any("The overrun is 40%, not 10%." in t for t in texts[log_at:])
    agreement_at = texts.index("Agreement of second verdicts")
    assert texts[agreement_at + 1].startswith("All pairs: 1 of 1 verdicts agree (100.0%)")
    assert any(t.startswith("anna and bob: 1 of 1") or t.startswith("bob and anna: 1 of 1") for t in texts)


def test_a_report_too_large_to_read_is_refused_before_anything_is_loaded(imported, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past the limit the report is refused in one line that says what to do instead; no file is made.
    (The limit is lowered here; a 1M-claim project ended in a MemoryError before the limit existed.)"""
    import pytest

    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services import reports

    project, article = imported
    for quote in ("carry 50,000 passengers a day", "cost twice the budget", "open in 2027"):
        project.apply(CreateClaim(article.id, anchor_for_quote(article.text, quote)))
    monkeypatch.setattr(reports, "MAX_REPORT_CLAIMS", 2)
    with pytest.raises(InvalidInput, match=r"3 claims is too large.*CSV or ClaimReview"):
        export_report(project, tmp_path / "big.docx")
    assert not (tmp_path / "big.docx").exists()
    ids = [c.id for c in project.claims()][:2]
    assert export_report(project, tmp_path / "two.docx", claim_ids=iter(ids)).exists()  # a chosen few: fine
