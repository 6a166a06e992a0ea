"""Long work off the GUI thread, said once: progress, Cancel, errors to the analyst.

A ``Task`` runs ``work(control)`` on its own thread. The work never touches widgets: it
hands partial results to ``control.hand_over`` (delivered on the GUI thread as ``item``,
e.g. each article read for an import, stored there as an ordinary undoable edit, so the
database is only written from one thread), says how far it is with ``control.progress``
and looks at ``control.cancelled``. The final result arrives as ``done`` on the GUI
thread; a ``FactcheckError`` (or a bug) arrives as ``failed`` with a one-line message.
``run_waiting`` is for short work whose result the caller needs at once (an export): a
wait cursor and a local event loop, so the window keeps painting meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from factcheck_app.domain.errors import FactcheckError


class Control:
    """What the work sees of its task: cancel flag, progress, hand-over of partial results."""

    def __init__(self, runner: _Runner) -> None:
        self._runner = runner
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, label: str = "", total: int | None = None) -> None:
        """How far the work is; ``total`` when it is first known (or changes) after the start."""
        if total is not None:
            self._runner.ranged.emit(total)
        self._runner.progressed.emit(done, label)

    def hand_over(self, item: object) -> None:
        self._runner.item.emit(item)


class _Runner(QObject):
    item = Signal(object)
    progressed = Signal(int, str)
    ranged = Signal(int)
    finished = Signal(object, str)  # result, error message ("" on success)

    def __init__(self, work: Callable[[Control], Any], what: str) -> None:
        super().__init__()
        self.work = work
        self.what = what
        self.control = Control(self)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.control)
        except FactcheckError as error:
            self.finished.emit(None, str(error))
        except Exception as error:  # noqa: BLE001 - told to the analyst, never a silent thread death
            self.finished.emit(None, f"{self.what} failed: {error}")
        else:
            self.finished.emit(result, "")


class Task(QObject):
    """One piece of long work. Signals arrive on the GUI thread."""

    item = Signal(object)
    done = Signal(object)  # the work's result (not emitted when it failed)
    failed = Signal(str)

    def __init__(
        self,
        work: Callable[[Control], Any],
        parent: QWidget,
        *,
        what: str,
        label: str = "",
        total: int = 0,
        show_after_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.runner = _Runner(work, what)
        self.runner.moveToThread(self.thread)
        self.thread.started.connect(self.runner.run)
        self.runner.item.connect(self.item)
        self.runner.finished.connect(self._finished)
        # NOTE: quit from the worker thread itself (QThread.quit is thread-safe): queued to the GUI
        # thread, it would wait behind whatever the GUI thread does next, e.g. wait() for this thread.
        self.runner.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.progress: QProgressDialog | None = None
        if label:
            self.progress = QProgressDialog(label, "Cancel", 0, total, parent)
            self.progress.setWindowTitle(what)
            self.progress.setMinimumDuration(show_after_ms)
            self.progress.canceled.connect(self.cancel)
            self.runner.progressed.connect(self.set_progress)
            self.runner.ranged.connect(self.set_total)
        self.finished = False

    @property
    def cancelled(self) -> bool:
        return self.runner.control.cancelled

    def start(self) -> None:
        if self.progress is not None:
            self.progress.setValue(0)
        self.thread.start()

    @Slot()
    def cancel(self) -> None:
        self.runner.control.cancel()

    def stop(self, wait_ms: int = 10_000) -> None:
        """The window closes: cancel and wait for the thread."""
        self.cancel()
        self.wait(wait_ms)

    def wait(self, wait_ms: int = 60_000) -> None:
        if self.thread.isRunning():
            self.thread.wait(wait_ms)

    @Slot(int, str)
    def set_progress(self, done: int, label: str = "") -> None:
        if self.progress is not None:
            if label:
                self.progress.setLabelText(label)
            self.progress.setValue(done)

    @Slot(int)
    def set_total(self, total: int) -> None:
        if self.progress is not None and self.progress.maximum() != total:
            self.progress.setMaximum(total)

    def wait_done(self) -> None:
        """Until ``done`` or ``failed`` has been delivered: a local event loop (user input
        excluded), for a caller that needs the result at once (a script, a test)."""
        if self.finished:
            return
        loop = QEventLoop()
        self.done.connect(loop.quit)
        self.failed.connect(loop.quit)
        if not self.finished:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    @Slot(object, str)
    def _finished(self, result: object, error: str) -> None:
        self.finished = True
        if self.progress is not None:
            self.progress.reset()
        if error:
            self.failed.emit(error)
        else:
            self.done.emit(result)


def run_waiting(work: Callable[[], Any], parent: QWidget, *, what: str) -> Any:
    """Run ``work`` on a worker thread while the caller waits (wait cursor, window painting).

    Returns its result; a ``FactcheckError`` is raised again here, in the caller's thread.
    """
    outcome: dict[str, Any] = {}
    task = Task(lambda _control: work(), parent, what=what)
    loop = QEventLoop()
    task.done.connect(lambda result: outcome.setdefault("result", result))
    task.failed.connect(lambda message: outcome.setdefault("error", message))
    task.thread.finished.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        task.start()
        if not task.finished:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        task.wait()
        QApplication.processEvents()  # deliver a finished signal queued after the thread ended
    finally:
        QApplication.restoreOverrideCursor()
        task.deleteLater()
    if "error" in outcome:
        raise FactcheckError(outcome["error"])
    return outcome.get("result")
