"""Checking the whole project reads only what the rules need, and finds exactly what a full read finds.

``project_problems(project)`` reads a few short columns per claim (storage/claim_reads.py
``load_rule_subjects``); ``project_problems(project, ids)`` reads the claims in full. Both
must list the same problems, with the same messages, in the same order: whitespace-only
rationales (any Unicode space), long quotes, verdict casing, source kinds, sign-offs and
damaged rows included.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import update

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import AddSource, CreateClaim, ImportArticle, SetRationale, SetVerdict
from factcheck_app.services.problems import project_problems
from factcheck_app.storage.orm import ClaimRow
from factcheck_app.storage.validation import damage_seen

TEXT = (
    "The council said the new bridge will cut the average commute by half for forty thousand residents "
    "who cross the harbour every working day. The fund pays for all of it. Costs rose by half. "
    "The mayor has never finished a project on budget. Crime fell last year.\n"
)


def _claim(project, article_id: int, quote: str, verdict: str | None, rationale: str = "") -> int:  # type: ignore[no-untyped-def]
    create = CreateClaim(article_id, anchor_for_quote(TEXT, quote))
    project.apply(create)
    claim_id = int(create.claim_id)  # type: ignore[arg-type]
    if verdict is not None:
        project.apply(SetVerdict(claim_id, verdict))
    if rationale:
        project.apply(SetRationale(claim_id, rationale))
    return claim_id


def _desk(project) -> dict[str, int]:  # type: ignore[no-untyped-def]
    imported = ImportArticle(ArticleDraft(title="Bridge", text=TEXT))
    project.apply(imported)
    article = imported.article_id
    long_quote = "the new bridge will cut the average commute by half for forty thousand residents who cross"
    ids = {
        "long, unproven, blank": _claim(project, article, long_quote, "Unproven", "\u3000 \u2003\n\t"),
        "false, no source": _claim(project, article, "The fund pays for all of it", "False", "Checked."),
        "false, primary": _claim(project, article, "Costs rose by half", "False", "\u00a0Written after a space."),
        "mostly true, report": _claim(project, article, "never finished a project on budget", "Mostly true", "x"),
        "unrated": _claim(project, article, "Crime fell last year", None),
    }
    primary = Source(None, "https://council.example.org/minutes", kind="primary document")
    project.apply(AddSource(ids["false, primary"], primary))
    project.apply(AddSource(ids["mostly true, report"], Source(None, "https://news.example.org/a", kind="news report")))
    with project.maintenance_session() as session:  # approved without a sign-off: another tool's edit
        session.execute(update(ClaimRow).where(ClaimRow.id == ids["unrated"]).values(status="approved", approved_by=""))
    return ids


def _listed(problems) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.claim_id, p.rule, p.message) for p in problems]


def test_the_whole_project_check_lists_what_reading_every_claim_in_full_lists(project) -> None:  # type: ignore[no-untyped-def]
    ids = _desk(project)
    whole = project_problems(project)
    full = project_problems(project, set(ids.values()))
    assert _listed(whole) == _listed(full)
    found = {(claim, p.rule) for p in whole for claim, claim_id in ids.items() if claim_id == p.claim_id}
    assert found == {
        ("long, unproven, blank", "rationale"),  # only spaces written; Unproven needs no source
        ("false, no source", "evidence"),
        ("false, no source", "false_primary"),
        ("unrated", "approved_reviewer"),
    }
    long_message = next(p.message for p in whole if p.claim_id == ids["long, unproven, blank"])
    assert "…" in long_message and len(long_message) < 120


def test_a_damaged_row_is_checked_with_its_stand_ins_not_dropped(tmp_path: Path) -> None:
    """A quote stored as bytes by another tool: the row goes the validating way, and is still listed."""
    from factcheck_app.services.project import Project

    project_target = str(tmp_path / "damaged.factcheck")
    with Project.create(project_target, analyst="tester") as project:
        ids = _desk(project)
    with sqlite3.connect(project_target) as db:
        db.execute("UPDATE claims SET exact = ? WHERE id = ?", (b"\xff\xfe", ids["false, no source"]))
    with Project.open(project_target, analyst="tester") as project:
        damage_seen()
        whole = project_problems(project)
        assert [(d.table, d.column) for d in damage_seen()] == [("claims", "exact")]  # noted, to be reported
        assert _listed(whole) == _listed(project_problems(project, set(ids.values())))
        assert {p.rule for p in whole if p.claim_id == ids["false, no source"]} == {"evidence", "false_primary"}


def test_the_spaces_the_database_trims_are_the_ones_python_strips() -> None:
    from factcheck_app.storage.claim_reads import WHITESPACE

    assert set(WHITESPACE) == {c for c in map(chr, range(0x110000)) if c.isspace()}
