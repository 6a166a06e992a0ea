"""The command line's promise to scripts: every error is exactly one plain line, and a second
writer waits for the first instead of failing.

Inputs come from outside: file names with newlines and terminal escapes, bytes that are not
UTF-8, ids far past 64 bits, a damaged database page. Each must give one line on stderr, exit 1,
with control characters shown rather than acted on and no SQL in the message.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shared_data import US_QUOTE

FACTCHECK = [sys.executable, "-m", "factcheck_app.cli"]


def run(*args: str | Path | bytes, check: bool = False) -> subprocess.CompletedProcess[str]:
    argv = [a if isinstance(a, bytes) else os.fsencode(str(a)) for a in args]
    result = subprocess.run(
        [*map(os.fsencode, FACTCHECK), *argv], capture_output=True, text=True, timeout=120, errors="replace"
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error" not in lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path) -> tuple[Path, str]:
    project = tmp_path / "desk.factcheck"
    run("new", project, check=True)
    article = run("import", project, coalition_article, check=True).stdout.strip()
    return project, article


def test_a_file_name_with_a_newline_and_escapes_cannot_forge_a_line_or_repaint_the_terminal(
    desk: tuple[Path, str], tmp_path: Path
) -> None:
    project, _article = desk
    evil = tmp_path / "report\nfactcheck: imported article 7 OK\x1b[2J\u202etxt.exe"
    evil.write_bytes(b"\x00\x01binary junk\xff" * 50)
    line = one_line_error(run("import", project, evil))
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\x1b" in line and "\\u202e" in line


@pytest.mark.parametrize("value", [str(2**70), str(-(2**70))])
def test_an_id_past_64_bits_is_out_of_range_in_one_line(desk: tuple[Path, str], value: str) -> None:
    project, _article = desk
    line = one_line_error(run("claim", "add", project, "--article", value, "--quote", US_QUOTE))
    assert "--article" in line and "out of range" in line


def test_text_that_is_not_utf8_is_refused_and_nothing_is_written(desk: tuple[Path, str]) -> None:
    project, article = desk
    before = run("claims", project, "--json", check=True).stdout
    line = one_line_error(
        run("claim", "add", project, "--article", article, "--quote", US_QUOTE, b"--rationale", b"caf\xe9 \xff")
    )
    assert "--rationale" in line and "not valid UTF-8" in line
    assert run("claims", project, "--json", check=True).stdout == before


def test_a_damaged_database_page_gives_one_line_without_sql(desk: tuple[Path, str]) -> None:
    project, article = desk
    # Damage the pages of the claims table's storage: the write of a new claim meets them.
    with sqlite3.connect(project) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    db.close()
    with project.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    result = run("claim", "add", project, "--article", article, "--quote", US_QUOTE)
    line = one_line_error(result)
    for sql in ("SELECT", "INSERT", "[SQL", "parameters"):
        assert sql not in line
    assert "factcheck check" in line or "damaged" in line or "not a" in line.casefold()


HOLD = """
import sys, time
from pathlib import Path
from factcheck_app.storage.engine import ProjectLock
lock = ProjectLock(Path(sys.argv[1]), kind="a window")
assert lock.acquire(wait=0)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_command_waits_for_a_window_that_holds_the_project_and_says_so(desk: tuple[Path, str]) -> None:
    project, article = desk
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(project), "2"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = run("claim", "add", project, "--article", article, "--quote", US_QUOTE, "--as", "anna")
        assert result.returncode == 0, result.stderr
        assert f"is in use by a window (process {holder.pid}" in result.stderr
        assert result.stdout.strip().isdigit()
    finally:
        holder.kill()
        holder.wait()


def test_two_commands_writing_at_once_both_succeed(desk: tuple[Path, str]) -> None:
    """Two scripts adding claims to one project at the same time: every command succeeds."""
    project, article = desk
    script = (
        "import subprocess, sys\n"
        "for n in range(5):\n"
        "    r = subprocess.run([sys.executable, '-m', 'factcheck_app.cli', 'claim', 'add', sys.argv[1],"
        " '--article', sys.argv[2], '--quote', sys.argv[3], '--rationale', f'{sys.argv[4]} {n}'],"
        " capture_output=True, text=True)\n"
        "    print(r.returncode, r.stderr.strip(), flush=True)\n"
    )
    started = time.monotonic()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(project), article, US_QUOTE, name], stdout=subprocess.PIPE, text=True
        )
        for name in ("anna", "ben")
    ]
    outputs = [writer.communicate(timeout=300)[0] for writer in writers]
    assert all(line.startswith("0 ") or line == "0" for out in outputs for line in out.splitlines()), outputs
    claims = run("claims", project, "--json", check=True).stdout
    assert claims.count('"rationale": "anna') == 5 and claims.count('"rationale": "ben') == 5
    assert time.monotonic() - started < 300
