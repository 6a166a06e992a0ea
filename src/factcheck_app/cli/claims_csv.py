"""`factcheck claim import-csv`: many claims from a spreadsheet, all checked before any is added.

Columns (a header row names them; only ``article`` and ``quote`` are required):
article, quote, occurrence, claimant, restated, claim_date, verdict, rationale,
tags (comma-separated, as in the claim editor), sources (URLs separated by spaces),
reviewer, assignee, status. Every row is checked first (the quote found, the verdict on
the scale, the date, the sign-off rules for the status): one bad row and nothing is added.
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass, replace
from typing import Any

from factcheck_app.cli.common import GateRefused, add_project, open_project, parse_date
from factcheck_app.domain.claims import DRAFT
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.domain.tags import parse_tag_list
from factcheck_app.services.edits import CreateClaim, Edit, SetClaimDetails, SetStatus
from factcheck_app.services.project import Project

COLUMNS = (
    "article",
    "quote",
    "occurrence",
    "claimant",
    "restated",
    "claim_date",
    "verdict",
    "rationale",
    "tags",
    "sources",
    "reviewer",
    "assignee",
    "status",
)
MAX_CSV_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class PlannedClaim:
    create: CreateClaim
    details: dict[str, object]
    status: str | None


def read_rows(path: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; refuses a file that is not a readable CSV."""
    from factcheck_app.importers.safe_files import read_regular_file

    data = read_regular_file(path, MAX_CSV_BYTES, what="a CSV file", error=InvalidInput)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text; save the spreadsheet as CSV UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise InvalidInput(f"{path}: unknown column(s) {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}.")
    if "article" not in header or "quote" not in header:
        raise InvalidInput(f"{path}: the header row needs the columns article and quote.")
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row:
            raise InvalidInput(f"{path} line {reader.line_num}: more cells than columns.")
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def plan_row(project: Project, row: dict[str, str], who: str) -> PlannedClaim:
    from factcheck_app.cli.claims import check_sign_off, parse_status, planned_claim
    from factcheck_app.domain.anchors import anchor_for_quote

    try:
        article_id = int(row["article"])
    except ValueError:
        raise InvalidInput(f"article: “{row['article']}” is not an article id.") from None
    occurrence = None
    if row.get("occurrence"):
        try:
            occurrence = int(row["occurrence"])
        except ValueError:
            raise InvalidInput(f"occurrence: “{row['occurrence']}” is not a number.") from None
    article = project.article(article_id)
    create = CreateClaim(
        article.id,
        anchor_for_quote(article.text, row["quote"], occurrence),
        tags=parse_tag_list(row.get("tags", "")),
        verdict=row.get("verdict") or None,
        rationale=row.get("rationale", ""),
        sources=[Source(id=None, url=url) for url in row.get("sources", "").split()],
    )
    details: dict[str, Any] = {  # Claim fields by name, for dataclasses.replace
        key: row[key] for key in ("claimant", "restated", "reviewer", "assignee") if row.get(key)
    }
    if row.get("claim_date"):
        details["claim_date"] = parse_date(row["claim_date"], "claim_date")
    status = parse_status(row["status"]) if row.get("status") else None
    if status is not None and status != DRAFT:
        check_sign_off(replace(planned_claim(project, create, who), **details), status, who)
    return PlannedClaim(create, details, status)


def cmd_import_csv(args: argparse.Namespace) -> int:
    from factcheck_app.cli.claims import apply_in_turn

    rows = read_rows(args.file)
    with open_project(args) as project:
        planned = []
        for line, row in rows:
            try:
                planned.append(plan_row(project, row, project.analyst))
            except FactcheckError as error:
                kind = GateRefused if isinstance(error, GateRefused) else InvalidInput
                raise kind(f"{args.file} line {line}: {error}") from None
        for plan in planned:
            project.apply(plan.create)
            claim_id = plan.create.claim_id
            assert claim_id is not None
            follow: list[Edit] = []
            if plan.details:
                follow.append(SetClaimDetails(claim_id, **plan.details))
            if plan.status is not None and plan.status != DRAFT:
                follow.append(SetStatus(claim_id, plan.status))
            apply_in_turn(project, claim_id, follow, None, after=plan.create)
            print(claim_id, flush=True)
    return 0


def register_import_csv(claim_sub: argparse._SubParsersAction) -> None:
    p = claim_sub.add_parser("import-csv", help="add claims from a CSV file (all rows checked first); prints their ids")
    add_project(p, writes=True)
    p.add_argument("file", help=f"UTF-8 CSV with a header row; columns: {', '.join(COLUMNS)}")
    p.set_defaults(func=cmd_import_csv)
