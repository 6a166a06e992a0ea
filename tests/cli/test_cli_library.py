"""`factcheck sources|source|evidence|tags|scale|settings`: the library, codebook and project settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import factcheck, ok

from factcheck_app.services.project import Project
from shared_data import US_QUOTE

PESKOV = "Kremlin spokesman Dmitry Peskov told reporters"


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    project = tmp_path / "desk.factcheck"
    ok(capsys, "new", project)
    article_id = ok(capsys, "import", project, coalition_article).out.strip()
    return project, article_id


def test_sources_library_evidence_and_files(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Add a source, correct it, cite it with evidence, attach a file and save it back out byte for byte."""
    project, article_id = desk
    source_id = ok(
        capsys, "source", "add", project, "--url", "example.org/budget.pdf", "--title", "Budget 2025",
        "--kind", "primary document", "--published", "2025-01-31",
    ).out.strip()  # fmt: skip
    assert factcheck(capsys, "source", "add", project, "--url", "https://example.org/budget.pdf").code == 1
    ok(capsys, "source", "update", project, source_id, "--publisher", "Treasury", "--accessed", "2025-03-21")
    claim_id = ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE).out.strip()
    cited = ok(
        capsys, "evidence", "add", project, "--claim", claim_id, "--source", source_id,
        "--excerpt", "Line 4: defence", "--location", "p. 4", "--stance", "contradicts",
    ).out.strip()  # fmt: skip
    assert cited == source_id
    new_source = ok(capsys, "evidence", "add", project, "--claim", claim_id, "--url", "https://example.org/x").out
    ok(capsys, "evidence", "update", project, "--claim", claim_id, "--source", source_id, "--stance", "context")
    claim = ok(capsys, "claim", "show", project, claim_id, "--json").json()
    assert claim["evidence"][0] == {
        "source_id": int(source_id),
        "excerpt": "Line 4: defence",
        "location": "p. 4",
        "stance": "context",
    }
    assert claim["sources"][0]["publisher"] == "Treasury" and claim["sources"][0]["accessed"] == "2025-03-21"
    ok(capsys, "evidence", "remove", project, "--claim", claim_id, "--source", new_source.strip())

    scan = tmp_path / "budget scan.pdf"
    scan.write_bytes(b"%PDF-1.4 budget scan " + bytes(range(256)))
    file_id = ok(capsys, "source", "attach", project, source_id, scan).out.strip()
    files = ok(capsys, "source", "files", project, source_id, "--json").json()
    assert [(f["id"], f["name"], f["size"]) for f in files] == [(int(file_id), "budget scan.pdf", scan.stat().st_size)]
    saved = tmp_path / "out.pdf"
    ok(capsys, "source", "files", project, source_id, "--save", file_id, "-o", saved)
    assert saved.read_bytes() == scan.read_bytes()

    library = {s["id"]: s for s in ok(capsys, "sources", project, "--json").json()}
    assert library[int(source_id)]["url"] == "https://example.org/budget.pdf"
    assert (library[int(source_id)]["claims"], library[int(source_id)]["files"]) == (1, 1)
    assert library[int(source_id)]["schema"] == "factcheck/source@1"
    ok(capsys, "source", "detach", project, file_id)
    assert ok(capsys, "source", "files", project, source_id, "--json").json() == []


