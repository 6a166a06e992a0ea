"""The claims table model on its own, then through Qt's model checker."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import DEFAULT_SCALE
from factcheck_app.ui.models.claims_model import COL_QUOTE, COL_VERDICT, ClaimIdRole, ClaimsTableModel

TEXT = "alpha beta gamma delta epsilon zeta eta theta"
NOW = datetime(2026, 1, 1)


def claim(claim_id: int, word: str, verdict: str | None = None, tags: tuple[str, ...] = ()) -> Claim:
    start = TEXT.index(word)
    return Claim(
        claim_id, 1, anchor_for_span(TEXT, start, start + len(word)), tags, verdict, "", (), "a", NOW, "a", NOW, 1
    )


def test_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """Qt's own consistency checks pass on a filled model."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "gamma", "True"), claim(2, "alpha", "False"), claim(3, "zeta")])
    qtmodeltester.check(model, force_py=True)


def test_rows_follow_article_order_and_sort_by_verdict_scale() -> None:
    """Default order is position in the article; verdict sort follows the scale, not the alphabet."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "gamma", "False"), claim(2, "alpha", "True"), claim(3, "zeta", "Half true")])
    assert [model.index(r, COL_QUOTE).data() for r in range(3)] == ["alpha", "gamma", "zeta"]
    model.sort(COL_VERDICT, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, COL_VERDICT).data() for r in range(3)] == ["True", "Half true", "False"]


def test_incremental_insert_update_remove_keep_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Edits arrive as insert/update/remove signals, not a reset."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "alpha"), claim(3, "zeta")])
    with qtbot.waitSignal(model.rowsInserted):
        model.upsert(claim(2, "delta"))
    assert [model.index(r, 0).data(ClaimIdRole) for r in range(3)] == [1, 2, 3]
    with qtbot.waitSignal(model.dataChanged):
        model.upsert(replace(claim(2, "delta"), verdict="False"))
    assert model.index(1, COL_VERDICT).data() == "False"
    with qtbot.waitSignal(model.rowsRemoved):
        model.remove(1)
    assert model.rowCount() == 2


def test_filter_matches_quote_verdict_and_tags() -> None:
    """Every word typed must match somewhere in the claim."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "alpha", "False", ("Budget",)), claim(2, "gamma", "True", ("Transport",))])
    model.set_filter("budget false")
    assert model.rowCount() == 1 and model.claim_at(0).id == 1
    model.set_filter("nothing")
    assert model.rowCount() == 0
    assert len(model.claims()) == 2


def test_field_filters_match_only_their_field() -> None:
    """'verdict:false' matches the verdict, not a quote containing 'false'; 'tag:' and plain words combine."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "alpha", "False", ("Budget",)), claim(2, "gamma", "True", ("Budget", "Transport"))])
    model.set_filter("verdict:false")
    assert [model.claim_at(r).id for r in range(model.rowCount())] == [1]
    model.set_filter("tag:transport gamma")
    assert [model.claim_at(r).id for r in range(model.rowCount())] == [2]
    model.set_filter("tag:transport alpha")
    assert model.rowCount() == 0
    model.set_filter("status:draft")
    assert model.rowCount() == 2


def test_filter_warning_says_why_nothing_matches() -> None:
    """The model exposes the parser's warning for the window; a valid filter has none."""
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset([claim(1, "alpha", "False"), claim(2, "gamma", "True")])
    model.set_filter("status:bogus")
    assert model.rowCount() == 0
    assert model.filter_warning == "Unknown status “bogus”: use draft, review, approved, published."
    model.set_filter("status:draft")
    assert model.rowCount() == 2 and model.filter_warning == ""
    model.set_filter("")
    assert model.rowCount() == 2 and model.filter_warning == ""
