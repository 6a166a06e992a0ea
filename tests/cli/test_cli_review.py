"""Issue #17 through the command line only: blind second verdicts, agreement, resolution,
publication, corrections (ClaimReview, the corrections log, the history) and complaints.

Real project files in tmp_path (and one run on the PostgreSQL test server), ``main([...])``
in-process; what the CLI wrote is read back through the CLI and, for the agreement, through
the service the window uses.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import factcheck, ok

from factcheck_app.domain.claims import APPROVED
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.agreement import agreement_report
from factcheck_app.services.corrections import published_versions
from factcheck_app.services.edits import SetStatus, SetVerdict
from factcheck_app.services.project import Project

AGREED = ["True"] * 3 + ["Mostly true"] * 3 + ["Half true"] * 3 + ["Mostly false"] * 3 + ["False"] * 4
DISAGREED = [
    ("True", "Mostly true"),
    ("Half true", "Mostly false"),
    ("False", "Mostly false"),
    ("Mostly true", "False"),
]
FIRST = AGREED + [first for first, _ in DISAGREED]
SECOND = AGREED + [second for _, second in DISAGREED]

# Krippendorff's alpha of these 20 pairs, by hand (ranks True=0 … False=4; derivation step by
# step in tests/services/test_second_opinion.py): coincidences o_00=6 o_11=6 o_22=6 o_33=6
# o_44=8, o_01=o_23=o_34=o_14=1 (and their mirrors); marginals 7, 8, 7, 8, 10 (n=40);
# D_o = 1539/40, D_e = 408600/1560, alpha = 1 − D_o/D_e = 38731/45400.
HAND_ALPHA = 38731 / 45400

NOTE = "The depot log was misread; the figure is lower."
BASE_URL = "https://desk.example/checks"


def quotes(count: int) -> list[str]:
    return [f"the depot handled {1000 + n} buses in week {n}" for n in range(count)]


def start_project(capsys: pytest.CaptureFixture[str], target: str, folder: Path, verdicts: list[str]) -> list[int]:
    """Anna's claims, one per verdict, each with a rationale and a source, sent to Ben for review."""
    ok(capsys, "new", target)
    text = folder / "depot.txt"
    text.write_text(" ".join(f"The council said {q}." for q in quotes(len(verdicts))) + "\n", encoding="utf-8")
    article_id = ok(capsys, "import", target, text, "--as", "anna", "--title", "Depot").out.strip()
    sheet = folder / "claims.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["article", "quote", "verdict", "rationale", "sources", "reviewer", "status"])
        for n, (quote, verdict) in enumerate(zip(quotes(len(verdicts)), verdicts, strict=True)):
            writer.writerow(
                [
                    article_id,
                    quote,
                    verdict,
                    f"Anna's reasons {n}.",
                    f"https://example.org/depot/{n}",
                    "ben",
                    "in_review",
                ]
            )
    ids = [int(line) for line in ok(capsys, "claim", "import-csv", target, sheet, "--as", "anna").out.split()]
    assert len(ids) == len(verdicts)
    return ids


def claim(capsys: pytest.CaptureFixture[str], target: str, claim_id: int) -> dict[str, object]:
    return ok(capsys, "claim", "show", target, claim_id, "--json").json()  # type: ignore[no-any-return]


def ask_and_answer(capsys: pytest.CaptureFixture[str], target: str, ids: list[int], second: list[str]) -> list[int]:
    """Anna asks Ben for blind second verdicts on every claim (chosen by a filter); Ben gives them
    seeing only the quote and the evidence. Returns the request ids, in claim order."""
    asked = ok(
        capsys, "second-opinion", "request", target, "--filter", "depot", "--analyst", "ben", "--as", "anna", "--json"
    )
    document = asked.json()
    assert document["skipped"] == []
    assert [r["claim_id"] for r in document["requested"]] == ids
    waiting = ok(capsys, "second-opinion", "pending", target, "--analyst", "ben", "--json").json()
    assert [(w["id"], w["claim_id"], w["analyst"]) for w in waiting] == [
        (r["opinion_id"], r["claim_id"], "ben") for r in document["requested"]
    ]
    assert all("verdict" not in w and "rationale" not in w for w in waiting)
    opinions = [r["opinion_id"] for r in document["requested"]]
    for n, (opinion_id, verdict) in enumerate(zip(opinions, second, strict=True)):
        blind = ok(capsys, "second-opinion", "show", target, opinion_id, "--json")
        view = blind.json()
        assert view["quote"] == quotes(len(ids))[n]
        assert [e["url"] for e in view["evidence"]] == [f"https://example.org/depot/{n}"]
        assert "Anna's reasons" not in blind.out and "rationale" not in view and "verdict" not in view
        shown = ok(capsys, "second-opinion", "show", target, opinion_id).out
        assert quotes(len(ids))[n] in shown and "Anna's reasons" not in shown
        ok(
            capsys, "second-opinion", "answer", target, opinion_id, "--as", "ben",
            "--verdict", verdict, "--rationale", f"Ben read the depot log for week {n}.",
        )  # fmt: skip
    assert ok(capsys, "second-opinion", "pending", target, "--json").json() == []
    return opinions


