"""Live updates off the GUI thread: others' changes are read on a worker, shown on the GUI.

Reading them is one small query, but a server that has gone away makes a query wait for the
connection timeout; on the GUI thread that would freeze the window every few seconds. Here
the read runs on its own thread, one at a time, and backs off while the server is away.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from factcheck_app.domain.errors import FactcheckError

POLL_MS = 2000  # others' changes appear within this
BACKOFF_MAX_MS = 30_000  # while the server does not answer, look less and less often
STOP_WAIT_MS = 2000  # closing the project waits this long for a read in progress
_LET_GO: list[tuple[QThread, QObject]] = []  # threads still finishing a read after their project closed


class _Reader(QObject):
    arrived = Signal(object)  # RemoteChanges
    failed = Signal(str)

    def __init__(self, project) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.project = project

    @Slot()
    def read(self) -> None:
        try:
            self.arrived.emit(self.project.others_changes())
        except FactcheckError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - a dropped connection must not kill the thread
            self.failed.emit(f"{type(error).__name__}: {error}")


class LiveUpdates(QObject):
    """Polls a project for other analysts' changes; ``arrived`` fires on the GUI thread."""

    arrived = Signal(object)  # RemoteChanges, never empty
    failed = Signal(str)
    _request = Signal()

    def __init__(self, project, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.thread = QThread(self)
        self.reader = _Reader(project)
        self.reader.moveToThread(self.thread)
        self._request.connect(self.reader.read)  # queued: runs on the reader's thread
        self.reader.arrived.connect(self._on_arrived)
        self.reader.failed.connect(self._on_failed)
        self.timer = QTimer(self, singleShot=True, interval=POLL_MS)
        self.timer.timeout.connect(self._poll)
        self._busy = False
        self._stopped = False

    def start(self) -> None:
        self.thread.start()
        self.timer.start()

    def stop(self) -> None:
        """Stop polling before the project closes; never wait long for a read in progress.

        A read stuck on a dead network ends by itself (statement timeout, TCP keepalives);
        its thread is then let go of rather than destroyed while it runs, which would abort.
        """
        self._stopped = True
        self.timer.stop()
        self.reader.arrived.disconnect(self._on_arrived)
        self.reader.failed.disconnect(self._on_failed)
        self.thread.quit()
        if not self.thread.wait(STOP_WAIT_MS):
            thread, reader = self.thread, self.reader
            thread.setParent(None)
            _LET_GO.append((thread, reader))
            thread.finished.connect(lambda: _LET_GO.remove((thread, reader)))

    def _poll(self) -> None:
        if not self._busy and not self._stopped:
            self._busy = True
            self._request.emit()

    @Slot(object)
    def _on_arrived(self, remote) -> None:  # type: ignore[no-untyped-def]
        self._busy = False
        if self._stopped:
            return
        self.timer.setInterval(POLL_MS)
        self.timer.start()
        if remote:
            self.arrived.emit(remote)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._busy = False
        if self._stopped:
            return
        self.timer.setInterval(min(self.timer.interval() * 2, BACKOFF_MAX_MS))
        self.timer.start()
        self.failed.emit(message)
