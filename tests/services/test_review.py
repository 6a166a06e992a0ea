"""Review workflow, claim details and the history log, through the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.archive import export_archive, import_archive
from factcheck_app.services.edits import CreateClaim, SetClaimDetails, SetStatus, SetVerdict
from factcheck_app.services.project import Project

QUOTE = "carry 50,000 passengers a day"


@pytest.fixture
def claim_id(imported) -> int:  # type: ignore[no-untyped-def]
    project, article = imported
    edit = CreateClaim(article.id, anchor_for_quote(article.text, QUOTE), verdict="Mostly false")
    project.apply(edit)
    return edit.claim_id


def as_analyst(project: Project, name: str) -> Project:
    project.analyst = name
    return project


def test_claim_details_are_stored_and_undoable(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """Restated claim, claimant and claim date are set in one undoable edit."""
    project, _ = imported
    edit = SetClaimDetails(
        claim_id, restated="The tram will carry 50,000 people daily.", claimant="City hall", claim_date=date(2026, 3, 1)
    )
    project.apply(edit)
    claim = project.claim(claim_id)
    assert (claim.restated, claim.claimant, claim.claim_date) == (
        "The tram will carry 50,000 people daily.",
        "City hall",
        date(2026, 3, 1),
    )
    project.revert(edit)
    assert project.claim(claim_id).claimant == ""


def test_author_cannot_approve_their_own_claim(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """Approval needs a second person: the author is refused even when named reviewer."""
    project, _ = imported
    project.apply(SetClaimDetails(claim_id, reviewer="tester"))
    with pytest.raises(InvalidInput, match="cannot approve"):
        project.apply(SetStatus(claim_id, "approved"))
    assert project.claim(claim_id).status == "draft"


def test_reviewer_signs_off_and_it_is_recorded(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """draft → in review → approved (by the reviewer, recorded) → published; undo clears the sign-off."""
    project, _ = imported
    project.apply(SetClaimDetails(claim_id, reviewer="Rita Reviewer", assignee="tester"))
    project.apply(SetStatus(claim_id, "in_review"))
    with pytest.raises(InvalidInput, match="Only the reviewer"):
        as_analyst(project, "Someone Else").apply(SetStatus(claim_id, "approved"))
    approve = SetStatus(claim_id, "approved")
    as_analyst(project, "Rita Reviewer").apply(approve)
    claim = project.claim(claim_id)
    assert claim.status == "approved" and claim.approved_by == "Rita Reviewer" and claim.approved_at is not None
    publish = SetStatus(claim_id, "published")
    project.apply(publish)
    assert project.claim(claim_id).status == "published"
    project.revert(publish)
    project.revert(approve)
    claim = project.claim(claim_id)
    assert claim.status == "in_review" and claim.approved_by == "" and claim.approved_at is None


def test_publishing_needs_approval_and_approval_needs_a_verdict(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """A draft cannot be published; a claim without verdict cannot be approved."""
    project, _ = imported
    with pytest.raises(InvalidInput, match="Only an approved claim"):
        project.apply(SetStatus(claim_id, "published"))
    project.apply(SetVerdict(claim_id, None))
    project.apply(SetClaimDetails(claim_id, reviewer="Rita"))
    with pytest.raises(InvalidInput, match="needs a verdict"):
        as_analyst(project, "Rita").apply(SetStatus(claim_id, "approved"))


def test_history_records_who_changed_what_and_when(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """Every edit appends the claim's new state with the analyst; undo is recorded too."""
    project, _ = imported
    verdict = SetVerdict(claim_id, "False")
    as_analyst(project, "Ana").apply(verdict)
    as_analyst(project, "Ben").revert(verdict)
    entries = project.history("claim", claim_id)
    assert [e.action for e in entries] == ["New claim", "Set verdict", "Undo: Set verdict"]
    assert [e.analyst for e in entries] == ["tester", "Ana", "Ben"]
    assert [e.state["verdict"] for e in entries] == ["Mostly false", "False", "Mostly false"]


