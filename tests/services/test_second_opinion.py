"""Blind second verdicts through the services, on a project file and on PostgreSQL.

The first test is issue #17's "Done when" at the service level: two analysts double-check
20 claims blind, agreement matches a hand-computed alpha, disagreements are resolved, the
claims are published, one is corrected, and all of it is in the corrections log, in
ClaimReview's corrections and in the history.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.claims import APPROVED, IN_REVIEW
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.exporters.corrections_log import write_corrections_csv
from factcheck_app.services.agreement import agreement_report
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.corrections import claimreview_corrections, corrections_log, needs_correction_note
from factcheck_app.services.edits import (
    CreateClaim,
    ImportArticle,
    SetClaimDetails,
    SetProjectSetting,
    SetStatus,
    SetVerdict,
)
from factcheck_app.services.project import Project
from factcheck_app.services.review_edits import (
    AnswerSecondOpinion,
    PublishClaim,
    RecordCorrection,
    RequestSecondOpinions,
    ResolveDisagreement,
)
from factcheck_app.services.second_opinion import (
    RULE_SETTING,
    BlindClaim,
    blind_view,
    disagreements,
    pending_requests,
    plan_second_opinions,
    second_opinion_gate,
    second_opinion_problems,
    second_opinions,
    side_by_side,
)

AGREED = ["True"] * 3 + ["Mostly true"] * 3 + ["Half true"] * 3 + ["Mostly false"] * 3 + ["False"] * 4
DISAGREED = [
    ("True", "Mostly true"),
    ("Half true", "Mostly false"),
    ("False", "Mostly false"),
    ("Mostly true", "False"),
]
FIRST = AGREED + [first for first, _ in DISAGREED]
SECOND = AGREED + [second for _, second in DISAGREED]

# Krippendorff's alpha of these 20 pairs, by hand (ranks True=0 … False=4):
#   coincidences: o_00=6 o_11=6 o_22=6 o_33=6 o_44=8 (agreements, 2 per unit);
#   o_01=o_10=1, o_23=o_32=1, o_34=o_43=1, o_14=o_41=1 (the four disagreements)
#   marginals: n_0=7 n_1=8 n_2=7 n_3=8 n_4=10, n=40
#   ordinal δ² = (Σ_{g=c..k} n_g − (n_c+n_k)/2)²:
#     δ²_01=7.5²=56.25 δ²_02=15²=225 δ²_03=22.5²=506.25 δ²_04=31.5²=992.25 δ²_12=7.5²=56.25
#     δ²_13=15²=225 δ²_14=24²=576 δ²_23=7.5²=56.25 δ²_24=16.5²=272.25 δ²_34=9²=81
#   D_o = 2·(56.25 + 56.25 + 81 + 576) / 40 = 1539/40
#   Σ_{c<k} n_c n_k δ²_ck = 3150 + 11025 + 28350 + 69457.5 + 3150 + 14400 + 46080 + 3150 + 19057.5 + 6480 = 204300
#   D_e = 2·204300 / (40·39) = 408600/1560
#   alpha = 1 − D_o/D_e = 1 − 1539·39/408600 = 1 − 6669/45400 = 38731/45400
HAND_ALPHA = 38731 / 45400


def as_analyst(project: Project, name: str) -> Project:
    project.analyst = name
    return project


def claims_text(count: int) -> tuple[str, list[str]]:
    quotes = [f"the depot handled {1000 + n} buses in week {n}" for n in range(count)]
    return " ".join(f"The council said {q}." for q in quotes) + "\n", quotes


@pytest.fixture
def twenty(project: Project) -> Iterator[tuple[Project, list[int]]]:
    """Anna's 20 rated claims, each with a rationale and a source."""
    as_analyst(project, "anna")
    text, quotes = claims_text(20)
    article = ImportArticle(ArticleDraft(title="Depot", text=text))
    project.apply(article)
    assert article.article_id is not None
    ids = []
    for n, (quote, verdict) in enumerate(zip(quotes, FIRST, strict=True)):
        edit = CreateClaim(
            article.article_id,
            anchor_for_quote(text, quote),
            verdict=verdict,
            rationale=f"Anna's reasons {n}.",
            sources=[Source(None, f"https://example.org/depot/{n}", title=f"Depot log {n}")],
        )
        project.apply(edit)
        assert edit.claim_id is not None
        ids.append(edit.claim_id)
    yield project, ids


