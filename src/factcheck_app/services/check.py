"""Check project (menu and `factcheck check`): find damage, and repair what can be repaired.

First the file's schema: database code the app did not write (a trigger, a view, an index)
or tables it did not make, which opening refuses (see ``storage.engine.inspect_sqlite_file``).
Then SQLite's own integrity check (page-level damage is not repairable here: restore a
backup), then rows pointing at nothing, then the domain rules: every claim that claims to
sit on its words must really sit on them. ``repair=True`` fixes what it safely can, in
one transaction, and says what it did.

``check_file`` runs on a project file that opening refuses: it reads nothing but the
file's schema until the foreign code is gone (after a backup), then opens the project and
checks the rest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update

from factcheck_app.domain.anchors import ORPHANED, Anchor
from factcheck_app.domain.damage import DamagedValue
from factcheck_app.domain.errors import ProjectError, ProjectInUse
from factcheck_app.domain.reanchor import Reanchorer, orphan
from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.engine import (
    Location,
    ProjectLock,
    dangling_references,
    inspect_sqlite_schema,
    locate,
    repair_schema,
    sqlite_integrity_problems,
)
from factcheck_app.storage.orm import ArticleRow, ClaimRow, ClaimSourceRow, ClaimTagRow, HistoryRow
from factcheck_app.storage.repositories import record_history
from factcheck_app.storage.validation import damage_seen, scan_damage
from factcheck_app.storage.value_repair import repair_damage

_LINK_TABLES = {"claim_tags": ClaimTagRow, "claim_sources": ClaimSourceRow}


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "foreign" | "integrity" | "dangling" | "damage" | "anchor"
    description: str
    repairable: bool
    advice: str = ""  # for one that cannot be repaired: what to do instead (default: restore a backup)


@dataclass(frozen=True, slots=True)
class CheckReport:
    problems: tuple[Problem, ...] = ()
    repaired: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)  # a backup made, checks not run yet…

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok and not self.repaired and not self.notes:
            return "No problems found."
        lines = [f"{len(self.problems)} problem(s) found."] if self.problems else []
        lines += [
            f"- {p.description}" + ("" if p.repairable else f" ({p.advice or 'cannot be repaired: restore a backup'})")
            for p in self.problems
        ]
        if self.repaired:
            lines.append(f"Repaired {len(self.repaired)}:")
            lines += [f"- {r}" for r in self.repaired]
        if self.ok and self.repaired:
            lines.append("No problems remain.")
        lines += list(self.notes)
        return "\n".join(lines)


# What Check says about what it does not remove from a file's schema.
_UNKNOWN_TABLE = (
    "not removed: Factcheck App does not drop a table it does not know, which may hold another program's "
    "or a newer version's data; restore a backup, or ask whoever sent the file"
)
_CHANGED_TABLE = "cannot be repaired here: restore a backup, or ask whoever sent the file"
_OTHER_CHECKS = "The other checks (damage, links, claim positions) run once the project opens."


def foreign_problems(findings: Iterable[schema.SchemaFinding]) -> list[Problem]:
    """The schema check's findings (``storage.schema.SchemaFinding``) as problems of the report."""
    problems = []
    for finding in findings:
        if finding.is_code:
            text = f"{finding.describe()}: database code that Factcheck App did not write"
        else:
            text = finding.describe()
        advice = ""
        if not finding.removable:
            advice = _UNKNOWN_TABLE if finding.problem == "unknown" else _CHANGED_TABLE
        problems.append(Problem("foreign", text[0].upper() + text[1:], finding.removable, advice))
    return problems


def check_file(
    target: str | os.PathLike[str] | Location,
    *,
    repair: bool = False,
    analyst: str | None = None,
    password: str | None = None,
) -> CheckReport:
    """Check project on a project that is not open, including one that opening refuses.

    For a project file: its schema first, reading nothing else. Database code the app did not
    write is reported; with ``repair`` the file is backed up (``<name>.backups/``) and the code
    removed, so the project opens again, before the other checks run on the opened project.
    A table the app does not know, or one whose definition changed, is reported and left.
    Raises what opening raises for a file that is not a project, or one from a newer version.
    """
    location = locate(target, password=password)
    path = location.path
    notes: list[str] = []
    done: list[str] = []
    if path is not None:
        inspection = inspect_sqlite_schema(path)
        if not inspection.findings:
            schema.check_revision(inspection.revision, path.name)  # not ours, or newer: refused as opening does
        else:
            problems = foreign_problems(inspection.findings)
            if not repair or not any(p.repairable for p in problems):
                return CheckReport(tuple(problems), notes=(_OTHER_CHECKS,))
            backup = _repair_schema_of_closed_file(path, done)
            notes.append(f"The project was backed up first, to {backup}.")
            remaining = inspect_sqlite_schema(path).findings
            if remaining:
                return CheckReport(tuple(foreign_problems(remaining)), tuple(done), (*notes, _OTHER_CHECKS))
    with Project.open(location, read_only=not repair, analyst=analyst, password=password) as project:
        if done:
            _log_repairs(project, done)  # the schema was mended before the project could open
        before = _backup_step(project, notes) if repair and path is not None and not done else None
        report = check_project(project, repair=repair, before_repair=before)
    return CheckReport(report.problems, (*done, *report.repaired), (*notes, *report.notes))


