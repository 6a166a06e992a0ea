"""`factcheck claim add|update|delete|show`, `claims --json|--jsonl|--filter`, `claim import-csv`, `history`.

Real project files in tmp_path, `main([...])` in-process; what the CLI wrote is read back
both through the CLI's JSON and through the services the window uses.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import factcheck, load_schema, ok, schema_errors

from factcheck_app.services.project import Project
from shared_data import US_QUOTE

PESKOV = "Kremlin spokesman Dmitry Peskov told reporters"
MARSH = "said Helena Marsh"


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    project = tmp_path / "desk.factcheck"
    ok(capsys, "new", project)
    article_id = ok(capsys, "import", project, coalition_article).out.strip()
    return project, article_id


def add_full_claim(capsys: pytest.CaptureFixture[str], project: Path, article_id: str) -> int:
    """A claim with every field of the editor, by alice, sent to bob for review."""
    out = ok(
        capsys, "claim", "add", project, "--as", "alice", "--article", article_id, "--quote", US_QUOTE,
        "--claimant", "White House", "--restated", "The US will not back a Western force in Ukraine.",
        "--claim-date", "2025-03-20", "--verdict", "mostly true", "--rationale", "Confirmed by the Pentagon.",
        "--tag", "US position", "--tag", "Defence/Ukraine",
        "--source", "https://example.org/pentagon", "--source", "https://example.org/state-dept",
        "--reviewer", "bob", "--assignee", "carol", "--status", "in review",
    ).out  # fmt: skip
    return int(out.strip())


def test_claims_json_round_trips_every_field_of_the_editor(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every field set through the CLI comes back in claims --json, claim show --json and the services."""
    project, article_id = desk
    claim_id = add_full_claim(capsys, project, article_id)
    ok(
        capsys, "evidence", "update", project, "--as", "carol", "--claim", claim_id, "--source", "1",
        "--excerpt", "We have not committed troops.", "--location", "p. 2", "--stance", "supports",
    )  # fmt: skip
    ok(capsys, "claim", "update", project, claim_id, "--as", "bob", "--status", "approved")

    [claim] = ok(capsys, "claims", project, "--json").json()
    assert ok(capsys, "claim", "show", project, claim_id, "--json").json() == claim
    expected = {
        "schema": "factcheck/claim@1",
        "id": claim_id,
        "article_id": int(article_id),
        "quote": US_QUOTE,
        "anchor_state": "anchored",
        "claimant": "White House",
        "restated": "The US will not back a Western force in Ukraine.",
        "claim_date": "2025-03-20",
        "verdict": "Mostly true",
        "rationale": "Confirmed by the Pentagon.",
        "tags": ["US position", "Defence/Ukraine"],
        "status": "approved",
        "reviewer": "bob",
        "assignee": "carol",
        "approved_by": "bob",
        "created_by": "alice",
        "updated_by": "bob",
    }
    assert {key: claim[key] for key in expected} == expected
    assert [s["url"] for s in claim["sources"]] == ["https://example.org/pentagon", "https://example.org/state-dept"]
    assert claim["evidence"][0] == {
        "source_id": 1,
        "excerpt": "We have not committed troops.",
        "location": "p. 2",
        "stance": "supports",
    }
    assert claim["approved_at"] is not None
    assert schema_errors(claim, load_schema("claim-v1.json")) == []

    with Project.open(project, read_only=True) as opened:  # what the window would show
        stored = opened.claim(claim_id)
    assert (stored.claimant, stored.restated, stored.claim_date) == (
        "White House",
        "The US will not back a Western force in Ukraine.",
        date(2025, 3, 20),
    )
    assert (stored.status, stored.reviewer, stored.assignee, stored.approved_by) == ("approved", "bob", "carol", "bob")
    assert stored.evidence[0].stance == "supports" and stored.version == claim["version"]


