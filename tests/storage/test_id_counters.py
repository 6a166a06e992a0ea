"""Id counters after rows were written with their own ids: past every id used, never back.

``storage.engine.reset_sequences`` runs after a copy, an archive restore and a repair. It
moves SQLite's ``sqlite_sequence`` and PostgreSQL's sequences past the largest id in each
table *and* past the largest id the history names for that kind of row: a deleted claim
keeps its history entries, and a new claim given its id would inherit them.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db_state import plant
from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.services.archive import export_archive, import_archive
from factcheck_app.services.edits import CreateClaim, DeleteClaim, ImportArticle
from factcheck_app.services.project import Project
from factcheck_app.storage.engine import HISTORY_ENTITY, id_tables

TEXT = "The mayor said the bridge will open in 2030 and cost 472 million dollars.\n"


def _actions(project: Project, entity: str, entity_id: int) -> list[str]:
    return [entry.action for entry in project.history(entity, entity_id)]


def test_archive_restore_never_gives_a_deleted_claims_id_to_a_new_one(tmp_path: Path) -> None:
    """Export a project whose newest claim was deleted, import the archive: the next claim gets
    a new id and only its own history (it used to read New claim, Delete claim, New claim)."""
    with Project.create(tmp_path / "desk.factcheck", analyst="tester") as project:
        article = ImportArticle(ArticleDraft(title="Bridge", text=TEXT))
        project.apply(article)
        kept = CreateClaim(article.article_id, anchor_for_quote(TEXT, "open in 2030"))  # type: ignore[arg-type]
        project.apply(kept)
        newest = CreateClaim(article.article_id, anchor_for_quote(TEXT, "472 million dollars"))  # type: ignore[arg-type]
        project.apply(newest)
        project.apply(DeleteClaim(newest.claim_id))  # type: ignore[arg-type]
        archive = export_archive(project, tmp_path / "desk.zip")
    restored = import_archive(archive, tmp_path / "restored.factcheck")
    with Project.open(restored, analyst="tester") as project:
        again = CreateClaim(article.article_id, anchor_for_quote(TEXT, "cost 472"))  # type: ignore[arg-type]
        project.apply(again)
        assert again.claim_id not in (kept.claim_id, newest.claim_id)
        assert _actions(project, "claim", again.claim_id) == ["New claim"]  # type: ignore[arg-type]
        assert _actions(project, "claim", newest.claim_id) == ["New claim", "Delete claim"]  # type: ignore[arg-type]


def test_counters_move_past_ids_the_history_names(project, backend: str) -> None:  # type: ignore[no-untyped-def]
    """History naming a claim, article and source far above any row: after a maintenance
    transaction (which resets the counters) new ones are given ids past them, on either backend."""
    project.close()
    target = project.location.target
    plant(
        target,
        *(
            "INSERT INTO history (at, analyst, entity, entity_id, action, state) "
            f"VALUES ('2025-01-01 00:00:00', 'other', '{entity}', {40 + n}, 'Delete', 'null')"
            for n, entity in enumerate(HISTORY_ENTITY.values())
        ),
    )
    with Project.open(target, analyst="tester") as reopened:
        with reopened.maintenance_session():
            pass
        article = ImportArticle(ArticleDraft(title="Bridge", text=TEXT))
        reopened.apply(article)
        claim = CreateClaim(article.article_id, anchor_for_quote(TEXT, "open in 2030"))  # type: ignore[arg-type]
        reopened.apply(claim)
        assert article.article_id > 40 and claim.claim_id > 41  # type: ignore[operator]
        assert _actions(reopened, "claim", claim.claim_id) == ["New claim"]  # type: ignore[arg-type]


def test_counters_never_move_back(project, backend: str) -> None:  # type: ignore[no-untyped-def]
    """A counter already past every used id stays where it is (another analyst may hold the id)."""
    from factcheck_app.storage.engine import ids_handed_out, reset_sequences

    article = ImportArticle(ArticleDraft(title="Bridge", text=TEXT))
    project.apply(article)
    with project.maintenance_session() as session:
        reset_sequences(session.connection(), {"claims": 500})
    with project.read_session() as session:
        before = ids_handed_out(session)
    assert before["claims"] >= 500
    with project.maintenance_session() as session:
        reset_sequences(session.connection())
    with project.read_session() as session:
        after = ids_handed_out(session)
    assert after["claims"] == before["claims"]
    claim = CreateClaim(article.article_id, anchor_for_quote(TEXT, "open in 2030"))  # type: ignore[arg-type]
    project.apply(claim)
    assert claim.claim_id > 500  # type: ignore[operator]
    if backend == "sqlite":
        with project.read_session() as session:
            named = {r[0] for r in session.execute(text("SELECT name FROM sqlite_sequence"))}
        assert {"claims", "articles"} <= named <= set(id_tables())
