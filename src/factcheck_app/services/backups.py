"""Automatic and manual backups of SQLite projects, and restoring one.

Backups sit beside the project in ``<name>.backups/``, one self-contained SQLite file
each, made with SQLite's backup API. The file name carries the time, the reason and
the project's edit counter, so "has anything changed since the last backup?" needs no
extra bookkeeping. Old backups are thinned (domain.backups).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_app.domain.backups import backups_to_delete
from factcheck_app.domain.errors import ProjectError, ProjectInUse
from factcheck_app.storage.engine import PROJECT_SUFFIX, ProjectLock, copy_sqlite, inspect_sqlite_file

_NAME = re.compile(
    r"^(?P<stem>.+) (?P<when>\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2}) (?P<reason>[a-z-]+) c(?P<counter>\d+)\.factcheck$"
)
STAMP = "%Y-%m-%d %H-%M-%S"

if TYPE_CHECKING:
    from factcheck_app.services.project import Project


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    counter: int
    size: int


def backups_dir(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".backups")


def list_backups(project_path: Path) -> list[BackupInfo]:
    """Newest first."""
    folder = backups_dir(project_path)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append(
                BackupInfo(
                    path=path,
                    created=datetime.strptime(match["when"], STAMP),
                    reason=match["reason"],
                    counter=int(match["counter"]),
                    size=path.stat().st_size,
                )
            )
    return sorted(found, key=lambda b: b.created, reverse=True)


def make_backup(project_path: Path, *, reason: str = "manual", counter: int = 0, now: datetime | None = None) -> Path:
    """Back up the project now; returns the backup file. Thins old automatic backups."""
    now = now or datetime.now()
    folder = backups_dir(project_path)
    try:
        folder.mkdir(exist_ok=True)
        if os.name == "posix":
            folder.chmod(0o700)
        stem = project_path.name.removesuffix(PROJECT_SUFFIX)
        target = folder / f"{stem} {now.strftime(STAMP)} {reason} c{counter}{PROJECT_SUFFIX}"
        serial = 1
        while target.exists():
            serial += 1
            target = folder / f"{stem} {now.strftime(STAMP)} {reason}-{serial} c{counter}{PROJECT_SUFFIX}"
            if serial > 99:
                raise ProjectError("Too many backups in the same second.")
        partial = target.with_name(target.name + ".partial")
        copy_sqlite(project_path, partial)
        os.replace(partial, target)
    except OSError as error:
        raise ProjectError(f"Could not back up {project_path.name}: {error.strerror or error}.") from error
    thin_backups(project_path, now=now)
    return target


def thin_backups(project_path: Path, *, now: datetime | None = None) -> list[Path]:
    backups = list_backups(project_path)
    doomed = backups_to_delete([b.created for b in backups], now or datetime.now())
    removed = []
    for backup in backups:
        if backup.created in doomed and backup.reason != "before-upgrade":
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def backup_if_changed(project: Project, *, reason: str = "auto") -> Path | None:
    """Back up ``project`` (an open Project) if it changed since its newest backup."""
    path = project.location.path
    if path is None:
        return None  # team projects are backed up on the server
    counter = project.edit_counter()
    newest = list_backups(path)
    if newest and newest[0].counter == counter:
        return None
    if counter == 0 and not newest and not project.claims():
        return None  # an empty new project: nothing worth keeping yet
    return make_backup(path, reason=reason, counter=counter)


def restore_backup(project_path: Path, backup: Path) -> Path:
    """Replace the project's content with a backup; the current state is backed up first.

    The project must not be open for writing anywhere (its lock is taken). Returns the
    safety backup of the state that was replaced.
    """
    # The same checks as opening a file from outside: our application id, a schema with nothing
    # the app did not make (no trigger, no view), and a revision this version knows.
    from factcheck_app.storage import schema

    schema.check_revision(inspect_sqlite_file(backup), backup.name)
    lock = ProjectLock(project_path)
    if not lock.acquire():
        raise ProjectInUse(f"{project_path.name} is open in a Factcheck App window; close it before restoring.")
    try:
        safety = make_backup(project_path, reason="before-restore")
        copy_sqlite_into(backup, project_path)
        return safety
    finally:
        lock.release()


def copy_sqlite_into(source: Path, project_path: Path) -> None:
    """Overwrite a project's pages from ``source`` through SQLite (keeps WAL state consistent)."""
    import sqlite3

    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(project_path)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
