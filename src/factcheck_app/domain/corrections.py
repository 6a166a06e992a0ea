"""Corrections and complaints: the rules of an honest record after publication.

IFCN commitment 5 and EFCSN Article 3.3: once a claim is published, a change of its verdict
or rationale is a *correction*, made openly with a note saying what changed and why; a
complaint against a published claim is handled within a deadline (7 working days unless the
project says otherwise). Pure rules here; the services keep the record.

Working days are Monday to Friday. Public holidays differ by country and are not known to
the app: a desk that needs them can lengthen the deadline in the project setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.gates import GateProblem

COMPLAINT_DAYS_SETTING = "corrections.complaint_days"
DEFAULT_COMPLAINT_DAYS = 7
MAX_COMPLAINT_DAYS = 90

OVERDUE_RULE = "complaint_overdue"
UNRECORDED_RULE = "correction_note"


@dataclass(frozen=True, slots=True)
class PublishedVersion:
    """A claim as it was published: version 1, then one per correction."""

    id: int
    claim_id: int
    number: int
    verdict: str | None
    rationale: str
    restated: str
    published_at: datetime
    published_by: str
    correction_note: str = ""
    corrected_at: datetime | None = None
    corrected_by: str = ""

    @property
    def is_correction(self) -> bool:
        return self.number > 1


@dataclass(frozen=True, slots=True)
class Complaint:
    id: int
    claim_id: int
    complainant: str
    received_at: datetime
    channel: str
    what: str
    handling: str
    outcome: str
    due: date
    recorded_by: str
    closed_at: datetime | None = None
    closed_by: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_overdue(self, today: date) -> bool:
        """Still open after its due date (a complaint due today is not late yet)."""
        return self.is_open and today > self.due


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start``: day 1 is the next weekday after it.

    A complaint received on a Friday with 7 days is due on the Tuesday of the week after next;
    one received on a Saturday or Sunday counts from the Monday (Monday is day 1).
    """
    if days < 0:
        raise InvalidInput("A number of working days cannot be negative.")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def complaint_days(settings: Mapping[str, str]) -> int:
    """The project's deadline for complaints, in working days (7 when not set or not a number)."""
    value = settings.get(COMPLAINT_DAYS_SETTING, "").strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_COMPLAINT_DAYS:
        return int(value)
    return DEFAULT_COMPLAINT_DAYS


def check_complaint_days(value: str) -> str:
    """Validate the setting as typed by the analyst (for the settings dialog and the CLI)."""
    text = value.strip()
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_COMPLAINT_DAYS):
        raise InvalidInput(
            f"The deadline for complaints must be a whole number of working days, 1 to {MAX_COMPLAINT_DAYS}."
        )
    return str(int(text))


def due_date(received: datetime | date, settings: Mapping[str, str]) -> date:
    day = received.date() if isinstance(received, datetime) else received
    return add_working_days(day, complaint_days(settings))


def same_text(a: str, b: str) -> bool:
    """Rationales are compared by their words: re-spacing or a trailing newline is no correction."""
    return " ".join(a.split()) == " ".join(b.split())


def is_correction(published: PublishedVersion | None, verdict: str | None, rationale: str) -> bool:
    """Would this verdict and rationale correct what was published? (False if never published.)"""
    if published is None:
        return False
    return verdict != published.verdict or not same_text(rationale, published.rationale)


def _short(quote: str) -> str:
    return quote if len(quote) <= 60 else quote[:59] + "…"


def overdue_problems(
    complaints: Iterable[Complaint], today: date, quotes: Mapping[int, str] | None = None
) -> list[GateProblem]:
    """Open complaints past their due date, as entries of the Problems list (oldest due first)."""
    quotes = quotes or {}
    found = []
    for complaint in sorted(complaints, key=lambda c: (c.due, c.id)):
        if not complaint.is_overdue(today):
            continue
        late = (today - complaint.due).days
        about = (
            f"“{_short(quotes[complaint.claim_id])}”" if complaint.claim_id in quotes else f"claim {complaint.claim_id}"
        )
        found.append(
            GateProblem(
                complaint.claim_id,
                OVERDUE_RULE,
                f"The complaint from {complaint.complainant} about {about} was due on "
                f"{complaint.due.isoformat()} ({late} day{'s' if late != 1 else ''} late) and is still open.",
            )
        )
    return found


def unrecorded_correction_problems(
    current: Iterable[tuple[int, str, str | None, str]], latest: Mapping[int, PublishedVersion]
) -> list[GateProblem]:
    """Published claims whose verdict or rationale differs from what was published, with no
    correction recorded: ``current`` is (claim id, quote, verdict, rationale) of published claims."""
    found = []
    for claim_id, quote, verdict, rationale in current:
        version = latest.get(claim_id)
        if version is not None and is_correction(version, verdict, rationale):
            found.append(
                GateProblem(
                    claim_id,
                    UNRECORDED_RULE,
                    f"“{_short(quote)}” changed since it was published without a correction note.",
                )
            )
    return found


def corrected_on(version: PublishedVersion) -> str:
    """The line a report shows under a corrected claim: 'Corrected on 2026-05-04 — note'."""
    when = (version.corrected_at or version.published_at).date().isoformat()
    return f"Corrected on {when} — {version.correction_note}"