def test_update_changes_and_clears_fields(desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    """update sets what is given, leaves the rest, and "" clears a text field, a date or the verdict."""
    project, article_id = desk
    claim_id = add_full_claim(capsys, project, article_id)
    ok(
        capsys, "claim", "update", project, claim_id, "--as", "carol",
        "--claimant", "", "--claim-date", "", "--verdict", "", "--tag", "Diplomacy", "--remove-source", "2",
    )  # fmt: skip
    claim = ok(capsys, "claim", "show", project, claim_id, "--json").json()
    assert (claim["claimant"], claim["claim_date"], claim["verdict"]) == ("", None, None)
    assert claim["tags"] == ["Diplomacy"]
    assert [s["url"] for s in claim["sources"]] == ["https://example.org/pentagon"]
    assert claim["restated"] == "The US will not back a Western force in Ukraine."  # untouched
    assert claim["updated_by"] == "carol"


@pytest.mark.parametrize(
    ("analyst", "extra", "reason"),
    [
        ("alice", [], "cannot approve it"),  # the author approving her own claim
        ("dave", [], "Only the reviewer (bob)"),
        ("bob", ["--verdict", ""], "needs a verdict"),
    ],
    ids=["self-approval", "not-the-reviewer", "no-verdict"],
)
def test_sign_off_rules_refuse_with_exit_2_and_change_nothing(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], analyst: str, extra: list[str], reason: str
) -> None:
    """The window's sign-off rules: a refused approval exits 2, one line, and no field of the update is written."""
    project, article_id = desk
    claim_id = add_full_claim(capsys, project, article_id)
    before = ok(capsys, "claim", "show", project, claim_id, "--json").json()
    refused = factcheck(
        capsys, "claim", "update", project, claim_id, "--as", analyst, "--status", "approved",
        "--rationale", "Changed my mind.", *extra,
    )  # fmt: skip
    assert refused.code == 2
    assert reason in refused.err and refused.err.startswith("factcheck: refused: ")
    assert len(refused.err.strip().splitlines()) == 1
    assert ok(capsys, "claim", "show", project, claim_id, "--json").json() == before


