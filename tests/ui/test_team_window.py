"""Two app windows on one team project (PostgreSQL): live updates and conflicts, through the GUI."""

from __future__ import annotations

from pathlib import Path

import pytest
from people import click_claim

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.edits import CreateClaim
from factcheck_app.services.project import Project

QUOTES = ("50,000 passengers", "twice the budget", "open in 2027")


@pytest.fixture
def team_url(pg_database: str, article_file: Path) -> str:
    """A team project with the tram article and three claims."""
    with Project.create(pg_database, analyst="setup") as project:
        edit = import_article_edit(article_file)
        project.apply(edit)
        text = project.article(edit.article_id).text
        for quote in QUOTES:
            project.apply(CreateClaim(edit.article_id, anchor_for_quote(text, quote)))
    return pg_database.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def two_windows(qtbot, team_url: str):  # type: ignore[no-untyped-def]
    """(anna's window, bea's window), both showing the team project."""
    from factcheck_app.ui.main_window import MainWindow

    windows = []
    for name in ("anna", "bea"):
        win = MainWindow()
        qtbot.addWidget(win)
        win.commands.edit.set_analyst_name(name)
        assert win.open_project(team_url), win.last_error
        win.show()
        windows.append(win)
    yield tuple(windows)
    for win in windows:
        win.close()


def _claim_id(window, quote: str) -> int:  # type: ignore[no-untyped-def]
    return next(c.id for c in window.model.claims() if c.quote == quote)


