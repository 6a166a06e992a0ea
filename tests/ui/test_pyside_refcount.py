"""Guard against the PySide6 6.12.0 bug that drops a reference from None per void call."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_none_refcount_does_not_drift_over_1000_void_calls(qapp) -> None:  # type: ignore[no-untyped-def]
    """1,000 setObjectName calls leave None's refcount where it was (6.12.0 loses 1,000)."""
    obj = QObject()
    obj.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for i in range(1000):
        obj.setObjectName(f"name-{i}")
    drift = before - sys.getrefcount(None)
    assert abs(drift) < 50, f"None lost {drift} references: pin PySide6-Essentials<6.12"
