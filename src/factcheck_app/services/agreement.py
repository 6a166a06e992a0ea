"""The agreement report: how far blind second verdicts agree with the first, per project,
per pair of analysts and per period (for the window, the Word report, ``factcheck agreement``).

Each answered request is one unit: its first verdict (as it was when the second came in) and
the second. A claim checked twice counts twice. The ordinal line is the scale's (see
domain/agreement.py) unless the project names it in the setting ``agreement.ordinal`` (a JSON
list of labels, best first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from factcheck_app.domain.agreement import (
    Agreement,
    VerdictPair,
    agreement,
    by_analyst_pair,
    by_period,
    ordinal_line,
)
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.project import Project
from factcheck_app.services.second_opinion import second_opinions

ORDINAL_SETTING = "agreement.ordinal"
SCHEMA = "factcheck-agreement@1"


@dataclass(frozen=True, slots=True)
class AgreementReport:
    line: tuple[str, ...]  # the ordinal line alpha is computed on, best first
    period: str
    since: date | None
    until: date | None
    overall: Agreement
    per_pair: dict[tuple[str, str], Agreement]
    per_period: dict[str, Agreement]

    def to_json(self) -> dict[str, object]:
        """The document ``factcheck agreement --json`` prints."""
        return {
            "schema": SCHEMA,
            "ordinal_scale": list(self.line),
            "period": self.period,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "overall": self.overall.to_json(),
            "per_pair": [{"analysts": list(pair), **result.to_json()} for pair, result in self.per_pair.items()],
            "per_period": [{"period": key, **result.to_json()} for key, result in self.per_period.items()],
        }


def chosen_line(settings: dict[str, str]) -> list[str] | None:
    text = settings.get(ORDINAL_SETTING, "").strip()
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"The setting {ORDINAL_SETTING} must be a JSON list of verdict labels, best first.")
    return value


def verdict_pairs(project: Project, since: date | None = None, until: date | None = None) -> list[VerdictPair]:
    """Every answered second verdict as a pair, optionally only those given from ``since`` to ``until``."""
    pairs = [pair for o in second_opinions(project) if (pair := o.as_pair()) is not None]
    if since is not None:
        pairs = [p for p in pairs if p.at.date() >= since]
    if until is not None:
        pairs = [p for p in pairs if p.at.date() <= until]
    return pairs


def agreement_report(
    project: Project, *, period: str = "month", since: date | None = None, until: date | None = None
) -> AgreementReport:
    line = ordinal_line(project.verdict_scale(), chosen_line(project.settings()))
    pairs = verdict_pairs(project, since, until)
    return AgreementReport(
        line=line,
        period=period,
        since=since,
        until=until,
        overall=agreement(pairs, line),
        per_pair=dict(by_analyst_pair(pairs, line)),
        per_period=dict(by_period(pairs, line, period)),
    )
