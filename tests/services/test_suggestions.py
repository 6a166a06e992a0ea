"""Suggested claims on a real project: ranked, minus sentences already claimed, one key to a claim."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.edits import CreateClaim, ImportArticle
from factcheck_app.services.project import Project
from factcheck_app.services.suggestions import suggest_claims, suggestion_to_claim_edit

TEXT = (
    "Riverton's council chamber was packed on Tuesday night.\r\n\r\n"
    "Councillor Mark Dunne said the city now spends more on consultants than on road repairs. 😀\n"
    '"Last year we paid outside firms $9.3 million while potholes went unfixed," Dunne said.\n'
    "The budget totals $412 million, up 6 percent from last year.\n"
    "He urged colleagues to think carefully.\n"
)


def _import(project: Project, text: str = TEXT) -> int:
    edit = ImportArticle(ArticleDraft(title="Budget", text=text, published=date(2026, 3, 4)))
    project.apply(edit)
    assert edit.article_id is not None
    return edit.article_id


def test_suggestions_are_ranked_and_point_at_their_sentences(project: Project) -> None:
    """Every suggestion's offsets give back its sentence in the stored text; best score first."""
    article_id = _import(project)
    text = project.article(article_id).text
    found = suggest_claims(project, article_id)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert {text[s.start : s.end] for s in found} == {s.text for s in found}
    assert any(s.text.startswith("The budget totals $412 million") for s in found)
    assert not any("packed" in s.text or "urged" in s.text for s in found)


def test_a_sentence_already_claimed_is_not_suggested_again(project: Project) -> None:
    """A claim on part of a sentence takes that sentence out of the suggestions."""
    article_id = _import(project)
    text = project.article(article_id).text
    project.apply(CreateClaim(article_id, anchor_for_quote(text, "up 6 percent from last year")))
    assert not any("412 million" in s.text for s in suggest_claims(project, article_id))


def test_accepting_a_suggestion_makes_a_claim_with_claimant_and_date(project_target: str) -> None:
    """The new claim quotes the quoted words, names Councillor Mark Dunne and carries the article's date; it survives reopening and undo removes it."""
    with Project.create(project_target, analyst="tester") as project:
        article_id = _import(project)
        quoted = next(s for s in suggest_claims(project, article_id) if "$9.3 million" in s.text)
        assert quoted.claimant == "Councillor Mark Dunne"
        edit = suggestion_to_claim_edit(project, article_id, quoted, span="quote")
        assert isinstance(edit, CreateClaim)
        project.apply(edit)
        claim_id = edit.claim_id
    with Project.open(project_target) as project:
        claim = project.claim(claim_id)
        assert claim.quote == "Last year we paid outside firms $9.3 million while potholes went unfixed,"
        assert claim.claimant == "Councillor Mark Dunne"
        assert claim.claim_date == date(2026, 3, 4)
        assert project.article(article_id).text[claim.anchor.start : claim.anchor.end] == claim.quote
        project.revert(edit)
        assert project.claims(article_id) == []


def test_an_unattributed_sentence_becomes_a_claim_without_claimant(project: Project) -> None:
    """The article's own voice has no claimant and no claim date; a quote span is refused with a message."""
    article_id = _import(project)
    plain = next(s for s in suggest_claims(project, article_id) if "$412 million" in s.text)
    with pytest.raises(InvalidInput, match="quotes nobody"):
        suggestion_to_claim_edit(project, article_id, plain, span="quote")
    edit = suggestion_to_claim_edit(project, article_id, plain)
    project.apply(edit)
    claim = project.claim(edit.claim_id)
    assert claim.quote == plain.text and claim.claimant == "" and claim.claim_date is None
