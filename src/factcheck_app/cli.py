"""`factcheck`: the headless command line, on the same services as the GUI.

Errors print one line on stderr and exit 1 — never a traceback — so scripts and
analysts alike can tell what went wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from factcheck_app import __version__
from factcheck_app.domain.errors import FactcheckError


def _json_default(value: object) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def cmd_new(args: argparse.Namespace) -> int:
    from factcheck_app.services.project import Project

    with Project.create(args.project) as project:
        print(project.location.target)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from factcheck_app.services.articles import import_article_edit, import_revision_edit
    from factcheck_app.services.project import Project

    if args.revision_of is not None:
        revision = import_revision_edit(args.revision_of, args.file, title=args.title, url=args.url or "")
        with Project.open(args.project) as project:
            project.apply(revision)
        summary = ", ".join(f"{n} {state}" for state, n in sorted(revision.outcome.items())) or "no claims"
        print(f"factcheck: version {revision.article_id} of article {args.revision_of}: {summary}", file=sys.stderr)
        print(revision.article_id)
        return 0
    edit = import_article_edit(args.file, title=args.title, url=args.url or "")
    with Project.open(args.project) as project:
        project.apply(edit)
    print(edit.article_id)
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    from factcheck_app.services.articles import version_chain
    from factcheck_app.services.project import Project

    with Project.open(args.project, read_only=True) as project:
        articles = project.articles()
        counts: dict[int, int] = {}
        for claim in project.claims():
            counts[claim.article_id] = counts.get(claim.article_id, 0) + 1
    if args.json:
        _print_json(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "author": a.author,
                    "published": a.published,
                    "content_hash": a.content_hash,
                    "imported_at": a.imported_at,
                    "original_name": a.original_name,
                    "format": a.format,
                    "site_name": a.site_name,
                    "revision": a.revision,
                    "revision_of": a.revision_of,
                    "versions": len(version_chain(articles, a.id)),
                    "latest": not any(b.revision_of == a.id for b in articles),
                    "pages": len(a.pages),
                    "characters": len(a.text),
                    "claims": counts.get(a.id, 0),
                }
                for a in articles
            ]
        )
    else:
        for a in articles:
            print(f"{a.id}\t{counts.get(a.id, 0)} claims\t{a.title}")
    return 0


def cmd_claim_add(args: argparse.Namespace) -> int:
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import CreateClaim
    from factcheck_app.services.project import Project

    with Project.open(args.project) as project:
        article = project.article(args.article)
        anchor = anchor_for_quote(article.text, args.quote, args.occurrence)
        edit = CreateClaim(
            article.id,
            anchor,
            tags=args.tag or [],
            verdict=args.verdict,
            rationale=args.rationale or "",
            sources=[Source(id=None, url=url) for url in args.source or []],
        )
        project.apply(edit)
    print(edit.claim_id)
    return 0


def claim_as_json(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "quote": claim.quote,
        "start": claim.anchor.start,
        "end": claim.anchor.end,
        "prefix": claim.anchor.prefix,
        "suffix": claim.anchor.suffix,
        "anchor_state": claim.anchor_state,
        "tags": list(claim.tags),
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "sources": [asdict(s) for s in claim.sources],
        "created_by": claim.created_by,
        "created_at": claim.created_at,
        "updated_by": claim.updated_by,
        "updated_at": claim.updated_at,
        "version": claim.version,
    }


def cmd_claims(args: argparse.Namespace) -> int:
    from factcheck_app.services.project import Project

    with Project.open(args.project, read_only=True) as project:
        claims = project.claims(args.article)
    if args.json:
        _print_json([claim_as_json(c) for c in claims])
    else:
        for c in claims:
            print(f"{c.id}\t{c.verdict or '-'}\t{c.quote}")
    return 0


# Files the command line reads besides articles and archives (which their importers
# check): only regular files, within these sizes, or one line saying why not.
MAX_LOGO_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


def _input_file(path: str, what: str, limit: int) -> None:
    """Refuse ``path`` unless it is a regular file of at most ``limit`` bytes (a FIFO or a
    device would make the reader wait or read forever)."""
    from factcheck_app.importers.safe_files import check_regular_file, format_size

    size = check_regular_file(path, what=what, error=FactcheckError)
    if size > limit:
        raise FactcheckError(
            f"{os.path.basename(path)} is too large to be {what} ({format_size(size)}; the limit is {format_size(limit)})."
        )


def cmd_export(args: argparse.Namespace) -> int:
    from factcheck_app.services.problems import check_before_export
    from factcheck_app.services.project import Project

    if args.format == "docx":
        if args.logo:
            _input_file(args.logo, "a logo picture", MAX_LOGO_BYTES)
        if args.template:
            _input_file(args.template, "a Word template", MAX_TEMPLATE_BYTES)
    with Project.open(args.project, read_only=True) as project:
        if args.format in ("docx", "claimreview", "csv") and not args.force:
            for problem in check_before_export(project):
                print(f"factcheck: warning: {problem.message}", file=sys.stderr)
        if args.format == "docx":
            from factcheck_app.services.reports import export_report

            options: dict[str, object] = {}
            if args.organisation:
                options["organisation"] = args.organisation
            if args.logo:
                options["logo_path"] = args.logo
            if args.template:
                options["template_path"] = args.template
            if args.order:
                options["order"] = args.order
            if args.sections:
                options["sections"] = tuple(s.strip() for s in args.sections.split(",") if s.strip())
            if args.no_orphaned:
                options["include_orphaned"] = False
            claim_ids = None
            if args.only_approved:
                claim_ids = [c.id for c in project.claims() if c.status in ("approved", "published")]
            written = export_report(
                project, args.output, fmt="docx", title=args.title, options=options, claim_ids=claim_ids
            )
        elif args.format == "archive":
            from factcheck_app.services.archive import export_archive

            written = export_archive(project, args.output)
        else:
            from factcheck_app.services.exports import export_open_format

            result = export_open_format(project, args.output, args.format)
            print(f"factcheck: {result.summary}", file=sys.stderr)
            for note in result.notes:
                print(f"factcheck: note: {note}", file=sys.stderr)
            written = result.path
    print(written)
    return 0


def cmd_import_archive(args: argparse.Namespace) -> int:
    from factcheck_app.services.archive import import_archive

    print(import_archive(args.archive, args.project))
    return 0


def cmd_problems(args: argparse.Namespace) -> int:
    from factcheck_app.services.problems import project_problems
    from factcheck_app.services.project import Project

    with Project.open(args.project, read_only=True) as project:
        problems = project_problems(project)
    for problem in problems:
        print(f"{problem.claim_id}\t{problem.rule}\t{problem.message}")
    return 2 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    # check_file, not Project.open: a file that opening refuses (database code the app did not
    # write) is checked from its schema alone, and --repair removes that code after a backup.
    from factcheck_app.services.check import check_file

    report = check_file(args.project, repair=args.repair)
    print(report.summary())
    return 0 if report.ok else 2


def _file_only(project: str, what: str) -> None:
    if "://" in project:
        from factcheck_app.domain.errors import FactcheckError

        raise FactcheckError(
            f"{what} works on project files. A team project on PostgreSQL is backed up on the server "
            "(pg_dump; see the README), or copied to a file with “factcheck copy”."
        )


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    _file_only(args.project, "backup")
    from factcheck_app.services.backups import list_backups, make_backup
    from factcheck_app.services.project import Project

    path = Path(args.project).expanduser().resolve()
    if args.list:
        for backup in list_backups(path):
            print(f"{backup.created:%Y-%m-%d %H:%M:%S}\t{backup.reason}\t{backup.size:>10,} bytes\t{backup.path}")
        return 0
    with Project.open(path, read_only=True) as project:  # validates the file; readers do not block
        counter = project.edit_counter()
    print(make_backup(path, reason="manual", counter=counter))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from factcheck_app.services.backups import restore_backup

    _file_only(args.project, "restore")
    safety = restore_backup(Path(args.project).expanduser().resolve(), Path(args.backup).expanduser().resolve())
    print(f"factcheck: restored; the replaced state was backed up to {safety}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Factcheck App on the command line.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="create a project")
    p.add_argument("project", help="project file (.factcheck is added if missing)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import an article; prints its id")
    p.add_argument("project")
    p.add_argument("file")
    p.add_argument("--title")
    p.add_argument("--url")
    p.add_argument("--revision-of", type=int, metavar="ARTICLE_ID", help="import FILE as a new version of that article")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("articles", help="list articles")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("claim", help="work on claims")
    claim_sub = p.add_subparsers(dest="claim_command", required=True, metavar="ACTION")
    add = claim_sub.add_parser("add", help="make a claim from a quote; prints its id")
    add.add_argument("project")
    add.add_argument("--article", type=int, required=True)
    add.add_argument("--quote", required=True)
    add.add_argument("--occurrence", type=int, help="which occurrence of a repeated quote (1 = first)")
    add.add_argument("--tag", action="append")
    add.add_argument("--verdict")
    add.add_argument("--rationale")
    add.add_argument("--source", action="append", help="source URL (repeatable)")
    add.set_defaults(func=cmd_claim_add)

    p = sub.add_parser("claims", help="list claims")
    p.add_argument("project")
    p.add_argument("--article", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser(
        "copy",
        help="copy a project to a new file or an empty PostgreSQL database (either way); prints where",
    )
    p.add_argument("source", help="project file or postgresql://user@host/database")
    p.add_argument("target", help="new project file, or an empty database postgresql://user@host/database")
    p.set_defaults(func=cmd_copy)

    p = sub.add_parser("import-archive", help="make a new project from a project archive; prints its path")
    p.add_argument("archive")
    p.add_argument("project", help="the new project file (must not exist)")
    p.set_defaults(func=cmd_import_archive)

    p = sub.add_parser("problems", help="list verdict-rule breaches (exit 2 if any)")
    p.add_argument("project")
    p.set_defaults(func=cmd_problems)

    p = sub.add_parser("check", help="check a project for damage (exit 2 if problems remain)")
    p.add_argument("project")
    p.add_argument("--repair", action="store_true", help="repair what can be repaired")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="back up a project now (or list its backups)")
    p.add_argument("project")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace a project with one of its backups (the current state is backed up)")
    p.add_argument("project")
    p.add_argument("backup")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("export", help="export a report")
    p.add_argument("project")
    p.add_argument("--format", default="docx", choices=["docx", "claimreview", "webannotation", "csv", "archive"])
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--title")
    p.add_argument("--organisation", help="Word report: organisation on the cover")
    p.add_argument("--logo", help="Word report: PNG or JPEG for the cover")
    p.add_argument("--template", help="Word report: your .docx template with the same style names")
    p.add_argument("--order", choices=["article", "verdict", "claimant"], help="Word report: order of the claims")
    p.add_argument("--sections", help="Word report: comma-separated, e.g. cover,summary,overview,claims,sources")
    p.add_argument("--no-orphaned", action="store_true", help="Word report: leave orphaned claims out")
    p.add_argument("--only-approved", action="store_true", help="Word report: approved and published claims only")
    p.add_argument("--force", action="store_true", help="export even if the project blocks export on broken rules")
    p.set_defaults(func=cmd_export)
    return parser


def cmd_copy(args: argparse.Namespace) -> int:
    from factcheck_app.services.copy import copy_project

    report = copy_project(args.source, args.target)
    print(report.target)
    print(f"copied {report.total} rows: " + ", ".join(f"{n} {table}" for table, n in report.rows.items() if n))
    return 0


def _run_asking_password(args: argparse.Namespace) -> int:
    """Run the command; when a server asks for a password nobody supplied, ask once at the terminal.

    The password goes to PGPASSWORD of this process only (libpq reads it): never to a file.
    """
    from factcheck_app.domain.errors import NeedsPassword

    try:
        return int(args.func(args))
    except NeedsPassword as error:
        if os.environ.get("PGPASSWORD") or not sys.stdin.isatty():
            raise
        import getpass

        os.environ["PGPASSWORD"] = getpass.getpass(f"{error} Password: ")
        return int(args.func(args))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run_asking_password(args)
    except FactcheckError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the promise is one clear line, never a traceback
        print(f"factcheck: unexpected error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