def double_check_twenty(capsys: pytest.CaptureFixture[str], target: str, folder: Path) -> list[int]:
    """The issue's "Done when", command by command; returns the claim ids."""
    ids = start_project(capsys, target, folder, FIRST)
    ok(capsys, "settings", "set", target, "--as", "anna", "gate.false_primary", "off")
    ok(capsys, "settings", "set", target, "--as", "anna", "claimreview_base_url", BASE_URL)
    ok(capsys, "second-opinion", "rule", target, "on", "--as", "anna")
    assert ok(capsys, "second-opinion", "rule", target).out.strip() == "on"

    early = factcheck(capsys, "claim", "update", target, ids[0], "--as", "ben", "--status", "approved")
    assert early.code == 2 and "blind second verdict" in early.err, early.err
    opinions = ask_and_answer(capsys, target, ids, SECOND)

    # Agreement: the CLI's JSON is the service's report, and alpha is the hand-computed value.
    report = ok(capsys, "agreement", target, "--json").json()
    with Project.open(target, read_only=True) as project:
        expected = json.loads(json.dumps(agreement_report(project).to_json()))
    assert report == expected
    assert report["overall"]["alpha_ordinal"] == pytest.approx(HAND_ALPHA, abs=1e-9)
    assert (report["overall"]["pairs"], report["overall"]["agreed"]) == (20, 16)
    assert report["overall"]["percent_agreement"] == pytest.approx(80.0)
    assert [p["analysts"] for p in report["per_pair"]] == [["anna", "ben"]]
    text = ok(capsys, "agreement", target).out
    assert f"alpha {HAND_ALPHA:.3f}" in text and "anna / ben" in text

    # A disagreement blocks approval under the project's rule, even with Ben's verdict set in the
    # same command: exit 2, and nothing of the command was written.
    disputed = ids[16]
    before = claim(capsys, target, disputed)
    refused = factcheck(
        capsys, "claim", "update", target, disputed, "--as", "ben", "--verdict", "Mostly true", "--status", "approved"
    )
    assert refused.code == 2 and "record a resolution" in refused.err, refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert claim(capsys, target, disputed) == before

    # Side by side once both are in; resolved by Anna, the second reading standing.
    pair = ok(capsys, "second-opinion", "compare", target, disputed, "--json").json()
    assert (pair["first"]["verdict"], pair["second"]["verdict"], pair["agree"]) == ("True", "Mostly true", False)
    assert pair["first"]["rationale"] == "Anna's reasons 16."
    open_ones = ok(capsys, "second-opinion", "compare", target, "--json").json()
    assert sorted((d["first"]["verdict"], d["second"]["verdict"]) for d in open_ones) == sorted(DISAGREED)
    for item in open_ones:
        ok(
            capsys, "second-opinion", "resolve", target, item["opinion_id"], "--as", "anna",
            "--verdict", item["second"]["verdict"], "--reason", "The second reading holds.",
        )  # fmt: skip
    assert ok(capsys, "second-opinion", "compare", target, "--json").json() == []
    assert len(ok(capsys, "second-opinion", "compare", target, "--all", "--json").json()) == 4
    assert [claim(capsys, target, i)["verdict"] for i in ids] == SECOND
    resolved = ok(capsys, "second-opinion", "compare", target, "--all", "--json").json()
    assert [d["opinion_id"] for d in resolved] == opinions[16:]
    assert {(d["resolution"]["by"], d["settled"]) for d in resolved} == {("anna", True)}

    # Ben signs off and publishes every claim.
    for claim_id in ids:
        ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "approved")
        ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "published")
    assert {claim(capsys, target, i)["status"] for i in ids} == {"published"}
    with Project.open(target, read_only=True) as project:
        assert [v.verdict for v in published_versions(project)] == SECOND  # what readers saw, kept
    assert ok(capsys, "problems", target).out == ""

    # A published claim's verdict changes only as a correction, with its note.
    first = ids[0]
    seen = claim(capsys, target, first)
    bare = factcheck(capsys, "claim", "update", target, first, "--as", "anna", "--verdict", "Mostly false")
    assert bare.code == 2 and "--correction-note" in bare.err and len(bare.err.strip().splitlines()) == 1
    assert claim(capsys, target, first) == seen
    ok(capsys, "claim", "update", target, first, "--as", "anna", "--verdict", "Mostly false", "--correction-note", NOTE)
    assert claim(capsys, target, first)["verdict"] == "Mostly false"
    ok(capsys, "correction", target, ids[1], "--as", "anna", "--note", "The rationale named the wrong week.",
       "--rationale", "The log for week 1 confirms it.")  # fmt: skip
    assert ok(capsys, "problems", target).out == ""
    return ids


