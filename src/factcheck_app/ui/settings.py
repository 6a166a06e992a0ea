"""Where the app keeps its preferences and the sample project.

``FACTCHECK_CONFIG_DIR`` overrides both (tests and portable installs), so a test run
never reads or writes the analyst's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 8


def config_dir() -> Path:
    override = os.environ.get("FACTCHECK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def settings() -> QSettings:
    directory = config_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return QSettings(str(directory / "settings.ini"), QSettings.Format.IniFormat)


def sample_project_path() -> Path:
    return config_dir() / "Sample project.factcheck"


def recent_projects() -> list[str]:
    value = settings().value("recent_projects", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or [] if v]


def remember_project(project: str) -> None:
    store = settings()
    recent = [project] + [p for p in recent_projects() if p != project]
    store.setValue("recent_projects", recent[:MAX_RECENT])
    store.setValue("last_project", project)


def forget_project(project: str) -> None:
    store = settings()
    store.setValue("recent_projects", [p for p in recent_projects() if p != project])
    if store.value("last_project") == project:
        store.remove("last_project")


def last_project() -> str | None:
    value = settings().value("last_project")
    return str(value) if value else None


# The colour theme: "system" (the desktop's palette and style), "light" or "dark".
THEME_KEY = "view/theme"
THEME_CHOICES = ("system", "light", "dark")
DEFAULT_THEME = "system"


def theme() -> str:
    """The saved theme; anything unknown (a hand-edited settings file) reads as the default."""
    value = str(settings().value(THEME_KEY, DEFAULT_THEME) or DEFAULT_THEME).strip().lower()
    return value if value in THEME_CHOICES else DEFAULT_THEME


def set_theme(name: str) -> None:
    if name not in THEME_CHOICES:
        raise ValueError(f"unknown theme {name!r}; one of {', '.join(THEME_CHOICES)}")
    settings().setValue(THEME_KEY, name)


def desk_index_path() -> Path:
    """The desk archive's index, beside settings.ini: the same file ``factcheck archive-index`` uses
    (``FACTCHECK_DESK_INDEX`` overrides it there and here)."""
    override = os.environ.get("FACTCHECK_DESK_INDEX")
    if override:
        return Path(override)
    return config_dir() / "desk-index.sqlite"
