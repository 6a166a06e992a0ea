"""The claims table model on its own, then through Qt's model checker."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QPersistentModelIndex, Qt

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


WORDS = TEXT.split()
VERDICTS = (None, "True", "Half true", "False")


def _naive_rows(claims: dict[int, Claim], column: int, order: Qt.SortOrder, text: str) -> list[int]:
    """What the table should list: filter every claim, then sort them all (the slow, plain way)."""
    from factcheck_app.domain.claim_filter import parse_claim_filter
    from factcheck_app.ui.models.claims_model import _sort_key

    query = parse_claim_filter(text.casefold().strip(), DEFAULT_SCALE.labels)
    shown = [c for c in claims.values() if query.empty or query.matches(c)]
    shown.sort(key=_sort_key(column, DEFAULT_SCALE), reverse=order == Qt.SortOrder.DescendingOrder)
    return [c.id for c in shown]


def test_edits_sorts_and_filters_in_any_order_list_what_a_plain_sort_would(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """The kept order (bisect, no re-sort per edit) always equals filtering and sorting afresh,
    and Qt's model checker sees consistent insert/move/remove signals throughout."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from factcheck_app.ui.models.claims_model import COL_SOURCES, COL_STATUS, COL_TAGS

    step = st.one_of(
        st.tuples(
            st.just("upsert"),
            st.integers(1, 12),
            st.sampled_from(WORDS),
            st.sampled_from(VERDICTS),
            st.sampled_from(((), ("budget",), ("alpha", "transport"))),
        ),
        st.tuples(st.just("remove"), st.integers(1, 12)),
        st.tuples(
            st.just("sort"),
            st.sampled_from((COL_QUOTE, COL_VERDICT, COL_TAGS, COL_SOURCES, COL_STATUS)),
            st.sampled_from((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)),
        ),
        st.tuples(st.just("filter"), st.sampled_from(("", "a", "et", "budget", "verdict:false", "ta tag:transport"))),
    )

    @settings(max_examples=150)
    @given(st.lists(step, max_size=25))
    def run(steps: list[tuple]) -> None:  # type: ignore[type-arg]
        model = ClaimsTableModel(DEFAULT_SCALE)
        qtmodeltester.check(model, force_py=True)
        held: dict[int, Claim] = {}
        column, order, text = COL_QUOTE, Qt.SortOrder.AscendingOrder, ""
        for action, *args in steps:
            kept = {  # what a view holds on to (the selection): it must follow each claim's row
                model.index(r, 0).data(ClaimIdRole): QPersistentModelIndex(model.index(r, 0))
                for r in range(model.rowCount())
            }
            if action == "upsert":
                claim_id, word, verdict, tags = args
                held[claim_id] = claim(claim_id, word, verdict, tags)
                model.upsert(held[claim_id])
            elif action == "remove":
                held.pop(args[0], None)
                model.remove(args[0])
            elif action == "sort":
                column, order = args
                model.sort(column, order)
            else:
                text = args[0]
                model.set_filter(text)
            listed = [model.index(r, 0).data(ClaimIdRole) for r in range(model.rowCount())]
            assert listed == _naive_rows(held, column, order, text)
            assert all(model.row_of(claim_id) == row for row, claim_id in enumerate(listed))
            assert model.claim_count() == len(held)
            for claim_id, persistent in kept.items():
                if persistent.isValid():  # a reset (new filter) lets go of every row
                    assert persistent.row() == model.row_of(claim_id)

    run()
