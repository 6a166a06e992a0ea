"""Team mode: two analysts on one PostgreSQL project never overwrite each other silently.

Each test opens the same server database twice (two analysts); they need the test
server (FACTCHECK_TEST_PG_URL), which scripts/run-tests.sh starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.sources import Source
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    DeleteClaim,
    RenameTag,
    SetClaimDetails,
    SetRationale,
    SetTags,
    SetVerdict,
    UpdateArticleMetadata,
    UpdateSource,
)
from factcheck_app.services.project import Project

QUOTE = "carry 50,000 passengers a day"


@pytest.fixture
def team(pg_database: str, article_file: Path) -> Iterator[tuple[Project, Project, int]]:
    """(Bea's project, Anna's project, claim id): one claim both can see."""
    with Project.create(pg_database, analyst="bea") as bea:
        imported = import_article_edit(article_file)
        bea.apply(imported)
        article = bea.article(imported.article_id)
        create = CreateClaim(article.id, anchor_for_quote(article.text, QUOTE), rationale="First draft.")
        bea.apply(create)
        with Project.open(pg_database, analyst="anna") as anna:
            assert create.claim_id is not None
            yield bea, anna, create.claim_id


def test_edit_based_on_a_stale_version_is_refused_with_both_changes(team) -> None:  # type: ignore[no-untyped-def]
    """Bea saw version 1; Anna changed the rationale since: Bea's rationale is refused, shown beside Anna's."""
    bea, anna, claim_id = team
    seen_by_bea = bea.claim(claim_id)
    anna.apply(SetRationale(claim_id, "Anna's rationale.").based_on(anna.claim(claim_id)))
    with pytest.raises(EditConflict) as caught:
        bea.apply(SetRationale(claim_id, "Bea's rationale.").based_on(seen_by_bea))
    conflict = caught.value
    assert conflict.by == "anna"
    assert [(c.field, c.seen, c.theirs, c.mine) for c in conflict.clashes] == [
        ("rationale", "First draft.", "Anna's rationale.", "Bea's rationale.")
    ]
    assert "anna" in str(conflict) and "not saved" in str(conflict)
    assert bea.claim(claim_id).rationale == "Anna's rationale."  # nothing of Bea's was written


def test_changes_to_different_fields_both_stand(team) -> None:  # type: ignore[no-untyped-def]
    """Anna's verdict and Bea's rationale, each on the same old version, do not overlap: both are kept."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(SetVerdict(claim_id, "False").based_on(seen))
    bea.apply(SetRationale(claim_id, "Bea's rationale.").based_on(seen))
    final = anna.claim(claim_id)
    assert (final.verdict, final.rationale) == ("False", "Bea's rationale.")


def test_choosing_mine_rebases_the_edit_on_their_version(team) -> None:  # type: ignore[no-untyped-def]
    """After a conflict, the analyst may keep their own change: it is then written over Anna's."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(SetTags(claim_id, ["Transport"]).based_on(seen))
    edit = SetTags(claim_id, ["Budget"]).based_on(seen)
    with pytest.raises(EditConflict) as caught:
        bea.apply(edit)
    edit.rebase(caught.value)
    bea.apply(edit)
    assert anna.claim(claim_id).tags == ("Budget",)


def test_undo_of_an_edit_someone_changed_since_is_a_conflict(team) -> None:  # type: ignore[no-untyped-def]
    """Bea's undo would wipe Anna's newer rationale: refused until Bea says "undo anyway"."""
    bea, anna, claim_id = team
    mine = SetRationale(claim_id, "Bea's second draft.").based_on(bea.claim(claim_id))
    bea.apply(mine)
    anna.apply(SetRationale(claim_id, "Anna's fix.").based_on(anna.claim(claim_id)))
    with pytest.raises(EditConflict) as caught:
        bea.revert(mine)
    assert caught.value.undo
    assert caught.value.clashes[0].theirs == "Anna's fix."
    assert caught.value.clashes[0].mine == "First draft."
    assert bea.claim(claim_id).rationale == "Anna's fix."
    mine.rebase(caught.value)
    bea.revert(mine)
    assert anna.claim(claim_id).rationale == "First draft."


def test_undo_goes_ahead_when_their_change_is_elsewhere(team) -> None:  # type: ignore[no-untyped-def]
    """Anna set the claimant after Bea's rationale edit; Bea's undo restores the rationale, keeps the claimant."""
    bea, anna, claim_id = team
    mine = SetRationale(claim_id, "Bea's second draft.")
    bea.apply(mine)
    anna.apply(SetClaimDetails(claim_id, claimant="The mayor").based_on(anna.claim(claim_id)))
    bea.revert(mine)
    final = anna.claim(claim_id)
    assert (final.rationale, final.claimant) == ("First draft.", "The mayor")


def test_deleting_a_claim_changed_since_is_a_conflict(team) -> None:  # type: ignore[no-untyped-def]
    """Deleting would throw away Anna's newer work on the claim, so it is refused."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(SetVerdict(claim_id, "True").based_on(anna.claim(claim_id)))
    with pytest.raises(EditConflict) as caught:
        bea.apply(DeleteClaim(claim_id).based_on(seen))
    assert any(c.field == "verdict" and c.theirs == "True" for c in caught.value.clashes)
    assert [c.id for c in anna.claims()] == [claim_id]


