"""The anchoring cases of the best-known annotation projects, run through our re-anchoring.

The cases (tests/domain/anchoring_cases/peer_cases.json) come from the public test suites
of Hypothesis (client), Apache Annotator, approx-string-match and diff-match-patch, each
credited with its repository, file and test name, plus revisions built on their fixture
texts. A case says what the peer's test expects, whether that answer puts a claim on its
own words, and which passages *are* the claim's words.

What we promise (issue 15): no claim on other words, no exception, every untouched claim
found, and ≥ 95 % agreement with the peers where the peer's answer is right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import ORPHANED, Anchor
from factcheck_app.domain.reanchor import Reanchored, Reanchorer, locate_quote

CASES_FILE = Path(__file__).parent / "anchoring_cases" / "peer_cases.json"
CASES: list[dict] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]  # type: ignore[type-arg]
Span = tuple[int, int]


def run(case: dict) -> Reanchored:  # type: ignore[type-arg]
    claim = case["claim"]
    if case["old_text"] is None:
        return locate_quote(
            case["text"], claim["exact"], prefix=claim["prefix"], suffix=claim["suffix"], hint=claim["start"]
        )
    start = claim["start"]
    anchor = (
        Anchor(0, 0, claim["exact"], claim["prefix"], claim["suffix"])
        if start is None
        else Anchor(start, start + len(claim["exact"]), claim["exact"], claim["prefix"], claim["suffix"])
    )
    return Reanchorer(case["old_text"], case["text"]).reanchor(anchor)


def on_its_words(span: Span, right: list[list[int]]) -> bool:
    """The found passage lies within one of the passages that are the claim's words."""
    return any(r_start <= span[0] and span[1] <= r_end for r_start, r_end in right)


@dataclass
class Tally:
    exceptions: list[str] = field(default_factory=list)
    other_words: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    agree: list[str] = field(default_factory=list)
    disagree: list[str] = field(default_factory=list)

    def report(self) -> str:
        judged = len(self.agree) + len(self.disagree)
        rate = len(self.agree) / judged if judged else 1.0
        return (
            f"{len(CASES)} cases: {len(self.exceptions)} exceptions, {len(self.other_words)} on other words, "
            f"{len(self.missed)} untouched claims missed; agreement with the peers where they are right: "
            f"{len(self.agree)}/{judged} = {rate:.1%}; disagreeing: {self.disagree}"
        )


def tally() -> Tally:
    t = Tally()
    for case in CASES:
        name = case["id"]
        try:
            result = run(case)
        except Exception as error:  # noqa: BLE001 — counting them is the point
            t.exceptions.append(f"{name}: {error!r}")
            continue
        text = case["text"]
        found: Span | None = None
        if result.state != ORPHANED:
            found = (result.anchor.start, result.anchor.end)
            assert text[found[0] : found[1]] == result.anchor.exact, name
        if found is not None and not on_its_words(found, case["right"]):
            t.other_words.append(f"{name}: {text[found[0] : found[1]]!r}")
        if case["must_find"] and (found is None or not on_its_words(found, case["right"])):
            t.missed.append(name)
        peer = case["peer"]
        if peer is not None and peer["right"]:
            spans = [tuple(s) for s in peer["spans"]]
            agreed = (found is None and not spans) or (found is not None and found in spans)
            (t.agree if agreed else t.disagree).append(name)
    return t


def test_peer_cases_never_put_a_claim_on_other_words_and_agree_with_the_peers() -> None:
    """0 exceptions, 0 claims on other words, untouched claims found, ≥ 95 % agreement."""
    t = tally()
    print("\n" + t.report())
    assert t.exceptions == [], t.report()
    assert t.other_words == [], t.report()
    assert t.missed == [], t.report()
    judged = len(t.agree) + len(t.disagree)
    assert judged >= 50, "the corpus lost its peer answers"
    assert len(t.agree) >= 0.95 * judged, t.report()


def test_every_case_credits_its_origin_and_says_what_it_expects() -> None:
    """The corpus is data a reader can check: origin named, expected passages spelled out."""
    assert len(CASES) >= 100
    assert len({c["id"] for c in CASES}) == len(CASES)
    repos = {c["origin"]["repo"] for c in CASES}
    assert {
        "hypothesis/client",
        "apache/incubator-annotator",
        "robertknight/approx-string-match-js",
        "google/diff-match-patch",
    } <= repos
    for case in CASES:
        assert case["origin"]["path"] and case["origin"]["case"], case["id"]
        text = case["text"]
        assert [text[s:e] for s, e in case["right"]] == case["right_texts"], case["id"]
        if case["peer"] is not None:
            assert [text[s:e] for s, e in case["peer"]["spans"]] == case["peer"]["texts"], case["id"]
            assert case["peer"]["right"] or case.get("why"), f"{case['id']}: say why the peer's answer is not right"


@pytest.mark.parametrize("case", [c for c in CASES if c["must_find"]], ids=lambda c: c["id"])
def test_untouched_claims_are_found_on_their_words(case: dict) -> None:  # type: ignore[type-arg]
    """Where the claim's words are in the text unchanged, the claim is on them (one test per case)."""
    result = run(case)
    assert result.state != ORPHANED
    assert on_its_words((result.anchor.start, result.anchor.end), case["right"])
    assert result.confidence.state == result.state
