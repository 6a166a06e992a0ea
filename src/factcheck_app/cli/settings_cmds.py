"""`factcheck settings get|set` (the Settings dialog's values) and `factcheck history`."""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import cast

from factcheck_app.cli.common import add_json, add_project, open_project, print_json, print_json_stream
from factcheck_app.cli.output import HISTORY_SCHEMA
from factcheck_app.domain.errors import InvalidInput, NotFound

_State = dict[str, object] | None  # a logged claim or article: its fields, or None once deleted


def cmd_settings_get(args: argparse.Namespace) -> int:
    from factcheck_app.services.settings import SETTINGS, project_settings, setting_spec

    with open_project(args, read_only=True) as project:
        values = project_settings(project)
    if args.key:
        key = setting_spec(args.key).key
        print_json({key: values[key]}) if args.json else print(values[key])
        return 0
    if args.json:
        print_json(values)
        return 0
    for spec in SETTINGS:
        print(f"{spec.key}\t{values[spec.key]}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from factcheck_app.services.settings import change_settings

    pairs = list(args.pairs)
    if len(pairs) == 2 and "=" not in pairs[0]:
        wanted = {pairs[0]: pairs[1]}  # `settings set P organisation "Desk One"`
    else:
        wanted = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep:
                raise InvalidInput(f"“{pair}”: write KEY VALUE, or KEY=VALUE for several settings at once.")
            wanted[key.strip()] = value
    with open_project(args) as project:
        changed = change_settings(project, wanted)
    print(
        f"factcheck: {len(changed)} setting(s) changed" + (f": {', '.join(changed)}" if changed else ""),
        file=sys.stderr,
    )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """The append-only log: who changed what, when, and (in words) how."""
    from factcheck_app.services.history import describe_change

    entity: str | None
    entity, entity_id = ("claim", args.claim) if args.claim is not None else ("article", args.article)
    if entity_id is None:
        entity = None
    with open_project(args, read_only=True) as project:
        log = project.history_log(entity, entity_id)
        if entity is not None:  # a mistyped id: say so (a deleted claim still has its history)
            first = next(log, None)
            if first is None:
                raise NotFound(f"There is no history of {entity} {entity_id} in this project.")
            log = itertools.chain([first], log)
        if args.json or args.jsonl:
            items = (
                {
                    "schema": HISTORY_SCHEMA,
                    "id": e.id,
                    "at": e.at,
                    "analyst": e.analyst,
                    "entity": e.entity,
                    "entity_id": e.entity_id,
                    "action": e.action,
                    "state": e.state,
                }
                for e in log
            )
            print_json_stream(items, lines=args.jsonl)
            return 0
        previous: dict[tuple[str, int], object] = {}
        for e in log:
            key = (e.entity, e.entity_id)
            if e.entity in ("claim", "article"):
                before = previous.get(key)
                if key in previous and before is None and e.state is not None:
                    said = "restored"
                else:
                    said = describe_change(cast(_State, before), cast(_State, e.state))
            elif e.entity == "setting" and isinstance(e.state, dict):
                said = "; ".join(f"{k}: {v if v is not None else '—'}" for k, v in sorted(e.state.items()))
            else:
                said = "tags changed"
            previous[key] = e.state
            where = f"{e.entity} {e.entity_id}" if e.entity in ("claim", "article") else e.entity
            print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.analyst}\t{where}\t{e.action}\t{said}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from factcheck_app.services.settings import SETTING_KEYS

    p = sub.add_parser("settings", help="project settings: organisation, ClaimReview base URL, verdict rules")
    settings_sub = p.add_subparsers(dest="settings_command", required=True, metavar="ACTION")
    get = settings_sub.add_parser("get", help="every setting, or one")
    add_project(get)
    get.add_argument("key", nargs="?", help=f"one of: {', '.join(SETTING_KEYS)}")
    add_json(get)
    get.set_defaults(func=cmd_settings_get)

    put = settings_sub.add_parser("set", help="KEY VALUE, or KEY=VALUE … (each change is logged)")
    add_project(put, writes=True)
    put.add_argument("pairs", nargs="+", metavar="KEY VALUE | KEY=VALUE")
    put.set_defaults(func=cmd_settings_set)

    p = sub.add_parser("history", help="who changed what and when (the whole project, a claim or an article)")
    add_project(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--claim", type=int, metavar="CLAIM_ID")
    which.add_argument("--article", type=int, metavar="ARTICLE_ID")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON array (schema factcheck/history@1)")
    out.add_argument("--jsonl", action="store_true", help="one entry per line (streamed)")
    p.set_defaults(func=cmd_history)
