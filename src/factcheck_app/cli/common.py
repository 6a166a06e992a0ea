"""What every command shares: opening the project as an analyst, JSON out, exit codes.

Exit codes are part of the scripting contract: 0 done, 1 an error (one line on stderr),
2 refused by the newsroom's rules (sign-off, verdict rules blocking export, problems found).
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck_app.domain.errors import FactcheckError, InvalidInput

if TYPE_CHECKING:
    from factcheck_app.services.project import Project

EXIT_ERROR = 1
EXIT_GATE = 2
ANALYST_VARIABLE = "FACTCHECK_ANALYST"


class GateRefused(FactcheckError):
    """The newsroom's rules refuse this step (self-approval, a blocked export): exit 2."""


def json_default(value: object) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(data: object, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=json_default)


def print_json(data: object) -> None:
    print(dumps(data))


def print_json_stream(items: Iterable[object], *, lines: bool) -> None:
    """A JSON array (``lines`` False) or one object per line, written as the items come:
    neither form holds the whole list in memory."""
    out = sys.stdout
    if lines:
        for item in items:
            out.write(dumps(item, indent=None) + "\n")
        return
    first = True
    out.write("[")
    for item in items:
        out.write(("\n" if first else ",\n") + "  " + dumps(item).replace("\n", "\n  "))
        first = False
    out.write("\n]\n" if not first else "]\n")


def configured_analyst() -> str:
    """The analyst's name without ``--as``: $FACTCHECK_ANALYST, else the name saved in the
    window's Preferences (its settings.ini), else the login name."""
    from factcheck_app.services.project import default_analyst

    named = os.environ.get(ANALYST_VARIABLE, "").strip()
    if named:
        return named
    for path in _settings_files():
        name = _ini_value(path, "analyst", "name")
        if name:
            return name
    return default_analyst()


def _settings_files() -> Iterator[Path]:
    """Where the window keeps settings.ini (Qt's AppDataLocation for "Factcheck/Factcheck App")."""
    override = os.environ.get("FACTCHECK_CONFIG_DIR")
    if override:
        yield Path(override) / "settings.ini"
        return
    home = Path.home()
    if sys.platform == "darwin":
        yield home / "Library" / "Application Support" / "Factcheck" / "Factcheck App" / "settings.ini"
    elif os.name == "nt":
        yield Path(os.environ.get("APPDATA", home)) / "Factcheck" / "Factcheck App" / "settings.ini"
    else:
        data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        yield data / "Factcheck" / "Factcheck App" / "settings.ini"


def desk_index_path() -> Path:
    """The desk archive's index, beside the window's settings (both read and add to the same one)."""
    override = os.environ.get("FACTCHECK_DESK_INDEX")
    if override:
        return Path(override)
    return next(_settings_files()).with_name("desk-index.sqlite")


def _ini_value(path: Path, section: str, key: str) -> str:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return ""
    value = parser.get(section, key, fallback="").strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':  # Qt quotes values holding commas
        value = value[1:-1]
    return value.strip()


def analyst(args: argparse.Namespace) -> str:
    return (getattr(args, "analyst", None) or "").strip() or configured_analyst()


@contextmanager
def open_project(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Project]:
    from factcheck_app.services.project import Project

    with Project.open(args.project, read_only=read_only, analyst=analyst(args)) as project:
        yield project


def add_project(parser: argparse.ArgumentParser, *, writes: bool = False) -> None:
    parser.add_argument("project", help="project file or postgresql://user@host/database")
    if writes:
        parser.add_argument(
            "--as",
            dest="analyst",
            metavar="NAME",
            help=f"the analyst making the change (default: ${ANALYST_VARIABLE}, the window's name, the login)",
        )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output (see the README's JSON schemas)")


def parse_date(text: str | None, what: str) -> date | None:
    """An ISO date (2024-05-31); "" clears it."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what}: “{text}” is not a date like 2024-05-31.") from None


def confirm_or_refuse(question: str, yes: bool) -> None:
    """A destructive step asks once at a terminal; a script says --yes."""
    if yes:
        return
    if sys.stdin.isatty():
        print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() in ("y", "yes"):
            return
    raise InvalidInput(f"{question} Not done: add --yes to confirm.")