def test_editing_a_claim_someone_deleted_is_a_conflict(team) -> None:  # type: ignore[no-untyped-def]
    """Anna deleted the claim Bea is still looking at: Bea's change cannot be saved, and she is told."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(DeleteClaim(claim_id).based_on(anna.claim(claim_id)))
    with pytest.raises(EditConflict) as caught:
        bea.apply(SetRationale(claim_id, "Too late.").based_on(seen))
    assert caught.value.deleted
    assert "deleted by anna" in str(caught.value)


def test_undo_of_a_tag_rename_after_someone_tagged_is_a_conflict(team) -> None:  # type: ignore[no-untyped-def]
    """Undoing a rename restores the whole codebook: refused when Anna tagged claims since."""
    bea, anna, claim_id = team
    bea.apply(SetTags(claim_id, ["Transport"]))
    rename = RenameTag("Transport", "Mobility")
    bea.apply(rename)
    anna.apply(SetTags(claim_id, ["Mobility", "Budget"]).based_on(anna.claim(claim_id)))
    with pytest.raises(EditConflict):
        bea.revert(rename)
    assert anna.claim(claim_id).tags == ("Mobility", "Budget")


def test_history_says_which_analyst_did_what(team) -> None:  # type: ignore[no-untyped-def]
    """Every edit is stamped with its analyst; the claim's history lists both analysts in order."""
    bea, anna, claim_id = team
    anna.apply(SetVerdict(claim_id, "False"))
    bea.apply(SetRationale(claim_id, "Checked against the study."))
    entries = bea.history("claim", claim_id)
    assert [(e.analyst, e.action) for e in entries] == [
        ("bea", "New claim"),
        ("anna", "Set verdict"),
        ("bea", "Edit rationale"),
    ]
    assert bea.claim(claim_id).updated_by == "bea"


def test_edit_counter_counts_every_edit_of_both_analysts(team) -> None:  # type: ignore[no-untyped-def]
    """The edit counter is incremented in the database, so no count is lost between analysts."""
    bea, anna, claim_id = team
    before = bea.edit_counter()
    for n in range(5):
        anna.apply(SetRationale(claim_id, f"Anna {n}"))
        bea.apply(SetClaimDetails(claim_id, claimant=f"Bea {n}"))
    assert anna.edit_counter() == before + 10


def test_article_properties_conflict_on_the_same_field_only(team) -> None:  # type: ignore[no-untyped-def]
    """Anna retitled the article: Bea's title (from the old dialog) is refused, her author line is not."""
    bea, anna, _claim_id = team
    seen = bea.articles()[0]
    anna.apply(UpdateArticleMetadata(seen.id, title="Tram plans").based_on(anna.articles()[0]))
    with pytest.raises(EditConflict) as caught:
        bea.apply(UpdateArticleMetadata(seen.id, title="The tram").based_on(seen))
    assert [(c.field, c.theirs, c.mine) for c in caught.value.clashes] == [("title", "Tram plans", "The tram")]
    bea.apply(UpdateArticleMetadata(seen.id, author="City desk").based_on(seen))
    final = anna.article(seen.id)
    assert (final.title, final.author) == ("Tram plans", "City desk")


def test_source_library_edit_on_a_stale_entry_is_refused(team) -> None:  # type: ignore[no-untyped-def]
    """Two analysts correct the same library entry's title: the second is shown the first's."""
    bea, anna, claim_id = team
    bea.apply(AddSource(claim_id, Source(None, "https://example.org/study", "Study")))
    seen = bea.sources()[0]
    anna.apply(UpdateSource(replace(seen, title="Ridership study 2026")).based_on(anna.sources()[0]))
    with pytest.raises(EditConflict) as caught:
        bea.apply(UpdateSource(replace(seen, title="Tram study")).based_on(seen))
    assert caught.value.clashes[0].theirs == "Ridership study 2026"
    assert anna.sources()[0].title == "Ridership study 2026"


