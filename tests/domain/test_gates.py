"""Verdict gates: each rule finds its breach, and can be turned off."""

from __future__ import annotations

from datetime import datetime

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.gates import blocks_export, gate_problems
from factcheck_app.domain.sources import Source

NOW = datetime(2026, 1, 1)


def claim(
    verdict: str | None, sources: tuple[Source, ...] = (), rationale: str = "why", status: str = "draft"
) -> Claim:
    return Claim(
        1, 1, anchor_for_span("some words", 0, 4), (), verdict, rationale, sources, "a", NOW, "a", NOW, 1, status=status
    )


def rules_hit(c: Claim, settings: dict[str, str] | None = None) -> list[str]:
    return [p.rule for p in gate_problems([c], settings or {})]


def test_each_rule_finds_its_breach() -> None:
    """No source, False without primary, approval without sign-off, verdict without rationale."""
    assert rules_hit(claim("Mostly true")) == ["evidence"]
    assert rules_hit(claim("Unproven")) == []
    assert rules_hit(claim("False", (Source(1, "https://e.org", kind="news report"),))) == ["false_primary"]
    assert rules_hit(claim("False", (Source(1, "https://e.org", kind="primary document"),))) == []
    assert rules_hit(claim("True", (Source(1, "https://e.org"),), status="approved")) == ["approved_reviewer"]
    assert rules_hit(claim("True", (Source(1, "https://e.org"),), rationale=" ")) == ["rationale"]
    assert rules_hit(claim(None, rationale="")) == []


def test_rules_can_be_turned_off_and_mode_chosen() -> None:
    """A project may switch a rule off, and choose to block export instead of warning."""
    assert rules_hit(claim("Mostly true"), {"gate.evidence": "off"}) == []
    assert not blocks_export({}) and blocks_export({"gates.mode": "block"})
