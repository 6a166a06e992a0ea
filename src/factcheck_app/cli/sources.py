"""`factcheck sources`, `factcheck source add|update|attach|files|detach`, `factcheck evidence add|update|remove`."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from factcheck_app.cli.common import add_json, add_project, open_project, parse_date, print_json
from factcheck_app.cli.output import SOURCE_SCHEMA, source_as_json
from factcheck_app.domain.errors import InvalidInput, NotFound
from factcheck_app.domain.sources import SOURCE_KINDS, STANCES, Source
from factcheck_app.services.project import Project

SOURCE_TEXT_FIELDS = ("url", "title", "publisher", "author", "kind", "note")


def find_source(project: Project, source_id: int) -> Source:
    for source in project.sources():
        if source.id == source_id:
            return source
    raise NotFound(f"There is no source with id {source_id} in this project.")


def _source_values(args: argparse.Namespace) -> dict[str, Any]:
    """The Source fields asked for, by name (text, or a date)."""
    values: dict[str, Any] = {f: getattr(args, f) for f in SOURCE_TEXT_FIELDS if getattr(args, f) is not None}
    for field in ("published", "accessed"):
        if getattr(args, field) is not None:
            values[field] = parse_date(getattr(args, field), f"--{field}")
    return values


def cmd_sources(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        sources = project.sources()
        cited: dict[int, int] = {}
        for claim in project.iter_claims():
            for source in claim.sources:
                if source.id is not None:
                    cited[source.id] = cited.get(source.id, 0) + 1
        files: dict[int, int] = {}
        for attachment in project.attachments():
            files[attachment.source_id] = files.get(attachment.source_id, 0) + 1
    if args.json:
        print_json(
            [
                {
                    "schema": SOURCE_SCHEMA,
                    **source_as_json(s),
                    "claims": cited.get(s.id or 0, 0),
                    "files": files.get(s.id or 0, 0),
                }
                for s in sources
            ]
        )
        return 0
    for s in sources:
        print(f"{s.id}\t{cited.get(s.id or 0, 0)} claims\t{s.kind or '-'}\t{s.display_title}\t{s.url}")
    return 0


def cmd_source_add(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import AddLibrarySource

    edit = AddLibrarySource(Source(id=None, **_source_values(args)))
    with open_project(args) as project:
        project.apply(edit)
    print(edit.source_id)
    return 0


def cmd_source_update(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import UpdateSource

    values = _source_values(args)
    if not values:
        raise InvalidInput("Nothing to change: give --url, --title, --publisher, --author, --kind, --note or a date.")
    with open_project(args) as project:
        source = find_source(project, args.source)
        project.apply(UpdateSource(replace(source, **values)).based_on(source))
    return 0


def cmd_source_attach(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import AttachFile

    with open_project(args) as project:
        find_source(project, args.source)
        edit = AttachFile(args.source, args.file)
        project.apply(edit)
    print(edit.attachment_id)
    return 0


def cmd_source_files(args: argparse.Namespace) -> int:
    from factcheck_app.services.attachments import save_attachment

    with open_project(args, read_only=True) as project:
        find_source(project, args.source)
        attachments = project.attachments(args.source)
        if args.save is not None:
            if args.save not in {a.id for a in attachments}:
                raise NotFound(f"Source {args.source} has no attached file {args.save}.")
            if not args.output:
                raise InvalidInput("--save needs -o/--output: where to write the file.")
            print(save_attachment(project, args.save, args.output))
            return 0
    if args.json:
        print_json(
            [
                {
                    "id": a.id,
                    "source_id": a.source_id,
                    "name": a.name,
                    "media_type": a.media_type,
                    "size": a.size,
                    "sha256": a.sha256,
                    "added_at": a.added_at,
                    "added_by": a.added_by,
                }
                for a in attachments
            ]
        )
        return 0
    for a in attachments:
        print(f"{a.id}\t{a.size}\t{a.media_type}\t{a.name}")
    return 0


def cmd_source_detach(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import RemoveAttachment

    with open_project(args) as project:
        project.apply(RemoveAttachment(args.attachment))
    return 0


def cmd_evidence_add(args: argparse.Namespace) -> int:
    """Cite a library source (``--source ID``) or a new one (``--url``), with what it shows."""
    from factcheck_app.services.edits import AddSource

    with open_project(args) as project:
        claim = project.claim(args.claim)
        if args.source is not None:
            source = find_source(project, args.source)
        elif args.url or args.title:
            source = Source(id=None, url=args.url or "", title=args.title or "", kind=args.kind or "")
        else:
            raise InvalidInput("Name the source: --source ID (from `factcheck sources`) or --url.")
        edit = AddSource(claim.id, source, excerpt=args.excerpt, location=args.location, stance=args.stance)
        project.apply(edit.based_on(claim))
    print(edit.source_id)
    return 0


def cmd_evidence_update(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import SetEvidence

    with open_project(args) as project:
        claim = project.claim(args.claim)
        current = next((e for e in claim.evidence if e.source.id == args.source), None)
        if current is None:
            raise InvalidInput(f"Claim {claim.id} does not cite source {args.source}.")
        edit = SetEvidence(
            claim.id,
            args.source,
            excerpt=current.excerpt if args.excerpt is None else args.excerpt,
            location=current.location if args.location is None else args.location,
            stance=current.stance if args.stance is None else args.stance,
        )
        project.apply(edit.based_on(claim))
    return 0


def cmd_evidence_remove(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import RemoveSource

    with open_project(args) as project:
        claim = project.claim(args.claim)
        project.apply(RemoveSource(claim.id, args.source).based_on(claim))
    return 0


def _source_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--publisher")
    p.add_argument("--author")
    p.add_argument("--published", metavar="YYYY-MM-DD")
    p.add_argument("--accessed", metavar="YYYY-MM-DD")
    p.add_argument("--kind", help=f"one of: {', '.join(SOURCE_KINDS)}")
    p.add_argument("--note")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="the project's sources library (--json: schema factcheck/source@1)")
    add_project(p)
    add_json(p)
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("source", help="add, correct or attach files to a source of the library")
    source_sub = p.add_subparsers(dest="source_command", required=True, metavar="ACTION")
    add = source_sub.add_parser("add", help="add a source to the library; prints its id")
    add_project(add, writes=True)
    _source_fields(add)
    add.set_defaults(func=cmd_source_add)

    update = source_sub.add_parser("update", help="correct a source (every claim citing it shows the change)")
    add_project(update, writes=True)
    update.add_argument("source", type=int, metavar="SOURCE_ID")
    _source_fields(update)
    update.set_defaults(func=cmd_source_update)

    attach = source_sub.add_parser("attach", help="keep a file (PDF, image, saved page) with a source; prints its id")
    add_project(attach, writes=True)
    attach.add_argument("source", type=int, metavar="SOURCE_ID")
    attach.add_argument("file")
    attach.set_defaults(func=cmd_source_attach)

    files = source_sub.add_parser("files", help="list a source's attached files, or --save one")
    add_project(files)
    files.add_argument("source", type=int, metavar="SOURCE_ID")
    files.add_argument("--save", type=int, metavar="FILE_ID", help="write this attached file to --output")
    files.add_argument("-o", "--output")
    add_json(files)
    files.set_defaults(func=cmd_source_files)

    detach = source_sub.add_parser("detach", help="remove an attached file from the project")
    add_project(detach, writes=True)
    detach.add_argument("attachment", type=int, metavar="FILE_ID")
    detach.set_defaults(func=cmd_source_detach)

    p = sub.add_parser("evidence", help="what a source shows about a claim: add, update, remove")
    evidence_sub = p.add_subparsers(dest="evidence_command", required=True, metavar="ACTION")
    add = evidence_sub.add_parser("add", help="cite a source for a claim; prints the source id")
    add_project(add, writes=True)
    add.add_argument("--claim", type=int, required=True)
    add.add_argument("--source", type=int, metavar="SOURCE_ID", help="a source of the library")
    add.add_argument("--url", help="or a new source's address")
    add.add_argument("--title", help="a new source's title")
    add.add_argument("--kind", help=f"a new source's kind: {', '.join(SOURCE_KINDS)}")
    add.add_argument("--excerpt", default="", help="the quoted passage of the source")
    add.add_argument("--location", default="", help="where in the source: p. 4, table 2, 00:12:30")
    add.add_argument("--stance", default="", help=f"one of: {', '.join(STANCES)}")
    add.set_defaults(func=cmd_evidence_add)

    update = evidence_sub.add_parser("update", help="change the excerpt, location or stance of a citation")
    add_project(update, writes=True)
    update.add_argument("--claim", type=int, required=True)
    update.add_argument("--source", type=int, required=True, metavar="SOURCE_ID")
    update.add_argument("--excerpt")
    update.add_argument("--location")
    update.add_argument("--stance")
    update.set_defaults(func=cmd_evidence_update)

    remove = evidence_sub.add_parser("remove", help="stop citing a source for a claim")
    add_project(remove, writes=True)
    remove.add_argument("--claim", type=int, required=True)
    remove.add_argument("--source", type=int, required=True, metavar="SOURCE_ID")
    remove.set_defaults(func=cmd_evidence_remove)
