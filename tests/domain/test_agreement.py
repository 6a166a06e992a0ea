"""Agreement between blind double verdicts: percent agreement, ordinal alpha, confusion table."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.agreement import (
    VerdictPair,
    agreement,
    by_analyst_pair,
    by_period,
    krippendorff_alpha_ordinal,
    ordinal_line,
    period_of,
)
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.verdicts import CONTEXT_SCALE, DEFAULT_SCALE, FIVE_POINT_SCALE, Verdict, VerdictScale

LINE = ("True", "Half true", "False")
AT = datetime(2026, 5, 4, 10, 0)


def pair(first: str | None, second: str | None, *, a: str = "anna", b: str = "bob", at: datetime = AT) -> VerdictPair:
    return VerdictPair(0, a, first, b, second, at)


def test_alpha_matches_a_coincidence_matrix_worked_by_hand() -> None:
    """Five claims, three ordinal verdicts: alpha is exactly 0.7.

    Units (first, second) as ranks True=0, Half true=1, False=2:
        (0,0) (1,1) (0,1) (2,1) (2,2)
    Coincidence matrix o_ck (each unit adds (a,b) and (b,a); a pair of equal values adds 2):
              0  1  2
        0  [  2  1  0 ]   n_0 = 3
        1  [  1  2  1 ]   n_1 = 4
        2  [  0  1  2 ]   n_2 = 3        n = 10
    Ordinal distance δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
        δ²_01 = (3+4 − 3.5)² = 12.25    δ²_12 = (4+3 − 3.5)² = 12.25    δ²_02 = (3+4+3 − 3)² = 49
    Observed:  D_o = (1/n) Σ o_ck δ²_ck = (2·(1·12.25 + 1·12.25)) / 10 = 49/10
    Expected:  D_e = Σ n_c n_k δ²_ck / (n(n−1)) = 2·(3·4·12.25 + 3·3·49 + 4·3·12.25) / 90 = 1470/90 = 49/3
    alpha = 1 − D_o/D_e = 1 − (49/10)·(3/49) = 1 − 3/10 = 0.7
    """
    pairs = [pair("True", "True"), pair("Half true", "Half true"), pair("True", "Half true")]
    pairs += [pair("False", "Half true"), pair("False", "False")]
    result = agreement(pairs, LINE)
    assert result.alpha == pytest.approx(0.7, abs=1e-9)
    assert result.percent_agreement == pytest.approx(60.0)
    assert (result.pairs, result.agreed, result.ordinal_pairs) == (5, 3, 5)


def test_alpha_is_the_library_value_for_ranks() -> None:
    """The same units given as ranks straight to the wrapper give the same 0.7."""
    alpha, note = krippendorff_alpha_ordinal([(0, 0), (1, 1), (0, 1), (2, 1), (2, 2)], 3)
    assert alpha == pytest.approx(0.7, abs=1e-9) and note == ""


def test_near_misses_cost_less_than_far_misses_on_the_ordinal_scale() -> None:
    """Half true vs False disagrees less than True vs False with the same marginals elsewhere."""
    base = [pair("True", "True"), pair("Half true", "Half true"), pair("False", "False")] * 2
    near = agreement([*base, pair("Half true", "False")], LINE).alpha
    far = agreement([*base, pair("True", "False")], LINE).alpha
    assert near is not None and far is not None and near > far


def test_off_line_verdicts_are_excluded_from_alpha_and_counted() -> None:
    """Unproven is not a step between True and False: left out of alpha, counted and named; still in
    percent agreement and the confusion table."""
    pairs = [pair("True", "True"), pair("Half true", "Half true"), pair("True", "Half true")]
    pairs += [pair("False", "Half true"), pair("False", "False")]
    pairs += [pair("Unproven", "Unproven"), pair("False", "Unproven")]
    result = agreement(pairs, LINE)
    assert result.alpha == pytest.approx(0.7, abs=1e-9)  # the five ordinal pairs only
    assert (result.pairs, result.ordinal_pairs, result.excluded_off_line) == (7, 5, 2)
    assert result.off_line_labels == ("Unproven",)
    assert result.agreed == 4
    assert result.confusion.count("Unproven", "Unproven") == 1
    assert result.confusion.count("False", "Unproven") == 1


def test_pairs_missing_a_verdict_are_not_counted() -> None:
    """A first analyst who had given no verdict yet: the pair is reported as missing, nowhere else."""
    result = agreement([pair(None, "True"), pair("True", "True"), pair("False", "False")], LINE)
    assert (result.missing, result.pairs, result.agreed) == (1, 2, 2)
    assert sum(map(sum, result.confusion.counts)) == 2


def test_confusion_table_rows_are_first_columns_second() -> None:
    result = agreement([pair("True", "False"), pair("True", "False"), pair("False", "True")], LINE)
    assert result.confusion.labels == LINE
    assert result.confusion.count("True", "False") == 2
    assert result.confusion.count("False", "True") == 1
    assert result.confusion.to_json()["counts"] == [[0, 0, 2], [0, 0, 0], [1, 0, 0]]


def test_alpha_is_undefined_without_variation_or_pairs() -> None:
    """Every verdict the same (or no pairs): alpha is None with a reason, never NaN."""
    same = agreement([pair("True", "True")] * 4, LINE)
    assert same.alpha is None and "same" in same.alpha_note
    assert same.percent_agreement == 100.0
    empty = agreement([], LINE)
    assert empty.alpha is None and empty.percent_agreement is None


def test_ordinal_line_of_the_presets() -> None:
    """The longest run of strictly falling ratings: Misleading and Unproven stand beside the line."""
    assert ordinal_line(DEFAULT_SCALE) == ("True", "Mostly true", "Half true", "Mostly false", "False")
    assert ordinal_line(FIVE_POINT_SCALE) == FIVE_POINT_SCALE.labels
    assert ordinal_line(CONTEXT_SCALE) == ("Correct", "Missing context", "Misleading", "False")


def test_ordinal_line_skips_a_label_put_first() -> None:
    """An "Unverifiable" at the top of a custom scale does not cut the line short."""
    scale = VerdictScale(
        "custom",
        (
            Verdict("Unverifiable", 3, "#546e7a"),
            Verdict("True", 5, "#2e7d32"),
            Verdict("Mostly true", 4, "#7cb342"),
            Verdict("False", 1, "#c62828"),
        ),
    )
    assert ordinal_line(scale) == ("True", "Mostly true", "False")


def test_a_project_can_name_its_line() -> None:
    assert ordinal_line(DEFAULT_SCALE, ["True", "Unproven", "False", "Nonsense"]) == ("True", "Unproven", "False")


def test_agreement_per_analyst_pair_is_symmetric() -> None:
    """Anna then Bob and Bob then Anna are one pair; Carla's pairs are apart."""
    pairs = [pair("True", "True"), pair("False", "True", a="bob", b="anna"), pair("True", "True", b="carla")]
    groups = by_analyst_pair(pairs, LINE)
    assert set(groups) == {("anna", "bob"), ("anna", "carla")}
    assert groups[("anna", "bob")].pairs == 2 and groups[("anna", "bob")].agreed == 1


