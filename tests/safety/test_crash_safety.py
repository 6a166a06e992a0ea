"""Committed means kept: SIGKILL a writer at random moments, then check every commit survived."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.check import check_project
from factcheck_app.services.project import Project

KILLS = 50
WORKER = Path(__file__).with_name("edit_worker.py")


def run_and_kill(path: Path, article_id: int, first: int, delay: float) -> list[int]:
    """Start a writer, let it run ``delay`` seconds after it is ready, SIGKILL it; return reported commits."""
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), str(article_id), str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    committed: list[int] = []

    def read() -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("committed "):
                committed.append(int(line.split()[1]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reader.join(timeout=5)
    return committed


def test_every_reported_commit_survives_sigkill(tmp_path: Path) -> None:
    """50 SIGKILLs at random moments: no reported commit lost, integrity ok, project opens."""
    article = tmp_path / "article.txt"
    article.write_text("The council said the budget rose by ten percent this year. " * 40, encoding="utf-8")
    path = tmp_path / "kill.factcheck"
    with Project.create(path) as project:
        edit = import_article_edit(article)
        project.apply(edit)
        article_id = edit.article_id
    rng = random.Random(20261125)
    reported: set[int] = set()
    first = 0
    for _ in range(KILLS):
        committed = run_and_kill(path, article_id, first, rng.uniform(0.0, 0.25))
        reported.update(committed)
        first = (max(committed) + 1) if committed else first + 10_000
        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()
        with Project.open(path) as project:
            kept = {int(c.rationale.split()[1]) for c in project.claims()}
        lost = reported - kept
        assert not lost, f"commits reported but lost after SIGKILL: {sorted(lost)[:10]}"
    with Project.open(path) as project:
        assert check_project(project).ok
    assert len(reported) >= KILLS  # the writers really were killed mid-work
    print(f"\n{KILLS} kills, {len(reported)} commits reported, 0 lost")
