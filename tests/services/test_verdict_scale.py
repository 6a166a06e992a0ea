"""The verdict scale as a project setting: presets, renames carried to claims, no silent loss."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.verdicts import CONTEXT_SCALE, DEFAULT_SCALE, FIVE_POINT_SCALE, Verdict, VerdictScale
from factcheck_app.services.edits import CreateClaim, SetVerdictScale


@pytest.fixture
def rated(imported):  # type: ignore[no-untyped-def]
    project, article = imported
    edit = CreateClaim(
        article.id, anchor_for_quote(article.text, "carry 50,000 passengers a day"), verdict="Misleading"
    )
    project.apply(edit)
    return project, edit.claim_id


def test_presets_are_valid_scales() -> None:
    """Every shipped preset has unique labels and ClaimReview ratings from 1 to 5."""
    for scale in (DEFAULT_SCALE, FIVE_POINT_SCALE, CONTEXT_SCALE):
        assert len(set(scale.labels)) == len(scale.labels)
        assert (scale.worst_rating, scale.best_rating) == (1, 5)


def test_removing_a_label_in_use_is_refused(rated) -> None:  # type: ignore[no-untyped-def]
    """The 5-point preset has no 'Misleading': refused while a claim uses it, nothing changed."""
    project, claim_id = rated
    with pytest.raises(InvalidInput, match="“Misleading”"):
        project.apply(SetVerdictScale(FIVE_POINT_SCALE))
    assert project.verdict_scale() == DEFAULT_SCALE
    assert project.claim(claim_id).verdict == "Misleading"


def test_rename_carries_claims_and_undo_restores_everything(rated) -> None:  # type: ignore[no-untyped-def]
    """Switching preset while renaming Misleading → Missing context moves the claim; undo puts all back."""
    project, claim_id = rated
    renames = {label: label for label in DEFAULT_SCALE.labels if label in CONTEXT_SCALE.labels}
    edit = SetVerdictScale(CONTEXT_SCALE, renames={"Misleading": "Missing context"})
    assert renames  # (both scales share "False")
    project.apply(edit)
    assert project.verdict_scale().labels == CONTEXT_SCALE.labels
    assert project.claim(claim_id).verdict == "Missing context"
    project.revert(edit)
    assert project.verdict_scale() == DEFAULT_SCALE
    assert project.claim(claim_id).verdict == "Misleading"


def test_colours_and_descriptions_can_be_edited(rated) -> None:  # type: ignore[no-untyped-def]
    """A custom colour is kept; a bad colour or a duplicate label is refused with a message."""
    project, _ = rated
    custom = replace(
        DEFAULT_SCALE, verdicts=(replace(DEFAULT_SCALE.verdicts[0], colour="#00AA00"), *DEFAULT_SCALE.verdicts[1:])
    )
    project.apply(SetVerdictScale(custom))
    assert project.verdict_scale().verdicts[0].colour == "#00aa00"
    with pytest.raises(InvalidInput, match="not a colour"):
        SetVerdictScale(VerdictScale("x", (Verdict("True", 5, "green"),)))
    with pytest.raises(InvalidInput, match="twice"):
        SetVerdictScale(VerdictScale("x", (Verdict("True", 5, "#00aa00"), Verdict("true", 4, "#00aa00"))))
