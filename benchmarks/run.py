"""Print Factcheck App's speed figures, each beside its floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--quick]

Floors are the same work done by bare parts: a bare PySide6 window, a raw sqlite3
insert, a bare QTextEdit, a plain Python loop, bare python-docx. Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FLOOR_WINDOW = """
import time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTableView, QTextEdit
app = QApplication([])
window = QMainWindow()
splitter = QSplitter()
text = QTextEdit()
splitter.addWidget(text)
splitter.addWidget(QTableView())
window.setCentralWidget(splitter)
window.resize(1360, 820)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("first-paint", flush=True)
            app.quit()
        return False
watch = Watch()
text.viewport().installEventFilter(watch)
window.show()
app.exec()
"""

WORDS = [
    "minister",
    "council",
    "budget",
    "said",
    "the",
    "report",
    "shows",
    "that",
    "million",
    "percent",
    "claims",
    "voters",
    "according",
    "official",
    "figures",
    "statement",
    "year",
    "government",
    "new",
    "plan",
    "would",
    "could",
    "not",
]


def sentence(rng: random.Random, n: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def big_article(rng: random.Random, paragraphs: int) -> str:
    return "\n".join(" ".join(sentence(rng) for _ in range(5)) for _ in range(paragraphs)) + "\n"


def timed_lines(cmd: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        key = line.strip()
        if key in wanted:
            marks[key] = time.perf_counter() - start
    proc.wait(timeout=60)
    return marks


def bench_startup(runs: int) -> dict[str, float]:
    """Cold start of `factcheck-app` on the sample project vs a bare PySide6 window."""
    config = Path(tempfile.mkdtemp(prefix="fc-bench-config-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTCHECK_CONFIG_DIR=str(config), FACTCHECK_BENCH_STARTUP="1")
    app_cmd = [sys.executable, "-m", "factcheck_app"]
    timed_lines(app_cmd, env, ("project-shown",))  # first run creates the sample project
    floor, paint, shown = [], [], []
    for _ in range(runs):
        floor.append(timed_lines([sys.executable, "-c", FLOOR_WINDOW], env, ("first-paint",))["first-paint"])
        marks = timed_lines(app_cmd, env, ("first-paint", "project-shown"))
        paint.append(marks["first-paint"])
        shown.append(marks["project-shown"])
    return {
        "floor": statistics.median(floor),
        "first_paint": statistics.median(paint),
        "project_shown": statistics.median(shown),
    }


def _create_claim(runs: int, synchronous: str = "FULL") -> dict[str, float]:
    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.articles import ArticleDraft
    from factcheck_app.services.edits import CreateClaim, ImportArticle
    from factcheck_app.services.project import Project

    rng = random.Random(1)
    text = big_article(rng, 200)
    folder = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    ours: list[float] = []
    with Project.create(folder / "bench.factcheck", analyst="bench") as project:
        if synchronous != "FULL":
            from sqlalchemy import event

            def relax(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
                dbapi_connection.execute(f"PRAGMA synchronous={synchronous}")

            event.listen(project._engine, "connect", relax)
            project._engine.dispose()
        edit = ImportArticle(ArticleDraft(title="Bench", text=text))
        project.apply(edit)
        assert edit.article_id is not None
        for i in range(runs):
            start = (i * 97) % (len(text) - 200)
            claim = CreateClaim(
                edit.article_id, anchor_for_span(text, start, start + 80), tags=["Bench"], verdict="False"
            )
            t0 = time.perf_counter()
            project.apply(claim)
            ours.append(time.perf_counter() - t0)

    raw = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY, article_id INT, s INT, e INT, exact TEXT, verdict TEXT)")
    floor: list[float] = []
    for i in range(runs):
        t0 = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO claims (article_id, s, e, exact, verdict) VALUES (1, ?, ?, ?, 'False')",
            (i, i + 80, text[i : i + 80]),
        )
        raw.execute("COMMIT")
        floor.append(time.perf_counter() - t0)
    raw.close()
    return {
        "ours": statistics.median(ours),
        "floor": statistics.median(floor),
        "p95": sorted(ours)[int(len(ours) * 0.95)],
    }


def _open_big_article(paragraphs: int, claims: int) -> dict[str, float]:
    """Show a large article with many highlighted claims vs a bare QTextEdit.setPlainText."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication, QTextEdit

    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.claims import Claim
    from factcheck_app.domain.verdicts import DEFAULT_SCALE
    from factcheck_app.ui.widgets.article_view import ArticleView

    app = QApplication.instance() or QApplication([])
    rng = random.Random(2)
    text = big_article(rng, paragraphs)
    now = datetime.now()
    step = len(text) // claims
    claim_list = [
        Claim(
            i,
            1,
            anchor_for_span(text, i * step, i * step + 60),
            (),
            rng.choice(DEFAULT_SCALE.labels),
            "",
            (),
            "b",
            now,
            "b",
            now,
            1,
        )
        for i in range(claims)
    ]
    floor_view = QTextEdit()
    floor_view.resize(800, 700)
    floor_view.show()
    t0 = time.perf_counter()
    floor_view.setPlainText(text)
    app.processEvents()
    floor = time.perf_counter() - t0
    floor_view.close()

    view = ArticleView()
    view.resize(800, 700)
    view.show()
    t0 = time.perf_counter()
    view.show_article(text)
    view.set_claims(claim_list, DEFAULT_SCALE)
    app.processEvents()
    ours = time.perf_counter() - t0
    view.close()
    return {"ours": ours, "floor": floor, "chars": len(text), "claims": claims}


