"""`claims --json` carries the anchor confidence and the checked wording; `claim confirm|reopen`."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import factcheck, load_schema, ok, schema_errors

from factcheck_app.services.project import Project

WALL = "The harbour wall will cost £85 million to rebuild."
NEW_WALL = "The harbour wall will cost £95 million to rebuild."
LIBRARY = "The mayor opened the new library on Monday."


@pytest.fixture
def changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, int, int]:
    """A project whose claim of WALL (verdict True, in review) a new version changed; LIBRARY moved."""
    first, second = tmp_path / "v1.txt", tmp_path / "v2.txt"
    first.write_text(f"Harbour\n\n{WALL}\n\n{LIBRARY}\n", encoding="utf-8")
    second.write_text(f"Harbour\n\nUPDATED on Tuesday.\n\n{NEW_WALL}\n\n{LIBRARY}\n", encoding="utf-8")
    project = tmp_path / "desk.factcheck"
    ok(capsys, "new", project)
    article_id = int(ok(capsys, "import", project, first, "--as", "ana").out.split()[0])
    ids = []
    for quote in (WALL, LIBRARY):
        out = ok(capsys, "claim", "add", project, "--as", "ana", "--article", article_id, "--quote", quote,
                 "--verdict", "True").out  # fmt: skip
        ids.append(int(out.strip()))
    ok(capsys, "claim", "update", project, ids[0], "--as", "ana", "--status", "in_review")
    ok(capsys, "import", project, second, "--revision-of", article_id, "--as", "ana")
    return project, ids[0], ids[1]


def test_claims_json_carries_confidence_and_checked_wording(
    changed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    project, wall_id, library_id = changed
    claims = {c["id"]: c for c in ok(capsys, "claims", project, "--json").json()}
    wall, library = claims[wall_id], claims[library_id]
    assert wall["anchor_state"] == "changed" and wall["quote"] == NEW_WALL and wall["checked_wording"] == WALL
    confidence = wall["anchor_confidence"]
    assert confidence["level"] == "changed" and 0.75 <= confidence["similarity"] < 1 and confidence["method"]
    assert library["anchor_confidence"] == {
        "level": "moved",
        "similarity": 1.0,
        "method": library["anchor_confidence"]["method"],
    }
    assert library["checked_wording"] == ""
    schema = load_schema("claim-v1.json")
    assert [schema_errors(c, schema) for c in claims.values()] == [[], []]


def test_confirm_and_reopen(changed: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]) -> None:
    project, wall_id, library_id = changed
    ok(capsys, "claim", "reopen", project, wall_id, "--as", "bea")
    shown = ok(capsys, "claim", "show", project, wall_id, "--json").json()
    assert (shown["status"], shown["anchor_state"], shown["checked_wording"]) == ("draft", "changed", WALL)
    assert "already a draft" in factcheck(capsys, "claim", "reopen", project, wall_id).err

    ok(capsys, "claim", "confirm", project, wall_id, "--as", "bea")
    shown = ok(capsys, "claim", "show", project, wall_id, "--json").json()
    assert (shown["anchor_state"], shown["checked_wording"], shown["anchor_confidence"]) == ("anchored", "", None)
    refused = factcheck(capsys, "claim", "confirm", project, library_id)
    assert refused.code == 1 and "not flagged as changed" in refused.err and "Traceback" not in refused.err
    with Project.open(project, read_only=True) as opened:
        actions = [(e.action, e.analyst) for e in opened.history("claim", wall_id)][-2:]
    assert actions == [("Re-open claim", "bea"), ("Confirm verdict still holds", "bea")]
