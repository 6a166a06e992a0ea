"""An id is handed out once: a deleted claim's, article's, source's or file's id never goes to a new one.

SQLite used to give a new row the largest id plus one, so after the newest claim was deleted
the next claim took its id: undoing the delete failed, and the history (kept by entity and
id) showed the deleted claim's entries as the new claim's. Each test runs on a SQLite file
and on a PostgreSQL database; the last ones upgrade a project made at the previous schema
revision, and copy projects between the two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db_state import plant, table_rows
from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.sources import Source
from factcheck_app.services.copy import copy_project
from factcheck_app.services.edits import (
    AttachFile,
    CreateClaim,
    DeleteArticle,
    DeleteClaim,
    ImportArticle,
    RemoveAttachment,
    SetRationale,
)
from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.engine import locate, make_engine, mark_as_project

PREVIOUS_REVISION = "0005"  # the head before ids became AUTOINCREMENT on SQLite


def _claim(project, article, quote: str, **kwargs) -> CreateClaim:  # type: ignore[no-untyped-def]
    edit = CreateClaim(article.id, anchor_for_quote(article.text, quote), **kwargs)
    project.apply(edit)
    return edit


def _actions(project, entity: str, entity_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.action for entry in project.history(entity, entity_id)]


def test_new_claim_never_takes_a_deleted_claims_id(imported) -> None:  # type: ignore[no-untyped-def]
    """Delete the newest claim, make another: it gets a new id; undo brings the first back
    with its id and only its own history, and the new claim's history is only its own."""
    project, article = imported
    first = _claim(project, article, "50,000 passengers a day")
    newest = _claim(project, article, "cost twice the budget", verdict="False")
    rationale = SetRationale(newest.claim_id, "The tender came in at 1.9 times the budget.")
    project.apply(rationale)
    delete = DeleteClaim(newest.claim_id)
    project.apply(delete)

    other = _claim(project, article, "open in 2027")
    assert other.claim_id not in (first.claim_id, newest.claim_id)
    assert _actions(project, "claim", other.claim_id) == ["New claim"]

    project.revert(delete)
    back = project.claim(newest.claim_id)
    assert (back.quote, back.verdict, back.rationale) == (
        "cost twice the budget",
        "False",
        "The tender came in at 1.9 times the budget.",
    )
    assert _actions(project, "claim", newest.claim_id) == [
        "New claim",
        rationale.text,
        "Delete claim",
        "Undo: Delete claim",
    ]
    assert [entry.state["anchor"]["exact"] for entry in project.history("claim", newest.claim_id) if entry.state] == [
        "cost twice the budget"
    ] * 3
    assert _actions(project, "claim", other.claim_id) == ["New claim"]
    assert project.claim(other.claim_id).quote == "open in 2027"
    assert sorted(c.id for c in project.claims()) == sorted([first.claim_id, newest.claim_id, other.claim_id])


def test_redo_of_an_undone_claim_keeps_its_id(imported) -> None:  # type: ignore[no-untyped-def]
    """Undo "New claim", make another claim, redo: both claims exist, each with its own id."""
    project, article = imported
    undone = _claim(project, article, "cost twice the budget")
    project.revert(undone)
    with pytest.raises(NotFound):
        project.claim(undone.claim_id)
    other = _claim(project, article, "open in 2027")
    assert other.claim_id != undone.claim_id
    project.apply(undone)  # redo
    assert project.claim(undone.claim_id).quote == "cost twice the budget"
    assert project.claim(other.claim_id).quote == "open in 2027"


def test_new_article_never_takes_a_deleted_articles_id(imported) -> None:  # type: ignore[no-untyped-def]
    """Delete the newest article (with its claim), import another: a new id; undo restores
    the deleted one with its id, its claim and only its own history."""
    project, tram = imported
    budget = ImportArticle(ArticleDraft(title="Budget", text="The council says the budget is balanced.\n"))
    project.apply(budget)
    claim = _claim(project, project.article(budget.article_id), "the budget is balanced")
    delete = DeleteArticle(budget.article_id, title="Budget")
    project.apply(delete)

    later = ImportArticle(ArticleDraft(title="Harbour", text="The harbour will reopen in May.\n"))
    project.apply(later)
    assert later.article_id not in (tram.id, budget.article_id)
    new_claim = _claim(project, project.article(later.article_id), "reopen in May")
    assert new_claim.claim_id != claim.claim_id

    project.revert(delete)
    assert project.article(budget.article_id).title == "Budget"
    assert project.article(later.article_id).title == "Harbour"
    assert project.claim(claim.claim_id).quote == "the budget is balanced"
    assert _actions(project, "article", budget.article_id) == [
        "Import “Budget”",
        "Delete article “Budget”",
        "Undo: Delete article “Budget”",
    ]
    assert _actions(project, "article", later.article_id) == ["Import “Harbour”"]
    assert _actions(project, "claim", new_claim.claim_id) == ["New claim"]