def _filter(claims: int) -> dict[str, float]:
    """Filter-as-you-type over the claims model vs the same matching in a bare Python loop."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.claims import Claim
    from factcheck_app.domain.verdicts import DEFAULT_SCALE
    from factcheck_app.ui.models.claims_model import ClaimsTableModel

    QApplication.instance() or QApplication([])
    rng = random.Random(3)
    text = big_article(rng, 400)
    now = datetime.now()
    claim_list = []
    for i in range(claims):
        start = rng.randrange(0, len(text) - 100)
        claim_list.append(
            Claim(
                i,
                1,
                anchor_for_span(text, start, start + 80),
                ("Budget",),
                rng.choice(DEFAULT_SCALE.labels),
                sentence(rng),
                (),
                "b",
                now,
                "b",
                now,
                1,
            )
        )
    model = ClaimsTableModel(DEFAULT_SCALE)
    model.reset(claim_list)
    t0 = time.perf_counter()
    model.set_filter("budget minister")
    ours = time.perf_counter() - t0
    shown = model.rowCount()
    t0 = time.perf_counter()
    words = ["budget", "minister"]
    matched = [
        c
        for c in claim_list
        if all(
            w
            in " ".join(
                (
                    c.quote,
                    c.verdict or "",
                    " ".join(c.tags),
                    c.rationale,
                    c.anchor_state,
                    c.restated,
                    c.claimant,
                    c.status,
                )
            ).casefold()
            for w in words
        )
    ]
    floor = time.perf_counter() - t0
    assert len(matched) == shown
    return {"ours": ours, "floor": floor, "claims": claims, "shown": shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 3 if args.quick else 7

    def line(name: str, ours: float, floor: float, unit: str = "ms", note: str = "") -> None:
        scale = 1000 if unit == "ms" else 1
        print(
            f"{name:<44} {ours * scale:>9.1f} {unit}   floor {floor * scale:>9.1f} {unit}   {ours / floor:>5.2f}x  {note}"
        )

    print(f"Factcheck App benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    start = bench_startup(runs)
    line("start: first painted window", start["first_paint"], start["floor"], note="floor: bare PySide6 window")
    line("start: sample project shown", start["project_shown"], start["floor"], note="(SQLAlchemy import + open)")
    cc = _create_claim(200)
    line(
        "create claim (median of 200)",
        cc["ours"],
        cc["floor"],
        note=f"p95 {cc['p95'] * 1000:.1f} ms; floor: raw sqlite3",
    )
    relaxed = _create_claim(200, synchronous="NORMAL")
    line(
        "  same with synchronous=NORMAL",
        relaxed["ours"],
        cc["ours"],
        note="floor here = FULL: the fsync cost of surviving a power cut",
    )
    big = _open_big_article(4000, 2000)
    line(
        f"open article ({big['chars'] / 1e6:.1f} M chars, 2000 claims)",
        big["ours"],
        big["floor"],
        note="floor: QTextEdit",
    )
    flt = _filter(20000)
    line("filter 20,000 claims", flt["ours"], flt["floor"], note="floor: bare Python loop")
    from benchmarks.report_bench import measure_report

    rep = measure_report(n_claims=1000, n_articles=50)
    line("Word report, 1,000 claims", rep["report_s"], rep["floor_s"], unit="s", note="floor: bare python-docx")


if __name__ == "__main__":
    main()
