"""Corrections and complaints: working-day deadlines, what counts as a correction, Problems entries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from factcheck_app.domain.corrections import (
    COMPLAINT_DAYS_SETTING,
    OVERDUE_RULE,
    UNRECORDED_RULE,
    Complaint,
    PublishedVersion,
    add_working_days,
    check_complaint_days,
    complaint_days,
    corrected_on,
    due_date,
    is_correction,
    overdue_problems,
    unrecorded_correction_problems,
)
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.gates import GateProblem

FRIDAY = date(2026, 5, 1)
assert FRIDAY.weekday() == 4


def test_seven_working_days_from_a_friday_skip_two_weekends() -> None:
    """Fri 1 May + 7 working days: Mon 4 … Fri 8 (5), Mon 11 (6), Tue 12 (7)."""
    assert add_working_days(FRIDAY, 7) == date(2026, 5, 12)


def test_a_complaint_received_at_the_weekend_counts_from_monday() -> None:
    """Sat 2 May and Sun 3 May: day 1 is Mon 4, day 7 is Tue 12, as from the Friday."""
    assert add_working_days(date(2026, 5, 2), 7) == date(2026, 5, 12)
    assert add_working_days(date(2026, 5, 3), 1) == date(2026, 5, 4)


def test_working_days_never_land_on_a_weekend() -> None:
    for offset in range(14):
        for days in range(1, 12):
            assert add_working_days(FRIDAY + timedelta(days=offset), days).weekday() < 5


def test_deadline_is_a_project_setting() -> None:
    assert complaint_days({}) == 7
    assert complaint_days({COMPLAINT_DAYS_SETTING: "10"}) == 10
    assert complaint_days({COMPLAINT_DAYS_SETTING: "ten"}) == 7  # damaged: the default, never a crash
    assert due_date(datetime(2026, 5, 1, 17, 30), {COMPLAINT_DAYS_SETTING: "2"}) == date(2026, 5, 5)
    assert check_complaint_days(" 5 ") == "5"
    with pytest.raises(InvalidInput, match="working days"):
        check_complaint_days("0")


def version(verdict: str | None = "False", rationale: str = "The budget says 200 million.") -> PublishedVersion:
    return PublishedVersion(1, 3, 1, verdict, rationale, "", datetime(2026, 5, 1, 9), "anna")


def test_a_change_of_verdict_or_rationale_after_publication_is_a_correction() -> None:
    published = version()
    assert is_correction(published, "Mostly false", published.rationale)
    assert is_correction(published, "False", "The budget says 250 million.")
    assert not is_correction(published, "False", "The budget  says 200 million.\n")  # spacing only
    assert not is_correction(None, "True", "anything")  # never published: an ordinary edit


def test_overdue_complaints_become_problems() -> None:
    """Open and past due: a Problems entry; due today, or closed: none."""

    def complaint(id: int, due: date, closed: datetime | None = None) -> Complaint:
        return Complaint(id, 3, "Reader", datetime(2026, 5, 1), "email", "Wrong", "", "", due, "anna", closed)

    today = date(2026, 5, 13)
    found = overdue_problems(
        [
            complaint(1, date(2026, 5, 12)),
            complaint(2, date(2026, 5, 13)),
            complaint(3, date(2026, 5, 1), closed=datetime(2026, 5, 2)),
        ],
        today,
        {3: "the tram will carry 50,000 passengers"},
    )
    assert [type(p) for p in found] == [GateProblem]
    assert found[0].rule == OVERDUE_RULE and found[0].claim_id == 3
    assert "1 day late" in found[0].message and "50,000" in found[0].message


def test_an_unrecorded_change_of_a_published_claim_is_a_problem() -> None:
    found = unrecorded_correction_problems(
        [(3, "quote", "True", "The budget says 200 million."), (4, "other", "False", "x")],
        {3: version(), 4: PublishedVersion(2, 4, 1, "False", "x", "", datetime(2026, 5, 1), "anna")},
    )
    assert [(p.claim_id, p.rule) for p in found] == [(3, UNRECORDED_RULE)]


def test_corrected_on_line() -> None:
    corrected = PublishedVersion(
        2, 3, 2, "Mostly false", "r", "", datetime(2026, 5, 4, 9), "anna", "Figure fixed.", datetime(2026, 5, 4, 9)
    )
    assert corrected_on(corrected) == "Corrected on 2026-05-04 — Figure fixed."
