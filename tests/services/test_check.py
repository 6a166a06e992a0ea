"""Check project: each planted fault is found, repaired, and reported.

Faults are planted behind the app's back (``db_state.plant``). Rows pointing at nothing
and page-level damage can only be planted in a SQLite file: PostgreSQL enforces foreign
keys on every write, and its pages are not ours to corrupt.
"""

from __future__ import annotations

import sqlite3

import pytest

from db_state import plant
from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.sources import Source
from factcheck_app.services.check import check_project
from factcheck_app.services.edits import CreateClaim
from factcheck_app.services.project import Project

QUOTE = "carry 50,000 passengers a day"


@pytest.fixture
def with_claim(imported):  # type: ignore[no-untyped-def]
    project, article = imported
    edit = CreateClaim(
        article.id, anchor_for_quote(article.text, QUOTE), tags=["T"], sources=[Source(None, "https://e.org")]
    )
    project.apply(edit)
    target = project.location.target
    project.close()
    return target, edit.claim_id


def test_sound_project_has_no_problems(with_claim) -> None:  # type: ignore[no-untyped-def]
    """A project made through the app checks clean."""
    target, _ = with_claim
    with Project.open(target) as project:
        report = check_project(project)
    assert report.ok and report.summary() == "No problems found."


@pytest.mark.sqlite_only  # a dangling row cannot be planted on PostgreSQL (foreign keys enforced)
def test_link_to_missing_tag_is_found_and_removed(with_claim) -> None:  # type: ignore[no-untyped-def]
    """An orphan claim_tags row (tag deleted behind our back) is removed by repair."""
    path, claim_id = with_claim
    plant(path, "DELETE FROM tags")
    with Project.open(path) as project:
        report = check_project(project)
        assert [p.kind for p in report.problems] == ["dangling"]
        repaired = check_project(project, repair=True)
        assert repaired.ok and "claim_tags" in repaired.repaired[0]
        assert project.claim(claim_id).tags == ()


def test_claim_outside_its_article_is_found_again_or_orphaned(with_claim) -> None:  # type: ignore[no-untyped-def]
    """Offsets pushed past the text: repair finds the quote again; a quote not in the text is orphaned."""
    target, claim_id = with_claim
    plant(target, f"UPDATE claims SET start_offset = 5000, end_offset = 5029 WHERE id = {claim_id}")
    with Project.open(target) as project:
        assert "outside the article" in check_project(project).summary()
        report = check_project(project, repair=True)
        assert report.ok and "found again" in report.repaired[0]
        claim = project.claim(claim_id)
        assert project.article(claim.article_id).text[claim.anchor.start : claim.anchor.end] == QUOTE
    plant(target, f"UPDATE claims SET exact = 'words that are nowhere', start_offset = 1 WHERE id = {claim_id}")
    with Project.open(target) as project:
        report = check_project(project, repair=True)
        assert report.ok and "marked orphaned" in report.repaired[0]
        assert project.claim(claim_id).anchor_state == "orphaned"
        last = project.history("claim", claim_id)[-1]  # logged, so other team windows refresh it
        assert last.action == "Check project: repair" and last.state["anchor_state"] == "orphaned"


@pytest.mark.sqlite_only  # a dangling row cannot be planted on PostgreSQL (foreign keys enforced)
def test_claim_of_a_missing_article_is_removed_and_named(with_claim) -> None:  # type: ignore[no-untyped-def]
    """A claim whose article row vanished cannot be shown: repair removes it and names its quote."""
    path, _ = with_claim
    plant(path, "DELETE FROM articles")
    with Project.open(path) as project:
        report = check_project(project, repair=True)
        assert any(QUOTE in r for r in report.repaired)
        assert project.claims() == []


@pytest.mark.sqlite_only  # raw damage to a SQLite page
def test_page_level_damage_is_reported_not_repaired(with_claim) -> None:  # type: ignore[no-untyped-def]
    """A corrupted index page shows up as database damage, with advice to restore a backup."""
    path, _ = with_claim
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode=DELETE")
    index_page = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_claims_article_id'").fetchone()[0]
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    with open(path, "r+b") as handle:
        handle.seek((index_page - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    with Project.open(path) as project:
        report = check_project(project)
    assert any(p.kind == "integrity" and not p.repairable for p in report.problems)
    assert "restore a backup" in report.summary()


@pytest.mark.sqlite_only  # a dangling row cannot be planted on PostgreSQL (foreign keys enforced)
def test_check_file_backs_up_before_it_repairs(with_claim) -> None:  # type: ignore[no-untyped-def]
    """check_file (`factcheck check`): a sound project gets no backup; one with something to
    repair is backed up first, and the report says where."""
    from pathlib import Path

    from factcheck_app.services.check import check_file

    path, claim_id = with_claim
    assert check_file(path, repair=True).summary() == "No problems found."
    assert not Path(f"{path}.backups").exists()
    plant(path, "DELETE FROM tags")
    report = check_file(path, repair=True)
    assert report.ok and "claim_tags" in report.repaired[0]
    backups = list(Path(f"{path}.backups").iterdir())
    assert len(backups) == 1 and "before-repair" in backups[0].name
    assert str(backups[0]) in report.summary()
    with Project.open(path) as project:
        assert project.claim(claim_id).tags == ()


def test_check_file_runs_on_a_team_project_too(with_claim) -> None:  # type: ignore[no-untyped-def]
    """On either backend check_file opens the project and checks it as check_project does."""
    from factcheck_app.services.check import check_file

    target, _ = with_claim
    assert check_file(target).ok
