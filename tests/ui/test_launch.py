"""The `factcheck-app` command as a user starts it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_renders_the_sample_project(tmp_path: Path) -> None:
    """--screenshot on a first start renders the sample project to a real picture."""
    out = tmp_path / "window.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "FACTCHECK_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    assert (tmp_path / "config" / "Sample project.factcheck").exists()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 25) for y in range(0, image.height(), 25)}
    assert len(colours) > 20, "the screenshot looks blank"


def test_version_flag_prints_version() -> None:
    """--version answers without opening a window."""
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Factcheck App ")
