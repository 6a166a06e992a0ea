"""Project files from people we do not trust: database code the app did not write never runs.

Each hostile file is a real project (an article and a claim) changed behind the app's back
with plain sqlite3, as an attacker would: a trigger that rewrites verdicts, one that writes
400 MB blobs, the history table replaced by a view that never ends, an extra view, a table
the app does not know (plain or virtual), an index or a table definition changed, a schema of 200,000
triggers. Through ``Project.open`` and the command line (``articles``, ``claim add``,
``check``) each is refused within 10 s with one clear line, the file byte-identical, no
``-wal`` left behind and no backup written. ``factcheck check --repair`` removes the code
(after a backup) and the project opens and stores what the analyst typed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import ForeignSchema, ProjectError
from factcheck_app.services.check import check_file
from factcheck_app.services.edits import CreateClaim, ImportArticle
from factcheck_app.services.project import Project

TEXT = "The mayor said the bridge will open in 2030 and cost 472 million dollars.\n"
QUOTE = "cost 472 million dollars"
LIMIT_S = 10.0

# name → (statements planted, words the refusal must contain, can Check remove it all?)
HOSTILE: dict[str, tuple[list[str], str, bool]] = {
    "verdict-trigger": (
        [
            "CREATE TRIGGER rewrite_verdicts AFTER INSERT ON claims BEGIN "
            "UPDATE claims SET verdict = 'True', rationale = 'Verified accurate (trigger)' WHERE id = new.id; END"
        ],
        "trigger “rewrite_verdicts” on claims",
        True,
    ),
    "blob-trigger": (
        [
            "CREATE TRIGGER bloat_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO settings (key, value) VALUES ('junk' || new.id, randomblob(400000000)); END",
            "CREATE TRIGGER bloat_update AFTER UPDATE ON claims BEGIN "
            "UPDATE settings SET value = randomblob(400000000) WHERE key = 'junk'; END",
        ],
        "trigger “bloat_insert” on claims",
        True,
    ),
    "recursive-view": (
        [
            "DROP TABLE history",
            "CREATE VIEW history AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
            "SELECT n AS id, '2025-01-01 00:00:00' AS at, 'x' AS analyst, 'claim' AS entity, n AS entity_id, "
            "'x' AS action, 'null' AS state FROM r",
        ],
        "view “history” in place of the table",
        True,
    ),
    "extra-view": (["CREATE VIEW everything AS SELECT * FROM claims, articles"], "view “everything”", True),
    "unknown-table": (["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"], "unknown table “notes”", False),
    "virtual-table": (["CREATE VIRTUAL TABLE notes USING fts5(body)"], "unknown table “notes”", False),
    "changed-index": (
        ["DROP INDEX ix_claims_article_id", "CREATE INDEX ix_claims_article_id ON claims (rationale)"],
        "changed index “ix_claims_article_id” on claims",
        True,
    ),
    "changed-table": (
        [
            "PRAGMA writable_schema=ON",
            "UPDATE sqlite_master SET sql = replace(sql, 'rationale TEXT NOT NULL', "
            "'rationale TEXT NOT NULL CHECK (length(zeroblob(400000000)) > 0)') WHERE name = 'claims'",
        ],
        "changed definition of table “claims”",
        False,
    ),
}


@pytest.fixture(scope="module")
def base_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound project with one article (id 1) and one claim, closed (no -wal beside it)."""
    path = tmp_path_factory.mktemp("base") / "desk.factcheck"
    with Project.create(path, analyst="tester") as project:
        article = ImportArticle(ArticleDraft(title="Bridge", text=TEXT))
        project.apply(article)
        project.apply(CreateClaim(article.article_id, anchor_for_quote(TEXT, "open in 2030")))  # type: ignore[arg-type]
    return path


