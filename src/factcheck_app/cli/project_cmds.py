"""Whole-project commands: new, import, copy, archive, backup and restore, check, problems, export."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck_app.cli.common import EXIT_GATE, GateRefused, add_project, open_project
from factcheck_app.domain.errors import FactcheckError, InvalidInput

if TYPE_CHECKING:
    from factcheck_app.services.project import Project

# Files the command line reads besides articles and archives (which their importers
# check): only regular files, within these sizes, or one line saying why not.
MAX_LOGO_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


def cmd_new(args: argparse.Namespace) -> int:
    from factcheck_app.cli.common import analyst
    from factcheck_app.services.project import Project

    with Project.create(args.project, analyst=analyst(args)) as project:
        print(project.location.target)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """One file or many (a folder's worth: ``articles/*.txt``); one id per line, in order."""
    from factcheck_app.services.articles import import_article_edit, import_revision_edit

    if args.revision_of is not None:
        if len(args.file) != 1:
            raise InvalidInput("--revision-of imports one file: the new version of that article.")
        revision = import_revision_edit(args.revision_of, args.file[0], title=args.title, url=args.url or "")
        with open_project(args) as project:
            project.apply(revision)
        summary = ", ".join(f"{n} {state}" for state, n in sorted(revision.outcome.items())) or "no claims"
        print(f"factcheck: version {revision.article_id} of article {args.revision_of}: {summary}", file=sys.stderr)
        print(revision.article_id)
        return 0
    if len(args.file) > 1 and (args.title or args.url):
        raise InvalidInput("--title and --url name one article: import the files one at a time to give them.")
    # Every file is read first: one unreadable file and nothing is imported.
    edits = [import_article_edit(path, title=args.title, url=args.url or "") for path in args.file]
    with open_project(args) as project:
        for edit in edits:
            project.apply(edit)
            print(edit.article_id, flush=True)
    return 0


def cmd_import_archive(args: argparse.Namespace) -> int:
    from factcheck_app.services.archive import import_archive

    print(import_archive(args.archive, args.project))
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from factcheck_app.services.copy import copy_project

    report = copy_project(args.source, args.target)
    print(report.target)
    print(f"copied {report.total} rows: " + ", ".join(f"{n} {table}" for table, n in report.rows.items() if n))
    return 0


def cmd_problems(args: argparse.Namespace) -> int:
    from factcheck_app.services.problems import project_problems

    with open_project(args, read_only=True) as project:
        problems = project_problems(project)
    for problem in problems:
        print(f"{problem.claim_id}\t{problem.rule}\t{problem.message}")
    return EXIT_GATE if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    # check_file, not Project.open: a file that opening refuses (database code the app did not
    # write) is checked from its schema alone, and --repair removes that code after a backup.
    from factcheck_app.services.check import check_file

    report = check_file(args.project, repair=args.repair)
    print(report.summary())
    return 0 if report.ok else EXIT_GATE


def _file_only(project: str, what: str) -> None:
    if "://" in project:
        raise FactcheckError(
            f"{what} works on project files. A team project on PostgreSQL is backed up on the server "
            "(pg_dump; see the README), or copied to a file with “factcheck copy”."
        )


def cmd_backup(args: argparse.Namespace) -> int:
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
    from factcheck_app.services.backups import restore_backup

    _file_only(args.project, "restore")
    safety = restore_backup(Path(args.project).expanduser().resolve(), Path(args.backup).expanduser().resolve())
    print(f"factcheck: restored; the replaced state was backed up to {safety}", file=sys.stderr)
    return 0


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

    if args.format == "docx":
        if args.logo:
            _input_file(args.logo, "a logo picture", MAX_LOGO_BYTES)
        if args.template:
            _input_file(args.template, "a Word template", MAX_TEMPLATE_BYTES)
    with open_project(args, read_only=True) as project:
        claim_ids = None
        if args.format == "docx" and args.only_approved:
            claim_ids = [c.id for c in project.claims() if c.status in ("approved", "published")]
        if args.format in ("docx", "claimreview", "csv") and not args.force:
            try:
                problems = check_before_export(project, claim_ids)
            except InvalidInput as refusal:  # the project blocks export on broken verdict rules
                raise GateRefused(str(refusal)) from None
            for problem in problems:
                print(f"factcheck: warning: {problem.message}", file=sys.stderr)
        if args.format == "docx":
            from factcheck_app.services.reports import export_report

            written = export_report(
                project, args.output, fmt="docx", title=args.title, options=_report_options(args), claim_ids=claim_ids
            )
        elif args.format == "archive":
            from factcheck_app.services.archive import export_archive

            written = export_archive(project, args.output)
        elif args.format == "corrections-log":
            written = _export_corrections_log(project, args.output)
        else:
            from factcheck_app.services.exports import export_open_format

            result = export_open_format(project, args.output, args.format)
            print(f"factcheck: {result.summary}", file=sys.stderr)
            for note in result.notes:
                print(f"factcheck: note: {note}", file=sys.stderr)
            written = result.path
    print(written)
    return 0


def _export_corrections_log(project: Project, output: str) -> Path:
    """The desk's corrections page as CSV: every correction of a published claim, newest first."""
    from factcheck_app.exporters.corrections_log import write_corrections_csv
    from factcheck_app.services.corrections import corrections_log
    from factcheck_app.services.exports import with_default_suffix

    target = with_default_suffix(Path(output), ".csv")
    rows = write_corrections_csv(corrections_log(project), target)
    print(f"factcheck: {rows} correction{'s' if rows != 1 else ''} written to {target.name}", file=sys.stderr)
    return target


def _report_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
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
    return options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a project")
    p.add_argument("project", help="project file (.factcheck is added if missing), or postgresql://…")
    p.set_defaults(func=cmd_new, analyst=None)

    p = sub.add_parser("import", help="import articles; prints their ids, one a line")
    add_project(p, writes=True)
    p.add_argument("file", nargs="+", help="one or more article files (e.g. articles/*.txt)")
    p.add_argument("--title")
    p.add_argument("--url")
    p.add_argument("--revision-of", type=int, metavar="ARTICLE_ID", help="import FILE as a new version of that article")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "copy", help="copy a project to a new file or an empty PostgreSQL database (either way); prints where"
    )
    p.add_argument("source", help="project file or postgresql://user@host/database")
    p.add_argument("target", help="new project file, or an empty database postgresql://user@host/database")
    p.set_defaults(func=cmd_copy)

    p = sub.add_parser("import-archive", help="make a new project from a project archive; prints its path")
    p.add_argument("archive")
    p.add_argument("project", help="the new project file (must not exist)")
    p.set_defaults(func=cmd_import_archive)

    p = sub.add_parser("problems", help="list verdict-rule breaches (exit 2 if any)")
    add_project(p)
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

    p = sub.add_parser("export", help="export a report (exit 2 if the project blocks export on broken rules)")
    add_project(p)
    p.add_argument(
        "--format",
        default="docx",
        choices=["docx", "claimreview", "webannotation", "csv", "archive", "corrections-log"],
        help="corrections-log: every correction of a published claim, as CSV (the desk's corrections page)",
    )
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--title")
    p.add_argument("--organisation", help="Word report: organisation on the cover")
    p.add_argument("--logo", help="Word report: PNG or JPEG for the cover")
    p.add_argument("--template", help="Word report: your .docx template with the same style names")
    p.add_argument("--order", choices=["article", "verdict", "claimant"], help="Word report: order of the claims")
    p.add_argument(
        "--sections",
        help="Word report: comma-separated, e.g. cover,summary,overview,claims,sources (also: annotated_article, corrections, agreement)",
    )
    p.add_argument("--no-orphaned", action="store_true", help="Word report: leave orphaned claims out")
    p.add_argument("--only-approved", action="store_true", help="Word report: approved and published claims only")
    p.add_argument("--force", action="store_true", help="export even if the project blocks export on broken rules")
    p.set_defaults(func=cmd_export)