def _repair_schema_of_closed_file(path: Path, done: list[str]) -> Path:
    from factcheck_app.services.backups import make_backup

    lock = ProjectLock(path)
    if not lock.acquire():
        raise ProjectInUse(f"{path.name} is open in a Factcheck App window; close it, or use Check project there.")
    try:
        backup = make_backup(path, reason="before-repair")
        done += repair_schema(path)
    finally:
        lock.release()
    return backup


def _backup_step(project: Project, notes: list[str]) -> Callable[[], None]:
    """Back the project file up just before a repair writes to it."""

    def back_up() -> None:
        from factcheck_app.services.backups import make_backup

        assert project.location.path is not None
        backup = make_backup(project.location.path, reason="before-repair", counter=project.edit_counter())
        notes.append(f"The project was backed up first, to {backup}.")

    return back_up


def check_project(
    project: Project, *, repair: bool = False, before_repair: Callable[[], None] | None = None
) -> CheckReport:
    """Check an open project; with ``repair``, fix what can be fixed (``before_repair`` runs
    first, once, when there is something to fix: the CLI makes a backup there)."""
    try:
        return _check(project, repair=repair, before_repair=before_repair)
    except ProjectError as error:  # damage bad enough that reading stops
        return CheckReport((Problem("integrity", f"Database damage: {error}", False),))


def _check(project: Project, *, repair: bool, before_repair: Callable[[], None] | None = None) -> CheckReport:
    path = project.location.path
    if path is not None:
        # Opening checked the schema; this finds code added behind the app's back since.
        findings = inspect_sqlite_schema(path).findings
        if findings:
            problems = foreign_problems(findings)
            if not repair or project.read_only or not any(p.repairable for p in problems):
                return CheckReport(tuple(problems), notes=(_OTHER_CHECKS,))
            if before_repair is not None:
                before_repair()
                before_repair = None
            done = repair_schema(path)  # this window holds the project's lock
            if done:
                _log_repairs(project, done)
            after = _check(project, repair=repair, before_repair=before_repair)
            return CheckReport(after.problems, (*done, *after.repaired), after.notes)
    with project.read_session() as session:
        connection = session.connection()
        problems = [Problem("integrity", f"Database damage: {m}", False) for m in sqlite_integrity_problems(connection)]
        if problems:
            return CheckReport(tuple(problems))  # nothing else can be trusted: restore a backup
        problems += [
            Problem("dangling", f"A row of {table} (#{rowid}) points at a missing row of {parent}.", True)
            for table, rowid, parent in dangling_references(connection)
        ]
        damage = scan_damage(connection)
        problems += _damage_problems(damage)
        damaged = {(d.table, d.row_id) for d in damage}
        texts = {a.id: a.text for a in session.scalars(select(ArticleRow)) if ("articles", a.id) not in damaged}
        for claim in session.scalars(select(ClaimRow)):
            if ("claims", claim.id) in damaged:
                continue  # its damaged values are named above; repair re-anchors it
            issue = _anchor_issue(claim, texts)
            if issue:
                where = f"claims #{claim.id}, columns start_offset, end_offset"
                problems.append(Problem("anchor", f"Claim {claim.id} “{_short(claim.exact)}” ({where}): {issue}", True))
    damage_seen()  # what the loaders worked around is all in this report
    if not repair or not any(p.repairable for p in problems):
        return CheckReport(tuple(problems))
    if before_repair is not None:
        before_repair()
    repaired = _repair(project)
    after = _check(project, repair=False)
    return CheckReport(after.problems, tuple(repaired))


def damaged_line(damage: DamagedValue) -> str:
    """One problem line: which table, row and column, and what is there instead."""
    return f"Damaged value in {damage.describe()}."


def _damage_problems(damage: list[DamagedValue]) -> list[Problem]:
    """One problem per damaged value; an attached file's damage (content, size, checksum) is one."""
    problems: list[Problem] = []
    files: dict[int | str, list[DamagedValue]] = {}
    for value in damage:
        if value.table == "attachments" and value.column in ("data", "size", "sha256"):
            files.setdefault(value.row_id, []).append(value)
        else:
            problems.append(Problem("damage", damaged_line(value), True))
    for row_id, values in files.items():
        details = "; ".join(f"column {v.column}: {v.problem}" for v in values)
        problems.append(
            Problem("attachment", f"The attached file #{row_id} is damaged (attachments #{row_id}, {details}).", True)
        )
    return problems