def test_redo_of_a_claim_gets_back_its_own_new_source(imported) -> None:  # type: ignore[no-untyped-def]
    """A source made by a claim goes with the claim's undo and returns with the redo, with its id:
    a source made meanwhile never takes that id (the redo would silently cite it instead)."""
    project, article = imported
    first = _claim(project, article, "cost twice the budget", sources=[Source(None, "https://example.org/tender")])
    tender = project.claim(first.claim_id).sources[0]
    project.revert(first)
    assert project.sources() == []
    other = _claim(project, article, "open in 2027", sources=[Source(None, "https://example.org/timeline")])
    timeline = project.claim(other.claim_id).sources[0]
    assert timeline.id != tender.id
    project.apply(first)  # redo
    assert [s.url for s in project.claim(first.claim_id).sources] == ["https://example.org/tender"]
    assert [s.url for s in project.claim(other.claim_id).sources] == ["https://example.org/timeline"]


def test_removed_file_comes_back_with_its_id(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Remove the newest attached file, attach another, undo the removal: both are attached."""
    project, article = imported
    claim = _claim(project, article, "cost twice the budget", sources=[Source(None, "https://example.org/tender")])
    source_id = project.claim(claim.claim_id).sources[0].id
    (tmp_path / "tender.pdf").write_bytes(b"%PDF-1.4 tender")
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    attach = AttachFile(source_id, tmp_path / "tender.pdf")
    project.apply(attach)
    remove = RemoveAttachment(attach.attachment_id)  # type: ignore[arg-type]
    project.apply(remove)
    other = AttachFile(source_id, tmp_path / "minutes.pdf")
    project.apply(other)
    assert other.attachment_id != attach.attachment_id
    project.revert(remove)
    assert sorted((a.id, a.name) for a in project.attachments(source_id)) == sorted(
        [(attach.attachment_id, "tender.pdf"), (other.attachment_id, "minutes.pdf")]
    )


# -- a project made before this fix ---------------------------------------------------


_OLD_ROWS = (
    "INSERT INTO articles (title, text, url, author, content_hash, imported_at, original_name, version, structure)"
    " VALUES ('Tram', 'The tram will carry 50,000 passengers a day. It will open in 2027.', '', 'Ana',"
    " 'abc', '2025-03-01 09:00:00', 'tram.txt', 1, '')",
    "INSERT INTO sources (url, title, publisher, note, version) VALUES ('https://example.org/s', 'S', '', '', 1)",
    "INSERT INTO tags (name, colour) VALUES ('Transport', '')",
    *(
        "INSERT INTO claims (article_id, start_offset, end_offset, exact, prefix, suffix, rationale, created_by,"
        f" created_at, updated_by, updated_at, version) VALUES (1, 0, 8, 'The tram', '', '', 'claim {n}', 'ana',"
        " '2025-03-01 09:00:00', 'ana', '2025-03-01 09:00:00', 1)"
        for n in range(1, 5)
    ),
    "INSERT INTO claim_tags (claim_id, tag_id, position) VALUES (1, 1, 0)",
    "INSERT INTO claim_sources (claim_id, source_id, position) VALUES (2, 1, 0)",
    "INSERT INTO attachments (source_id, sha256, name, media_type, size, data, added_at, added_by)"
    " VALUES (1, 'aa', 'a.pdf', 'application/pdf', 3, :blob, '2025-03-01 09:00:00', 'ana')",
    *(
        "INSERT INTO history (at, analyst, entity, entity_id, action, state)"
        f" VALUES ('2025-03-01 09:00:00', 'ana', 'claim', {n}, 'New claim', '{{}}')"
        for n in range(1, 5)
    ),
    # The old version deleted the newest claim (4); its history stays, naming claim 4.
    "DELETE FROM claims WHERE id = 4",
    "INSERT INTO history (at, analyst, entity, entity_id, action, state)"
    " VALUES ('2025-03-02 09:00:00', 'ana', 'claim', 4, 'Delete claim', 'null')",
)


def test_project_of_the_previous_version_is_upgraded_and_never_reuses_ids(project_target: str) -> None:
    """A project made at the previous schema revision (by its migrations, filled by plain SQL) keeps
    every row and id when upgraded; then claim 4, deleted before the upgrade, is not handed out again."""
    engine = make_engine(locate(project_target))
    mark_as_project(engine)
    schema.upgrade(engine, PREVIOUS_REVISION)
    engine.dispose()
    plant(project_target, *_OLD_ROWS, blob=b"pdf")
    before = table_rows(project_target)
    assert [row[0] for row in before["claims"]] == [1, 2, 3]

    with Project.open(project_target, analyst="bea") as project:
        after = table_rows(project)
        assert after.pop("alembic_version") == [(schema.HEAD_REVISION,)]
        before.pop("alembic_version")
        added_later = {name: rows for name, rows in after.items() if name not in before}
        # Columns of later schemas (0008's on claims) come last, holding their defaults.
        width = {name: len(rows[0]) for name, rows in before.items() if rows}
        assert {name: [row[: width.get(name)] for row in after[name]] for name in before} == before
        assert {row[width["claims"] :] for row in after["claims"]} == {(None, "", "")}
        assert all(rows == [] for rows in added_later.values()), added_later  # tables of later schemas start empty
        article = project.article(1)
        claim = _claim(project, article, "50,000 passengers a day")
        assert claim.claim_id == 5
        assert _actions(project, "claim", claim.claim_id) == ["New claim"]
        harbour = ImportArticle(ArticleDraft(title="Harbour", text="The harbour will reopen in May.\n"))
        project.apply(harbour)
        assert harbour.article_id == 2


def test_upgrade_of_a_project_whose_newest_claim_was_deleted_last(tmp_path: Path) -> None:
    """On SQLite the old schema would have given claim 4's id to the next claim; after the upgrade
    the counter starts past it (PostgreSQL's sequences were past it already)."""
    path = tmp_path / "old.factcheck"
    engine = make_engine(locate(path))
    mark_as_project(engine)
    schema.upgrade(engine, PREVIOUS_REVISION)
    plant(path, *_OLD_ROWS, blob=b"pdf")
    plant(
        path,
        "INSERT INTO claims (article_id, start_offset, end_offset, exact, prefix, suffix, rationale, created_by,"
        " created_at, updated_by, updated_at, version) VALUES (1, 0, 8, 'The tram', '', '', 'probe', 'ana',"
        " '2025-03-01 09:00:00', 'ana', '2025-03-01 09:00:00', 1)",
    )
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT MAX(id) FROM claims").scalar() == 4  # the defect: id 4 again
    plant(path, "DELETE FROM claims WHERE rationale = 'probe'")
    schema.upgrade(engine)
    with engine.connect() as conn:
        sequence = dict(conn.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").fetchall())
    engine.dispose()
    assert (sequence["claims"], sequence["articles"], sequence["sources"], sequence["attachments"]) == (4, 1, 1, 1)


# -- copies between SQLite and PostgreSQL ---------------------------------------------


def _worked(target: str | Path) -> tuple[int, int]:
    """A project whose newest claim was deleted: (article id, deleted claim id)."""
    text = "The tram will carry 50,000 passengers a day. It will open in 2027.\n"
    with Project.create(target, analyst="ana") as project:
        article = ImportArticle(ArticleDraft(title="Tram", text=text))
        project.apply(article)
        tram = project.article(article.article_id)  # type: ignore[arg-type]
        _claim(project, tram, "50,000 passengers a day")
        newest = _claim(project, tram, "open in 2027")
        project.apply(DeleteClaim(newest.claim_id))  # type: ignore[arg-type]
        return tram.id, newest.claim_id  # type: ignore[return-value]


def _new_claim_in(target: str | Path, article_id: int) -> CreateClaim:
    with Project.open(target, analyst="bea") as project:
        return _claim(project, project.article(article_id), "open in 2027")


def test_copies_never_reuse_the_ids_of_deleted_rows(tmp_path: Path, pg_database: str) -> None:
    """File → server → file: each copy's counters start where the source's stood, so the
    deleted claim's id is not handed out in any copy (nor its history attached to a new claim)."""
    original = tmp_path / "original.factcheck"
    article_id, deleted = _worked(original)
    copy_project(original, pg_database)
    back = tmp_path / "back.factcheck"
    copy_project(pg_database, back)
    for target in (pg_database, back):
        claim = _new_claim_in(target, article_id)
        assert claim.claim_id > deleted
        with Project.open(target, read_only=True) as project:
            assert _actions(project, "claim", claim.claim_id) == ["New claim"]
            assert _actions(project, "claim", deleted) == ["New claim", "Delete claim"]


def test_server_project_copied_home_never_reuses_ids(pg_database: str, tmp_path: Path) -> None:
    """A team project whose newest claim was deleted, copied to a file: the file continues past it."""
    article_id, deleted = _worked(pg_database)
    home = tmp_path / "home.factcheck"
    copy_project(pg_database, home)
    assert _new_claim_in(home, article_id).claim_id > deleted
