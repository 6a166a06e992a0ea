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


def test_the_index_follows_every_later_change_of_the_project(project, project_target: str) -> None:  # type: ignore[no-untyped-def]
    """After the first lookup the wordings are kept in an index: a claim added, reworded, given a
    verdict or deleted afterwards (here, or by another analyst's connection) is found or not as
    if every claim had been read again."""
    from factcheck_app.services.edits import DeleteClaim, SetClaimDetails, SetVerdict
    from factcheck_app.services.project import Project

    first_id, first = _article(project, "The mayor said the new tram will carry 50,000 passengers a day.\n")
    second_id, second = _article(project, "Tram plans: it will carry 50,000 passengers a day, the mayor says.\n")
    probe = CreateClaim(second_id, anchor_for_quote(second, "it will carry 50,000 passengers a day"))
    project.apply(probe)
    assert similar_claims(project, project.claim(probe.claim_id)) == []  # the index is built here

    old = CreateClaim(first_id, anchor_for_quote(first, "the new tram will carry 50,000 passengers a day"))
    project.apply(old)
    found = similar_claims(project, project.claim(probe.claim_id))
    assert [s.claim.id for s in found] == [old.claim_id] and found[0].claim.verdict is None

    project.apply(SetVerdict(old.claim_id, "Mostly true"))
    assert similar_claims(project, project.claim(probe.claim_id))[0].claim.verdict == "Mostly true"

    unrelated = CreateClaim(first_id, anchor_for_quote(first, "The mayor said"))
    project.apply(unrelated)
    assert [s.claim.id for s in similar_claims(project, project.claim(probe.claim_id))] == [old.claim_id]
    project.apply(SetClaimDetails(unrelated.claim_id, restated="The tram will carry 50,000 passengers a day"))
    assert {s.claim.id for s in similar_claims(project, project.claim(probe.claim_id))} == {
        old.claim_id,
        unrelated.claim_id,
    }

    if project.location.is_server:  # another analyst's connection: their change reaches my index
        with Project.open(project_target, analyst="bea") as bea:
            bea.apply(DeleteClaim(old.claim_id))
    else:
        project.apply(DeleteClaim(old.claim_id))
    assert [s.claim.id for s in similar_claims(project, project.claim(probe.claim_id))] == [unrelated.claim_id]