def test_an_undone_delete_does_not_make_a_stale_edit_look_current(team) -> None:  # type: ignore[no-untyped-def]
    """Anna edits, deletes and restores a claim (version 1 again): Bea's edit from before is still refused."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(SetRationale(claim_id, "Anna's rationale.").based_on(anna.claim(claim_id)))
    delete = DeleteClaim(claim_id).based_on(anna.claim(claim_id))
    anna.apply(delete)
    anna.revert(delete)
    assert anna.claim(claim_id).version == seen.version  # the same number, other content
    with pytest.raises(EditConflict):
        bea.apply(SetRationale(claim_id, "Bea's rationale.").based_on(seen))
    assert anna.claim(claim_id).rationale == "Anna's rationale."


def test_use_mine_is_based_on_what_the_dialog_showed(team) -> None:  # type: ignore[no-untyped-def]
    """After "Use mine", a third change made while the dialog was open is a new conflict, not overwritten."""
    bea, anna, claim_id = team
    seen = bea.claim(claim_id)
    anna.apply(SetRationale(claim_id, "Anna 1.").based_on(seen))
    mine = SetRationale(claim_id, "Bea's.").based_on(seen)
    with pytest.raises(EditConflict) as first:
        bea.apply(mine)
    mine.rebase(first.value)
    anna.apply(SetRationale(claim_id, "Anna 2.").based_on(anna.claim(claim_id)))  # while Bea reads the dialog
    with pytest.raises(EditConflict) as second:
        bea.apply(mine)
    assert second.value.clashes[0].theirs == "Anna 2."
    mine.rebase(second.value)
    bea.apply(mine)
    assert anna.claim(claim_id).rationale == "Bea's."


def test_others_verdict_scale_is_seen_and_a_stale_scale_is_refused(team) -> None:  # type: ignore[no-untyped-def]
    """Anna renames a verdict: Bea's window learns it; Bea's scale edit from before is refused, not reverting it."""
    from dataclasses import replace as swap

    from factcheck_app.services.edits import SetVerdictScale

    bea, anna, _claim_id = team
    shown = bea.verdict_scale()
    renamed = swap(shown, verdicts=(swap(shown.verdicts[0], label="Accurate"), *shown.verdicts[1:]))
    anna.apply(SetVerdictScale(renamed, {shown.verdicts[0].label: "Accurate"}, base=anna.verdict_scale()))
    assert "verdict_scale" in bea.others_changes().changes.settings_changed
    assert bea.verdict_scale().verdicts[0].label == "Accurate"
    recoloured = swap(shown, verdicts=(swap(shown.verdicts[0], colour="#000000"), *shown.verdicts[1:]))
    with pytest.raises(EditConflict):
        bea.apply(SetVerdictScale(recoloured, base=shown))
    assert anna.verdict_scale().verdicts[0].label == "Accurate"


def test_a_setting_changed_by_someone_else_is_not_overwritten_from_a_stale_dialog(team) -> None:  # type: ignore[no-untyped-def]
    """Bea's dialog showed the old organisation; Anna changed it; Bea's save is refused."""
    from factcheck_app.services.edits import SetProjectSetting

    bea, anna, _claim_id = team
    anna.apply(SetProjectSetting("organisation", "Tram Watch", seen=None))
    with pytest.raises(EditConflict):
        bea.apply(SetProjectSetting("organisation", "City Desk", seen=None))
    assert bea.settings()["organisation"] == "Tram Watch"


def test_copy_ids_and_repairs_never_move_a_sequence_backwards(team) -> None:  # type: ignore[no-untyped-def]
    """Resetting id sequences (after a restore or repair) only ever moves them forward."""
    from sqlalchemy import text

    from factcheck_app.storage.engine import reset_sequences

    bea, _anna, _claim_id = team
    with bea.read_session() as session:
        handed_out = session.execute(text("SELECT nextval(pg_get_serial_sequence('claims', 'id'))")).scalar()
    with bea.maintenance_session() as session:
        reset_sequences(session.connection())
    with bea.read_session() as session:
        following = session.execute(text("SELECT nextval(pg_get_serial_sequence('claims', 'id'))")).scalar()
    assert following > handed_out
