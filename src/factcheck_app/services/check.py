"""Check project (menu and `factcheck check`): find damage, and repair what can be repaired.

First SQLite's own integrity check (page-level damage is not repairable here: restore a
backup), then rows pointing at nothing, then the domain rules: every claim that claims to
sit on its words must really sit on them. ``repair=True`` fixes what it safely can, in
one transaction, and says what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update

from factcheck_app.domain.anchors import ORPHANED, Anchor
from factcheck_app.domain.attachments import digest
from factcheck_app.domain.errors import ProjectError
from factcheck_app.domain.reanchor import Reanchorer, orphan
from factcheck_app.services.project import Project
from factcheck_app.storage.engine import dangling_references, sqlite_integrity_problems
from factcheck_app.storage.orm import ArticleRow, AttachmentRow, ClaimRow, ClaimSourceRow, ClaimTagRow
from factcheck_app.storage.repositories import record_history

_LINK_TABLES = {"claim_tags": ClaimTagRow, "claim_sources": ClaimSourceRow}


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "integrity" | "dangling" | "anchor" | "attachment"
    description: str
    repairable: bool


@dataclass(frozen=True, slots=True)
class CheckReport:
    problems: tuple[Problem, ...] = ()
    repaired: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok and not self.repaired:
            return "No problems found."
        lines = [f"{len(self.problems)} problem(s) found."] if self.problems else []
        lines += [
            f"- {p.description}" + ("" if p.repairable else " (cannot be repaired: restore a backup)")
            for p in self.problems
        ]
        if self.repaired:
            lines.append(f"Repaired {len(self.repaired)}:")
            lines += [f"- {r}" for r in self.repaired]
        return "\n".join(lines)


def check_project(project: Project, *, repair: bool = False) -> CheckReport:
    try:
        return _check(project, repair=repair)
    except ProjectError as error:  # damage bad enough that reading stops
        return CheckReport((Problem("integrity", f"Database damage: {error}", False),))


def _check(project: Project, *, repair: bool) -> CheckReport:
    with project.read_session() as session:
        connection = session.connection()
        problems = [Problem("integrity", f"Database damage: {m}", False) for m in sqlite_integrity_problems(connection)]
        if problems:
            return CheckReport(tuple(problems))  # nothing else can be trusted: restore a backup
        problems += [
            Problem("dangling", f"A row of {table} (#{rowid}) points at a missing row of {parent}.", True)
            for table, rowid, parent in dangling_references(connection)
        ]
        texts = {a.id: a.text for a in session.scalars(select(ArticleRow))}
        for claim in session.scalars(select(ClaimRow)):
            issue = _anchor_issue(claim, texts)
            if issue:
                problems.append(Problem("anchor", f"Claim {claim.id} “{_short(claim.exact)}”: {issue}", True))
        for attachment in session.scalars(select(AttachmentRow)):
            if digest(attachment.data) != attachment.sha256 or len(attachment.data) != attachment.size:
                problems.append(
                    Problem("attachment", f"The attached file {attachment.name} (#{attachment.id}) is damaged.", False)
                )
    if not repair or not any(p.repairable for p in problems):
        return CheckReport(tuple(problems))
    repaired = _repair(project)
    after = _check(project, repair=False)
    return CheckReport(after.problems, tuple(repaired))


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
        for table, rowid, parent in dangling_references(connection):
            if table in _LINK_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
                done.append(f"removed a link in {table} to a missing {parent[:-1]}")
            elif table == "claims" and parent == "articles":
                quote = connection.exec_driver_sql("SELECT exact FROM claims WHERE rowid = ?", (rowid,)).scalar()
                connection.exec_driver_sql("DELETE FROM claims WHERE rowid = ?", (rowid,))
                touched.add(rowid)
                done.append(f"removed claim #{rowid} “{_short(quote or '')}”, whose article is missing")
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
        if touched:
            session.flush()
            session.expire_all()  # the raw SQL above bypassed the ORM: read what is there now
            record_history(
                session,
                analyst=project.analyst,
                at=datetime.now(),
                action="Check project: repair",
                claims=touched,
                articles=(),
            )
    return done


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
