"""Long work off the GUI thread: reading article files for a multi-file import.

Reading (decoding, parsing Word/PDF/HTML) runs on one worker thread and never touches
widgets; the main thread stores each article as an ordinary undoable edit, so the
database is only ever written from one thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from factcheck_app.domain.errors import FactcheckError


class FileReader(QObject):
    """Reads files one by one; emits each draft (or error) as soon as it is ready."""

    read = Signal(int, str, object)  # index, file name, ArticleDraft | FactcheckError
    done = Signal()

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from factcheck_app.services.articles import read_article

        for index, path in enumerate(self.paths):
            if self._cancel.is_set():
                break
            try:
                result: object = read_article(path)
            except FactcheckError as error:
                result = error
            except Exception as error:  # noqa: BLE001 - a reader bug must not kill the batch
                result = FactcheckError(f"{path.name} could not be read: {error}")
            self.read.emit(index, path.name, result)
        self.done.emit()


class ImportBatch(QObject):
    """A multi-file import: progress dialog, Cancel, one undo step, one summary.

    It lives in the GUI thread, so the reader's signals reach its slots queued, in
    this thread, where edits are applied through the window (``run_edit``).
    """

    def __init__(self, paths: list[Path], window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.imported: list[str] = []
        self.refused: list[str] = []
        self.progress = QProgressDialog(f"Importing {len(paths)} articles…", "Cancel", 0, len(paths), window)
        self.progress.setWindowTitle("Import articles")
        self.progress.setMinimumDuration(300)
        self.thread = QThread(self)
        self.reader = FileReader(paths)
        self.reader.moveToThread(self.thread)
        self.thread.started.connect(self.reader.run)
        self.reader.read.connect(self.on_read)
        self.reader.done.connect(self.on_done)
        self.reader.done.connect(self.thread.quit)
        self.progress.canceled.connect(self.reader.cancel)

    def start(self) -> None:
        self.window.undo_stack.beginMacro(f"Import {len(self.paths)} articles")
        self.progress.setValue(0)
        self.thread.start()

    @Slot(int, str, object)
    def on_read(self, index: int, name: str, result: object) -> None:
        from factcheck_app.services.edits import ImportArticle

        if isinstance(result, FactcheckError):
            self.refused.append(str(result))
        elif self.window.run_edit(ImportArticle(result)):  # type: ignore[arg-type]
            self.imported.append(name)
        self.progress.setLabelText(f"Imported {name} ({index + 1} of {len(self.paths)})")
        self.progress.setValue(index + 1)

    @Slot()
    def on_done(self) -> None:
        self.window.undo_stack.endMacro()
        self.progress.reset()
        total = len(self.paths)
        cancelled = len(self.imported) + len(self.refused) < total
        summary = f"Imported {len(self.imported)} of {total} files" + (" (cancelled)" if cancelled else "") + "."
        self.window.statusBar().showMessage(summary, 10000)
        if self.refused:
            self.window.show_error(FactcheckError(summary + "\n\nNot imported:\n" + "\n".join(self.refused)))
        self.window.import_done = summary

    def stop(self) -> None:
        """Called when the window closes: stop reading and wait for the thread."""
        if self.thread.isRunning():
            self.reader.cancel()
            self.thread.quit()
            self.thread.wait(10_000)


class ReportWriter(QObject):
    """Writes a prepared Word report to a temporary file on a worker thread."""

    finished = Signal(str, str)  # temporary path written ("" on failure), error message ("" on success)

    def __init__(self, report: object, temporary: Path) -> None:
        super().__init__()
        self.report = report
        self.temporary = temporary

    def run(self) -> None:
        from factcheck_app.services.reports import write_report

        try:
            written = write_report(self.report, self.temporary)
        except FactcheckError as error:
            self.finished.emit("", str(error))
        except Exception as error:  # noqa: BLE001 - reported to the analyst, never a silent thread death
            self.finished.emit("", f"The report could not be written: {error}")
        else:
            self.finished.emit(str(written), "")


class ReportJob(QObject):
    """Export in the background with a progress dialog; Cancel leaves any existing file untouched.

    The report is written beside the target under a temporary name and moved into place
    only when it is complete and not cancelled.
    """

    done = Signal(object)  # Path written, or None (cancelled or failed)

    def __init__(self, report: object, target: Path, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.target = target
        self.cancelled = False
        self.progress = QProgressDialog("Writing the Word report…", "Cancel", 0, 0, window)
        self.progress.setWindowTitle("Export Word report")
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self.cancel)
        self.thread = QThread(self)
        temporary = target.with_name(f".{target.stem}.writing.docx")
        self.writer = ReportWriter(report, temporary)
        self.writer.moveToThread(self.thread)
        self.thread.started.connect(self.writer.run)
        self.writer.finished.connect(self.on_finished)
        self.writer.finished.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    @Slot()
    def cancel(self) -> None:
        self.cancelled = True

    @Slot(str, str)
    def on_finished(self, written: str, error: str) -> None:
        import os

        self.progress.reset()
        if error:
            self.window.show_error(FactcheckError(error))
            self.done.emit(None)
            return
        temporary = Path(written)
        if self.cancelled:
            temporary.unlink(missing_ok=True)
            self.window.statusBar().showMessage("Report export cancelled; nothing was changed.", 8000)
            self.done.emit(None)
            return
        try:
            os.replace(temporary, self.target)
        except OSError as failure:
            temporary.unlink(missing_ok=True)
            self.window.show_error(
                FactcheckError(
                    f"Cannot replace “{self.target.name}”: {failure.strerror or failure}. Is it open in Word?"
                )
            )
            self.done.emit(None)
            return
        self.done.emit(self.target)

    def wait(self) -> None:
        self.thread.wait(60_000)
