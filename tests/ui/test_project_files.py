"""Projects: opening, refusing, read-only windows, first start, restart, crashes."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim


def test_opening_junk_keeps_current_project(window, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file that is not a project gets a message; the open project stays."""
    window.open_project(project_path)
    junk = tmp_path / "junk.factcheck"
    junk.write_text("not a project", encoding="utf-8")
    assert not window.open_project(junk)
    assert "not a Factcheck project" in window.last_error
    assert window.project is not None and window.project.location.path == project_path
    assert junk.read_text(encoding="utf-8") == "not a project"


def test_work_survives_closing_and_restarting(qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Close the window, start again with no argument: the last project and its claim are back."""
    from factcheck_app.ui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.open_project(project_path), first.last_error
    qtbot.waitExposed(first)
    claim = make_us_claim(first, qtbot)
    first.editor.rationale.setFocus()
    qtbot.keyClicks(first.editor.rationale, "typed just before closing")
    first.close()  # pending rationale typing is flushed on close

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    second.open_initial(None)
    assert second.project.location.path == project_path
    assert second.model.rowCount() == 1
    reopened = second.model.claim_at(0)
    assert reopened.id == claim.id
    assert reopened.rationale == "typed just before closing"
    second.close()


def test_first_start_opens_the_sample_project(window) -> None:  # type: ignore[no-untyped-def]
    """With no project and no history, the bundled sample opens with its three claims."""
    window.open_initial(None)
    assert window.project.name == "Sample project.factcheck"
    assert window.model.rowCount() == 3
    assert {window.model.claim_at(r).verdict for r in range(3)} == {"Mostly false", "False"}


def test_second_window_on_same_project_opens_read_only(window, qtbot, project_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A project open elsewhere: the analyst is asked, and gets a read-only window."""
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.services.project import Project

    asked: list[str] = []

    def answer_yes(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    with Project.open(project_path):  # another instance holds the project
        assert window.open_project(project_path)
    assert "is open for writing in " in asked[0]
    assert window.project.read_only
    assert "[read-only]" in window.windowTitle()
    assert not window.commands.claims.new_claim_action.isEnabled()
    assert not window.commands.articles.import_action.isEnabled()


def test_newer_project_gets_a_message_and_stays_untouched(window, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A project from a newer app version is refused with a clear message, byte-identical."""
    import sqlite3

    raw = sqlite3.connect(project_path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    before = project_path.read_bytes()
    assert not window.open_project(project_path)
    assert "newer version" in window.last_error
    assert project_path.read_bytes() == before


def test_unexpected_error_is_logged_and_shown(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An exception escaping to the event loop writes the log file and shows the details."""
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.ui import crash

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()) or 0)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        crash.handle_exception(RuntimeError, error, error.__traceback__)
    assert "boom in a slot" in shown[0]
    log_text = (crash.log_dir() / "factcheck-app.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log_text
