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
from factcheck_app.domain.errors import FactcheckError

__all__ = ["build_parser", "claim_as_json", "main"]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are errors like any other: one line, exit 1 (2 means "refused by the rules")."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"factcheck: {self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from factcheck_app.cli import articles, claims, codebook, project_cmds, settings_cmds, sources

    parser = _Parser(
        prog="factcheck",
        description="Factcheck App on the command line. Exit status: 0 done, 1 error, 2 refused by the rules.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project_cmds.register(sub)
    articles.register(sub)
    claims.register(sub)
    sources.register(sub)
    codebook.register(sub)
    settings_cmds.register(sub)
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


def _one_line(error: BaseException) -> str:
    """The message on one line: a conflict's field-by-field detail joins with "; "."""
    return "; ".join(part.strip() for part in str(error).splitlines() if part.strip())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run_asking_password(args)
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
        print(f"factcheck: unexpected error: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return EXIT_ERROR