def exports_carry_the_corrections(
    capsys: pytest.CaptureFixture[str], target: str, folder: Path, ids: list[int]
) -> None:
    today = date.today().isoformat()
    out = folder / "reviews.jsonld"
    ok(capsys, "export", target, "--format", "claimreview", "-o", out)
    reviews = {r["url"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    corrected = reviews[f"{BASE_URL}#claim-{ids[0]}"]
    assert corrected["dateModified"] == today
    assert corrected["correction"] == {"@type": "CorrectionComment", "text": NOTE, "datePublished": today}
    assert corrected["reviewRating"]["alternateName"] == "Mostly false"
    assert reviews[f"{BASE_URL}#claim-{ids[1]}"]["correction"]["text"] == "The rationale named the wrong week."
    untouched = reviews[f"{BASE_URL}#claim-{ids[2]}"]
    assert "dateModified" not in untouched and "correction" not in untouched

    log = folder / "corrections.csv"
    status = ok(capsys, "export", target, "--format", "corrections-log", "-o", log)
    assert status.out.strip() == str(log) and "2 corrections" in status.err
    with log.open(encoding="utf-8-sig", newline="") as stream:
        rows = {int(r["claim_id"]): r for r in csv.DictReader(stream)}
    assert set(rows) == {ids[0], ids[1]}
    assert (rows[ids[0]]["verdict_before"], rows[ids[0]]["verdict_after"], rows[ids[0]]["correction_note"]) == (
        "True",
        "Mostly false",
        NOTE,
    )
    assert (rows[ids[1]]["rationale_changed"], rows[ids[1]]["corrected_by"]) == ("yes", "anna")

    history = ok(capsys, "history", target, "--claim", ids[0], "--json").json()
    actions = [(e["analyst"], e["action"]) for e in history]
    assert ("anna", "Ask ben for a blind second verdict on 20 claims") in actions
    assert ("ben", "Blind second verdict: True") in actions
    assert ("ben", "Set status: Published") in actions
    assert ("anna", f"Correction: {NOTE}") in actions
    assert history[-1]["state"]["verdict"] == "Mostly false"
    disputed = [e["action"] for e in ok(capsys, "history", target, "--claim", ids[16], "--json").json()]
    assert "Resolve disagreement: Mostly true — The second reading holds." in disputed


def test_two_analysts_double_check_twenty_claims_blind_resolve_publish_and_correct(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "desk.factcheck")
    ids = double_check_twenty(capsys, target, tmp_path)
    exports_carry_the_corrections(capsys, target, tmp_path, ids)


def test_the_same_on_a_team_project_on_the_server(
    pg_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_database.replace("postgresql+psycopg://", "postgresql://", 1)
    ids = double_check_twenty(capsys, url, tmp_path)
    exports_carry_the_corrections(capsys, url, tmp_path, ids)


def test_agreement_of_three_claims_is_the_hand_computed_alpha(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(True, True), (False, False), (True, Mostly true); ranks True=0, Mostly true=1, False=4.

    Coincidences: o_00=2, o_44=2, o_01=o_10=1; marginals n_0=3, n_1=1, n_4=2, n=6.
    Ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c+n_k)/2)²: δ²_01=(4−2)²=4, δ²_04=(6−2.5)²=12.25,
    δ²_14=(3−1.5)²=2.25. D_o = (1+1)·4/6 = 4/3; D_e = 2·(3·1·4 + 3·2·12.25 + 1·2·2.25)/(6·5) = 6;
    alpha = 1 − (4/3)/6 = 7/9.
    """
    target = str(tmp_path / "three.factcheck")
    ids = start_project(capsys, target, tmp_path, ["True", "False", "True"])
    ask_and_answer(capsys, target, ids, ["True", "False", "Mostly true"])
    overall = ok(capsys, "agreement", target, "--json").json()["overall"]
    assert overall["alpha_ordinal"] == pytest.approx(7 / 9, abs=1e-12)
    assert overall["percent_agreement"] == pytest.approx(200 / 3)
    counts = dict(zip(overall["confusion"]["labels"], overall["confusion"]["counts"], strict=True))
    assert counts["True"][overall["confusion"]["labels"].index("Mostly true")] == 1
    since_tomorrow = ok(capsys, "agreement", target, "--json", "--since", "2999-01-01").json()["overall"]
    assert since_tomorrow["pairs"] == 0


def test_requests_the_rules_refuse_say_why_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anna cannot second-check her own claim; only Ben answers his request; compare waits for it."""
    target = str(tmp_path / "rules.factcheck")
    ids = start_project(capsys, target, tmp_path, ["True", "False"])
    own = factcheck(capsys, "second-opinion", "request", target, ids[0], "--analyst", "anna", "--as", "anna")
    assert own.code == 1 and "anna wrote" in own.err and "skipped claim" in own.err
    assert ok(capsys, "second-opinion", "pending", target, "--json").json() == []

    asked = ok(capsys, "second-opinion", "request", target, *ids, 999, "--analyst", "ben", "--as", "anna")
    assert "skipped claim 999" in asked.err
    (opinion, _), _ = [tuple(int(x) for x in line.split("\t")[:2]) for line in asked.out.splitlines()]
    waiting = factcheck(capsys, "second-opinion", "compare", target, ids[0])
    assert waiting.code == 1 and "not in yet" in waiting.err
    stranger = factcheck(capsys, "second-opinion", "answer", target, opinion, "--as", "anna", "--verdict", "True",
                         "--rationale", "Peeked.")  # fmt: skip
    assert stranger.code == 1 and "Only ben" in stranger.err
    assert len(ok(capsys, "second-opinion", "pending", target, "--json").json()) == 2

    # With the rule on, approval is refused inside the edit too (a window, or a script racing the check).
    ok(capsys, "second-opinion", "rule", target, "on", "--as", "anna")
    with (
        Project.open(target, analyst="ben") as project,
        pytest.raises(InvalidInput, match="waits for a blind second verdict from ben"),
    ):
        project.apply(SetStatus(ids[0], APPROVED))
    refused = factcheck(capsys, "claim", "update", target, ids[0], "--as", "ben", "--status", "approved")
    assert refused.code == 2 and "waits for a blind second verdict from ben" in refused.err
    assert claim(capsys, target, ids[0])["status"] == "in_review"


def publish_one(capsys: pytest.CaptureFixture[str], target: str, folder: Path) -> int:
    (claim_id,) = start_project(capsys, target, folder, ["Mostly true"])
    ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "approved")
    ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "published")
    return claim_id


