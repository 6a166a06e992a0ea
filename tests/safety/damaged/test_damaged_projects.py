"""A damaged project gets a diagnosis, not a crash (issue 20).

For every file of the damage corpus (``make_damaged.py``, built at test time): every command
of the command line, taken from its own argument parser, either works or says in one line
what is wrong, never "unexpected error"; ``check`` names the damage by table, id and column;
``check --repair`` leaves a project that checks clean, with the repairs in its history, and
the claims that were intact are exactly as they were. The window opens each file, or says why.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_damaged
from make_damaged import DAMAGES, Damage

from factcheck_app.cli import build_parser, main

# How to call each command on a project ({p}: the project, {o}: a folder for outputs).
# A command the parser has and this table does not is called with the project alone.
ARGUMENTS: dict[str, list[list[str]]] = {
    "articles": [["{p}"], ["{p}", "--json"]],
    "claims": [["{p}"], ["{p}", "--json"]],
    "claim": [["add", "{p}", "--article", "1", "--quote", "The mayor promised"]],
    "problems": [["{p}"]],
    "export": [
        ["{p}", "--format", fmt, "-o", "{o}/out." + fmt]
        for fmt in ("docx", "claimreview", "webannotation", "csv", "archive")
    ],
    "backup": [["{p}"], ["{p}", "--list"]],
    "copy": [["{p}", "{o}/copy.factcheck"]],
    "check": [["{p}"]],
    "import": [["{p}", "{o}/extra.txt"]],
    "new": [],  # makes a new project: nothing damaged to read
    "restore": [],  # needs a backup: covered by backup
    "import-archive": [],  # reads an archive, not a project
}
# Claims each damage touches (by position in make_damaged.CLAIMS): the others must come out unchanged.
TOUCHED = {
    "tag-colour-bad": (),
    "tag-name-bad-utf8": (1,),
    "verdict-missing": (1,),
    "verdict-rating-text": (),
    "verdict-colour-bad": (),
    "article-missing": (3,),
    "setting-counter-bad": (),
    "setting-gates-bad": (),
    "history-bad-json": (),
    "history-bad-shape": (),
    "history-state-bad-utf8": (),
    "article-published-bad": (),
    "article-title-bad-utf8": (),
    "structure-bad-json": (),
    "structure-bad-shape": (),
    "structure-past-end": (),
    "stance-unknown": (0, 1),
}
# Damage of a whole column (another tool added one to a table): named by table and column, no row.
WHOLE_COLUMN = {"extra-column"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_damaged.build(tmp_path_factory.mktemp("damaged"))


def _fresh(corpus: dict[str, Path], name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.factcheck"
    shutil.copyfile(corpus[name], target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse: arguments this table does not know how to give
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def commands() -> list[tuple[str, list[str]]]:
    """Every command of the parser with the arguments it is called with here."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: list[tuple[str, list[str]]] = []
    for name in sub.choices:
        for args in ARGUMENTS.get(name, [["{p}"]]):
            found.append((name, args))
    return found


def _claims(path: Path) -> list[dict[str, object]]:
    code, out, err = run("claims", str(path), "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_the_corpus_holds_every_kind_of_damage() -> None:
    """Wrong types, out-of-range values, bad JSON, bad UTF-8, missing rows and an extra column."""
    names = {d.name for d in DAMAGES}
    for needed in (
        "offsets-text",
        "offsets-past-end",
        "structure-bad-json",
        "claim-exact-bad-utf8",
        "article-missing",
        "extra-column",
        "attachment-text",
    ):
        assert needed in names


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.name for d in DAMAGES])
def test_every_command_works_or_says_what_is_wrong(corpus: dict[str, Path], damage: Damage, tmp_path: Path) -> None:
    """Exit 0 (or 2 for findings), or 1 with one line; never "unexpected error" or a traceback."""
    (tmp_path / "extra.txt").write_text("A short extra article about the tram.\n", encoding="utf-8")
    for index, (name, template) in enumerate(commands()):
        work = tmp_path / f"run{index}"
        path = _fresh(corpus, damage.name, work)
        args = [a.replace("{p}", str(path)).replace("{o}", str(work)) for a in template]
        if name == "import":
            args[-1] = str(tmp_path / "extra.txt")
        code, _out, err = run(name, *args)
        said = f"{name} {' '.join(template)} on {damage.name}: exit {code}, stderr {err!r}"
        assert "unexpected error" not in err and "Traceback" not in err, said
        assert code in (0, 1, 2), said
        if code == 1:
            assert len(err.strip().splitlines()) == 1, said


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.name for d in DAMAGES])
def test_check_names_the_damage_and_repair_leaves_a_sound_project(
    corpus: dict[str, Path], damage: Damage, tmp_path: Path
) -> None:
    """check names table, id and column; --repair passes check, logs the repairs, keeps the intact claims."""
    path = _fresh(corpus, damage.name, tmp_path)
    code, out, err = run("check", str(path))
    assert code == 2, (out, err)
    assert damage.table in out, out
    if damage.name in WHOLE_COLUMN:
        assert damage.column in out, out
    else:
        assert "#" in out and (damage.column in out or "points at a missing row" in out), out
    code, out, err = run("check", str(path), "--repair")
    assert code == 0 and "No problems remain." in out and "backed up first" in out, (out, err)
    assert run("check", str(path))[:2] == (0, "No problems found.\n")
    with contextlib.closing(sqlite3.connect(path)) as db:
        logged = db.execute("SELECT state FROM history WHERE action = 'Check project: repair' AND entity = 'setting'")
        entries = [json.loads(row[0]).get("check_project") for row in logged]
    assert entries and entries[-1], "the repairs are logged in the history"
    before = {c["quote"]: c for c in _claims(corpus["intact"])}
    after = {c["quote"]: c for c in _claims(path)}
    touched = TOUCHED.get(damage.name, (0,))
    for index, (quote, *_rest) in enumerate(make_damaged.CLAIMS):
        if index not in touched:
            assert after.get(quote) == before[quote], f"claim “{quote}” was intact and must be unchanged"


