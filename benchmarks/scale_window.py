"""The scale benchmark's interactions through the real window (offscreen Qt).

    .venv/bin/python benchmarks/scale_window.py PROJECT [--repeat 5]

Build PROJECT with ``benchmarks/scale.py --keep DIR`` (``DIR/scale-100000.factcheck``). Each
interaction is what the analyst does with keyboard and mouse, timed from the key event until
the window has done the work the event set off (queued events processed, the Problems
recheck's timer fired): create a claim (select words, Ctrl+K), an edit followed by the
Problems refresh, open the Problems panel, show the claims of every article, one filter
keystroke. Figures are medians; the worst single interaction is printed too.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

WORST: list[float] = []


def _settle(app: object, wait_ms: int = 0) -> None:
    """Process events (and let timers up to ``wait_ms`` fire) as the event loop would."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    if wait_ms:
        loop = QEventLoop()
        QTimer.singleShot(wait_ms, loop.quit)
        loop.exec()
    QCoreApplication.processEvents()


def _wait_until(action: Callable[[], object], done: Callable[[], bool], limit_s: float = 120.0) -> float:
    """Do ``action`` from the event loop and run the loop until ``done``. Returns the longest gap
    between two 5 ms timer ticks, in seconds, the action included: how long the GUI thread was
    busy at a stretch (what the analyst feels as a freeze)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(0, action)
    started = time.perf_counter()
    while not done() and time.perf_counter() - started < limit_s:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in itertools.pairwise(ticks))


def timed(work: Callable[[], object], repeat: int, after: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
        WORST.append(times[-1])
        if after is not None:
            after()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from factcheck_app.ui.main_window import MainWindow
    from factcheck_app.ui.views.problems_panel import RECHECK_MS

    figures: dict[str, float] = {}
    started = time.perf_counter()
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    assert window.open_project(str(args.project)), window.last_error
    _settle(app)
    figures["open the project (first article shown)"] = time.perf_counter() - started
    window.activateWindow()
    view = window.article_view
    text = view.text()

    def create_claim() -> None:
        start = text.index(" ", 200 + len(window.model.claims()) % 5000) + 1
        view.select_span(start, start + 40)
        QTest.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        _settle(app)

    def undo() -> None:
        window.undo_stack.undo()
        _settle(app, RECHECK_MS + 50)

    figures["create a claim (select, Ctrl+K)"] = timed(create_claim, args.repeat, undo)

    problems_started = time.perf_counter()
    panel = window.problems_panel  # Project ▸ Problems: the whole project is checked on a worker
    stall = _wait_until(
        panel.toggle, lambda: panel.isVisible() and "checking" not in panel.windowTitle() and panel.count() > 0
    )
    figures["Problems panel opened, until listed"] = time.perf_counter() - problems_started
    figures["  longest the window stopped answering meanwhile "] = stall
    WORST.append(stall)
    counts = {"  problems listed": window.problems_panel.count()}

    claim_id = window.model.claim_at(0).id  # type: ignore[union-attr]
    window.select_claim(claim_id)
    window.editor.verdict.setFocus()
    keys = iter([Qt.Key.Key_Down, Qt.Key.Key_Up] * args.repeat)
    edit_freezes = []

    def set_verdict() -> None:
        QTest.keyClick(window.editor.verdict, next(keys))  # the next verdict, from the keyboard
        _settle(app)

    def problems_recheck() -> None:  # the panel is open: the edited claim is checked again
        until = time.perf_counter() + (RECHECK_MS + 100) / 1000
        edit_freezes.append(_wait_until(lambda: None, lambda: time.perf_counter() > until))

    figures["an edit (verdict by keyboard), saved and shown"] = timed(set_verdict, args.repeat, problems_recheck)
    figures["  then the open Problems panel's re-check: longest freeze"] = max(edit_freezes)
    WORST.extend(edit_freezes)
    panel.toggle()

    def toggle_all() -> None:
        window.claims_panel.all_articles.click()
        _settle(app)

    def show_all() -> None:
        box = window.claims_panel.all_articles
        figures_stall.append(
            _wait_until(box.click, lambda: box.isChecked() and window.model.claim_count() >= claims_total)
        )

    claims_total = sum(window.project.claim_counts().values())
    figures_stall: list[float] = []
    all_times = []
    for _ in range(max(1, args.repeat // 2)):
        on = time.perf_counter()
        show_all()
        all_times.append(time.perf_counter() - on)
        toggle_all()
    figures["show all claims (All articles), until listed"] = statistics.median(all_times)
    figures["  longest the window stopped answering meanwhile"] = max(figures_stall)
    WORST.extend(figures_stall)
    show_all()  # filter over every claim
    window.filter.setFocus()

    def keystroke() -> None:
        QTest.keyClick(window.filter, "b")
        _settle(app)

    def clear() -> None:
        window.filter.clear()
        _settle(app)

    figures["filter keystroke (all claims)"] = timed(keystroke, args.repeat, clear)
    figures["window memory (max RSS, MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    claims = len(window.model.claims())
    for name, value in figures.items():
        shown = f"{value:8.0f}" if "MB" in name else f"{value * 1000:8.1f} ms"
        print(f"{name:<64}{shown}")
    for name, count in counts.items():
        print(f"{name:<64}{count:8d}")
    print(f"{'worst single interaction or freeze measured':<64}{max(WORST) * 1000:8.1f} ms")
    print(f"({claims} claims listed)")
    window.close()


if __name__ == "__main__":
    main()
