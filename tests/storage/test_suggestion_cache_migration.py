"""Schema 0009 (kept suggestions): a 0008 project is upgraded with its work intact and an empty
table; a project of a schema after 0009 is still refused, untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft, content_hash
from factcheck_app.domain.errors import NewerProject
from factcheck_app.domain.suggestions import model_version
from factcheck_app.services.edits import CreateClaim, ImportArticle
from factcheck_app.services.project import Project
from factcheck_app.services.suggestions import stored_suggestion_key, suggest_claims
from factcheck_app.storage import schema
from factcheck_app.storage.engine import locate, make_engine

TEXT = "Mayor Elena Ruiz said crime fell 20% last year. The budget totals $412 million, up 6 percent.\n"


def _tables(target: str) -> set[str]:
    engine = make_engine(locate(target))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_a_0008_project_is_upgraded_and_then_keeps_suggestions(project_target: str) -> None:
    """A project made by the previous version (schema 0008, no suggestion_cache) opens for writing:
    migrated to 0009, its article and claim as they were, and its suggestions are then kept."""
    with Project.create(project_target, analyst="tester") as project:
        edit = ImportArticle(ArticleDraft(title="Budget", text=TEXT))
        project.apply(edit)
        assert edit.article_id is not None
        article_id = edit.article_id
        project.apply(CreateClaim(article_id, anchor_for_quote(TEXT, "crime fell 20% last year")))
        claims = project.claims()
    engine = make_engine(locate(project_target))
    schema.downgrade(engine, "0008")
    assert schema.current_revision(engine) == "0008"
    engine.dispose()
    assert "suggestion_cache" not in _tables(project_target)

    with Project.open(project_target) as project:
        assert project.claims() == claims
        assert stored_suggestion_key(project, article_id) is None
        found = suggest_claims(project, article_id)
        assert [s.text for s in found] == ["The budget totals $412 million, up 6 percent."]  # the other holds the claim
        assert stored_suggestion_key(project, article_id) == (content_hash(TEXT), model_version())
    engine = make_engine(locate(project_target))
    assert schema.current_revision(engine) == "0009" == schema.HEAD_REVISION
    engine.dispose()


def test_a_project_of_a_schema_after_0009_is_refused_untouched(tmp_path: Path) -> None:
    """The next schema (0010) is one this version does not know: refused in one line, file unchanged."""
    path = tmp_path / "later.factcheck"
    with Project.create(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '0010'")
    raw.commit()
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(
        NewerProject, match=r"later.factcheck was saved by a newer version of Factcheck App \(schema 0010\)"
    ):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
