"""Entry point of ``factcheck-app``: paint the window first, then open the project.

Importing SQLAlchemy costs ~0.3 s, more than Qt itself; the window is shown first and
the project opened on the next turn of the event loop, so the analyst sees the app at
once. ``--screenshot`` and ``--self-test`` are for checks and packaging.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck-app", description="Factcheck App: annotate and fact-check articles."
    )
    parser.add_argument("project", nargs="?", help="project to open (default: the last one, or the sample)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the main window to a PNG and exit")
    parser.add_argument("--self-test", action="store_true", help="check the installation end to end and exit")
    parser.add_argument("--read-only", action="store_true", help="open the project read-only")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help="use this theme for this run (View ▸ Theme keeps one)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from factcheck_app import __version__

        print(f"Factcheck App {__version__}")
        return 0
    if args.self_test:
        from factcheck_app.ui.self_test import run_self_test

        return run_self_test()
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factcheck App")
    app.setOrganizationName("Factcheck")
    app.setDesktopFileName("org.factcheck.FactcheckApp")

    from factcheck_app.ui import crash, theme
    from factcheck_app.ui.main_window import MainWindow, app_icon

    crash.install()
    if args.theme:
        theme.apply_theme(app, args.theme)
    else:
        theme.apply_saved_theme(app)

    window = MainWindow()
    app.setWindowIcon(app_icon())
    _open_files_from_finder(app, window)
    window.show()
    if args.screenshot:
        return _screenshot(app, window, args.project, args.screenshot)

    def open_project() -> None:
        if args.read_only and args.project:
            window.open_project(args.project, read_only=True)
        else:
            window.open_initial(args.project)

    bench = bool(os.environ.get("FACTCHECK_BENCH_STARTUP"))

    started = False

    def after_first_paint() -> None:
        nonlocal started
        if started:
            return
        started = True
        if bench:
            print("first-paint", flush=True)
        # NOTE: the project (and with it SQLAlchemy, ~0.3 s) loads only once the
        # window has painted, so the analyst sees the app at once.
        QTimer.singleShot(0, open_project)
        if bench:
            QTimer.singleShot(0, lambda: _report_project_shown(app, window))

    watch_first_paint(window.article_view.viewport(), after_first_paint)
    QTimer.singleShot(1000, after_first_paint)  # a window started minimised never paints
    return app.exec()


def _open_files_from_finder(app, window) -> None:  # type: ignore[no-untyped-def]
    """macOS sends a double-clicked project as a FileOpen event, not as an argument."""
    from PySide6.QtCore import QEvent, QObject

    class OpenFiles(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.FileOpen:
                window.open_project(event.file())
                return True
            return False

    app.installEventFilter(OpenFiles(app))


def watch_first_paint(widget, callback) -> None:  # type: ignore[no-untyped-def]
    """Call ``callback`` once, right after ``widget`` is first painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    widget.installEventFilter(FirstPaint(widget))


def _report_project_shown(app, window) -> None:  # type: ignore[no-untyped-def]
    """Benchmark hook: print once the project is on screen, then quit."""
    window.repaint()
    print("project-shown", flush=True)
    app.quit()


def _screenshot(app, window, project: str | None, path: str) -> int:  # type: ignore[no-untyped-def]
    """Render the window as a new user first sees it (first claim selected) to a PNG."""
    window.resize(1360, 820)
    window.open_initial(project)
    if window.model.rowCount():
        window.select_claim(window.model.claim_at(0).id)
    for _ in range(5):
        app.processEvents()
    ok = window.grab().save(path)
    window.close()
    if not ok:
        print(f"factcheck-app: could not write {path}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