def test_a_new_claim_cannot_be_approved_by_its_author(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """claim add --status approved: the author is the analyst, so it is refused (exit 2) and no claim is made."""
    project, article_id = desk
    refused = factcheck(
        capsys, "claim", "add", project, "--as", "alice", "--article", article_id, "--quote", US_QUOTE,
        "--verdict", "True", "--reviewer", "alice", "--status", "approved",
    )  # fmt: skip
    assert refused.code == 2 and "cannot approve it" in refused.err
    published = factcheck(
        capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--status", "published"
    )
    assert published.code == 2 and "Only an approved claim" in published.err
    assert ok(capsys, "claims", project, "--json").json() == []


def test_configured_analyst_is_the_windows_name(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --as, the name saved in the window's Preferences (its settings.ini) stamps the edit;
    $FACTCHECK_ANALYST overrides it."""
    import os

    from PySide6.QtCore import QSettings

    project, article_id = desk
    store = QSettings(str(Path(os.environ["FACTCHECK_CONFIG_DIR"]) / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("analyst/name", "Anna Ruiz, desk")
    store.sync()
    monkeypatch.delenv("FACTCHECK_ANALYST", raising=False)
    first = ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE).out.strip()
    monkeypatch.setenv("FACTCHECK_ANALYST", "Ben Okafor")
    ok(capsys, "claim", "update", project, first, "--rationale", "Checked.")
    claim = ok(capsys, "claim", "show", project, first, "--json").json()
    assert (claim["created_by"], claim["updated_by"]) == ("Anna Ruiz, desk", "Ben Okafor")


def test_errors_are_one_line_and_exit_1(desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    """Mistyped ids, dates, statuses and stances: exit 1 with one line naming the problem."""
    project, article_id = desk
    claim_id = ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE).out.strip()
    cases = [
        (("claim", "update", project, "99", "--verdict", "True"), "no claim with id 99"),
        (("claim", "update", project, claim_id, "--claim-date", "20/03/2025"), "not a date"),
        (("claim", "update", project, claim_id, "--status", "done"), "not a status"),
        (("claim", "update", project, claim_id, "--if-version", "7", "--verdict", "True"), "not 7"),
        (("claim", "show", project, "42"), "no claim with id 42"),
        (("claim", "delete", project, "42"), "no claim with id 42"),
        (("evidence", "add", project, "--claim", claim_id, "--url", "example.org/x", "--stance", "maybe"), "stance"),
        (("evidence", "remove", project, "--claim", claim_id, "--source", "5"), "not cited"),
        (("history", project, "--claim", "42"), "no history of claim 42"),
    ]
    for args, message in cases:
        result = factcheck(capsys, *args)
        assert result.code == 1, (args, result.err)
        assert message in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err
    assert ok(capsys, "claim", "show", project, claim_id, "--json").json()["verdict"] is None


def test_delete_and_history(desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    """Every CLI change is logged like the window's: who, what, and the change in words; a deleted claim keeps its history."""
    project, article_id = desk
    claim_id = add_full_claim(capsys, project, article_id)
    ok(capsys, "claim", "update", project, claim_id, "--as", "bob", "--verdict", "False", "--status", "approved")
    ok(capsys, "claim", "delete", project, claim_id, "--as", "bob")
    assert factcheck(capsys, "claim", "show", project, claim_id).code == 1
    entries = ok(capsys, "history", project, "--claim", claim_id, "--json").json()
    assert entries[0]["analyst"] == "alice" and entries[-1]["state"] is None
    assert {"New claim", "Set verdict", "Set status: Approved", "Delete claim"} <= {e["action"] for e in entries}
    assert all(e["schema"] == "factcheck/history@1" and e["entity"] == "claim" for e in entries)
    text = ok(capsys, "history", project, "--claim", claim_id).out
    assert "verdict: Mostly true → False" in text
    assert "status: in_review → approved" in text
    assert text.strip().splitlines()[-1].endswith("deleted")
    whole = ok(capsys, "history", project, "--jsonl").out.strip().splitlines()
    assert {json.loads(line)["entity"] for line in whole} >= {"article", "claim"}


def test_filter_jsonl_and_article_option(desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    """--filter is the window's filter box (field terms, words, warnings); --jsonl prints one claim a line."""
    project, article_id = desk
    add_full_claim(capsys, project, article_id)
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", PESKOV, "--verdict", "False",
       "--claimant", "Kremlin")  # fmt: skip
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", MARSH, "--tag", "Experts")
    lines = ok(capsys, "claims", project, "--jsonl").out.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["schema"] == "factcheck/claim@1" for line in lines)
    quotes = [c["quote"] for c in ok(capsys, "claims", project, "--json", "--filter", "verdict:false").json()]
    assert quotes == [PESKOV]
    quotes = [c["quote"] for c in ok(capsys, "claims", project, "--json", "--filter", "status:review").json()]
    assert quotes == [US_QUOTE]
    quotes = [c["quote"] for c in ok(capsys, "claims", project, "--json", "--filter", "verdict:none marsh").json()]
    assert quotes == [MARSH]
    warned = ok(capsys, "claims", project, "--json", "--filter", "status:bogus")
    assert warned.json() == [] and "Unknown status" in warned.err
    assert ok(capsys, "claims", project, "--json", "--article", "99").json() == []


def test_import_csv_adds_every_row_or_none(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """All rows are checked first: a bad row names its line and nothing is added; a good file adds them all."""
    project, article_id = desk
    good = tmp_path / "claims.csv"
    good.write_text(
        "article,quote,claimant,claim_date,verdict,rationale,tags,sources,reviewer,status\n"
        f'{article_id},"{PESKOV}",Kremlin,2025-03-20,False,"Peskov said no such thing.","Russia, Kremlin",'
        "https://example.org/a https://example.org/b,bob,in_review\n"
        f'{article_id},"{MARSH}",Helena Marsh,,,,,,,\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text(encoding="utf-8") + f"{article_id},not in the article at all,,,,,,,,\n")
    refused = factcheck(capsys, "claim", "import-csv", project, bad)
    assert refused.code == 1 and "line 4" in refused.err and "does not occur" in refused.err
    assert ok(capsys, "claims", project, "--json").json() == []
    ids = ok(capsys, "claim", "import-csv", project, good, "--as", "alice").out.split()
    assert len(ids) == 2
    first = ok(capsys, "claim", "show", project, ids[0], "--json").json()
    assert (first["claimant"], first["claim_date"], first["verdict"], first["status"]) == (
        "Kremlin",
        "2025-03-20",
        "False",
        "in_review",
    )
    assert first["tags"] == ["Russia", "Kremlin"] and len(first["sources"]) == 2 and first["reviewer"] == "bob"
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("article,quote,colour\n1,x,red\n", encoding="utf-8")
    assert "unknown column(s) colour" in factcheck(capsys, "claim", "import-csv", project, unknown).err


def test_update_cites_sources_and_respects_if_version(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """update --source cites more (an address already cited is left as it is); --if-version with
    the version just read goes ahead, and the claims stream in batches reads the same claims."""
    project, article_id = desk
    claim_id = add_full_claim(capsys, project, article_id)
    version = ok(capsys, "claim", "show", project, claim_id, "--json").json()["version"]
    ok(
        capsys, "claim", "update", project, claim_id, "--if-version", version,
        "--source", "example.org/pentagon", "--source", "https://example.org/nato",
    )  # fmt: skip
    claim = ok(capsys, "claim", "show", project, claim_id, "--json").json()
    assert [s["url"] for s in claim["sources"]] == [
        "https://example.org/pentagon",
        "https://example.org/state-dept",
        "https://example.org/nato",
    ]
    assert claim["version"] > version
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", PESKOV)
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", MARSH)
    with Project.open(project, read_only=True) as opened:
        assert list(opened.iter_claims(batch=2)) == opened.claims()
    assert [c["id"] for c in ok(capsys, "claims", project, "--json").json()] == [
        json.loads(line)["id"] for line in ok(capsys, "claims", project, "--jsonl").out.splitlines()
    ]