def test_the_damage_a_loader_works_around_is_named(corpus: dict[str, Path], tmp_path: Path) -> None:
    """A claim whose offsets hold text is listed as orphaned, and the damage is noted by table, id, column."""
    from factcheck_app.services.project import Project
    from factcheck_app.storage.validation import damage_seen

    damage_seen()
    with Project.open(_fresh(corpus, "offsets-text", tmp_path), read_only=True) as project:
        claim = next(c for c in project.claims() if c.quote == make_damaged.CLAIMS[0][0])
    assert claim.anchor_state == "orphaned" and (claim.anchor.start, claim.anchor.end) == (0, 0)
    seen = {(d.table, d.row_id, d.column) for d in damage_seen()}
    assert {("claims", claim.id, "start_offset"), ("claims", claim.id, "end_offset")} <= seen


def test_a_command_that_works_around_damage_says_so_and_keeps_stdout_clean(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    """`claims --json` on a claim with text in its offsets: the JSON is whole on stdout, and stderr
    warns by table, id and column, pointing at the repair; on the repaired project it is silent."""
    path = _fresh(corpus, "offsets-text", tmp_path)
    code, out, err = run("claims", str(path), "--json")
    assert code == 0
    claims = json.loads(out)
    damaged = next(c for c in claims if c["quote"] == make_damaged.CLAIMS[0][0])
    warnings = err.splitlines()
    assert f"factcheck: warning: damaged value worked around: claims #{damaged['id']}, column start_offset" in err
    assert all(line.startswith("factcheck: warning: ") for line in warnings)
    assert "check --repair" in warnings[-1]
    assert run("check", str(path), "--repair")[0] == 0
    code, out, err = run("claims", str(path), "--json")
    assert code == 0 and err == ""


def test_a_damaged_archive_export_names_the_value(corpus: dict[str, Path], tmp_path: Path) -> None:
    """The archive would carry the damage on: refused in one line naming it and the repair."""
    path = _fresh(corpus, "history-bad-json", tmp_path)
    code, _out, err = run("export", str(path), "--format", "archive", "-o", str(tmp_path / "a"))
    assert code == 1 and "history #" in err and "column state" in err and "check --repair" in err


@pytest.mark.parametrize(
    "name",
    ["offsets-text", "created-at-text", "structure-bad-json", "claim-exact-bad-utf8", "source-missing", "extra-column"],
)
def test_the_window_opens_a_damaged_project_or_says_why(
    corpus: dict[str, Path], name: str, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Opening in the window: the project shows, or a message names the problem (no crash)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from factcheck_app.storage.engine import inspect_sqlite_schema
    from factcheck_app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    path = _fresh(corpus, name, tmp_path)
    asked: list[str] = []

    def answer_yes() -> None:
        """A table another tool added a column to: the window offers Check's repair; say Yes."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        elif window.isVisible() and not opened_flag:
            QTimer.singleShot(20, answer_yes)

    opened_flag: list[bool] = []
    if name == "extra-column":
        QTimer.singleShot(20, answer_yes)
    opened = window.open_project(path)
    opened_flag.append(opened)
    if name == "extra-column":
        assert asked and "claims" in asked[0] and "extra" in asked[0], asked
        assert opened and inspect_sqlite_schema(path).findings == ()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    if opened:
        assert window.project is not None and window.project.location.path == path
    else:
        assert boxes and any("Check project" in b.text() or "check --repair" in b.text() for b in boxes), [
            b.text() for b in boxes
        ]
    for box in boxes:
        box.close()
    window.close()