def test_agreement_per_period() -> None:
    pairs = [pair("True", "True", at=datetime(2026, 4, 30)), pair("True", "False", at=datetime(2026, 5, 1))]
    months = by_period(pairs, LINE, "month")
    assert list(months) == ["2026-04", "2026-05"]
    assert months["2026-05"].agreed == 0
    assert period_of(datetime(2026, 5, 4), "quarter") == "2026-Q2"
    assert period_of(datetime(2026, 5, 4), "week") == "2026-W19"
    assert period_of(datetime(2026, 5, 4), "year") == "2026"
    with pytest.raises(InvalidInput, match="not a period"):
        by_period(pairs, LINE, "fortnight")


@given(
    categories=st.integers(min_value=2, max_value=7),
    data=st.data(),
)
def test_alpha_equals_the_krippendorff_library_on_any_pairs(categories: int, data) -> None:  # type: ignore[no-untyped-def]
    """Our coincidence-matrix arithmetic gives the ``krippendorff`` library's ordinal alpha (the library
    is a test-only dependency: it brings numpy, which the installer does without)."""
    import krippendorff
    import numpy

    from factcheck_app.domain.agreement import krippendorff_alpha_ordinal

    value = st.integers(min_value=0, max_value=categories - 1)
    pairs = data.draw(st.lists(st.tuples(value, value), min_size=1, max_size=40))
    ours, _note = krippendorff_alpha_ordinal(pairs, categories)
    reliability = numpy.array([[a for a, _ in pairs], [b for _, b in pairs]], dtype=float)
    if len({v for pair in pairs for v in pair}) < 2:
        assert ours is None
        return
    theirs = float(
        krippendorff.alpha(
            reliability_data=reliability, value_domain=list(range(categories)), level_of_measurement="ordinal"
        )
    )
    assert ours is not None and abs(ours - theirs) < 1e-9