def _type_rationale(qtbot, window, claim_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the claim and type into its rationale (saved after a pause, or when the analyst moves on)."""
    window.select_claim(claim_id)
    window.editor.rationale.setFocus()
    qtbot.keyClicks(window.editor.rationale, text)


def _bea_sets_false_first(anna, bea) -> int:  # type: ignore[no-untyped-def]
    """Both look at the first claim; Bea saves the verdict False before Anna chooses hers."""
    claim_id = _claim_id(anna, QUOTES[0])
    anna.select_claim(claim_id)
    bea.select_claim(claim_id)
    _choose_verdict(bea, "False")
    return claim_id


def _choose_verdict(window, label: str) -> None:  # type: ignore[no-untyped-def]
    index = window.editor.verdict.findData(label)
    window.editor.verdict.setCurrentIndex(index)
    window.editor.verdict.activated.emit(index)


def test_others_changes_appear_within_seconds(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Bea sets a verdict; Anna's claims panel shows it by itself, with no restart."""
    anna, bea = two_windows
    claim_id = _claim_id(bea, QUOTES[1])
    bea.select_claim(claim_id)
    _choose_verdict(bea, "False")
    qtbot.waitUntil(lambda: anna.model.claim(claim_id).verdict == "False", timeout=6000)
    assert "bea changed 1 claim" in anna.statusBar().currentMessage()


def test_live_update_keeps_my_selection_and_my_typing(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Anna is typing a rationale when Bea adds a claim and edits Anna's claim: both land, Anna's text stays."""
    anna, bea = two_windows
    mine = _claim_id(anna, QUOTES[2])
    anna.editor.set_save_pause(60_000)  # Anna is still typing when the update arrives
    _type_rationale(qtbot, anna, mine, "Half-typed rationale")
    text = bea.project.article(bea.article_id).text
    bea.workspace.run_edit(CreateClaim(bea.article_id, anchor_for_quote(text, "City hall")))
    bea.select_claim(mine)
    bea.editor.claimant.setFocus()
    qtbot.keyClicks(bea.editor.claimant, "The mayor")
    bea.editor.claimant.editingFinished.emit()
    anna.commands.team.poll_others()
    assert len(anna.model.claims()) == 4  # Bea's new claim is in the panel
    assert anna.editor.current_claim_id() == mine
    assert anna.table.selectionModel().currentIndex().row() == anna.model.row_of(mine)
    assert anna.editor.rationale.toPlainText() == "Half-typed rationale"
    assert anna.editor.claimant.text() == "The mayor"  # not being typed in: refreshed
    click_claim(qtbot, anna, _claim_id(anna, QUOTES[0]))  # Anna moves on: her typing is saved
    # Bea changed other fields only: no conflict, both kept
    final = bea.project.claim(mine)
    assert (final.rationale, final.claimant) == ("Half-typed rationale", "The mayor")


def test_conflicting_edit_shows_both_and_keeping_theirs_discards_mine(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Both set the verdict of the same claim; Anna, second, sees Bea's choice and keeps it."""
    anna, bea = two_windows
    claim_id = _bea_sets_false_first(anna, bea)
    asked = []
    anna.workspace.resolve_conflict = lambda conflict, _parent: asked.append(conflict) or False
    _choose_verdict(anna, "True")
    assert [(c.field, c.theirs, c.mine) for c in asked[0].clashes] == [("verdict", "False", "True")]
    assert asked[0].by == "bea"
    assert anna.project.claim(claim_id).verdict == "False"
    assert anna.model.claim(claim_id).verdict == "False"  # the screen shows theirs
    assert anna.editor.verdict.currentData() == "False"
    assert anna.undo_stack.count() == 0


def test_conflicting_edit_can_be_written_over_theirs(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Choosing "Use mine" writes Anna's verdict; Bea's stays in the claim's history."""
    anna, bea = two_windows
    claim_id = _bea_sets_false_first(anna, bea)
    anna.workspace.resolve_conflict = lambda _conflict, _parent: True
    _choose_verdict(anna, "True")
    assert bea.project.claim(claim_id).verdict == "True"
    actions = [(e.analyst, e.action) for e in bea.project.history("claim", claim_id)]
    assert actions[-2:] == [("bea", "Set verdict"), ("anna", "Set verdict")]


def test_undo_over_someone_elses_change_asks_first(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Anna's undo would wipe Bea's newer verdict: she is asked, keeps Bea's, and the undo step goes."""
    anna, bea = two_windows
    claim_id = _claim_id(anna, QUOTES[0])
    anna.select_claim(claim_id)
    _choose_verdict(anna, "Mostly true")
    bea.commands.team.poll_others()
    bea.select_claim(claim_id)
    _choose_verdict(bea, "False")
    asked = []
    anna.workspace.resolve_conflict = lambda conflict, _parent: asked.append(conflict) or False
    anna.undo_stack.undo()
    assert asked and asked[0].undo
    assert anna.project.claim(claim_id).verdict == "False"
    assert anna.undo_stack.count() == 0
    assert anna.model.claim(claim_id).verdict == "False"


def test_connect_dialog_builds_the_address_without_a_password(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Host, port, database and user make the URL that is remembered; the password is kept apart."""
    from factcheck_app.ui.dialogs.connect_dialog import ConnectDialog

    dialog = ConnectDialog(user="anna")
    qtbot.addWidget(dialog)
    dialog.host.setText("db.newsroom.example")
    dialog.port.setValue(6543)
    qtbot.keyClicks(dialog.database, "desk")
    dialog.password.setText("s3cret")
    assert dialog.url() == "postgresql://anna@db.newsroom.example:6543/desk"
    assert dialog.typed_password() == "s3cret"


def test_new_team_project_from_the_window_and_copy_back(qtbot, window, pg_database: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Connect with "make a new team project" on an empty database, then copy it to a local file."""
    url = pg_database.replace("postgresql+psycopg://", "postgresql://", 1)
    assert window.open_project(url, create=True), window.last_error
    assert window.project.location.is_server
    assert "on 127.0.0.1" in window.windowTitle()
    from factcheck_app.ui import settings

    assert settings.recent_projects()[0] == url
    local = tmp_path / "copy.factcheck"
    assert window.commands.team.copy_project_to(str(local)) == str(local)
    assert window.last_notice and "Copied 0 claims" in window.last_notice
    assert local.exists()


def test_typing_over_a_field_someone_just_changed_is_a_conflict(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Anna started typing a rationale before Bea saved hers: Anna's text is checked against what she saw."""
    anna, bea = two_windows
    claim_id = _claim_id(anna, QUOTES[1])
    anna.editor.set_save_pause(60_000)  # Anna is still typing when Bea saves
    _type_rationale(qtbot, anna, claim_id, "Anna's reasoning")
    _type_rationale(qtbot, bea, claim_id, "Bea's reasoning")
    qtbot.waitUntil(lambda: bea.project.claim(claim_id).rationale == "Bea's reasoning")  # Bea pauses: saved
    anna.commands.team.poll_others()  # the refresh arrives while Anna is typing: her text stays on screen
    assert anna.editor.rationale.toPlainText() == "Anna's reasoning"
    asked = []
    anna.workspace.resolve_conflict = lambda conflict, _parent: asked.append(conflict) or False
    click_claim(qtbot, anna, _claim_id(anna, QUOTES[0]))  # Anna moves on: her save meets Bea's
    assert [(c.theirs, c.mine) for c in asked[0].clashes] == [("Bea's reasoning", "Anna's reasoning")]
    assert anna.project.claim(claim_id).rationale == "Bea's reasoning"


def test_an_edit_from_another_program_appears_in_the_window(qtbot, two_windows, team_url: str) -> None:  # type: ignore[no-untyped-def]
    """A claim added by `factcheck` in another process shows up in the open window by itself."""
    import subprocess
    import sys

    anna, _bea = two_windows
    before = len(anna.model.claims())
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app.cli", "claim", "add", team_url, "--article", str(anna.article_id),
         "--quote", "Critics say", "--verdict", "Misleading"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    claim_id = int(result.stdout)
    qtbot.waitUntil(lambda: anna.model.claim(claim_id) is not None, timeout=6000)
    assert len(anna.model.claims()) == before + 1


def test_an_article_imported_elsewhere_joins_the_list_without_switching(qtbot, two_windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bea imports a second article: it appears in Anna's article list; Anna stays on her article."""
    anna, bea = two_windows
    shown = anna.article_id
    second = tmp_path / "ferry.txt"
    second.write_text("The ferry will run every ten minutes from May.\n", encoding="utf-8")
    bea.workspace.run_edit(import_article_edit(second))
    anna.commands.team.poll_others()
    assert anna.articles.count() == 2
    assert anna.article_id == shown


def test_team_project_says_so_in_the_status_bar(two_windows) -> None:  # type: ignore[no-untyped-def]
    """A team project shows where it lives and that it is live; a file project does not."""
    anna, _bea = two_windows
    assert anna.commands.team.team_label.isVisible()
    assert anna.commands.team.team_label.text() == "Team project on 127.0.0.1 · live"
    assert "anna" in anna.commands.team.team_label.toolTip()


def test_live_updates_pause_while_the_server_is_away_and_resume(qtbot, two_windows, pg_database: str) -> None:  # type: ignore[no-untyped-def]
    """The server drops every connection and refuses new ones: Anna is told, polls less often, then catches up."""
    import psycopg

    from factcheck_app.ui.live import POLL_MS
    from pg_server import admin_url

    anna, bea = two_windows
    name = pg_database.rsplit("/", 1)[-1]
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        try:
            qtbot.waitUntil(lambda: "Live updates paused" in anna.statusBar().currentMessage(), timeout=10_000)
            assert anna.commands.team.live.timer.interval() > POLL_MS  # backing off, not hammering the server
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    claim_id = _claim_id(bea, QUOTES[0])
    bea.select_claim(claim_id)
    _choose_verdict(bea, "False")
    assert bea.project.claim(claim_id).verdict == "False"  # Bea's window reconnected by itself
    qtbot.waitUntil(lambda: anna.model.claim(claim_id).verdict == "False", timeout=40_000)


def test_the_app_opens_a_team_project_given_on_the_command_line(team_url: str, tmp_path: Path) -> None:
    """`factcheck-app postgresql://…` opens the team project (not the sample) and remembers its address."""
    import subprocess
    import sys

    from PySide6.QtCore import QSettings

    config = tmp_path / "config"
    out = tmp_path / "team.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "FACTCHECK_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--screenshot", str(out), team_url],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    assert not (config / "Sample project.factcheck").exists()
    stored = QSettings(str(next(config.glob("*.ini"))), QSettings.Format.IniFormat)
    assert stored.value("last_project") == team_url


def test_the_window_asks_for_a_password_and_never_stores_it(qtbot, window, locked_database: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The server wants a password: the window asks once, opens the project, remembers only the address."""
    from factcheck_app.ui import settings
    from pg_server import PASSWORD

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    asked = []
    monkeypatch.setattr(window.feedback, "ask_password", lambda why: asked.append(why) or PASSWORD)
    assert window.open_project(locked_database, create=True), window.last_error
    assert len(asked) == 1 and "password" in asked[0]
    assert window.project.location.is_server
    assert settings.recent_projects()[0] == locked_database
    stored = (settings.config_dir() / "settings.ini").read_text(encoding="utf-8")
    assert PASSWORD not in stored and PASSWORD not in window.windowTitle()


def test_conflict_dialog_shows_seen_theirs_and_mine(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The dialog lays out each clashing field: as seen, now (by whom), yours; Use mine accepts."""
    from datetime import datetime

    from PySide6.QtWidgets import QDialog

    from factcheck_app.services.conflicts import Clash, EditConflict
    from factcheck_app.ui.dialogs.conflict_dialog import ConflictDialog

    conflict = EditConflict(
        what="The claim “twice the budget”",
        edit_text="Set verdict",
        undo=False,
        key=("claim", 2),
        by="bea",
        at=datetime(2026, 11, 25, 15, 2),
        clashes=(Clash("verdict", "—", "False", "Mostly true"),),
    )
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, column).text() for column in range(4)]
    assert cells == ["Verdict", "—", "False", "Mostly true"]
    assert dialog.table.horizontalHeaderItem(2).text() == "Now — bea at 15:02"
    assert (dialog.keep_theirs.text(), dialog.use_mine.text()) == ("Keep theirs", "Use mine")
    assert dialog.keep_theirs.isDefault()
    dialog.use_mine.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_undo_conflict_dialog_offers_undo_anyway(qtbot) -> None:  # type: ignore[no-untyped-def]
    """For an undo the choices read as such, and a claim they deleted cannot be "used mine" on."""
    from factcheck_app.services.conflicts import EditConflict, Expectation
    from factcheck_app.ui.dialogs.conflict_dialog import ConflictDialog

    undo = ConflictDialog(EditConflict(what="The claim", edit_text="Edit rationale", undo=True, by="bea"))
    qtbot.addWidget(undo)
    assert (undo.keep_theirs.text(), undo.use_mine.text()) == ("Keep their change", "Undo anyway")
    gone = EditConflict(
        what="The claim", edit_text="Edit rationale", undo=False, key=("claim", 1), current=Expectation(None, {})
    )
    deleted = ConflictDialog(gone)
    qtbot.addWidget(deleted)
    assert not deleted.use_mine.isEnabled()


def test_connecting_to_an_empty_database_offers_to_make_it_a_project(qtbot, window, pg_database: str) -> None:  # type: ignore[no-untyped-def]
    """An empty database is not an error to puzzle over: the window offers to make it a team project."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    url = pg_database.replace("postgresql+psycopg://", "postgresql://", 1)
    questions: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        """Read the question box when it appears and click ``button``, as the analyst would."""
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: answer(button))
            return
        questions.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, lambda: answer(QMessageBox.StandardButton.No))
    assert not window.open_project(url)
    assert "holds no Factcheck project yet" in questions[0]
    QTimer.singleShot(20, lambda: answer(QMessageBox.StandardButton.Yes))
    assert window.open_project(url), window.last_error
    assert len(questions) == 2
    assert window.project.location.is_server and window.project.claims() == []


def test_my_typing_steps_do_not_merge_over_someone_elses_text(qtbot, two_windows) -> None:  # type: ignore[no-untyped-def]
    """Anna saves, Bea rewrites, Anna saves again: one undo gives back Bea's text, not Anna's first state."""
    anna, bea = two_windows
    claim_id = _claim_id(anna, QUOTES[1])
    _type_rationale(qtbot, anna, claim_id, "Anna one.")
    qtbot.waitUntil(lambda: anna.project.claim(claim_id).rationale == "Anna one.")  # saved after a pause
    bea.commands.team.poll_others()
    _type_rationale(qtbot, bea, claim_id, "Bea adds. ")
    qtbot.waitUntil(lambda: "Bea adds." in bea.project.claim(claim_id).rationale)
    beas_text = bea.project.claim(claim_id).rationale
    assert "Bea adds." in beas_text and "Anna one." in beas_text
    anna.commands.team.poll_others()
    _type_rationale(qtbot, anna, claim_id, " Anna two.")
    qtbot.waitUntil(lambda: "Anna two." in anna.project.claim(claim_id).rationale)
    assert anna.undo_stack.count() == 2  # not merged into one step
    anna.undo_stack.undo()
    assert anna.project.claim(claim_id).rationale == beas_text


def test_bea_adds_in_front_while_anna_types_at_the_end_and_both_are_kept(qtbot, two_windows, team_url: str) -> None:  # type: ignore[no-untyped-def]
    """Bea's save reaches Anna's window while Anna is still typing: their words do not overlap,
    so Anna's save holds both, with no conflict dialog, and one undo gives back Bea's text."""
    from PySide6.QtCore import Qt

    anna, bea = two_windows
    claim_id = _claim_id(anna, QUOTES[1])
    _type_rationale(qtbot, anna, claim_id, "Anna one.")
    qtbot.waitUntil(lambda: anna.project.claim(claim_id).rationale == "Anna one.")
    bea.commands.team.poll_others()
    bea.select_claim(claim_id)
    bea.editor.rationale.setFocus()
    qtbot.keyClick(bea.editor.rationale, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bea.editor.rationale, "Bea adds. ")
    qtbot.waitUntil(lambda: bea.project.claim(claim_id).rationale == "Bea adds. Anna one.")
    asked = []
    anna.workspace.resolve_conflict = lambda conflict, _parent: asked.append(conflict) or False
    anna.editor.set_save_pause(60_000)  # Anna is still typing when Bea's change arrives
    qtbot.keyClick(anna.editor.rationale, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(anna.editor.rationale, " Anna two.")
    anna.commands.team.poll_others()
    assert anna.editor.rationale.toPlainText() == "Anna one. Anna two."  # her typing stays on screen
    click_claim(qtbot, anna, _claim_id(anna, QUOTES[0]))  # she moves on: her typing is saved
    assert asked == []
    with Project.open(team_url) as reopened:
        assert reopened.claim(claim_id).rationale == "Bea adds. Anna one. Anna two."
    click_claim(qtbot, anna, claim_id)
    assert anna.editor.rationale.toPlainText() == "Bea adds. Anna one. Anna two."
    anna.undo_stack.undo()
    assert anna.project.claim(claim_id).rationale == "Bea adds. Anna one."


def test_start_with_the_last_team_project_away_opens_the_sample_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The last project's server does not answer: the window opens the sample quickly and says why."""
    import time

    from factcheck_app.ui import settings

    settings.remember_project("postgresql://anna@127.0.0.1:1/desk")  # nothing listens on port 1
    started = time.perf_counter()
    window.open_initial(None)
    assert time.perf_counter() - started < 5
    assert window.project is not None and window.project.location.is_sqlite
    assert "does not answer" in window.statusBar().currentMessage()