def test_two_analysts_double_check_twenty_claims_blind_to_a_corrections_log(twenty, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The whole workflow of issue #17 through the services, ending in the log, ClaimReview and the history."""
    project, ids = twenty
    plan = plan_second_opinions(project, ids, "bob")
    assert plan.edit is not None and not plan.skipped
    project.apply(plan.edit)

    as_analyst(project, "bob")
    queue = pending_requests(project, "bob")
    assert [o.claim_id for o in queue] == ids
    for opinion, verdict in zip(queue, SECOND, strict=True):
        view = blind_view(project, opinion.id)
        assert view.quote and "Anna's reasons" not in json.dumps(dataclasses.asdict(view), default=str)
        project.apply(AnswerSecondOpinion(opinion.id, verdict, f"Bob checked the depot log for claim {view.claim_id}."))
    assert pending_requests(project) == []

    report = agreement_report(project)
    assert report.overall.pairs == 20 and report.overall.agreed == 16
    assert report.overall.percent_agreement == pytest.approx(80.0)
    assert report.overall.alpha == pytest.approx(HAND_ALPHA, abs=1e-9)
    assert list(report.per_pair) == [("anna", "bob")]
    document = json.loads(json.dumps(report.to_json()))
    assert document["overall"]["alpha_ordinal"] == pytest.approx(HAND_ALPHA, abs=1e-9)
    assert document["overall"]["confusion"]["labels"][:5] == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
    ]

    open_ones = disagreements(project)
    assert sorted((d.opinion.first_verdict, d.opinion.verdict) for d in open_ones) == sorted(DISAGREED)
    as_analyst(project, "carla")
    for pair in open_ones:
        project.apply(ResolveDisagreement(pair.opinion.id, pair.opinion.verdict or "", "The second reading holds."))
    assert disagreements(project) == []
    assert [project.claim(i).verdict for i in ids] == SECOND

    project.apply(SetProjectSetting(RULE_SETTING, "on"))
    for claim_id in ids:
        as_analyst(project, "anna")
        project.apply(SetClaimDetails(claim_id, reviewer="carla"))
        project.apply(SetStatus(claim_id, IN_REVIEW))
        as_analyst(project, "carla")
        assert second_opinion_gate(project, claim_id) is None
        project.apply(SetStatus(claim_id, APPROVED))
        project.apply(PublishClaim(claim_id))
    assert second_opinion_problems(project) == []

    corrected = ids[0]
    assert needs_correction_note(project, corrected, "Mostly false", project.claim(corrected).rationale)
    project.apply(
        RecordCorrection(corrected, "The depot log was misread; the figure is lower.", verdict="Mostly false")
    )
    assert project.claim(corrected).verdict == "Mostly false"

    log = corrections_log(project)
    assert [(e.claim_id, e.verdict_before, e.verdict_after) for e in log] == [(corrected, "True", "Mostly false")]
    path = tmp_path / "corrections.csv"
    write_corrections_csv(log, path)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["claim_id"], r["correction_note"]) for r in rows] == [
        (str(corrected), "The depot log was misread; the figure is lower.")
    ]
    assert claimreview_corrections(project) == {
        corrected: (log[0].corrected_at.date().isoformat(), "The depot log was misread; the figure is lower.")
    }

    actions = [entry.action for entry in project.history("claim", ids[16])]  # the first disagreement
    assert "Ask bob for a blind second verdict on 20 claims" in actions
    assert "Blind second verdict: Mostly true" in actions
    assert "Resolve disagreement: Mostly true — The second reading holds." in actions
    assert "Set status: Published" in actions
    assert [e.analyst for e in project.history("claim", ids[16]) if e.action.startswith("Resolve")] == ["carla"]
    assert any(e.action.startswith("Correction: The depot log") for e in project.history("claim", corrected))


