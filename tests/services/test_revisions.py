"""A new version of an article: old one kept, claims re-anchored, all undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.anchors import CHANGED, MOVED, ORPHANED, anchor_for_quote
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.articles import import_article_edit, import_revision_edit, latest_versions, version_chain
from factcheck_app.services.edits import CreateClaim, ReattachClaim
from shared_data import US_QUOTE


def revise(text: str) -> str:
    return "UPDATED 18:40 GMT with the Kremlin's reaction.\n" + text.replace(
        "has so far declined to commit to supporting", "has so far refused to commit to backing"
    ).replace("Kremlin spokesman Dmitry Peskov told reporters", "Dmitry Peskov said")


@pytest.fixture
def revised(project, coalition_article: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    edit = import_article_edit(coalition_article)
    project.apply(edit)
    text = project.article(edit.article_id).text
    ids = {}
    for quote in (
        US_QUOTE,
        "Kremlin spokesman Dmitry Peskov told reporters",
        "Europe has embarked on a militarisation",
    ):
        claim = CreateClaim(edit.article_id, anchor_for_quote(text, quote), verdict="True")
        project.apply(claim)
        ids[quote] = claim.claim_id
    new_file = tmp_path / "coalition-v2.txt"
    new_file.write_text(revise(text), encoding="utf-8")
    revision = import_revision_edit(edit.article_id, new_file)
    project.apply(revision)
    return project, edit.article_id, revision, ids


def test_old_version_is_kept_and_claims_move_to_the_new(revised) -> None:  # type: ignore[no-untyped-def]
    """Both versions exist; the claims now belong to version 2."""
    project, old_id, revision, _ids = revised
    new = project.article(revision.article_id)
    assert new.revision == 2 and new.revision_of == old_id
    assert project.article(old_id).text != new.text
    assert {c.article_id for c in project.claims()} == {new.id}
    assert [a.id for a in latest_versions(project.articles())] == [new.id]
    assert [a.id for a in version_chain(project.articles(), new.id)] == [old_id, new.id]


def test_each_claim_gets_its_anchor_state(revised) -> None:  # type: ignore[no-untyped-def]
    """Moved words follow, reworded ones are changed, vanished ones orphaned."""
    project, _old, revision, ids = revised
    new_text = project.article(revision.article_id).text
    moved = project.claim(ids["Europe has embarked on a militarisation"])
    changed = project.claim(ids[US_QUOTE])
    orphaned = project.claim(ids["Kremlin spokesman Dmitry Peskov told reporters"])
    assert moved.anchor_state == MOVED and moved.anchor.matches(new_text)
    assert changed.anchor_state == CHANGED and "refused to commit to backing" in changed.quote
    assert changed.anchor.matches(new_text)
    assert orphaned.anchor_state == ORPHANED and orphaned.quote == "Kremlin spokesman Dmitry Peskov told reporters"
    assert not orphaned.anchor.matches(new_text)
    assert revision.outcome == {MOVED: 1, CHANGED: 1, ORPHANED: 1}


def test_undo_of_a_revision_restores_claims_and_removes_it(revised) -> None:  # type: ignore[no-untyped-def]
    """Reverting the import puts every claim back where it was, on the old version."""
    project, old_id, revision, _ids = revised
    project.revert(revision)
    old_text = project.article(old_id).text
    assert [a.id for a in project.articles()] == [old_id]
    for claim in project.claims():
        assert claim.article_id == old_id and claim.anchor_state == "anchored"
        assert claim.anchor.matches(old_text)


def test_orphan_can_be_reattached_to_selected_words(revised) -> None:  # type: ignore[no-untyped-def]
    """The analyst selects the new wording and re-attaches the orphaned claim."""
    project, _old, revision, ids = revised
    claim_id = ids["Kremlin spokesman Dmitry Peskov told reporters"]
    text = project.article(revision.article_id).text
    edit = ReattachClaim(claim_id, anchor_for_quote(text, "Dmitry Peskov said"))
    project.apply(edit)
    claim = project.claim(claim_id)
    assert claim.anchor_state == "anchored" and claim.quote == "Dmitry Peskov said"
    project.revert(edit)
    assert project.claim(claim_id).anchor_state == ORPHANED


def test_revising_an_old_version_is_refused(revised, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Only the latest version can get a newer one, so history stays a line."""
    project, old_id, _revision, _ids = revised
    again = tmp_path / "again.txt"
    again.write_text("Something else entirely.\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="already has a newer version"):
        project.apply(import_revision_edit(old_id, again))
