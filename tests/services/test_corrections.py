"""The corrections ledger through the services: published versions, corrections, complaints, the log."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.claims import APPROVED, DRAFT, IN_REVIEW
from factcheck_app.domain.corrections import COMPLAINT_DAYS_SETTING
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.exporters.corrections_log import (
    add_corrections_section,
    corrections_section,
    write_corrections_csv,
)
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.corrections import (
    claimreview_corrections,
    complaint,
    complaints,
    corrected_claims,
    corrections_log,
    needs_correction_note,
    overdue_complaints,
    published_versions,
    unrecorded_corrections,
)
from factcheck_app.services.edits import CreateClaim, SetClaimDetails, SetProjectSetting, SetStatus, SetVerdict
from factcheck_app.services.project import Project
from factcheck_app.services.review_edits import (
    AddComplaint,
    CloseComplaint,
    HandleComplaint,
    PublishClaim,
    RecordCorrection,
)

FRIDAY_EVENING = datetime(2026, 5, 1, 18, 0)  # a Friday


def as_analyst(project: Project, name: str) -> Project:
    project.analyst = name
    return project


def approve(project: Project, claim_id: int) -> None:
    as_analyst(project, "anna")
    project.apply(SetClaimDetails(claim_id, reviewer="carla"))
    project.apply(SetStatus(claim_id, IN_REVIEW))
    as_analyst(project, "carla")
    project.apply(SetStatus(claim_id, APPROVED))


@pytest.fixture
def published(imported) -> tuple[Project, int, PublishClaim]:  # type: ignore[no-untyped-def]
    """A claim rated False by Anna, approved by Carla and published."""
    project, article = imported
    as_analyst(project, "anna")
    create = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "cost twice the budget"),
        verdict="False",
        rationale="The audit shows a 10% overrun.",
    )
    project.apply(create)
    assert create.claim_id is not None
    approve(project, create.claim_id)
    publish = PublishClaim(create.claim_id)
    project.apply(publish)
    return project, create.claim_id, publish


def test_publishing_keeps_the_published_version(published) -> None:  # type: ignore[no-untyped-def]
    project, claim_id, _ = published
    (version,) = published_versions(project, claim_id)
    assert (version.number, version.verdict, version.rationale) == (1, "False", "The audit shows a 10% overrun.")
    assert version.published_by == "carla" and not version.is_correction
    assert project.claim(claim_id).status == "published"


def test_a_change_after_publication_needs_a_note_and_keeps_every_version(published) -> None:  # type: ignore[no-untyped-def]
    project, claim_id, _ = published
    assert not needs_correction_note(project, claim_id, "False", "The audit shows a 10% overrun. ")
    assert needs_correction_note(project, claim_id, "Mostly false", "The audit shows a 10% overrun.")
    assert needs_correction_note(project, claim_id, "False", "The audit shows a 40% overrun.")
    with pytest.raises(InvalidInput, match="correction note"):
        RecordCorrection(claim_id, "  ")
    with pytest.raises(InvalidInput, match="nothing to correct"):
        project.apply(RecordCorrection(claim_id, "Re-read it."))
    project.apply(
        RecordCorrection(claim_id, "The overrun is 40%, not 10%.", rationale="The audit shows a 40% overrun.")
    )
    project.apply(RecordCorrection(claim_id, "The plan doubled after all.", verdict="True"))
    versions = published_versions(project, claim_id)
    assert [(v.number, v.verdict, v.rationale) for v in versions] == [
        (1, "False", "The audit shows a 10% overrun."),
        (2, "False", "The audit shows a 40% overrun."),
        (3, "True", "The audit shows a 40% overrun."),
    ]
    assert corrected_claims(project)[claim_id].correction_note == "The plan doubled after all."
    log = corrections_log(project)
    assert [(e.version, e.verdict_before, e.verdict_after, e.rationale_changed) for e in log] == [
        (3, "False", "True", False),
        (2, "False", "False", True),
    ]


def test_an_edit_made_without_a_note_shows_in_problems(published) -> None:  # type: ignore[no-untyped-def]
    """A verdict changed on a published claim by a plain edit: Problems says so until a note is recorded."""
    project, claim_id, _ = published
    project.apply(SetVerdict(claim_id, "Mostly false"))
    (problem,) = unrecorded_corrections(project)
    assert problem.claim_id == claim_id and problem.rule == "correction_note"
    project.apply(RecordCorrection(claim_id, "Some buses count towards the budget."))
    assert unrecorded_corrections(project) == []
    assert published_versions(project, claim_id)[-1].verdict == "Mostly false"


def test_publishing_again_with_a_change_is_a_correction(published) -> None:  # type: ignore[no-untyped-def]
    """Back to draft, verdict changed, published again: refused without a note, kept with one."""
    project, claim_id, _ = published
    as_analyst(project, "anna")
    project.apply(SetStatus(claim_id, DRAFT))
    assert not needs_correction_note(project, claim_id, "True", "")  # not published now: an ordinary edit
    project.apply(SetVerdict(claim_id, "Half true"))
    approve(project, claim_id)
    with pytest.raises(InvalidInput, match="correction note"):
        project.apply(PublishClaim(claim_id))
    project.apply(PublishClaim(claim_id, note="Half of the extra cost is a new depot."))
    assert [v.verdict for v in published_versions(project, claim_id)] == ["False", "Half true"]


def test_corrections_undo_and_redo(published) -> None:  # type: ignore[no-untyped-def]
    """Undo of a correction puts verdict and versions back; undo of publishing removes version 1."""
    project, claim_id, publish = published
    correction = RecordCorrection(claim_id, "The plan doubled after all.", verdict="True")
    project.apply(correction)
    project.revert(correction)
    assert project.claim(claim_id).verdict == "False"
    assert len(published_versions(project, claim_id)) == 1 and corrected_claims(project) == {}
    project.apply(correction)
    assert project.claim(claim_id).verdict == "True"
    with pytest.raises(EditConflict, match="corrected again"):
        project.revert(publish)  # version 1 is not the latest any more
    project.revert(correction)
    project.revert(publish)
    assert published_versions(project, claim_id) == [] and project.claim(claim_id).status == "approved"


def test_complaint_due_seven_working_days_later_across_a_weekend(published) -> None:  # type: ignore[no-untyped-def]
    """Received Friday evening: due Tuesday 12 May; overdue from Wednesday 13; closing clears it."""
    project, claim_id, _ = published
    add = AddComplaint(claim_id, "A. Reader", "The audit is from 2024.", channel="email", received_at=FRIDAY_EVENING)
    project.apply(add)
    assert add.complaint_id is not None
    assert complaint(project, add.complaint_id).due == date(2026, 5, 12)
    assert overdue_complaints(project, date(2026, 5, 12)) == []
    (late,) = overdue_complaints(project, date(2026, 5, 13))
    assert late.claim_id == claim_id and late.rule == "complaint_overdue" and "A. Reader" in late.message
    handle = HandleComplaint(
        add.complaint_id, handling="Asked the audit office.", seen=complaint(project, add.complaint_id)
    )
    project.apply(handle)
    close = CloseComplaint(add.complaint_id, "Upheld: the 2025 audit is cited now.")
    project.apply(close)
    assert overdue_complaints(project, date(2026, 5, 13)) == []
    closed = complaint(project, add.complaint_id)
    assert (closed.handling, closed.outcome, closed.closed_by) == (
        "Asked the audit office.",
        "Upheld: the 2025 audit is cited now.",
        "carla",
    )
    actions = [e.action for e in project.history("claim", claim_id)]
    assert {"Complaint from A. Reader (email)", "Handle complaint", "Close complaint"} <= set(actions)

    project.revert(close)
    assert complaint(project, add.complaint_id).is_open
    project.revert(handle)
    assert complaint(project, add.complaint_id).handling == ""
    project.revert(add)
    assert complaints(project) == []


def test_deadline_follows_the_project_setting(published) -> None:  # type: ignore[no-untyped-def]
    project, claim_id, _ = published
    project.apply(SetProjectSetting(COMPLAINT_DAYS_SETTING, "2"))
    add = AddComplaint(claim_id, "B. Reader", "Typo in the quote.", received_at=FRIDAY_EVENING)
    project.apply(add)
    assert add.due == date(2026, 5, 5)


def test_complaints_are_about_published_claims_and_close_once(imported, published) -> None:  # type: ignore[no-untyped-def]
    project, claim_id, _ = published
    _, article = imported
    draft = CreateClaim(article.id, anchor_for_quote(article.text, "open in 2027"), verdict="True")
    project.apply(draft)
    assert draft.claim_id is not None
    with pytest.raises(InvalidInput, match="never published"):
        project.apply(AddComplaint(draft.claim_id, "C. Reader", "Why?"))
    add = AddComplaint(claim_id, "C. Reader", "Why?")
    project.apply(add)
    assert add.complaint_id is not None
    with pytest.raises(InvalidInput, match="outcome"):
        project.apply(CloseComplaint(add.complaint_id))
    project.apply(CloseComplaint(add.complaint_id, "Explained the method."))
    with pytest.raises(InvalidInput, match="already closed"):
        project.apply(CloseComplaint(add.complaint_id, "Again."))


def test_corrections_log_csv_word_section_and_claimreview(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The log as a CSV a desk can publish, a Word section read back, ClaimReview's dateModified."""
    project, claim_id, _ = published
    project.apply(RecordCorrection(claim_id, "=The plan doubled after all.", verdict="True"))
    log = corrections_log(project)
    path = tmp_path / "corrections.csv"
    assert write_corrections_csv(log, path) == 1
    with path.open(encoding="utf-8-sig", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["claim_id"] == str(claim_id)
    assert row["correction_note"] == "'=The plan doubled after all."  # defused for spreadsheets
    assert (row["verdict_before"], row["verdict_after"], row["quote"]) == ("False", "True", "cost twice the budget")

    document = Document()
    add_corrections_section(document, corrections_section(log, "Tram Check"))
    saved = tmp_path / "log.docx"
    document.save(str(saved))
    texts = [p.text for p in Document(str(saved)).paragraphs]
    day = log[0].corrected_at.date().isoformat()
    assert "Corrections" in texts
    assert f"Corrected on {day} — =The plan doubled after all." in texts
    assert "Change: verdict False → True." in texts

    assert claimreview_corrections(project) == {claim_id: (day, "=The plan doubled after all.")}
