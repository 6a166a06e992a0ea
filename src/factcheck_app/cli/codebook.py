"""`factcheck tags list|add|rename|merge|colour|delete` and `factcheck scale show|set|preset`."""

from __future__ import annotations

import argparse
import json
import sys

from factcheck_app.cli.common import add_json, add_project, open_project, print_json
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.verdicts import PRESETS, Verdict, VerdictScale

MAX_SCALE_FILE_BYTES = 1024 * 1024


def cmd_tags_list(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        tags = project.tags()
    if args.json:
        print_json([{"id": t.id, "name": t.name, "colour": t.colour, "claims": t.claims} for t in tags])
        return 0
    for t in tags:
        print(f"{t.claims}\t{t.colour or '-'}\t{t.name}")
    return 0


def cmd_tags_add(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import CreateTag

    with open_project(args) as project:
        project.apply(CreateTag(args.name, args.colour or ""))
    return 0


def cmd_tags_rename(args: argparse.Namespace) -> int:
    """Rename a tag (its child tags follow); ``merge`` is the same onto a tag that must exist."""
    from factcheck_app.services.edits import RenameTag

    with open_project(args) as project:
        names = {t.name.casefold() for t in project.tags()}
        target = " ".join(args.new.split())
        if args.tags_command == "merge" and target.casefold() not in names:
            raise InvalidInput(f"There is no tag “{target}” to merge into; use `factcheck tags rename`.")
        if args.tags_command == "rename" and target.casefold() in names and target.casefold() != args.old.casefold():
            raise InvalidInput(f"The tag “{target}” exists already; use `factcheck tags merge` to merge the two.")
        project.apply(RenameTag(args.old, args.new))
    return 0


def cmd_tags_colour(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import SetTagColour

    with open_project(args) as project:
        project.apply(SetTagColour(args.name, args.colour))
    return 0


def cmd_tags_delete(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import DeleteTag

    with open_project(args) as project:
        project.apply(DeleteTag(args.name))
    return 0


def scale_as_json(scale: VerdictScale) -> dict[str, object]:
    return {
        "schema": "factcheck/scale@1",
        "name": scale.name,
        "verdicts": [
            {"label": v.label, "rating_value": v.rating_value, "colour": v.colour, "description": v.description}
            for v in scale.verdicts
        ],
    }


def scale_from_json(data: object) -> VerdictScale:
    """A scale as ``factcheck scale show --json`` prints it (the "schema" field may be left out)."""
    try:
        assert isinstance(data, dict)
        verdicts = tuple(
            Verdict(str(v["label"]), int(v["rating_value"]), str(v["colour"]), str(v.get("description", "")))
            for v in data["verdicts"]
        )
        return VerdictScale(str(data.get("name", "Custom")), verdicts)
    except (AssertionError, KeyError, TypeError, ValueError):
        raise InvalidInput(
            "A scale file is JSON like `factcheck scale show --json` prints: "
            '{"name": …, "verdicts": [{"label": …, "rating_value": 1-10, "colour": "#rrggbb"}, …]}.'
        ) from None


def _renames(pairs: list[str] | None) -> dict[str, str]:
    renames: dict[str, str] = {}
    for pair in pairs or []:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InvalidInput(f"--rename “{pair}”: write OLD=NEW, e.g. --rename 'Pants on fire=False'.")
        renames[old.strip()] = new.strip()
    return renames


def cmd_scale_show(args: argparse.Namespace) -> int:
    if args.presets:
        scales = list(PRESETS)
    elif not args.project:
        raise InvalidInput("Name the project whose scale to show, or give --presets.")
    else:
        with open_project(args, read_only=True) as project:
            scales = [project.verdict_scale()]
    if args.json:
        print_json([scale_as_json(s) for s in scales] if args.presets else scale_as_json(scales[0]))
        return 0
    for scale in scales:
        print(scale.name)
        for v in scale.verdicts:
            print(f"  {v.label}\t{v.rating_value}\t{v.colour}\t{v.description}")
    return 0


def _apply_scale(args: argparse.Namespace, scale: VerdictScale) -> None:
    from factcheck_app.services.edits import SetVerdictScale

    with open_project(args) as project:
        base = project.verdict_scale()
        project.apply(SetVerdictScale(scale, _renames(args.rename), base=base))


def cmd_scale_set(args: argparse.Namespace) -> int:
    from factcheck_app.importers.safe_files import read_regular_file

    if args.file == "-":
        text = sys.stdin.read(MAX_SCALE_FILE_BYTES + 1)
    else:
        data = read_regular_file(args.file, MAX_SCALE_FILE_BYTES, what="a scale file", error=InvalidInput)
        text = data.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{args.file} is not JSON: {error.msg} (line {error.lineno}).") from None
    _apply_scale(args, scale_from_json(parsed))
    return 0


def cmd_scale_preset(args: argparse.Namespace) -> int:
    wanted = args.name.strip().casefold()
    matches = [p for p in PRESETS if p.name.casefold().startswith(wanted) or wanted in p.name.casefold()]
    if len(matches) != 1:
        names = "; ".join(p.name for p in PRESETS)
        raise InvalidInput(f"“{args.name}” names {'no' if not matches else 'more than one'} preset: {names}.")
    _apply_scale(args, matches[0])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tags", help="the codebook: list, add, rename, merge, colour, delete tags")
    tags_sub = p.add_subparsers(dest="tags_command", required=True, metavar="ACTION")
    listing = tags_sub.add_parser("list", help="every tag with its colour and claim count")
    add_project(listing)
    add_json(listing)
    listing.set_defaults(func=cmd_tags_list)

    add = tags_sub.add_parser("add", help="add a tag no claim carries yet")
    add_project(add, writes=True)
    add.add_argument("name", help='"Parent/Child" makes a child tag')
    add.add_argument("--colour", help="#rrggbb")
    add.set_defaults(func=cmd_tags_add)

    for action, text in (("rename", "rename a tag (child tags follow)"), ("merge", "merge a tag into another")):
        q = tags_sub.add_parser(action, help=text)
        add_project(q, writes=True)
        q.add_argument("old", metavar="TAG")
        q.add_argument("new", metavar="NEW_NAME" if action == "rename" else "INTO")
        q.set_defaults(func=cmd_tags_rename)

    colour = tags_sub.add_parser("colour", help="set a tag's colour ('' removes it)")
    add_project(colour, writes=True)
    colour.add_argument("name", metavar="TAG")
    colour.add_argument("colour", help="#rrggbb")
    colour.set_defaults(func=cmd_tags_colour)

    delete = tags_sub.add_parser("delete", help="take a tag (and its child tags) off every claim")
    add_project(delete, writes=True)
    delete.add_argument("name", metavar="TAG")
    delete.set_defaults(func=cmd_tags_delete)

    p = sub.add_parser("scale", help="the verdict scale: show, set from JSON, or use a preset")
    scale_sub = p.add_subparsers(dest="scale_command", required=True, metavar="ACTION")
    show = scale_sub.add_parser("show", help="the project's scale (--presets: the built-in ones)")
    show.add_argument("project", nargs="?", help="project file or postgresql://… (not needed with --presets)")
    show.add_argument("--presets", action="store_true")
    add_json(show)
    show.set_defaults(func=cmd_scale_show)

    rename_help = "OLD=NEW: claims rated OLD get NEW (repeatable); a label claims still use is never dropped"
    for action in ("set", "preset"):
        q = scale_sub.add_parser(
            action,
            help="replace the scale with a JSON file ('-': stdin)" if action == "set" else "use a built-in scale",
        )
        add_project(q, writes=True)
        q.add_argument("file" if action == "set" else "name", metavar="FILE" if action == "set" else "PRESET")
        q.add_argument("--rename", action="append", metavar="OLD=NEW", help=rename_help)
        q.set_defaults(func=cmd_scale_set if action == "set" else cmd_scale_preset)
