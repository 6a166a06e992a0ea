"""The `factcheck` command on a team project: new, work and copy on PostgreSQL, as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from db_state import table_rows


def run(*args: str | Path, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def plain_url(url: str) -> str:
    """The address as an analyst types it (no SQLAlchemy driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_new_team_project_then_work_on_it(pg_database: str, article_file: Path) -> None:
    """`factcheck new postgresql://…` makes the project; import and claim add work on it like on a file."""
    url = plain_url(pg_database)
    assert run("new", url).stdout.strip() == url
    article_id = run("import", url, article_file).stdout.strip()
    claim_id = run("claim", "add", url, "--article", article_id, "--quote", "50,000 passengers").stdout.strip()
    claims = json.loads(run("claims", url, "--json").stdout)
    assert [c["id"] for c in claims] == [int(claim_id)]
    assert claims[0]["quote"] == "50,000 passengers"


def test_copy_to_the_server_and_back_from_the_command_line(
    pg_database: str, article_file: Path, tmp_path: Path
) -> None:
    """`factcheck copy` moves a file project to the server and back, every row intact."""
    local = tmp_path / "desk.factcheck"
    run("new", local)
    article_id = run("import", local, article_file).stdout.strip()
    run("claim", "add", local, "--article", article_id, "--quote", "twice the budget", "--verdict", "False")
    url = plain_url(pg_database)
    out = run("copy", local, url).stdout
    assert out.splitlines()[0] == url and "1 claims" in out
    back = tmp_path / "back.factcheck"
    run("copy", url, back)
    assert table_rows(back) == table_rows(local)


def test_a_server_asking_for_a_password_gets_one_clear_line(pg_database: str) -> None:
    """Without a terminal to ask at, a refused login is one sentence, not a traceback."""
    url = plain_url(pg_database).replace("postgres@", "nosuchanalyst@", 1)
    result = run("claims", url, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "no user “nosuchanalyst”" in result.stderr or "password" in result.stderr


def test_backup_of_a_team_project_points_to_the_server_tools(pg_database: str) -> None:
    """File backups do not apply to a server project: the message says what to do instead."""
    result = run("backup", plain_url(pg_database), check=False)
    assert result.returncode == 1
    assert "pg_dump" in result.stderr


def test_cli_uses_pgpassword_and_says_when_a_password_is_missing(locked_database: str) -> None:
    """PGPASSWORD opens a password-protected server; without it (and no terminal) one clear line says so."""
    from pg_server import PASSWORD

    quiet = {"PGPASSWORD": "", "PGPASSFILE": "/nonexistent"}
    refused = run("new", locked_database, check=False, env=quiet)
    assert refused.returncode == 1
    assert "asks for the password of factcheck_pw" in refused.stderr and refused.stderr.count("\n") == 1
    assert run("new", locked_database, env={"PGPASSWORD": PASSWORD}).stdout.strip() == locked_database