def test_review_fields_and_history_survive_an_archive_round_trip(imported, claim_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The archive carries the review fields and the whole history log."""
    project, _ = imported
    project.apply(SetClaimDetails(claim_id, claimant="City hall", reviewer="Rita", claim_date=date(2026, 3, 1)))
    as_analyst(project, "Rita").apply(SetStatus(claim_id, "approved"))
    archive = export_archive(project, tmp_path / "with-review")
    copy = import_archive(archive, tmp_path / "copy.factcheck")
    with Project.open(copy) as restored:
        assert restored.claim(claim_id) == project.claim(claim_id)
        assert restored.history("claim", claim_id) == project.history("claim", claim_id)


def test_evidence_is_stored_editable_undoable_and_archived(imported, claim_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A source cited with excerpt, location and stance; edited; undone; carried by the archive."""
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import AddSource, RemoveSource, SetEvidence

    project, _ = imported
    source = Source(
        None, "https://stats.example.org/ridership", "Ridership 2026", kind="dataset", author="Transit office"
    )
    add = AddSource(
        claim_id, source, excerpt="31,200 average weekday boardings", location="table 3", stance="contradicts"
    )
    project.apply(add)
    evidence = project.claim(claim_id).evidence[0]
    assert (evidence.excerpt, evidence.location, evidence.stance) == (
        "31,200 average weekday boardings",
        "table 3",
        "contradicts",
    )
    assert evidence.source.kind == "dataset" and evidence.source.author == "Transit office"
    change = SetEvidence(
        claim_id, add.source_id, excerpt="31,200 boardings", location="p. 4, table 3", stance="context"
    )
    project.apply(change)
    assert project.claim(claim_id).evidence[0].stance == "context"
    project.revert(change)
    assert project.claim(claim_id).evidence[0].location == "table 3"
    remove = RemoveSource(claim_id, add.source_id)
    project.apply(remove)
    project.revert(remove)
    assert project.claim(claim_id).evidence[0].excerpt == "31,200 average weekday boardings"
    with pytest.raises(InvalidInput, match="not a stance"):
        SetEvidence(claim_id, add.source_id, excerpt="", location="", stance="maybe")
    copy = import_archive(export_archive(project, tmp_path / "evidence"), tmp_path / "copy.factcheck")
    with Project.open(copy) as restored:
        assert restored.claim(claim_id).evidence == project.claim(claim_id).evidence


def test_library_source_edit_shows_in_every_citing_claim(imported, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    """Correcting a library source changes it for all claims citing it; undo; duplicate address refused."""
    from dataclasses import replace

    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import AddSource, UpdateSource

    project, article = imported
    add = AddSource(claim_id, Source(None, "https://example.org/a", "Old title"))
    project.apply(add)
    other = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "cost twice the budget"),
        sources=[Source(None, "https://example.org/a")],
    )
    project.apply(other)
    [source] = [s for s in project.sources() if s.url == "https://example.org/a"]
    edit = UpdateSource(replace(source, title="Corrected title", kind="dataset"))
    changes = project.apply(edit)
    assert changes.claims_updated == {claim_id, other.claim_id}
    assert project.claim(other.claim_id).sources[0].title == "Corrected title"
    project.revert(edit)
    assert project.claim(claim_id).sources[0].title == "Old title"
    project.apply(AddSource(claim_id, Source(None, "https://example.org/b", "B")))
    with pytest.raises(InvalidInput, match="already has the address"):
        project.apply(UpdateSource(replace(source, url="https://example.org/b")))


def test_setting_changes_are_in_the_history_too(imported) -> None:  # type: ignore[no-untyped-def]
    """Project settings (rules, organisation…) leave an entry: who changed what, when."""
    from factcheck_app.services.edits import SetProjectSetting

    project, _ = imported
    as_analyst(project, "Editor").apply(SetProjectSetting("gates.mode", "block"))
    [entry] = project.history("setting", 0)
    assert entry.analyst == "Editor" and entry.state == {"gates.mode": "block"}
