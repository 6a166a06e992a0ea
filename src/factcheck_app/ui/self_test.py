"""``factcheck-app --self-test``: prove that an installation works, end to end, in seconds.

Frozen apps break in well-known ways — a Qt plugin, a bundled resource or Alembic's
migration scripts left out — and the break only shows when the app runs. The self-test
walks the path an analyst takes (window, migrations, sample project, a claim with a verdict
and a source, the Word report, the window on the project) inside a temporary folder, and
answers with ONE line and an exit code, so the packaging test, an installer or a support
call can rely on it. It never prints a traceback: the line names the step that failed.

It runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise, and points
``FACTCHECK_CONFIG_DIR`` at its temporary folder so the analyst's settings and recent
projects are left alone.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SELF_TEST_TAG = "Self-test"
SELF_TEST_SOURCE_URL = "https://example.org/factcheck-self-test"


class _StepFailed(Exception):
    def __init__(self, step: str, error: BaseException) -> None:
        super().__init__(step)
        self.step = step
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        if isinstance(error, _CheckFailed):
            self.reason = message
        else:
            self.reason = f"{type(error).__name__}: {message}" if message else type(error).__name__


class _CheckFailed(Exception):
    """A self-test expectation that did not hold (not a crash)."""


@dataclass
class _Figures:
    qt_version: str = ""
    platform: str = ""
    claims: int = 0
    report_bytes: int = 0
    comments: int = 0
    schema: str = ""
    libpq: str = ""
    rows: int = 0


def _step(name: str, action: Callable[..., T], *args: Any) -> T:
    try:
        return action(*args)
    except Exception as error:
        raise _StepFailed(name, error) from error


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise _CheckFailed(message)


def run_self_test() -> int:
    """Run every step; print one line; 0 when all passed, 1 otherwise."""
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved_config = os.environ.get("FACTCHECK_CONFIG_DIR")
    figures = _Figures()
    try:
        # NOTE: ignore_cleanup_errors: on Windows a just-closed SQLite file can stay locked
        # for a moment; a leftover temp folder must not turn a pass into a failure.
        with tempfile.TemporaryDirectory(prefix="factcheck-self-test-", ignore_cleanup_errors=True) as tmp:
            os.environ["FACTCHECK_CONFIG_DIR"] = str(Path(tmp) / "config")
            _run(Path(tmp), figures)
    except _StepFailed as failure:
        _say(f"self-test FAILED: {failure.step}: {failure.reason}")
        return 1
    except Exception as error:  # noqa: BLE001 - never a traceback
        _say(f"self-test FAILED: cleanup: {type(error).__name__}: {error}")
        return 1
    finally:
        if saved_config is None:
            os.environ.pop("FACTCHECK_CONFIG_DIR", None)
        else:
            os.environ["FACTCHECK_CONFIG_DIR"] = saved_config
    from factcheck_app import __version__

    mode = "frozen" if getattr(sys, "frozen", False) else "source"
    _say(
        f"self-test passed: Factcheck App {__version__} ({mode}), Qt {figures.qt_version} on {figures.platform}, "
        f"{figures.claims} claims, {figures.rows} rows in the window, "
        f"report {figures.report_bytes / 1024:.0f} KB with {figures.comments} comments, "
        f"schema {figures.schema}, {figures.libpq}, {time.perf_counter() - started:.1f} s"
    )
    return 0


def _say(line: str) -> None:
    # A windowed Windows build has no stdout (sys.stdout is None): the exit code still tells.
    if sys.stdout is not None:
        print(line, flush=True)


def _run(tmp: Path, figures: _Figures) -> None:
    app = _step("Qt", _start_qt, figures)
    window = _step("main window", _make_window)
    try:
        # Migrations first: without their scripts no project can be created, and this step
        # says so plainly.
        figures.schema = _step("migrations", _check_migrations)
        figures.libpq = _step("PostgreSQL driver", _check_postgresql_driver)
        project_path = _step("sample project", _create_sample, tmp)
        quote, claim_count = _step("claim", _make_claim, project_path)
        figures.claims = claim_count
        report = _step("Word report", _export_report, project_path, tmp)
        figures.report_bytes, figures.comments = _step("reading the Word report", _read_report, report, quote)
        figures.rows = _step("window on the project", _show_project, app, window, project_path, claim_count)
    finally:
        # closeEvent closes the project (releases its lock) and saves settings to the temp folder.
        window.close()
        window.deleteLater()
        app.processEvents()


# -- steps -------------------------------------------------------------------


def _start_qt(figures: _Figures) -> Any:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    _check_platform_plugin(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factcheck App")
    app.setOrganizationName("Factcheck")
    figures.qt_version = pyside_version
    figures.platform = app.platformName()  # type: ignore[attr-defined]
    return app


def _check_platform_plugin(library_plugins: Path) -> None:
    """Qt aborts the process when the platform plugin is missing; say so in one line instead."""
    name = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    folders = [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    platforms = [f / "platforms" for f in [*folders, library_plugins] if (f / "platforms").is_dir()]
    if not name or not platforms:
        return  # a Qt built with static plugins, or an unusual layout: let Qt decide
    stems = {p.name.split(".")[0].removeprefix("lib") for folder in platforms for p in folder.iterdir()}
    _check(f"q{name}" in stems, f"the Qt platform plugin “{name}” is missing from {platforms[0]}")


def _make_window() -> Any:
    from factcheck_app.resources import resource_path
    from factcheck_app.ui.main_window import MainWindow, app_icon

    resource_path("icons", "factcheck-app.svg")  # names the missing file, if it is
    icon = app_icon()
    # Rendering the SVG icon proves the Qt SVG plugins were bundled.
    _check(not icon.pixmap(64, 64).isNull(), "the app icon (SVG) cannot be rendered: Qt's SVG plugins are missing")
    window = MainWindow()
    window.setWindowIcon(icon)
    return window


def _create_sample(tmp: Path) -> Path:
    from factcheck_app.services.sample import create_sample_project

    return create_sample_project(tmp / "Self-test.factcheck", analyst="Self-test")


def _make_claim(project_path: Path) -> tuple[str, int]:
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import CreateClaim
    from factcheck_app.services.project import Project

    with Project.open(project_path, analyst="Self-test") as project:
        articles = project.articles()
        _check(bool(articles), "the sample project has no article")
        article = articles[0]
        existing = project.claims()
        _check(bool(existing), "the sample project has no claims")
        quote = _fresh_quote(article.text, [c.quote for c in existing])
        verdict = project.verdict_scale().labels[0]
        edit = CreateClaim(
            article.id,
            anchor_for_quote(article.text, quote),
            tags=[SELF_TEST_TAG],
            verdict=verdict,
            rationale="Made by factcheck-app --self-test.",
            sources=[Source(id=None, url=SELF_TEST_SOURCE_URL, title="Self-test source")],
        )
        project.apply(edit)
        assert edit.claim_id is not None
        claim = project.claim(edit.claim_id)
        _check(claim.verdict == verdict, f"the claim's verdict reads back as {claim.verdict!r}, not {verdict!r}")
        _check(
            [s.url for s in claim.sources] == [SELF_TEST_SOURCE_URL],
            f"the claim's sources read back as {[s.url for s in claim.sources]}",
        )
        return quote, len(project.claims())


def _fresh_quote(text: str, taken: list[str]) -> str:
    """A sentence of the article that occurs once and is not yet a claim (from the end)."""
    for line in reversed(text.splitlines()):
        for sentence in reversed(re.split(r"(?<=[.!?])\s+", line.strip())):
            quote = sentence.strip()
            if 20 <= len(quote) <= 200 and text.count(quote) == 1 and not any(quote in t or t in quote for t in taken):
                return quote
    raise _CheckFailed("no sentence of the sample article is free for a new claim")


def _export_report(project_path: Path, tmp: Path) -> Path:
    from factcheck_app.services.project import Project
    from factcheck_app.services.reports import export_report

    with Project.open(project_path, read_only=True, analyst="Self-test") as project:
        return export_report(project, tmp / "Self-test report.docx")


def _read_report(report: Path, quote: str) -> tuple[int, int]:
    import docx

    document = docx.Document(str(report))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    body = "\n".join(texts)
    _check(quote in body, "the new claim's quote is not in the report")
    comments = len(document.comments)
    _check(comments > 0, "the report has no Word comments")
    return report.stat().st_size, comments


def _check_postgresql_driver() -> str:
    """Team mode needs psycopg and a libpq it can load (the bundle carries one)."""
    import psycopg

    version = psycopg.pq.version()
    if getattr(sys, "frozen", False) and psycopg.pq.__impl__ == "python":
        from psycopg.pq import _pq_ctypes

        loaded = Path(_pq_ctypes.libname)
        bundled = Path(getattr(sys, "_MEIPASS", "")) / "libpq.so.5"
        _check(loaded == bundled, f"the bundle's libpq.so.5 is missing (found {loaded} instead)")
    return f"libpq {version // 10000}.{version % 10000}"


def _check_migrations() -> str:
    from factcheck_app.services.maintenance import check_migrations

    return check_migrations()


def _show_project(app: Any, window: Any, project_path: Path, claim_count: int) -> int:
    window.resize(1360, 820)
    window.show()
    opened = window.open_project(project_path)
    _check(opened, f"the window could not open the project: {window.last_error}")
    for _ in range(3):
        app.processEvents()
    rows = window.model.rowCount()
    _check(rows == claim_count, f"the claims table shows {rows} rows, expected {claim_count}")
    _check(not window.grab().isNull(), "the window could not be painted")
    return rows