def _anchor_issue(claim: ClaimRow, texts: dict[int, str]) -> str | None:
    text = texts.get(claim.article_id)
    if text is None:
        return None  # reported as a dangling row
    if claim.anchor_state == ORPHANED:
        return None if (claim.start_offset, claim.end_offset) == (0, 0) else "orphaned but still has a position"
    if not (0 <= claim.start_offset < claim.end_offset <= len(text)):
        return f"its position {claim.start_offset}–{claim.end_offset} lies outside the article"
    if text[claim.start_offset : claim.end_offset] != claim.exact:
        return "its position no longer holds its quoted words"
    return None


def _repair(project: Project) -> list[str]:
    done: list[str] = []
    touched: set[int] = set()  # claims changed or removed: logged, so other team windows refresh them
    with project.maintenance_session() as session:
        connection = session.connection()
        values = repair_damage(session)
        done += values.done
        touched |= values.claims
        for table, rowid, parent in dangling_references(connection):
            if table in _LINK_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
                done.append(f"removed a link in {table} to a missing {parent[:-1]}")
            elif table == "claims" and parent == "articles":
                quote = connection.exec_driver_sql("SELECT exact FROM claims WHERE rowid = ?", (rowid,)).scalar()
                connection.exec_driver_sql("DELETE FROM claims WHERE rowid = ?", (rowid,))
                touched.add(rowid)
                done.append(f"removed claim #{rowid} “{_short(quote or '')}”, whose article is missing")
            elif table == "attachments":
                done.append(values.rehome_attachment(session, rowid))
            elif table == "articles":
                session.execute(update(ArticleRow).where(ArticleRow.id == rowid).values(revision_of=None))
                done.append(f"article #{rowid} no longer points at a missing earlier version")
            elif table == "claims" and parent == "verdicts":
                session.execute(update(ClaimRow).where(ClaimRow.id == rowid).values(verdict=None))
                touched.add(rowid)
                done.append(f"claim #{rowid} had an unknown verdict; it has none now")
        session.flush()
        texts = {a.id: a.text for a in session.scalars(select(ArticleRow))}
        for claim in session.scalars(select(ClaimRow)):
            if _anchor_issue(claim, texts) is None:
                continue
            anchor = Anchor(claim.start_offset, claim.end_offset, claim.exact, claim.prefix, claim.suffix)
            text = texts[claim.article_id]
            found = Reanchorer(text, text).reanchor(anchor) if claim.anchor_state != ORPHANED else None
            if found is not None and found.state != ORPHANED and found.anchor.exact == claim.exact:
                new, state = found.anchor, found.state
                done.append(f"claim {claim.id} “{_short(claim.exact)}” found again at {new.start}–{new.end}")
            else:
                new, state = orphan(anchor), ORPHANED
                done.append(f"claim {claim.id} “{_short(claim.exact)}” is not in its article: marked orphaned")
            claim.start_offset, claim.end_offset = new.start, new.end
            claim.prefix, claim.suffix = new.prefix, new.suffix
            claim.anchor_state = state
            touched.add(claim.id)
        if values.sources:
            touched |= set(
                session.scalars(select(ClaimSourceRow.claim_id).where(ClaimSourceRow.source_id.in_(values.sources)))
            )
        if done:
            session.flush()
            session.expire_all()  # the raw SQL above bypassed the ORM: read what is there now
            now = datetime.now()
            record_history(
                session,
                analyst=project.analyst,
                at=now,
                action="Check project: repair",
                claims=touched,
                articles=values.articles,
                settings=values.settings,
            )
            # One entry with every repair in words: the project's own log of what Check changed.
            session.add(
                HistoryRow(
                    at=now,
                    analyst=project.analyst,
                    entity="setting",
                    entity_id=0,
                    action="Check project: repair",
                    state=json.dumps({"check_project": done}, ensure_ascii=False),
                )
            )
    return done


def _log_repairs(project: Project, done: list[str]) -> None:
    """One history entry with the schema repairs in words, as value repairs get (see ``_repair``)."""
    with project.maintenance_session() as session:
        session.add(
            HistoryRow(
                at=datetime.now(),
                analyst=project.analyst,
                entity="setting",
                entity_id=0,
                action="Check project: repair",
                state=json.dumps({"check_project": done}, ensure_ascii=False),
            )
        )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def damage_worked_around() -> list[str]:
    """What reading had to work around since the last call, one line each (first ones only).

    A command that still works on a damaged project says so, so the damage is mended before it
    spreads into reports: "claims #12, column start_offset: holds the text “abc”, not a whole number".
    """
    from factcheck_app.storage.validation import damage_seen

    return [value.describe() for value in damage_seen()]
