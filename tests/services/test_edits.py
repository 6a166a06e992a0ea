"""Edits through the services: applied, reverted, re-applied, and committed as made."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import InvalidInput, NotFound, ProjectReadOnly
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    DeleteClaim,
    RemoveSource,
    SetRationale,
    SetTags,
    SetVerdict,
)
from factcheck_app.services.project import Project

QUOTE = "carry 50,000 passengers a day"


def _claim(project, article, **kwargs) -> CreateClaim:  # type: ignore[no-untyped-def]
    edit = CreateClaim(article.id, anchor_for_quote(article.text, QUOTE), **kwargs)
    project.apply(edit)
    return edit


def test_create_claim_stores_everything_and_reports_it(imported) -> None:  # type: ignore[no-untyped-def]
    """A new claim keeps its quote, tags, verdict, rationale, sources and author."""
    project, article = imported
    edit = CreateClaim(
        article.id,
        anchor_for_quote(article.text, QUOTE),
        tags=["Transport", "Numbers"],
        verdict="mostly false",
        rationale="Ridership study says 31,000.",
        sources=[Source(None, "https://example.org/study", "Ridership study")],
    )
    changes = project.apply(edit)
    assert changes.claims_added == {edit.claim_id}
    claim = project.claim(edit.claim_id)
    assert claim.quote == QUOTE
    assert article.text[claim.anchor.start : claim.anchor.end] == QUOTE
    assert claim.tags == ("Transport", "Numbers")
    assert claim.verdict == "Mostly false"
    assert claim.sources[0].url == "https://example.org/study"
    assert claim.created_by == "tester"


def test_undo_and_redo_of_create_keep_the_same_id(imported) -> None:  # type: ignore[no-untyped-def]
    """Revert removes the claim and its new source; apply brings both back under the same ids."""
    project, article = imported
    edit = _claim(project, article, sources=[Source(None, "https://example.org/a", "A")])
    first_id = edit.claim_id
    project.revert(edit)
    assert project.claims() == []
    project.apply(edit)
    assert edit.claim_id == first_id
    assert project.claim(first_id).sources[0].title == "A"


@pytest.mark.parametrize(
    ("make", "read"),
    [
        (lambda cid: SetVerdict(cid, "False"), lambda c: c.verdict),
        (lambda cid: SetRationale(cid, "New reasoning"), lambda c: c.rationale),
        (lambda cid: SetTags(cid, ["US position"]), lambda c: c.tags),
    ],
    ids=["verdict", "rationale", "tags"],
)
def test_updates_revert_to_the_old_value(imported, make, read) -> None:  # type: ignore[no-untyped-def]
    """Each update can be undone and redone exactly."""
    project, article = imported
    claim_id = _claim(project, article, verdict="True", rationale="Old", tags=["Old tag"]).claim_id
    before = read(project.claim(claim_id))
    edit = make(claim_id)
    assert project.apply(edit).claims_updated == {claim_id}
    after = read(project.claim(claim_id))
    assert after != before
    project.revert(edit)
    assert read(project.claim(claim_id)) == before
    project.apply(edit)
    assert read(project.claim(claim_id)) == after


def test_update_bumps_version_and_stamps_analyst(imported) -> None:  # type: ignore[no-untyped-def]
    """Editable rows carry a version; edits record who made them."""
    project, article = imported
    claim_id = _claim(project, article).claim_id
    version = project.claim(claim_id).version
    project.apply(SetVerdict(claim_id, "Half true"))
    claim = project.claim(claim_id)
    assert claim.version == version + 1
    assert claim.updated_by == "tester"


def test_sources_add_remove_and_undo(imported) -> None:  # type: ignore[no-untyped-def]
    """Adding and removing a source are undoable; a repeated source is refused."""
    project, article = imported
    claim_id = _claim(project, article).claim_id
    add = AddSource(claim_id, Source(None, "https://example.org/x", "X", note="p. 3"))
    project.apply(add)
    assert [s.title for s in project.claim(claim_id).sources] == ["X"]
    with pytest.raises(InvalidInput, match="already cites"):
        project.apply(AddSource(claim_id, Source(None, "https://example.org/x")))
    remove = RemoveSource(claim_id, add.source_id)
    project.apply(remove)
    assert project.claim(claim_id).sources == ()
    project.revert(remove)
    assert project.claim(claim_id).sources[0].note == "p. 3"
    project.revert(add)
    assert project.claim(claim_id).sources == ()


def test_one_source_serves_many_claims(imported) -> None:  # type: ignore[no-untyped-def]
    """The same URL on two claims is one source in the library."""
    project, article = imported
    first = _claim(project, article, sources=[Source(None, "https://example.org/s", "S")])
    second = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "cost twice the budget"),
        sources=[Source(None, "https://example.org/s", "S")],
    )
    project.apply(second)
    assert project.claim(first.claim_id).sources[0].id == project.claim(second.claim_id).sources[0].id


def test_delete_claim_and_undo_restores_it_whole(imported) -> None:  # type: ignore[no-untyped-def]
    """Undoing a delete brings back tags, verdict, rationale and sources."""
    project, article = imported
    edit = _claim(project, article, tags=["T"], verdict="False", rationale="R", sources=[Source(None, "https://e.org")])
    before = project.claim(edit.claim_id)
    delete = DeleteClaim(edit.claim_id)
    project.apply(delete)
    with pytest.raises(NotFound):
        project.claim(edit.claim_id)
    project.revert(delete)
    after = project.claim(edit.claim_id)
    assert (after.quote, after.tags, after.verdict, after.rationale, after.sources) == (
        before.quote,
        before.tags,
        before.verdict,
        before.rationale,
        before.sources,
    )


def test_every_edit_is_committed_when_made(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A second connection sees an edit at once: there is no Save step."""
    project, article = imported
    edit = _claim(project, article, verdict="True")
    with Project.open(project.location.target, read_only=True) as other:
        assert other.claim(edit.claim_id).verdict == "True"


