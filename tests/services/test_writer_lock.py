"""One writer per project file, and a second writer that waits a moment instead of failing.

Batch scripts run commands back to back; one briefly holding the lock must not make the next
fail. The lock is held by a real second process here (an OS lock is per open file, so a thread
would not show the real behaviour), and the waiting writer is told who holds it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.storage.engine import ProjectLock, wait_for_locks

pytestmark = pytest.mark.sqlite_only

HOLDER = """
import sys, time
from pathlib import Path
from factcheck_app.storage.engine import ProjectLock
lock = ProjectLock(Path(sys.argv[1]), kind="a factcheck command")
assert lock.acquire(wait=0)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
"""


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A project path whose lock another process holds for 1.5 s."""
    path = tmp_path / "desk.factcheck"
    path.write_bytes(b"")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    yield path, holder
    holder.kill()
    holder.wait()
    wait_for_locks(0)


def test_a_writer_that_does_not_wait_is_refused_at_once_and_told_who_holds_it(held) -> None:  # type: ignore[no-untyped-def]
    path, holder = held
    lock = ProjectLock(path)
    started = time.monotonic()
    assert lock.acquire(wait=0) is False
    assert time.monotonic() - started < 0.5
    assert lock.holder() == f"a factcheck command (process {holder.pid} on {__import__('socket').gethostname()})"


def test_a_waiting_writer_gets_the_lock_when_the_other_lets_go_and_says_it_waited(held) -> None:  # type: ignore[no-untyped-def]
    path, holder = held
    told: list[str] = []
    wait_for_locks(10, told.append)
    lock = ProjectLock(path)
    assert lock.acquire() is True
    lock.release()
    assert holder.wait(timeout=5) == 0
    assert len(told) == 1
    assert told[0].startswith(f"desk.factcheck is in use by a factcheck command (process {holder.pid}")
    assert told[0].endswith("waiting…")


def test_a_waiting_writer_gives_up_after_its_bound(tmp_path: Path) -> None:
    path = tmp_path / "desk.factcheck"
    path.write_bytes(b"")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert ProjectLock(path).acquire(wait=0.6) is False
        waited = time.monotonic() - started
        assert 0.55 <= waited < 5
    finally:
        holder.kill()
        holder.wait()


def test_a_host_name_with_control_characters_is_shown_not_acted_on(tmp_path: Path) -> None:
    path = tmp_path / "desk.factcheck"
    (tmp_path / "desk.factcheck.lock").write_text("42\tdesk\x1b[2J\ta window\n", encoding="utf-8")
    assert ProjectLock(path).holder() == "a window (process 42 on desk\\x1b[2J)"
