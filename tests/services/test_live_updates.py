"""Live updates: each window learns what *others* committed, from the project's history."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.edits import (
    CreateClaim,
    DeleteClaim,
    RenameTag,
    SetProjectSetting,
    SetTags,
    SetVerdict,
    UpdateArticleMetadata,
)
from factcheck_app.services.live import HistoryFeed
from factcheck_app.services.project import Project


def _claim(project: Project, article_id: int, quote: str) -> int:
    text = project.article(article_id).text
    edit = CreateClaim(article_id, anchor_for_quote(text, quote))
    project.apply(edit)
    assert edit.claim_id is not None
    return edit.claim_id


@pytest.fixture
def pair(pg_database: str, article_file: Path):  # type: ignore[no-untyped-def]
    """(bea, anna, article id) on one server project."""
    with Project.create(pg_database, analyst="bea") as bea:
        edit = import_article_edit(article_file)
        bea.apply(edit)
        with Project.open(pg_database, analyst="anna") as anna:
            yield bea, anna, edit.article_id


def test_others_changes_name_what_changed_and_who(pair) -> None:  # type: ignore[no-untyped-def]
    """Bea's new claim, verdict and article title reach Anna as claim/article changes by "bea"."""
    bea, anna, article_id = pair
    assert not anna.others_changes()
    claim_id = _claim(bea, article_id, "50,000 passengers")
    bea.apply(SetVerdict(claim_id, "False"))
    bea.apply(UpdateArticleMetadata(article_id, title="Tram plans"))
    seen = anna.others_changes()
    assert seen.changes.claims_updated == {claim_id}
    assert seen.changes.articles_updated == {article_id}
    assert seen.analysts == {"bea"}
    assert not anna.others_changes()  # each change is reported once


def test_a_window_is_not_told_about_its_own_edits(pair) -> None:  # type: ignore[no-untyped-def]
    """Anna's own edits are already on her screen: her feed stays empty, Bea's shows them."""
    bea, anna, article_id = pair
    claim_id = _claim(anna, article_id, "twice the budget")
    assert not anna.others_changes()
    assert bea.others_changes().changes.claims_updated == {claim_id}


def test_deleted_then_restored_claim_ends_as_it_ended(pair) -> None:  # type: ignore[no-untyped-def]
    """A delete followed by its undo arrives as an update (the claim exists), not a removal."""
    bea, anna, article_id = pair
    claim_id = _claim(bea, article_id, "open in 2027")
    anna.others_changes()
    delete = DeleteClaim(claim_id)
    bea.apply(delete)
    assert anna.others_changes().changes.claims_removed == {claim_id}
    bea.revert(delete)
    bea.apply(delete)
    bea.revert(delete)
    changes = anna.others_changes().changes
    assert (changes.claims_updated, changes.claims_removed) == ({claim_id}, frozenset())


def test_codebook_and_settings_changes_are_reported(pair) -> None:  # type: ignore[no-untyped-def]
    """A tag rename and a project setting reach others, so they reload tags and settings."""
    bea, anna, article_id = pair
    claim_id = _claim(bea, article_id, "50,000 passengers")
    bea.apply(SetTags(claim_id, ["Transport"]))
    anna.others_changes()
    bea.apply(RenameTag("Transport", "Mobility"))
    bea.apply(SetProjectSetting("organisation", "Tram Watch"))
    changes = anna.others_changes().changes
    assert {"tags", "organisation"} <= changes.settings_changed
    assert claim_id in changes.claims_updated


def test_read_only_window_on_a_file_follows_its_writer(tmp_path: Path, article_file: Path) -> None:
    """On one machine, a read-only second window of a SQLite project sees the writer's edits too."""
    with Project.create(tmp_path / "desk.factcheck", analyst="bea") as writer:
        edit = import_article_edit(article_file)
        writer.apply(edit)
        with Project.open(writer.location.target, read_only=True) as viewer:
            claim_id = _claim(writer, edit.article_id, "50,000 passengers")
            assert viewer.others_changes().changes.claims_updated == {claim_id}


def test_an_id_committed_late_is_still_reported() -> None:
    """Ids may become visible out of order on a server: a gap is looked at again until it fills."""
    feed = HistoryFeed(last_seen=40)
    assert feed.take([42], own=set()) == {42}
    assert feed.floor() == 40  # 41 is still expected
    assert feed.take([41, 42], own=set()) == {41}
    assert feed.floor() == 42
    assert feed.take([43, 44], own={44}) == {43}


def test_ids_missing_when_the_feed_starts_are_watched_too() -> None:
    """An edit in flight while a project opens (its id below the newest) still reaches the window."""
    feed = HistoryFeed(last_seen=10, missing=[8])
    assert feed.floor() == 7
    assert feed.take([8], own=set()) == {8}
    assert feed.floor() == 10