def test_blind_view_shows_quote_restated_and_evidence_but_never_the_first_verdict(imported) -> None:  # type: ignore[no-untyped-def]
    """Only what may be shown: not the verdict, rationale, stance, source note, tags or status."""
    project, article = imported
    as_analyst(project, "anna")
    source = Source(None, "https://example.org/ridership", title="Ridership study", note="NOTE-ANNA-THINKS-FALSE")
    create = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "carry 50,000 passengers a day"),
        tags=["transport"],
        verdict="Mostly false",
        rationale="RATIONALE-ONLY-ANNA-KNOWS",
        sources=[source],
    )
    project.apply(create)
    assert create.claim_id is not None
    project.apply(SetClaimDetails(create.claim_id, restated="The tram will carry 50,000 people daily."))
    request = RequestSecondOpinions([create.claim_id], "bob")
    project.apply(request)

    view = blind_view(project, request.opinion_ids[0])
    assert {f.name for f in dataclasses.fields(BlindClaim)} == {
        "opinion_id", "claim_id", "analyst", "quote", "context_before", "context_after", "restated",
        "claimant", "claim_date", "article_title", "article_url", "evidence", "verdicts",
    }  # fmt: skip
    assert view.quote == "carry 50,000 passengers a day"
    assert view.restated == "The tram will carry 50,000 people daily."
    assert [e.url for e in view.evidence] == ["https://example.org/ridership"]
    shown = json.dumps({k: v for k, v in dataclasses.asdict(view).items() if k != "verdicts"}, default=str)
    for secret in ("Mostly false", "RATIONALE-ONLY-ANNA-KNOWS", "NOTE-ANNA-THINKS-FALSE", "transport", "anna"):
        assert secret not in shown
    # The pending request handed to Bob's queue carries nothing of Anna's judgement either.
    (pending,) = pending_requests(project, "bob")
    assert (pending.first_verdict, pending.first_rationale) == (None, "")
    with pytest.raises(InvalidInput, match="not in yet"):
        side_by_side(project, create.claim_id)


@pytest.fixture
def one_claim(imported) -> tuple[Project, int]:  # type: ignore[no-untyped-def]
    project, article = imported
    as_analyst(project, "anna")
    create = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "carry 50,000 passengers a day"),
        verdict="False",
        rationale="The study says 20,000.",
    )
    project.apply(create)
    assert create.claim_id is not None
    return project, create.claim_id


def test_only_another_analyst_can_be_asked_and_only_they_can_answer(one_claim) -> None:  # type: ignore[no-untyped-def]
    project, claim_id = one_claim
    with pytest.raises(InvalidInput, match="another analyst"):
        project.apply(RequestSecondOpinions([claim_id], "Anna"))
    request = RequestSecondOpinions([claim_id], "bob")
    project.apply(request)
    with pytest.raises(InvalidInput, match="already waits"):
        project.apply(RequestSecondOpinions([claim_id], "carla"))
    plan = plan_second_opinions(project, [claim_id, 9999], "carla")
    assert plan.edit is None and set(plan.skipped) == {claim_id, 9999}
    with pytest.raises(InvalidInput, match="Only bob"):
        project.apply(AnswerSecondOpinion(request.opinion_ids[0], "True", "Looks right."))
    as_analyst(project, "bob")
    with pytest.raises(InvalidInput, match="not a verdict"):
        project.apply(AnswerSecondOpinion(request.opinion_ids[0], "Sort of", "Hm."))
    project.apply(AnswerSecondOpinion(request.opinion_ids[0], "false", "The study says 20,000 too."))
    pair = side_by_side(project, claim_id)
    assert pair.agree and pair.settled and pair.opinion.verdict == "False"
    with pytest.raises(InvalidInput, match="agree"):
        project.apply(ResolveDisagreement(request.opinion_ids[0], "False", "Both say so."))


def test_approval_rule_needs_an_agreeing_second_verdict_or_a_resolution(one_claim) -> None:  # type: ignore[no-untyped-def]
    """Off by default; on, it refuses until the second verdict agrees or a resolution stands."""
    project, claim_id = one_claim
    assert second_opinion_gate(project, claim_id) is None  # the rule is off
    project.apply(SetProjectSetting(RULE_SETTING, "on"))
    assert "needs a blind second verdict" in (second_opinion_gate(project, claim_id) or "")
    request = RequestSecondOpinions([claim_id], "bob")
    project.apply(request)
    assert "waits for a blind second verdict from bob" in (second_opinion_gate(project, claim_id) or "")
    as_analyst(project, "bob")
    project.apply(AnswerSecondOpinion(request.opinion_ids[0], "Mostly false", "Some buses count too."))
    assert "record a resolution" in (second_opinion_gate(project, claim_id) or "")
    as_analyst(project, "carla")
    resolve = ResolveDisagreement(request.opinion_ids[0], "False", "Buses are not the tram.")
    project.apply(resolve)
    assert second_opinion_gate(project, claim_id) is None
    as_analyst(project, "anna")
    project.apply(SetVerdict(claim_id, "Half true"))
    assert "resolve it again" in (second_opinion_gate(project, claim_id) or "")
    project.apply(SetVerdict(claim_id, "False"))
    project.apply(SetClaimDetails(claim_id, reviewer="carla"))
    project.apply(SetStatus(claim_id, IN_REVIEW))
    as_analyst(project, "carla")
    project.apply(SetStatus(claim_id, APPROVED))
    assert second_opinion_problems(project) == []
    project.revert(resolve)  # the resolution goes: the approved claim now breaks the rule
    (problem,) = second_opinion_problems(project)
    assert problem.claim_id == claim_id and problem.rule == "second_opinion"


