"""Re-anchoring's confidence and the checked wording are stored; confirm and re-open, undone.

A new version of an article changes one claim's words, moves another and drops a third;
each claim keeps the confidence it was found with, and the changed one the words its
verdict was checked against, until the analyst confirms the verdict or re-opens the claim.
Everything is read back from a newly opened project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.anchors import ANCHORED, CHANGED, MOVED, ORPHANED, MatchLevel, anchor_for_quote
from factcheck_app.domain.claims import APPROVED, DRAFT, IN_REVIEW
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.anchor_edits import CONFIRM_TEXT, REOPEN_TEXT, ConfirmVerdictHolds, ReopenClaim
from factcheck_app.services.articles import import_article_edit, import_revision_edit
from factcheck_app.services.edits import CreateClaim, SetClaimDetails, SetStatus
from factcheck_app.services.project import Project

WALL = "The harbour wall will cost £85 million to rebuild."
LIBRARY = "The mayor opened the new library on Monday."
JOBS = "Unemployment fell to 4 per cent last year."
BUSES = "Bus fares stay frozen until March."
FIRST = f"Council budget\n\n{WALL}\n\n{LIBRARY}\n\n{JOBS}\n\n{BUSES}\n"
NEW_WALL = "The harbour wall will cost £95 million to rebuild."
SECOND = (
    "Council budget\n\nUPDATED: the council met again on Tuesday evening and heard objections from residents.\n\n"
    f"{NEW_WALL}\n\n{LIBRARY}\n\n{BUSES}\n"
)
THIRD = SECOND.replace("Tuesday evening", "Wednesday evening")


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _reopen(target: str, analyst: str = "tester") -> Project:
    return Project.open(target, analyst=analyst)


@pytest.fixture
def revised(project_target: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """FIRST with four claims (verdict True), then SECOND imported as its new version."""
    with Project.create(project_target, analyst="ana") as project:
        imported = import_article_edit(_file(tmp_path, "v1.txt", FIRST))
        project.apply(imported)
        ids = {}
        for quote in (WALL, LIBRARY, JOBS, BUSES):
            claim = CreateClaim(imported.article_id, anchor_for_quote(FIRST, quote), verdict="True")  # type: ignore[arg-type]
            project.apply(claim)
            ids[quote] = claim.claim_id
        revision = import_revision_edit(imported.article_id, _file(tmp_path, "v2.txt", SECOND))  # type: ignore[arg-type]
        project.apply(revision)
    return project_target, imported.article_id, revision.article_id, ids


def test_revision_stores_confidence_and_the_checked_wording(revised) -> None:  # type: ignore[no-untyped-def]
    target, _old_id, new_id, ids = revised
    with _reopen(target) as project:
        wall, library, jobs, buses = (project.claim(ids[q]) for q in (WALL, LIBRARY, JOBS, BUSES))
    assert wall.anchor_state == CHANGED and wall.quote == NEW_WALL and wall.article_id == new_id
    assert wall.checked_wording == WALL and wall.wording_changed
    assert wall.confidence is not None and wall.confidence.level is MatchLevel.CHANGED
    assert 0.75 <= wall.anchor_similarity < 1.0  # type: ignore[operator]
    assert wall.confidence.label() == f"Changed ({int(wall.anchor_similarity * 100)}% similar)"  # type: ignore[operator]
    assert wall.anchor_method
    assert library.anchor_state == MOVED and library.anchor_similarity == 1.0 and library.checked_wording == ""
    assert library.confidence is not None and library.confidence.label() == "Moved"
    assert jobs.anchor_state == ORPHANED and jobs.anchor_similarity == 0.0 and jobs.checked_wording == ""
    assert jobs.confidence is not None and jobs.confidence.label() == "Orphaned"
    assert buses.anchor_state in (ANCHORED, MOVED) and buses.anchor_similarity == 1.0


def test_a_second_new_version_keeps_the_wording_that_was_checked(revised, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The flag and the checked wording survive a later version that leaves the new words alone."""
    target, _old_id, new_id, ids = revised
    with _reopen(target) as project:
        before = project.claim(ids[WALL])
        project.apply(import_revision_edit(new_id, _file(tmp_path, "v3.txt", THIRD)))
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
    assert wall.quote == NEW_WALL and wall.anchor_state == CHANGED
    assert wall.checked_wording == WALL  # not the v2 words it was re-anchored from
    assert wall.anchor_similarity == before.anchor_similarity