def _plant(path: Path, statements: list[str]) -> None:
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("BEGIN")
        for statement in statements:
            raw.execute(statement)
        if "changed-table" in str(statements):
            assert "CHECK" in raw.execute("SELECT sql FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
        raw.execute("COMMIT")
    finally:
        raw.close()


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest, base_project: Path, tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / f"{request.param}.factcheck"
    shutil.copyfile(base_project, path)
    _plant(path, HOSTILE[request.param][0])
    assert not Path(f"{path}-wal").exists()
    return request.param, path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _untouched(path: Path, digest: str) -> None:
    assert _digest(path) == digest
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert not Path(f"{path}.backups").exists()


def cli(*args: str | Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app.cli", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )
    return result, time.monotonic() - start


def test_project_open_refuses_with_one_clear_line(hostile: tuple[str, Path]) -> None:
    """Project.open (for writing and read-only) refuses before anything reads a table."""
    kind, path = hostile
    digest = _digest(path)
    for read_only in (False, True):
        start = time.monotonic()
        with pytest.raises(ForeignSchema) as raised:
            Project.open(path, read_only=read_only)
        assert time.monotonic() - start < LIMIT_S
        message = str(raised.value)
        assert "\n" not in message
        assert HOSTILE[kind][1] in message
        assert "It was not opened and nothing in it was changed." in message
        assert ("can remove it" in message) == HOSTILE[kind][2]
        assert raised.value.removable == HOSTILE[kind][2]
        _untouched(path, digest)


def test_command_line_refuses_with_one_line_and_exit_1(hostile: tuple[str, Path]) -> None:
    """`factcheck articles` and `claim add` print one line and exit 1; `check` lists what it
    found and exits 2. Nothing is written."""
    kind, path = hostile
    digest = _digest(path)
    for args in (
        ("articles", path),
        ("claim", "add", path, "--article", "1", "--quote", QUOTE, "--verdict", "False", "--rationale", "No evidence"),
    ):
        result, took = cli(*args)
        assert took < LIMIT_S, args
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("factcheck: ") and HOSTILE[kind][1] in lines[0], lines
        _untouched(path, digest)
    result, took = cli("check", path)
    assert took < LIMIT_S
    assert result.returncode == 2, result.stderr
    assert HOSTILE[kind][1][0].upper() + HOSTILE[kind][1][1:] in result.stdout
    assert "No problems found" not in result.stdout
    _untouched(path, digest)


def _claims(path: Path) -> list[dict[str, object]]:
    result, _ = cli("claims", path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind", [k for k, v in sorted(HOSTILE.items()) if v[2]])
def test_check_repair_removes_the_code_after_a_backup(kind: str, base_project: Path, tmp_path: Path) -> None:
    """`factcheck check --repair` backs the file up, removes the code, and the project then
    opens and keeps the verdict and rationale typed (not the trigger's)."""
    path = tmp_path / f"{kind}.factcheck"
    shutil.copyfile(base_project, path)
    _plant(path, HOSTILE[kind][0])
    result, took = cli("check", path, "--repair")
    assert took < LIMIT_S
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Repaired" in result.stdout and "backed up first" in result.stdout
    backups = list(Path(f"{path}.backups").iterdir())
    assert len(backups) == 1 and "before-repair" in backups[0].name
    with pytest.raises(ForeignSchema):  # the backup is the file as it was, code and all
        Project.open(backups[0], read_only=True)
    result, _ = cli(
        "claim", "add", path, "--article", "1", "--quote", QUOTE, "--verdict", "False", "--rationale", "No evidence"
    )
    assert result.returncode == 0, result.stderr
    claim_id = int(result.stdout)
    added = next(c for c in _claims(path) if c["id"] == claim_id)
    assert (added["verdict"], added["rationale"]) == ("False", "No evidence")
    assert path.stat().st_size < 10_000_000
    result, _ = cli("check", path)
    assert result.returncode == 0 and "No problems found." in result.stdout, result.stdout
    with Project.open(path) as project:
        assert [e.action for e in project.history("claim", claim_id)] == ["New claim"]


@pytest.mark.parametrize("kind", [k for k, v in sorted(HOSTILE.items()) if not v[2]])
def test_check_repair_leaves_tables_it_does_not_know(kind: str, base_project: Path, tmp_path: Path) -> None:
    """A table the app does not know, or a changed one, may hold data: repair says so and
    changes nothing (no backup either, as nothing is done)."""
    path = tmp_path / f"{kind}.factcheck"
    shutil.copyfile(base_project, path)
    _plant(path, HOSTILE[kind][0])
    digest = _digest(path)
    result, took = cli("check", path, "--repair")
    assert took < LIMIT_S
    assert result.returncode == 2
    assert "restore a backup, or ask whoever sent the file" in result.stdout
    _untouched(path, digest)


def test_check_service_reports_then_repairs(base_project: Path, tmp_path: Path) -> None:
    """check_file (what the GUI calls for a refused file): report, then repair, then open."""
    path = tmp_path / "mixed.factcheck"
    shutil.copyfile(base_project, path)
    _plant(path, HOSTILE["verdict-trigger"][0] + HOSTILE["recursive-view"][0])
    digest = _digest(path)
    report = check_file(path)
    assert [p.kind for p in report.problems] == ["foreign"] * len(report.problems)
    assert all(p.repairable for p in report.problems)
    _untouched(path, digest)
    repaired = check_file(path, repair=True, analyst="tester")
    assert repaired.ok, repaired.summary()
    assert any("removed trigger “rewrite_verdicts”" in r for r in repaired.repaired)
    assert any("made the missing table “history” again" in r for r in repaired.repaired)
    with Project.open(path, analyst="tester") as project:
        assert len(project.claims()) == 1
        edit = CreateClaim(1, anchor_for_quote(TEXT, QUOTE), verdict="False", rationale="No evidence")
        project.apply(edit)
        claim = project.claim(edit.claim_id)  # type: ignore[arg-type]
        assert (claim.verdict, claim.rationale) == ("False", "No evidence")


def test_code_added_while_a_project_is_open_is_found_by_check(base_project: Path, tmp_path: Path) -> None:
    """Check project on an open project (the GUI's menu) reports a trigger added behind its
    back, and repair removes it."""
    from factcheck_app.services.check import check_project

    path = tmp_path / "open.factcheck"
    shutil.copyfile(base_project, path)
    with Project.open(path, analyst="tester") as project:
        _plant(path, HOSTILE["verdict-trigger"][0])
        report = check_project(project)
        assert not report.ok and "Trigger “rewrite_verdicts” on claims" in report.summary()
        repaired = check_project(project, repair=True)
        assert repaired.ok and "removed trigger" in repaired.repaired[0]
        edit = CreateClaim(1, anchor_for_quote(TEXT, QUOTE), verdict="False", rationale="No evidence")
        project.apply(edit)
        assert project.claim(edit.claim_id).verdict == "False"  # type: ignore[arg-type]


def test_a_schema_of_200000_triggers_is_refused_within_the_time_limit(base_project: Path, tmp_path: Path) -> None:
    """SQLite reads the whole schema on the first statement: a huge one is cut off by the budget."""
    path = tmp_path / "huge.factcheck"
    shutil.copyfile(base_project, path)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA writable_schema=ON")
    raw.executemany(
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('trigger', ?, 'claims', 0, ?)",
        (
            (f"t{i}", f"CREATE TRIGGER t{i} AFTER INSERT ON claims BEGIN UPDATE claims SET verdict = 'True'; END")
            for i in range(200_000)
        ),
    )
    raw.commit()
    raw.close()
    digest = _digest(path)
    start = time.monotonic()
    with pytest.raises(ProjectError) as raised:
        Project.open(path)
    assert time.monotonic() - start < LIMIT_S
    assert "\n" not in str(raised.value) and "Nothing in it was changed" in str(raised.value)
    result, took = cli("articles", path)
    assert result.returncode == 1 and took < LIMIT_S and len(result.stderr.strip().splitlines()) == 1
    _untouched(path, digest)


def test_a_revision_table_replaced_by_a_recursive_view_is_never_read(base_project: Path, tmp_path: Path) -> None:
    """alembic_version (the first table the app reads) as an endless view: refused at once."""
    path = tmp_path / "revision-view.factcheck"
    shutil.copyfile(base_project, path)
    _plant(
        path,
        [
            "DROP TABLE alembic_version",
            "CREATE VIEW alembic_version AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
            "SELECT '0006' AS version_num FROM r",
        ],
    )
    digest = _digest(path)
    start = time.monotonic()
    with pytest.raises(ForeignSchema, match="view “alembic_version”"):
        Project.open(path)
    assert time.monotonic() - start < LIMIT_S
    _untouched(path, digest)