def test_tags_add_rename_merge_colour_delete(desk: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    """The codebook from the command line, each step the window's own edit."""
    project, article_id = desk
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--tag", "USA", "--tag", "Army")
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", PESKOV, "--tag", "Russia")
    ok(capsys, "tags", "add", project, "Diplomacy", "--colour", "#1E88E5")
    assert factcheck(capsys, "tags", "add", project, "diplomacy").code == 1
    ok(capsys, "tags", "rename", project, "Army", "Defence/Army")
    assert "merge" in factcheck(capsys, "tags", "rename", project, "USA", "Russia").err
    ok(capsys, "tags", "merge", project, "USA", "Russia")
    ok(capsys, "tags", "colour", project, "Russia", "#c62828")
    tags = {t["name"]: t for t in ok(capsys, "tags", "list", project, "--json").json()}
    assert set(tags) == {"Diplomacy", "Defence/Army", "Russia"}
    assert (tags["Russia"]["claims"], tags["Russia"]["colour"]) == (2, "#c62828")
    assert tags["Diplomacy"] == {"id": tags["Diplomacy"]["id"], "name": "Diplomacy", "colour": "#1e88e5", "claims": 0}
    ok(capsys, "tags", "delete", project, "Defence")
    claims = ok(capsys, "claims", project, "--json").json()
    assert [c["tags"] for c in claims] == [["Russia"], ["Russia"]]
    assert factcheck(capsys, "tags", "delete", project, "Nope").code == 1


def test_scale_show_preset_and_set_with_renames(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A preset, then a scale file edited from `scale show --json`: claims follow renamed labels;
    a label still in use is never dropped (exit 1, nothing changed)."""
    project, article_id = desk
    claim_id = ok(
        capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "Half true"
    ).out.strip()
    ok(capsys, "scale", "preset", project, "5-point")
    scale = ok(capsys, "scale", "show", project, "--json").json()
    assert scale["name"].startswith("5-point") and len(scale["verdicts"]) == 5
    scale["verdicts"][2]["label"] = "Partly true"
    scale["name"] = "Desk scale"
    edited = tmp_path / "scale.json"
    edited.write_text(json.dumps(scale), encoding="utf-8")
    refused = factcheck(capsys, "scale", "set", project, edited)
    assert refused.code == 1 and "Half true" in refused.err
    ok(capsys, "scale", "set", project, edited, "--rename", "Half true=Partly true")
    assert ok(capsys, "claim", "show", project, claim_id, "--json").json()["verdict"] == "Partly true"
    assert ok(capsys, "scale", "show", project).out.splitlines()[0] == "Desk scale"
    assert len(ok(capsys, "scale", "show", "--presets", "--json").json()) == 3
    assert factcheck(capsys, "scale", "preset", project, "nonsense").code == 1


def test_settings_get_set_and_claimreview_export(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Organisation and ClaimReview base URL, settable at last: the export stops warning about them
    and signs with them; each change is in the history; bad values exit 1 and change nothing."""
    project, article_id = desk
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "True")
    before = ok(capsys, "export", project, "--format", "claimreview", "-o", tmp_path / "before.json")
    assert "claimreview_base_url" in before.err and "No organisation is set" in before.err
    ok(capsys, "settings", "set", project, "--as", "editor", "organisation", "Desk One")
    ok(capsys, "settings", "set", project, "claimreview-base-url=factchecks.example/2025", "gates.mode=block")
    bad = factcheck(capsys, "settings", "set", project, "claimreview_base_url", "javascript:alert(1)")
    assert bad.code == 1 and "not a web address" in bad.err
    assert factcheck(capsys, "settings", "set", project, "colour", "red").code == 1
    values = ok(capsys, "settings", "get", project, "--json").json()
    assert values["organisation"] == "Desk One"
    assert values["claimreview_base_url"] == "https://factchecks.example/2025"
    assert (values["gates.mode"], values["gate.evidence"]) == ("block", "on")
    assert ok(capsys, "settings", "get", project, "organisation").out.strip() == "Desk One"

    blocked = factcheck(capsys, "export", project, "-o", tmp_path / "report.docx")
    assert blocked.code == 2 and "blocks export" in blocked.err
    ok(capsys, "settings", "set", project, "gate.evidence=off", "gate.rationale=Off")
    after = ok(capsys, "export", project, "--format", "claimreview", "-o", tmp_path / "after.json")
    assert "No organisation" not in after.err and "claimreview_base_url" not in after.err
    review = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    text = json.dumps(review, ensure_ascii=False)
    assert "Desk One" in text and "https://factchecks.example/2025#claim-" in text

    log = [json.loads(line) for line in ok(capsys, "history", project, "--jsonl").out.splitlines()]
    settings_log = [e for e in log if e["entity"] == "setting"]
    assert settings_log[0]["state"] == {"organisation": "Desk One"}
    assert settings_log[0]["analyst"] == "editor"
    with Project.open(project, read_only=True) as opened:
        assert opened.settings()["gate.evidence"] == "off"