def test_every_second_opinion_edit_is_undone(one_claim) -> None:  # type: ignore[no-untyped-def]
    """Request, answer and resolution each revert to exactly the state before them."""
    project, claim_id = one_claim
    request = RequestSecondOpinions([claim_id], "bob")
    project.apply(request)
    as_analyst(project, "bob")
    answer = AnswerSecondOpinion(request.opinion_ids[0], "Mostly false", "Some buses count too.")
    project.apply(answer)
    as_analyst(project, "carla")
    resolve = ResolveDisagreement(request.opinion_ids[0], "Mostly false", "Bob's reading of the study is right.")
    project.apply(resolve)
    assert project.claim(claim_id).verdict == "Mostly false"

    project.revert(resolve)
    assert project.claim(claim_id).verdict == "False"
    assert not side_by_side(project, claim_id).settled and side_by_side(project, claim_id).resolution is None
    project.revert(answer)
    (opinion,) = second_opinions(project, claim_id)
    assert (opinion.state, opinion.verdict, opinion.first_verdict) == ("requested", None, None)
    project.revert(request)
    assert second_opinions(project, claim_id) == []
    project.apply(request)  # redo keeps the ids other edits rely on
    as_analyst(project, "bob")
    project.apply(answer)
    as_analyst(project, "carla")
    project.apply(resolve)
    assert project.claim(claim_id).verdict == "Mostly false"
    assert [o.id for o in second_opinions(project, claim_id)] == request.opinion_ids


def test_undoing_a_request_bob_has_answered_is_a_conflict(one_claim) -> None:  # type: ignore[no-untyped-def]
    project, claim_id = one_claim
    request = RequestSecondOpinions([claim_id], "bob")
    project.apply(request)
    as_analyst(project, "bob")
    answer = AnswerSecondOpinion(request.opinion_ids[0], "False", "Agreed.")
    project.apply(answer)
    as_analyst(project, "anna")
    with pytest.raises(EditConflict, match="answered it since"):
        project.revert(request)
    assert second_opinions(project, claim_id)[0].verdict == "False"


def test_two_analysts_on_a_server_never_overwrite_each_others_review(pg_database: str, article_file: Path) -> None:
    """PostgreSQL team mode: a stale undo and a resolution based on an old verdict are refused."""
    from factcheck_app.services.articles import import_article_edit

    with Project.create(pg_database, analyst="anna") as anna:
        imported = import_article_edit(article_file)
        anna.apply(imported)
        article = anna.article(imported.article_id)
        create = CreateClaim(article.id, anchor_for_quote(article.text, "cost twice the budget"), verdict="True")
        anna.apply(create)
        assert create.claim_id is not None
        request = RequestSecondOpinions([create.claim_id], "bob")
        anna.apply(request)
        with Project.open(pg_database, analyst="bob") as bob:
            seen = bob.claim(create.claim_id)
            bob.apply(AnswerSecondOpinion(request.opinion_ids[0], "False", "The budget doubled only in one plan."))
            with pytest.raises(EditConflict):
                anna.revert(request)
            anna.apply(SetVerdict(create.claim_id, "Half true"))
            stale = ResolveDisagreement(request.opinion_ids[0], "False", "Bob is right.").based_on(seen)
            with pytest.raises(EditConflict):
                bob.apply(stale)
            assert anna.claim(create.claim_id).verdict == "Half true"
            fresh = ResolveDisagreement(request.opinion_ids[0], "False", "Bob is right.").based_on(
                bob.claim(create.claim_id)
            )
            bob.apply(fresh)
            assert anna.claim(create.claim_id).verdict == "False"
