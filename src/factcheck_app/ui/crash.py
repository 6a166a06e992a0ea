"""Unexpected errors in the GUI: logged to a file, shown with details, work kept.

Every edit is already committed when it is made, so an unexpected exception loses
nothing: the dialog says so, and the traceback goes to a log file the analyst can send.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

# NOTE: logging and traceback are imported when first needed: this module is installed
# before the window paints, and the start path is measured.
_showing = False


def log_dir() -> Path:
    from factcheck_app.ui.settings import config_dir

    return config_dir() / "logs"


def setup_logging() -> Path:
    """Log warnings and errors to ``logs/factcheck-app.log`` (rotated, no document text)."""
    import logging
    from logging.handlers import RotatingFileHandler

    log = logging.getLogger("factcheck_app")
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "factcheck-app.log"
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def handle_exception(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    import datetime
    import logging
    import traceback

    details = "".join(traceback.format_exception(kind, error, tb))
    path = setup_logging()
    logging.getLogger("factcheck_app").error("Unexpected error\n%s", details)
    app = QApplication.instance()
    if app is None or _showing:
        sys.__excepthook__(kind, error, tb)
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "Factcheck App — unexpected error", "")
        box.setText(
            "Something went wrong inside Factcheck App. Your work is safe: every change was saved "
            "when you made it.\n\nThe details were written to:\n" + str(path)
        )
        box.setDetailedText(f"{datetime.datetime.now():%Y-%m-%d %H:%M:%S}\n{details}")
        box.exec()
    finally:
        _showing = False


def install() -> None:
    """Route unexpected exceptions to the dialog and the log file (set up on first use)."""
    sys.excepthook = handle_exception
