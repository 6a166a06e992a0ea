"""`factcheck`: the headless command line, on the same services and edits as the GUI.

Errors print one line on stderr and exit 1 — never a traceback — so scripts and
analysts alike can tell what went wrong. A step the newsroom's rules refuse (sign-off,
an export the verdict rules block, problems found) exits 2. One module per command group.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from factcheck_app import __version__
from factcheck_app.cli.common import EXIT_ERROR, EXIT_GATE, GateRefused
from factcheck_app.cli.output import claim_as_json
from factcheck_app.domain.errors import FactcheckError, InvalidInput

__all__ = ["build_parser", "claim_as_json", "main"]

LOCK_WAIT_S = 10.0  # how long a command waits for another writer (a window, a command) to let go


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are errors like any other: one line, exit 1 (2 means "refused by the rules")."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"factcheck: {self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from factcheck_app.cli import (
        anchor_cmds,
        articles,
        claims,
        codebook,
        project_cmds,
        review_cmds,
        settings_cmds,
        sources,
        suggest_cmds,
    )

    parser = _Parser(
        prog="factcheck",
        description="Factcheck App on the command line. Exit status: 0 done, 1 error, 2 refused by the rules.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project_cmds.register(sub)
    articles.register(sub)
    claims.register(sub)
    anchor_cmds.register(sub)  # claim confirm|reopen: after claims, whose "claim" command it extends
    sources.register(sub)
    codebook.register(sub)
    settings_cmds.register(sub)
    suggest_cmds.register(sub)
    review_cmds.register(sub)
    return parser


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


def _one_line(error: BaseException | str) -> str:
    """The message on one line: a conflict's field-by-field detail joins with "; ".

    Names and text in messages come from files and other people: control characters, escape
    sequences and bidirectional overrides are shown as ``\\x1b`` / ``\\u202e`` instead of acting
    on the terminal, so a file name can neither forge a second line nor repaint the screen.
    """
    return visible("; ".join(part.strip() for part in str(error).splitlines() if part.strip()))


def visible(text: str) -> str:
    """``text`` with every control or format character (and an unpaired surrogate) made visible."""
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


# SQLite integers are 64-bit: a larger id can only be a mistake, and must not reach the driver.
_LARGEST_ID = 2**63 - 1


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse, in one line, arguments no command can use: integers out of range, text that was
    not valid UTF-8 in the terminal (Python keeps such bytes as lone surrogates)."""
    for name, value in vars(args).items():
        option = "--" + name.replace("_", "-")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool):
                continue
            if isinstance(item, int) and not -_LARGEST_ID <= item <= _LARGEST_ID:
                raise InvalidInput(f"{option} {item} is out of range (at most {_LARGEST_ID:,}).")
            if isinstance(item, str) and any("\ud800" <= ch <= "\udfff" for ch in item):
                raise InvalidInput(f"{option} is not valid UTF-8 text: {visible(item)}")


def _database_error(error: BaseException) -> str | None:
    """One line for an error of the database itself (a damaged page, a full disk), without its SQL."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    original = error.orig if isinstance(error, DBAPIError) else error
    if not isinstance(original, sqlite3.DatabaseError | DBAPIError) and type(original).__module__.split(".")[0] not in (
        "sqlite3",
        "psycopg",
    ):
        return None
    reason = str(original).splitlines()[0] if str(original) else type(original).__name__
    return (
        f"the project's database refused the work ({reason}); nothing was changed. "
        "Run “factcheck check PROJECT” to find out what is wrong."
    )


def _tell_damage_worked_around() -> None:
    """A command that worked around damaged values says so on stderr (stdout stays the result)."""
    from factcheck_app.services.check import damage_worked_around

    found = damage_worked_around()
    for line in found[:5]:
        print(f"factcheck: warning: damaged value worked around: {_one_line(line)}", file=sys.stderr)
    if len(found) > 5:
        print(f"factcheck: warning: … and {len(found) - 5} more damaged values", file=sys.stderr)
    if found:
        print(
            "factcheck: warning: “factcheck check --repair PROJECT” mends them (a backup is made first)",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    from factcheck_app.storage.engine import wait_for_locks

    args = build_parser().parse_args(argv)
    # Batch scripts run commands back to back: a writer waits a moment for the lock instead of failing.
    wait_for_locks(
        LOCK_WAIT_S,
        lambda message: print(f"factcheck: {visible(message)}", file=sys.stderr, flush=True),
        kind="a factcheck command",
    )
    try:
        _check_arguments(args)
        status = _run_asking_password(args)
        _tell_damage_worked_around()
        return status
    except GateRefused as refusal:
        print(f"factcheck: refused: {_one_line(refusal)}", file=sys.stderr)
        return EXIT_GATE
    except FactcheckError as error:
        print(f"factcheck: {_one_line(error)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `factcheck claims --jsonl … | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the promise is one clear line, never a traceback
        database = _database_error(error)
        if database is not None:
            print(f"factcheck: {_one_line(database)}", file=sys.stderr)
            return EXIT_ERROR
        print(f"factcheck: unexpected error: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return EXIT_ERROR