def test_a_complaint_past_its_due_date_is_a_problem_until_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "complaints.factcheck")
    claim_id = publish_one(capsys, target, tmp_path)
    assert ok(capsys, "problems", target).out == ""
    # Monday 6 January 2020 + 7 working days = Wednesday 15 January.
    added = ok(
        capsys, "complaint", "add", target, claim_id, "--as", "anna", "--from", "Depot union",
        "--what", "Week 0 counted the night buses twice.", "--channel", "e-mail", "--received", "2020-01-06",
    )  # fmt: skip
    complaint_id = int(added.out)
    assert "2020-01-15" in added.err
    problems = factcheck(capsys, "problems", target)
    assert problems.code == 2
    assert [line.split("\t")[:2] for line in problems.out.splitlines()] == [[str(claim_id), "complaint_overdue"]]
    assert "Depot union" in problems.out and "2020-01-15" in problems.out
    [listed] = ok(capsys, "complaint", "list", target, "--json").json()
    assert (listed["id"], listed["state"], listed["due"], listed["channel"]) == (
        complaint_id,
        "overdue",
        "2020-01-15",
        "e-mail",
    )

    ok(capsys, "complaint", "handle", target, complaint_id, "--as", "ben", "--handling", "Checked the night log.")
    assert factcheck(capsys, "problems", target).code == 2  # handled is not closed
    ok(capsys, "complaint", "close", target, complaint_id, "--as", "ben", "--outcome", "No error: counted once.")
    assert ok(capsys, "problems", target).out == ""
    [closed] = ok(capsys, "complaint", "list", target, "--json").json()
    assert (closed["state"], closed["handling"], closed["outcome"], closed["closed_by"]) == (
        "closed",
        "Checked the night log.",
        "No error: counted once.",
        "ben",
    )
    assert ok(capsys, "complaint", "list", target, "--open", "--json").json() == []
    again = factcheck(capsys, "complaint", "close", target, complaint_id, "--as", "ben", "--outcome", "Twice.")
    assert again.code == 1 and "already closed" in again.err
    actions = [e["action"] for e in ok(capsys, "history", target, "--claim", claim_id, "--json").json()]
    assert "Complaint from Depot union (e-mail)" in actions and "Close complaint" in actions


