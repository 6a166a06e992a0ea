"""The history in words: empty values read "—", never "None"; sources and evidence by their titles."""

from __future__ import annotations

from datetime import date

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import AddSource, CreateClaim, DeleteClaim, SetClaimDetails, SetVerdict
from factcheck_app.services.history import EMPTY, describe_change, describe_history, show


def test_claim_history_never_says_none(imported) -> None:  # type: ignore[no-untyped-def]
    """Evidence without excerpt, a source without address, a cleared verdict and date: no "None" anywhere."""
    project, article = imported
    create = CreateClaim(article.id, anchor_for_quote(article.text, "carry 50,000 passengers a day"), verdict="True")
    project.apply(create)
    claim_id = create.claim_id
    project.apply(
        AddSource(claim_id, Source(None, "https://example.org/study", "Study"), excerpt="31,000", stance="contradicts")
    )
    project.apply(AddSource(claim_id, Source(None, "", "Interview with the mayor")))
    project.apply(SetVerdict(claim_id, None))
    project.apply(SetClaimDetails(claim_id, claim_date=date(2025, 1, 2), claimant="City hall"))
    project.apply(SetClaimDetails(claim_id, claim_date=None, claimant=""))
    delete = DeleteClaim(claim_id)
    project.apply(delete)
    project.revert(delete)
    lines = describe_history(project.history("claim", claim_id))
    assert not any("None" in line for line in lines), lines
    assert lines == [
        "created",
        "evidence: — → Study (contradicts, “31,000”)",
        "evidence: Study (contradicts, “31,000”) → Study (contradicts, “31,000”), Interview with the mayor",
        "verdict: True → —",
        "claim date: — → 2025-01-02; claimant: — → City hall",
        "claim date: 2025-01-02 → —; claimant: City hall → —",
        "deleted",
        "restored",
    ]


def test_empty_values_read_as_a_dash() -> None:
    """None, blank text, empty lists and lists of nothing are all "—"; times lose their seconds."""
    assert [show(v) for v in (None, "", "  ", [], [None, ""], {"title": "", "url": ""}, {})] == [EMPTY] * 7
    assert show("2025-03-14T09:30:12.123456") == "2025-03-14 09:30"
    assert show(False) == "no"
    assert describe_change(
        {"approved_by": "Rita", "approved_at": "2025-03-14T09:30:00"}, {"approved_by": "", "approved_at": None}
    ) == ("approved at: 2025-03-14 09:30 → —; approved by: Rita → —")


def test_analysts_are_everyone_in_the_history_once(project) -> None:  # type: ignore[no-untyped-def]
    """The names the "ask for a second verdict" list offers: each analyst who changed anything, once."""
    from factcheck_app.domain.articles import ArticleDraft
    from factcheck_app.services.edits import ImportArticle, SetProjectSetting

    project.apply(ImportArticle(ArticleDraft(title="T", text="The mayor said so.\n")))
    project.analyst = "Ben"
    project.apply(SetProjectSetting("organisation", "Desk"))
    project.apply(SetProjectSetting("organisation", "Desk One"))
    project.analyst = "anna"
    project.apply(SetProjectSetting("organisation", "Desk Two"))
    assert project.analysts() == ["anna", "Ben", "tester"]
