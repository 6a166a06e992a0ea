"""Which automatic backups to keep: recent ones densely, older ones thinned (as Anki does).

Kept: every backup of the last day (at most ``RECENT_MAX``), the newest of each of the
last ``DAILY_DAYS`` days, and the newest of each of the last ``WEEKLY_WEEKS`` weeks. The
newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

RECENT_MAX = 20
DAILY_DAYS = 14
WEEKLY_WEEKS = 8


def backups_to_delete(created: Iterable[datetime], now: datetime) -> set[datetime]:
    ordered = sorted(set(created), reverse=True)
    keep: set[datetime] = set(ordered[:1])
    recent = [t for t in ordered if now - t <= timedelta(days=1)]
    keep.update(recent[:RECENT_MAX])
    days_seen: set[object] = set()
    weeks_seen: set[object] = set()
    for stamp in ordered:
        age = now - stamp
        if age <= timedelta(days=DAILY_DAYS) and stamp.date() not in days_seen:
            days_seen.add(stamp.date())
            keep.add(stamp)
        week = stamp.isocalendar()[:2]
        if age <= timedelta(weeks=WEEKLY_WEEKS) and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(stamp)
    return set(ordered) - keep
