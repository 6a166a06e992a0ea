"""`factcheck suggest` (claims worth checking in an article) and `factcheck archive-index`
(the desk's earlier verdicts, from other projects and ClaimReview feeds)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from factcheck_app.cli.common import add_json, add_project, desk_index_path, open_project, print_json
from factcheck_app.domain.errors import InvalidInput

SUGGESTION_SCHEMA = "factcheck/suggestion@1"


def cmd_suggest(args: argparse.Namespace) -> int:
    from factcheck_app.services.suggestions import suggest_claims, suggestion_to_claim_edit

    with open_project(args, read_only=args.accept is None) as project:
        kwargs = {} if args.threshold is None else {"threshold": args.threshold}
        found = suggest_claims(project, args.article, **kwargs)
        if args.accept is not None:
            if not 1 <= args.accept <= len(found):
                raise InvalidInput(f"--accept {args.accept}: there are {len(found)} suggestions (1–{len(found)}).")
            edit = suggestion_to_claim_edit(
                project, args.article, found[args.accept - 1], span="quote" if args.quoted_words else "sentence"
            )
            project.apply(edit)
            print(edit.claim_id)
            return 0
    if args.json:
        print_json(
            [
                {"schema": SUGGESTION_SCHEMA, "rank": rank, **asdict(s), "reasons": list(s.reasons)}
                for rank, s in enumerate(found, 1)
            ]
        )
        return 0
    for rank, s in enumerate(found, 1):
        who = f"\t{s.claimant}" if s.claimant else "\t"
        print(f"{rank}\t{s.score:.2f}\t{s.start}-{s.end}{who}\t{s.text}\t{s.explanation}")
    return 0


def cmd_archive_add(args: argparse.Namespace) -> int:
    from factcheck_app.services.desk_archive import add_claimreview_feed
    from factcheck_app.services.desk_archive import add_project as index_project

    total = 0
    for path in args.paths:
        if Path(path).suffix.lower() in (".json", ".jsonld"):
            added = add_claimreview_feed(args.index, path)
        else:
            added = index_project(args.index, path)
        print(f"{added}\t{path}")
        total += added
    return 0


def cmd_archive_search(args: argparse.Namespace) -> int:
    from factcheck_app.services.desk_archive import search

    found = search(args.index, args.text, limit=args.limit)
    if args.json:
        print_json([{"schema": "factcheck/archived-verdict@1", **asdict(v)} for v in found])
        return 0
    for v in found:
        print(f"{v.score:.0f}\t{v.verdict}\t{v.claim}\t{v.source}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="sentences of an article worth checking, ranked, with why")
    add_project(p, writes=True)
    p.add_argument("article", type=int, metavar="ARTICLE_ID")
    p.add_argument("--threshold", type=float, help="0..1: show suggestions scoring at least this")
    p.add_argument("--accept", type=int, metavar="RANK", help="make suggestion RANK a claim (prints its id)")
    p.add_argument("--quoted-words", action="store_true", help="with --accept: the claim is only the quoted words")
    add_json(p)
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("archive-index", help="the desk archive: earlier verdicts from other projects and feeds")
    archive_sub = p.add_subparsers(dest="archive_command", required=True, metavar="ACTION")
    default = desk_index_path()
    add = archive_sub.add_parser("add", help="index projects (.factcheck) and ClaimReview feeds (.json, .jsonld)")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--index", type=Path, default=default, help=f"the index file (default: {default})")
    add.set_defaults(func=cmd_archive_add)
    find = archive_sub.add_parser("search", help="earlier verdicts of (much) the same claim")
    find.add_argument("text")
    find.add_argument("--index", type=Path, default=default, help=f"the index file (default: {default})")
    find.add_argument("--limit", type=int, default=5)
    add_json(find)
    find.set_defaults(func=cmd_archive_search)