def test_a_complaint_about_an_unpublished_claim_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = str(tmp_path / "draft.factcheck")
    (claim_id,) = start_project(capsys, target, tmp_path, ["True"])
    refused = factcheck(capsys, "complaint", "add", target, claim_id, "--from", "A reader", "--what", "Wrong.")
    assert refused.code == 1 and "never published" in refused.err
    assert ok(capsys, "complaint", "list", target, "--json").json() == []


def test_a_published_claim_changed_without_a_note_needs_one_to_be_published_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Taken back to draft, changed, approved again: publishing it again is a correction."""
    target = str(tmp_path / "again.factcheck")
    claim_id = publish_one(capsys, target, tmp_path)
    ok(capsys, "claim", "update", target, claim_id, "--as", "anna", "--status", "draft", "--verdict", "Half true")
    ok(capsys, "claim", "update", target, claim_id, "--as", "anna", "--status", "in_review")
    ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "approved")
    bare = factcheck(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "published")
    assert bare.code == 2 and "--correction-note" in bare.err
    assert claim(capsys, target, claim_id)["status"] == "approved"
    ok(capsys, "claim", "update", target, claim_id, "--as", "ben", "--status", "published",
       "--correction-note", "Half the buses were counted twice.")  # fmt: skip
    log = tmp_path / "log.csv"
    ok(capsys, "export", target, "--format", "corrections-log", "-o", log)
    with log.open(encoding="utf-8-sig", newline="") as stream:
        [row] = list(csv.DictReader(stream))
    assert (row["verdict_before"], row["verdict_after"], row["correction_note"]) == (
        "Mostly true",
        "Half true",
        "Half the buses were counted twice.",
    )
    stray = factcheck(capsys, "claim", "update", target, claim_id, "--as", "anna", "--claimant", "Council",
                      "--correction-note", "Nothing really.")  # fmt: skip
    assert stray.code == 1 and "no correction" in stray.err


def test_a_change_made_without_a_note_shows_in_problems_until_a_note_records_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window (here: its edit) changed a published verdict without a note: Problems says so;
    a note alone records it; other fields of a published claim change without one."""
    target = str(tmp_path / "unrecorded.factcheck")
    claim_id = publish_one(capsys, target, tmp_path)
    with Project.open(target, analyst="anna") as project:
        project.apply(SetVerdict(claim_id, "Half true"))
    found = factcheck(capsys, "problems", target)
    assert found.code == 2 and found.out.split("\t")[:2] == [str(claim_id), "correction_note"]
    ok(capsys, "claim", "update", target, claim_id, "--as", "anna", "--claimant", "The council")
    ok(capsys, "claim", "update", target, claim_id, "--as", "anna", "--correction-note", "Half the fleet was idle.")
    assert ok(capsys, "problems", target).out == ""
    log = tmp_path / "log.csv"
    ok(capsys, "export", target, "--format", "corrections-log", "-o", log)
    with log.open(encoding="utf-8-sig", newline="") as stream:
        [row] = list(csv.DictReader(stream))
    assert (row["verdict_before"], row["verdict_after"], row["claimant"]) == ("Mostly true", "Half true", "The council")
