"""The layering rules of ARCHITECTURE.md, checked by import-linter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    """domain has no Qt/SQLAlchemy; services, storage and CLI have no Qt; the GUI has no SQL;
    menu command modules are independent; dialogs, widgets, models and views never import the
    window or its commands."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is not installed (pip install -e .[dev])"
    result = subprocess.run([lint, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken" in result.stdout


def test_start_path_does_not_import_docx_or_alembic() -> None:
    """Opening the GUI's main window module pulls in neither python-docx nor Alembic."""
    code = (
        "import sys\n"
        "import factcheck_app.ui.launch, factcheck_app.ui.main_window, factcheck_app.services.project\n"
        "print(sorted(m for m in ('docx', 'alembic', 'charset_normalizer') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_main_window_module_does_not_import_sqlalchemy() -> None:
    """Importing the main window (and every command module it assembles) leaves SQLAlchemy
    unloaded: the window paints before the database layer is read (services load lazily)."""
    code = (
        "import sys\n"
        "import factcheck_app.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m == 'sqlalchemy' or m.startswith('factcheck_app.services')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
