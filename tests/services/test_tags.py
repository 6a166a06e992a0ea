"""The codebook: rename (children follow), merge, delete, colour — every one undoable."""

from __future__ import annotations

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.edits import CreateClaim, DeleteTag, RenameTag, SetTagColour


@pytest.fixture
def tagged(imported):  # type: ignore[no-untyped-def]
    project, article = imported
    ids = []
    for quote, tags in (
        ("carry 50,000 passengers a day", ["Transport/Trams", "Numbers"]),
        ("cost twice the budget", ["Budget", "Transport"]),
        ("open in 2027", ["Transport/Trams", "Budget"]),
    ):
        edit = CreateClaim(article.id, anchor_for_quote(article.text, quote), tags=tags)
        project.apply(edit)
        ids.append(edit.claim_id)
    return project, ids


def snapshot(project):  # type: ignore[no-untyped-def]
    return [(c.id, c.tags) for c in project.claims()], [(t.name, t.colour, t.claims) for t in project.tags()]


def test_codebook_counts_and_hierarchy(tagged) -> None:  # type: ignore[no-untyped-def]
    """Tags are listed by path with their claim counts; 'Transport/Trams' is a child of 'Transport'."""
    project, _ = tagged
    tags = {t.name: t for t in project.tags()}
    assert tags["Transport/Trams"].claims == 2 and tags["Transport/Trams"].parent == "Transport"
    assert tags["Budget"].claims == 2 and tags["Budget"].depth == 0


def test_rename_moves_children_and_undo_restores(tagged) -> None:  # type: ignore[no-untyped-def]
    """Renaming 'Transport' renames 'Transport/Trams' too; undo restores every claim's tags."""
    project, ids = tagged
    before = snapshot(project)
    edit = RenameTag("Transport", "Mobility")
    project.apply(edit)
    assert project.claim(ids[0]).tags == ("Mobility/Trams", "Numbers")
    assert project.claim(ids[1]).tags == ("Budget", "Mobility")
    project.revert(edit)
    assert snapshot(project) == before


def test_rename_onto_an_existing_tag_merges(tagged) -> None:  # type: ignore[no-untyped-def]
    """Renaming 'Numbers' to 'Budget' merges them: no claim carries 'Budget' twice."""
    project, ids = tagged
    before = snapshot(project)
    edit = RenameTag("Numbers", "budget")
    project.apply(edit)
    assert project.claim(ids[0]).tags == ("Transport/Trams", "Budget")
    assert "Numbers" not in {t.name for t in project.tags()}
    project.revert(edit)
    assert snapshot(project) == before


def test_delete_and_colour_are_undoable(tagged) -> None:  # type: ignore[no-untyped-def]
    """Deleting 'Transport' takes it and its children off every claim; a colour can be set; both undo."""
    project, ids = tagged
    before = snapshot(project)
    delete = DeleteTag("Transport")
    project.apply(delete)
    assert project.claim(ids[2]).tags == ("Budget",)
    project.revert(delete)
    assert snapshot(project) == before
    colour = SetTagColour("Budget", "#1E88E5")
    project.apply(colour)
    assert {t.name: t.colour for t in project.tags()}["Budget"] == "#1e88e5"
    project.revert(colour)
    assert snapshot(project) == before
    with pytest.raises(InvalidInput, match="no tag"):
        project.apply(RenameTag("Nope", "Other"))


def test_undoing_a_rename_after_an_undone_tagging_is_no_conflict(project, imported) -> None:  # type: ignore[no-untyped-def]
    """One analyst: rename, tag with a new tag, undo that, undo the rename: no conflict, tags as before."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim, RenameTag, SetTags

    project, article = imported
    create = CreateClaim(article.id, anchor_for_quote(article.text, "twice the budget"), tags=["Budget"])
    project.apply(create)
    rename = RenameTag("Budget", "Costs")
    project.apply(rename)
    tagging = SetTags(create.claim_id, ["Costs", "Brand new"])
    project.apply(tagging)
    project.revert(tagging)
    project.revert(rename)
    assert project.claim(create.claim_id).tags == ("Budget",)
