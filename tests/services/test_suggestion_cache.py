"""Suggestions kept in the project: written once, read back instead of worked out again, and
worked out again for a new text (a new version of the article) or a new model."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text as sql

from db_state import plant, table_rows
from factcheck_app.domain.articles import ArticleDraft, content_hash
from factcheck_app.domain.suggestions import model_version
from factcheck_app.services.edits import DeleteArticle, ImportArticle, ImportRevision
from factcheck_app.services.project import Project
from factcheck_app.services.suggestions import (
    find_suggestions,
    stored_suggestion_key,
    stored_suggestions,
    suggest_claims,
)

TEXT = (
    "Budget night in Riverton\n\n"
    "Mayor Elena Ruiz said crime fell 20% last year. Residents enjoyed the sunny weather.\n"
    '"We will hire 300 new teachers by 2027," the governor promised. The meeting ended at nine.\n'
    "The budget totals $412 million, up 6 percent from last year.\n"
)
REVISED = TEXT.replace("crime fell 20%", "crime fell 35%") + "Unemployment doubled to 8 percent in 2024.\n"
PUBLISHED = date(2025, 3, 4)


def _import(project: Project, text: str = TEXT) -> int:
    edit = ImportArticle(ArticleDraft(title="Budget", text=text, published=PUBLISHED))
    project.apply(edit)
    assert edit.article_id is not None
    return edit.article_id


def _row(target: str, article_id: int) -> tuple[str, str, str, object] | None:
    """The stored row as another tool reads it: text hash, model version, payload, time made."""
    from sqlalchemy import create_engine

    from factcheck_app.storage.engine import locate

    engine = create_engine(locate(target).url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                sql(
                    "SELECT text_hash, model_version, payload, computed_at FROM suggestion_cache WHERE article_id = :id"
                ),
                {"id": article_id},
            ).first()
    finally:
        engine.dispose()
    return None if row is None else (row[0], row[1], row[2], row[3])


def test_suggestions_are_written_once_and_read_back_after_reopening(project_target: str) -> None:
    """The first look writes one row (the text's SHA-256, the model version); after reopening the
    project the row is read, not worked out again: a score changed in the row behind the app's
    back is what comes back, and the row is left as it was."""
    with Project.create(project_target, analyst="tester") as project:
        article_id = _import(project)
        assert stored_suggestion_key(project, article_id) is None
        first = suggest_claims(project, article_id)
        assert first and any(s.claimant == "Mayor Elena Ruiz" for s in first)
    stored = _row(project_target, article_id)
    assert stored is not None
    assert stored[:2] == (content_hash(TEXT), model_version())

    payload = json.loads(stored[2])
    payload["suggestions"][0][2] = 0.987654  # a score this model gives no sentence
    plant(project_target, "UPDATE suggestion_cache SET payload = :p", p=json.dumps(payload))
    with Project.open(project_target) as project:
        again = suggest_claims(project, article_id)
    assert again[0].score == 0.987654
    assert [(s.start, s.end, s.text, s.explanation, s.claimant) for s in again] == [
        (s.start, s.end, s.text, s.explanation, s.claimant) for s in first
    ]
    assert _row(project_target, article_id) == (stored[0], stored[1], json.dumps(payload), stored[3])


def test_what_is_read_back_equals_what_is_worked_out(project: Project) -> None:
    """Sentences, explanations, claimants, quotes and the article's date as claim date survive the round trip."""
    article_id = _import(project)
    worked_out = find_suggestions(TEXT, PUBLISHED)
    assert suggest_claims(project, article_id) == worked_out
    article = project.article(article_id)
    assert stored_suggestions(project, article) == worked_out
    assert any(s.quote_span is not None for s in worked_out)
    assert any(s.claimant and s.claim_date == PUBLISHED for s in worked_out)


def test_a_new_version_of_the_article_gets_suggestions_of_its_own_text(project: Project) -> None:
    """A new version is worked out from its own text; the old version keeps its row."""
    old_id = _import(project)
    before = suggest_claims(project, old_id)
    revision = ImportRevision(old_id, ArticleDraft(title="Budget", text=REVISED, published=PUBLISHED))
    project.apply(revision)
    assert revision.article_id is not None
    assert stored_suggestion_key(project, revision.article_id) is None  # nothing carried over
    after = suggest_claims(project, revision.article_id)
    assert stored_suggestion_key(project, revision.article_id) == (content_hash(REVISED), model_version())
    assert stored_suggestion_key(project, old_id) == (content_hash(TEXT), model_version())
    assert any("Unemployment doubled" in s.text for s in after)
    assert not any("Unemployment" in s.text for s in before)


@pytest.mark.parametrize(
    ("column", "stale"),
    [("text_hash", "0" * 64), ("model_version", "0-an-older-model"), ("payload", '{"format": 1, "suggestions": [[')],
    ids=["another text", "another model", "unreadable"],
)
def test_a_row_made_from_another_text_or_by_another_model_is_made_again(
    project_target: str, column: str, stale: str
) -> None:
    """A stale row is never shown: the suggestions are worked out again and the row replaced."""
    with Project.create(project_target, analyst="tester") as project:
        article_id = _import(project)
        expected = suggest_claims(project, article_id)
    fresh = _row(project_target, article_id)
    assert fresh is not None
    plant(project_target, f"UPDATE suggestion_cache SET {column} = :v", v=stale)
    with Project.open(project_target) as project:
        assert stored_suggestions(project, project.article(article_id)) is None
        assert suggest_claims(project, article_id) == expected
    remade = _row(project_target, article_id)
    assert remade is not None
    assert remade[:3] == fresh[:3]
    assert remade[3] != fresh[3]  # written again


def test_a_read_only_project_shows_suggestions_but_keeps_nothing(project_target: str) -> None:
    """Opened read-only, the project gives suggestions and is left exactly as it was."""
    with Project.create(project_target, analyst="tester") as project:
        article_id = _import(project)
    before = table_rows(project_target)
    with Project.open(project_target, read_only=True) as project:
        assert suggest_claims(project, article_id)
    assert table_rows(project_target) == before


def test_deleting_an_article_deletes_its_kept_suggestions(project: Project) -> None:
    """The row goes with its article (ON DELETE CASCADE), on SQLite and PostgreSQL."""
    article_id = _import(project)
    suggest_claims(project, article_id)
    project.apply(DeleteArticle(article_id))
    assert stored_suggestion_key(project, article_id) is None
    assert table_rows(project)["suggestion_cache"] == []
