"""The `factcheck` command, run as a real subprocess the way a script would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shared_data import US_QUOTE


def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app.cli", *map(str, args)], capture_output=True, text=True, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def cli_project(tmp_path: Path, coalition_article: Path) -> tuple[Path, str]:
    project = tmp_path / "desk.factcheck"
    run("new", project)
    article_id = run("import", project, coalition_article, "--url", "https://news.example/coalition").stdout.strip()
    return project, article_id


def test_full_workflow_from_the_command_line(cli_project: tuple[Path, str], tmp_path: Path) -> None:
    """new → import → claim add → claims --json → export docx, all through the CLI."""
    project, article_id = cli_project
    assert article_id == "1"
    claim_id = run(
        "claim",
        "add",
        project,
        "--article",
        article_id,
        "--quote",
        US_QUOTE,
        "--tag",
        "US position",
        "--verdict",
        "mostly true",
        "--rationale",
        "Confirmed by the Pentagon.",
        "--source",
        "https://example.org/pentagon",
    ).stdout.strip()
    claims = json.loads(run("claims", project, "--json").stdout)
    assert [c["id"] for c in claims] == [int(claim_id)]
    claim = claims[0]
    assert claim["quote"] == US_QUOTE
    assert claim["article_id"] == 1
    assert claim["end"] - claim["start"] == len(US_QUOTE)
    assert claim["tags"] == ["US position"]
    assert claim["verdict"] == "Mostly true"
    assert claim["rationale"] == "Confirmed by the Pentagon."
    assert claim["sources"][0]["url"] == "https://example.org/pentagon"
    articles = json.loads(run("articles", project, "--json").stdout)
    assert articles[0]["url"] == "https://news.example/coalition"
    assert articles[0]["claims"] == 1
    out = tmp_path / "report.docx"
    assert run("export", project, "--format", "docx", "-o", out).stdout.strip() == str(out)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert US_QUOTE in text


@pytest.mark.parametrize(
    ("quote", "extra", "message"),
    [
        ("this sentence is not in the article", [], "does not occur"),
        ("Kremlin", [], "occurs 2 times"),
        ("Kremlin", ["--occurrence", "5"], "out of range"),
        (US_QUOTE, ["--verdict", "Pants on fire"], "not a verdict"),
    ],
    ids=["missing", "ambiguous", "bad-occurrence", "bad-verdict"],
)
def test_bad_claims_fail_with_one_line(
    cli_project: tuple[Path, str], quote: str, extra: list[str], message: str
) -> None:
    """A quote not found, ambiguous, or a bad verdict: exit 1, one clear stderr line, no change."""
    project, article_id = cli_project
    result = run("claim", "add", project, "--article", article_id, "--quote", quote, *extra, check=False)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert json.loads(run("claims", project, "--json").stdout) == []


def test_occurrence_picks_the_repeat(cli_project: tuple[Path, str]) -> None:
    """--occurrence 2 anchors the second 'Kremlin'."""
    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", "Kremlin", "--occurrence", "2")
    claims = json.loads(run("claims", project, "--json").stdout)
    text = json.loads(run("articles", project, "--json").stdout)
    assert text[0]["claims"] == 1
    assert claims[0]["start"] > 0


def test_errors_are_one_line_never_a_traceback(tmp_path: Path) -> None:
    """Opening junk, a missing project, or importing binary data: exit 1 and one line."""
    junk = tmp_path / "junk.factcheck"
    junk.write_bytes(b"\x00\x01garbage" * 50)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    project = tmp_path / "p.factcheck"
    run("new", project)
    for args in (
        ("claims", junk, "--json"),
        ("articles", tmp_path / "missing.factcheck"),
        ("import", project, binary),
        ("import", project, tmp_path / "nowhere.txt"),
        ("claim", "add", project, "--article", "42", "--quote", "x"),
        ("new", project),
    ):
        result = run(*args, check=False)
        assert result.returncode == 1, args
        assert result.stderr.startswith("factcheck: ")
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert junk.read_bytes() == b"\x00\x01garbage" * 50


def test_import_revision_reanchors_from_the_command_line(
    cli_project: tuple[Path, str], coalition_article: Path, tmp_path: Path
) -> None:
    """--revision-of imports a new version; claims --json shows each anchor state."""
    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE)
    run("claim", "add", project, "--article", article_id, "--quote", "Kremlin spokesman Dmitry Peskov told reporters")
    original = coalition_article.read_text(encoding="utf-8")
    revised = tmp_path / "v2.txt"
    revised.write_text(
        "UPDATED: adds reaction.\n" + original.replace("Kremlin spokesman Dmitry Peskov told reporters", "Peskov said"),
        encoding="utf-8",
    )
    result = run("import", project, revised, "--revision-of", article_id)
    new_id = int(result.stdout.strip())
    assert "1 moved, 1 orphaned" in result.stderr
    claims = {c["quote"]: c for c in json.loads(run("claims", project, "--json").stdout)}
    assert claims[US_QUOTE]["anchor_state"] == "moved"
    assert claims[US_QUOTE]["article_id"] == new_id
    assert claims["Kremlin spokesman Dmitry Peskov told reporters"]["anchor_state"] == "orphaned"
    articles = {a["id"]: a for a in json.loads(run("articles", project, "--json").stdout)}
    assert articles[new_id]["versions"] == 2 and articles[new_id]["revision_of"] == int(article_id)
    assert articles[int(article_id)]["latest"] is False
    assert articles[new_id]["format"] == "text"


def test_backup_check_and_restore_from_the_command_line(cli_project: tuple[Path, str]) -> None:
    """backup → change → restore brings the old state back; check reports a clean project."""
    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "True")
    backup = Path(run("backup", project).stdout.strip())
    assert backup.exists()
    assert str(backup) in run("backup", project, "--list").stdout
    run("claim", "add", project, "--article", article_id, "--quote", "Kremlin", "--occurrence", "1")
    assert len(json.loads(run("claims", project, "--json").stdout)) == 2
    result = run("restore", project, backup)
    assert "backed up to" in result.stderr
    assert [c["quote"] for c in json.loads(run("claims", project, "--json").stdout)] == [US_QUOTE]
    assert run("check", project).stdout.strip() == "No problems found."


@pytest.mark.parametrize("fmt", ["claimreview", "webannotation", "csv"])
def test_open_exports_from_the_command_line(cli_project: tuple[Path, str], tmp_path: Path, fmt: str) -> None:
    """export --format claimreview|webannotation|csv writes a file that parses and holds the claim."""
    import csv

    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "Mostly true")
    out = tmp_path / f"out.{fmt}"
    written = Path(run("export", project, "--format", fmt, "-o", out).stdout.strip())
    content = written.read_text(encoding="utf-8-sig")
    if fmt == "csv":
        rows = list(csv.DictReader(content.splitlines()))
        assert rows[0]["quote"] == US_QUOTE and rows[0]["rating"] == "Mostly true"
    else:
        assert US_QUOTE in json.dumps(json.loads(content), ensure_ascii=False)


def test_archive_round_trip_from_the_command_line(cli_project: tuple[Path, str], tmp_path: Path) -> None:
    """export --format archive, then import-archive: the new project has the same claims."""
    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--tag", "US position")
    archive = Path(run("export", project, "--format", "archive", "-o", tmp_path / "desk").stdout.strip())
    copy = Path(run("import-archive", archive, tmp_path / "copy.factcheck").stdout.strip())
    original = json.loads(run("claims", project, "--json").stdout)
    restored = json.loads(run("claims", copy, "--json").stdout)
    assert restored == original
    again = run("import-archive", archive, copy, check=False)
    assert again.returncode == 1 and "exists" in again.stderr


def test_report_options_from_the_command_line(cli_project: tuple[Path, str], tmp_path: Path) -> None:
    """export --organisation --order --sections shapes the Word report; a bad section is one clear line."""
    import docx

    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "True")
    out = tmp_path / "short.docx"
    run("export", project, "-o", out, "--organisation", "Desk One", "--sections", "cover,summary,claims")
    document = docx.Document(str(out))
    assert "Desk One" in "\n".join(p.text for p in document.paragraphs)
    assert len(document.comments) == 0
    bad = run("export", project, "-o", tmp_path / "bad.docx", "--sections", "cover,gossip", check=False)
    assert bad.returncode == 1 and "gossip" in bad.stderr and not (tmp_path / "bad.docx").exists()


def test_only_approved_claims_in_the_report(cli_project: tuple[Path, str], tmp_path: Path) -> None:
    """--only-approved leaves draft claims out of the Word report."""
    import docx

    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "True")
    out = tmp_path / "approved.docx"
    run("export", project, "-o", out, "--only-approved")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert US_QUOTE not in text


def test_problems_and_blocked_export_from_the_command_line(cli_project: tuple[Path, str], tmp_path: Path) -> None:
    """`problems` lists breaches (exit 2); a project set to block refuses export (exit 2) unless --force."""
    from factcheck_app.services.edits import SetProjectSetting
    from factcheck_app.services.project import Project

    project, article_id = cli_project
    run("claim", "add", project, "--article", article_id, "--quote", US_QUOTE, "--verdict", "True")
    listed = run("problems", project, check=False)
    assert listed.returncode == 2 and "cites no source" in listed.stdout
    warned = run("export", project, "-o", tmp_path / "warn.docx")
    assert "warning:" in warned.stderr and (tmp_path / "warn.docx").exists()
    with Project.open(project) as opened:
        opened.apply(SetProjectSetting("gates.mode", "block"))
    blocked = run("export", project, "-o", tmp_path / "blocked.docx", check=False)
    # Refused by the project's own rules (a gate), not an error: exit 2, as for `problems`.
    assert blocked.returncode == 2 and "blocks export" in blocked.stderr and not (tmp_path / "blocked.docx").exists()
    assert len(blocked.stderr.strip().splitlines()) == 1
    run("export", project, "-o", tmp_path / "forced.docx", "--force")
    assert (tmp_path / "forced.docx").exists()
