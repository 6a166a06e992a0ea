"""Already checked: a repeated talking point finds its earlier verdict."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.services.edits import CreateClaim, ImportArticle
from factcheck_app.services.similar import similar_claims


def _article(project, text: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    edit = ImportArticle(ArticleDraft(title=text[:20], text=text))
    project.apply(edit)
    return edit.article_id, text


def test_same_talking_point_in_another_article_is_offered_with_its_verdict(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A reworded repeat is found across articles; an unrelated claim is not."""
    first_id, first = _article(project, "The minister said crime fell by 20 percent last year in the capital.\n")
    second_id, second = _article(project, "Again on Monday: crime fell by 20 percent last year, the minister said.\n")
    old = CreateClaim(first_id, anchor_for_quote(first, "crime fell by 20 percent last year"), verdict="False")
    project.apply(old)
    other = CreateClaim(first_id, anchor_for_quote(first, "in the capital"))
    project.apply(other)
    new = CreateClaim(second_id, anchor_for_quote(second, "crime fell by 20 percent last year, the minister said"))
    project.apply(new)
    found = similar_claims(project, project.claim(new.claim_id))
    assert [s.claim.id for s in found] == [old.claim_id]
    assert found[0].claim.verdict == "False" and found[0].score >= 75