def test_read_only_project_refuses_edits(imported) -> None:  # type: ignore[no-untyped-def]
    """A read-only window cannot change the project."""
    project, article = imported
    with Project.open(project.location.target, read_only=True) as viewer, pytest.raises(ProjectReadOnly):
        viewer.apply(CreateClaim(article.id, anchor_for_quote(article.text, QUOTE)))
    assert project.claims() == []


def test_anchor_that_no_longer_matches_is_refused(imported) -> None:  # type: ignore[no-untyped-def]
    """A claim cannot be made on words that are not at the given offsets."""
    project, article = imported
    anchor = anchor_for_quote(article.text, QUOTE)
    from dataclasses import replace

    with pytest.raises(InvalidInput, match="no longer"):
        project.apply(CreateClaim(article.id, replace(anchor, start=anchor.start + 1, end=anchor.end + 1)))
    assert project.claims() == []


def test_unknown_verdict_is_refused_without_change(imported) -> None:  # type: ignore[no-untyped-def]
    """A verdict outside the scale is refused and the claim keeps its old one."""
    project, article = imported
    claim_id = _claim(project, article, verdict="True").claim_id
    with pytest.raises(InvalidInput, match="not a verdict"):
        project.apply(SetVerdict(claim_id, "Pants on fire"))
    assert project.claim(claim_id).verdict == "True"


def test_everything_survives_close_and_reopen(imported) -> None:  # type: ignore[no-untyped-def]
    """Close the project, open it again: all is there as it was."""
    project, article = imported
    edit = _claim(project, article, tags=["A"], verdict="False", rationale="R", sources=[Source(None, "https://e.org")])
    before = project.claim(edit.claim_id)
    target = project.location.target
    project.close()
    with Project.open(target) as reopened:
        assert reopened.claim(edit.claim_id) == before
        assert reopened.article(article.id) == article


def test_project_settings_are_undoable(project) -> None:  # type: ignore[no-untyped-def]
    """Setting the organisation name is stored at once and can be undone."""
    from factcheck_app.services.edits import SetProjectSetting

    edit = SetProjectSetting("organisation", "Newsroom Verification Desk")
    project.apply(edit)
    assert project.settings()["organisation"] == "Newsroom Verification Desk"
    project.revert(edit)
    assert "organisation" not in project.settings()


def test_tags_with_non_ascii_capitals_are_one_tag(imported) -> None:  # type: ignore[no-untyped-def]
    """'Économie' and 'économie' on two claims are the same tag (SQLite's lower() is ASCII-only)."""
    project, article = imported
    first = _claim(project, article, tags=["Économie"])
    second = CreateClaim(article.id, anchor_for_quote(article.text, "cost twice the budget"), tags=["économie"])
    project.apply(second)
    assert project.claim(first.claim_id).tags == ("Économie",)
    assert project.claim(second.claim_id).tags == ("Économie",)
