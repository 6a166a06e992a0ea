"""`factcheck-app --self-test` from the source checkout (fast; the bundle test runs it frozen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_python(code_or_args: list[str], config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTCHECK_CONFIG_DIR": str(config)}
    return subprocess.run([sys.executable, *code_or_args], capture_output=True, text=True, timeout=180, env=env)


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    """It prints exactly one 'self-test passed' line and exits 0."""
    result = run_python(["-m", "factcheck_app", "--self-test"], tmp_path / "config")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("self-test passed: ") and "(source)" in lines[0]
    assert "4 claims" in lines[0] and "schema" in lines[0]


def test_self_test_leaves_the_settings_alone(tmp_path: Path) -> None:
    """It works in a temporary folder: the analyst's settings folder stays untouched."""
    config = tmp_path / "config"
    config.mkdir()
    result = run_python(["-m", "factcheck_app", "--self-test"], config)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(config.iterdir()) == []


def test_self_test_failure_names_the_step_without_traceback(tmp_path: Path) -> None:
    """A broken step gives one 'self-test FAILED: <step>: <error>' line and exit 1."""
    code = (
        "import sys\n"
        "import factcheck_app.services.maintenance as maintenance\n"
        "def broken():\n"
        "    raise RuntimeError('migrations folder missing')\n"
        "maintenance.check_migrations = broken\n"
        "from factcheck_app.ui.self_test import run_self_test\n"
        "sys.exit(run_self_test())\n"
    )
    result = run_python(["-c", code], tmp_path / "config")
    assert result.returncode == 1
    assert result.stdout.strip() == "self-test FAILED: migrations: RuntimeError: migrations folder missing"
    assert "Traceback" not in result.stderr


def test_check_migrations_returns_the_head_revision() -> None:
    """The maintenance service confirms the shipped scripts end at the app's schema revision."""
    from factcheck_app.services.maintenance import check_migrations
    from factcheck_app.storage.schema import HEAD_REVISION

    assert check_migrations() == HEAD_REVISION
