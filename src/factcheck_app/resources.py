"""One way to find bundled files, wherever the app runs from.

Source checkout: ``<repo>/resources``. Installed wheel: ``factcheck_app/_resources``
(copied there by the build). PyInstaller bundle: ``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    candidates.append(_PACKAGE_DIR.parent.parent / "resources")
    for candidate in candidates:
        if (candidate / "sample").is_dir():
            return candidate
    raise FileNotFoundError("The app's resources folder is missing: reinstall Factcheck App.")


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Bundled file {'/'.join(parts)} is missing: reinstall Factcheck App.")
    return path


def migrations_dir() -> Path:
    """Alembic's script folder: a package dir in a checkout/wheel, a data dir when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        frozen = Path(bundle) / "factcheck_app" / "storage" / "migrations"
        if frozen.is_dir():
            return frozen
    return _PACKAGE_DIR / "storage" / "migrations"
