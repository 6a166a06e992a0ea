"""`factcheck suggest` and `factcheck archive-index`: claim finding and the desk archive from scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    project = tmp_path / "desk.factcheck"
    assert run(capsys, "new", project)[0] == 0
    assert run(capsys, "import", project, coalition_article)[1].strip() == "1"
    return project


def test_suggest_ranks_explained_sentences_and_accept_makes_the_claim_with_its_claimant(
    desk: Path, capsys: pytest.CaptureFixture[str], coalition_article: Path
) -> None:
    status, out, _ = run(capsys, "suggest", desk, "1", "--json")
    assert status == 0
    found = json.loads(out)
    assert found, "the coalition article holds numbers and attributed claims"
    assert [s["rank"] for s in found] == list(range(1, len(found) + 1))
    assert all(s["schema"] == "factcheck/suggestion@1" and s["explanation"] for s in found)
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)
    text = coalition_article.read_text(encoding="utf-8")
    attributed = next(rank for rank, s in enumerate(found, 1) if s["claimant"])
    chosen = found[attributed - 1]
    assert text[chosen["start"] : chosen["end"]] == chosen["text"]

    status, out, err = run(capsys, "suggest", desk, "1", "--accept", str(attributed), "--as", "anna")
    assert status == 0, err
    claim_id = int(out)
    claims = json.loads(run(capsys, "claims", desk, "--json")[1])
    (claim,) = [c for c in claims if c["id"] == claim_id]
    assert claim["quote"] == chosen["text"]
    assert claim["claimant"] == chosen["claimant"]
    # The sentence that is now a claim is no longer suggested.
    again = json.loads(run(capsys, "suggest", desk, "1", "--json")[1])
    assert chosen["text"] not in [s["text"] for s in again]


def test_accepting_a_rank_that_does_not_exist_is_one_line(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "suggest", desk, "1", "--accept", "999")
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "999" in err


def test_a_claim_checked_in_another_project_is_found_with_its_verdict(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = "the United States has so far declined to commit"
    status, out, err = run(
        capsys, "claim", "add", desk, "--article", "1", "--quote", quote, "--verdict", "Mostly true", "--as", "anna"
    )
    assert status == 0, err
    index = tmp_path / "desk-index.sqlite"
    status, out, err = run(capsys, "archive-index", "add", desk, "--index", index)
    assert status == 0, err
    assert out.split("\t")[0] == "1"
    status, out, err = run(
        capsys, "archive-index", "search", "The US has so far declined to commit", "--index", index, "--json"
    )
    assert status == 0, err
    found = json.loads(out)
    assert found and found[0]["verdict"] == "Mostly true"
    assert found[0]["source"].endswith("desk.factcheck")