def test_confirm_clears_the_flag_and_names_who_confirmed_then_undo(revised) -> None:  # type: ignore[no-untyped-def]
    target, _old_id, _new_id, ids = revised
    with _reopen(target, analyst="Bea") as project:
        confirm = ConfirmVerdictHolds(ids[WALL])
        project.apply(confirm)
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
        history = project.history("claim", ids[WALL])
    assert wall.anchor_state == ANCHORED and wall.checked_wording == "" and not wall.wording_changed
    assert wall.quote == NEW_WALL and wall.verdict == "True"
    last = history[-1]
    assert (last.action, last.analyst) == (CONFIRM_TEXT, "Bea")
    assert last.state is not None and history[-2].state is not None
    assert (history[-2].state["checked_wording"], last.state["checked_wording"]) == (WALL, "")
    with _reopen(target, analyst="Bea") as project:
        project.revert(confirm)
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
        assert project.history("claim", ids[WALL])[-1].action == f"Undo: {CONFIRM_TEXT}"
    assert wall.anchor_state == CHANGED and wall.checked_wording == WALL and wall.anchor_similarity is not None


def test_confirm_is_refused_for_a_claim_that_is_not_flagged(revised) -> None:  # type: ignore[no-untyped-def]
    target, _old_id, _new_id, ids = revised
    with _reopen(target) as project:
        with pytest.raises(InvalidInput, match="not flagged as changed"):
            project.apply(ConfirmVerdictHolds(ids[LIBRARY]))
        assert project.claim(ids[LIBRARY]).anchor_state == MOVED


def test_reopen_sends_the_claim_back_to_draft_keeping_the_flag_then_undo(revised) -> None:  # type: ignore[no-untyped-def]
    target, _old_id, _new_id, ids = revised
    with _reopen(target, analyst="ana") as project:
        project.apply(SetClaimDetails(ids[WALL], reviewer="Bea"))
        project.apply(SetStatus(ids[WALL], IN_REVIEW))
    with _reopen(target, analyst="Bea") as project:
        project.apply(SetStatus(ids[WALL], APPROVED))
        reopen = ReopenClaim(ids[WALL])
        project.apply(reopen)
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
        last = project.history("claim", ids[WALL])[-1]
    assert wall.status == DRAFT and wall.approved_by == ""
    assert wall.anchor_state == CHANGED and wall.checked_wording == WALL  # still to be confirmed
    assert (last.action, last.analyst) == (REOPEN_TEXT, "Bea")
    with _reopen(target, analyst="Bea") as project:
        project.revert(reopen)
        with pytest.raises(InvalidInput, match="already a draft"):
            project.apply(ReopenClaim(ids[LIBRARY]))
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
    assert wall.status == APPROVED and wall.approved_by == "Bea" and wall.checked_wording == WALL


def test_undoing_the_revision_restores_the_claims_as_they_were(project_target: str, tmp_path: Path) -> None:
    with Project.create(project_target, analyst="ana") as project:
        imported = import_article_edit(_file(tmp_path, "v1.txt", FIRST))
        project.apply(imported)
        claim = CreateClaim(imported.article_id, anchor_for_quote(FIRST, WALL))  # type: ignore[arg-type]
        project.apply(claim)
        revision = import_revision_edit(imported.article_id, _file(tmp_path, "v2.txt", SECOND))  # type: ignore[arg-type]
        project.apply(revision)
        project.revert(revision)
    with _reopen(project_target) as project:
        wall = project.claim(claim.claim_id)  # type: ignore[arg-type]
    assert (wall.quote, wall.anchor_state, wall.checked_wording) == (WALL, ANCHORED, "")
    assert wall.anchor_similarity is None and wall.anchor_method == "" and wall.confidence is None


def test_an_archive_carries_the_confidence_and_the_checked_wording(revised, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from factcheck_app.services.archive import export_archive, import_archive

    target, _old_id, _new_id, ids = revised
    with _reopen(target) as project:
        before = [project.claim(ids[q]) for q in (WALL, LIBRARY, JOBS)]
        archive = export_archive(project, tmp_path / "desk.factcheck-archive")
    restored = import_archive(archive, tmp_path / "restored.factcheck")
    with Project.open(restored) as project:
        after = [project.claim(ids[q]) for q in (WALL, LIBRARY, JOBS)]
    fields = [(c.anchor_state, c.anchor_similarity, c.anchor_method, c.checked_wording) for c in before]
    assert [(c.anchor_state, c.anchor_similarity, c.anchor_method, c.checked_wording) for c in after] == fields
    assert fields[0][3] == WALL


def test_a_similarity_outside_0_to_1_is_named_as_damage_and_read_as_unknown(revised) -> None:  # type: ignore[no-untyped-def]
    from db_state import plant
    from factcheck_app.storage.validation import scan_damage

    target, _old_id, _new_id, ids = revised
    plant(target, "UPDATE claims SET anchor_similarity = 1.5 WHERE id = :id", id=ids[WALL])
    with _reopen(target) as project:
        wall = project.claim(ids[WALL])
        with project.read_session() as session:
            damage = scan_damage(session.connection())
    assert [(d.table, d.row_id, d.column) for d in damage] == [("claims", ids[WALL], "anchor_similarity")]
    assert "not a similarity from 0 to 1" in damage[0].problem
    assert wall.anchor_similarity is None and wall.checked_wording == WALL and wall.quote == NEW_WALL
