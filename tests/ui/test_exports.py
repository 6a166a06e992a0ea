"""Exports from the window: Word report (in the background), open formats, archives, the rules check."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim

from shared_data import US_QUOTE


def test_export_report_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export writes a Word file holding the claim, with pending rationale typing included."""
    import docx

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    window.editor.rationale.setFocus()
    qtbot.keyClicks(window.editor.rationale, "Typed right before export")
    written = window.commands.exports.export_report(tmp_path / "out.docx")
    assert written is not None and written.exists()
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert US_QUOTE in text
    assert "Typed right before export" in text


def test_archive_export_and_open_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export a project archive and open it as a new project: the claim is there; junk is refused."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    archive = window.commands.exports.export_archive(tmp_path / "shared")
    assert archive is not None and archive.exists()
    junk = tmp_path / "junk.factcheck-archive"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert not window.commands.files.import_archive(junk, tmp_path / "never.factcheck")
    assert not (tmp_path / "never.factcheck").exists()
    assert window.project.location.path == project_path
    assert window.commands.files.import_archive(archive, tmp_path / "copy.factcheck")
    assert window.project.location.path == tmp_path / "copy.factcheck"
    assert [c.quote for c in window.project.claims()] == [claim.quote]


def test_claimreview_export_from_the_window(window, qtbot, project_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ClaimReview export writes one review per rated claim and says what was left out."""
    import json

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    result = window.commands.exports.export_open_format(tmp_path / "reviews.jsonld", "claimreview")
    assert result is not None and result.skipped == 1  # no verdict yet
    assert json.loads(result.path.read_text(encoding="utf-8")) == []


def test_report_dialog_remembers_choices_and_exports_in_background(
    window, qtbot, project_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Choices are remembered; the background export honours sections and scope; Cancel keeps the old file."""
    import docx

    from factcheck_app.ui.dialogs.report_dialog import ReportDialog

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    dialog = ReportDialog("Weekly checks", "Verification Desk", "Ana", window)
    dialog.section_boxes["annotated_article"].setChecked(False)
    dialog.order.setCurrentIndex(dialog.order.findData("verdict"))
    dialog.remember()
    again = ReportDialog("Weekly checks", "", "", window)
    assert not again.section_boxes["annotated_article"].isChecked()
    assert again.organisation.text() == "Verification Desk" and again.choices()["order"] == "verdict"
    target = tmp_path / "weekly.docx"
    window.commands.exports.export_report_in_background(target, again.choices())
    qtbot.waitUntil(lambda: window.commands.exports.last_report != "pending", timeout=30_000)
    assert window.commands.exports.last_report == target
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Verification Desk" in text and US_QUOTE in text
    assert len(document.comments) == 0  # no annotated article: no comments
    before = target.read_bytes()
    window.commands.exports.last_report = "pending"
    window.commands.exports.export_report_in_background(target, dict(again.choices(), sections=("cover", "summary")))
    window.commands.exports.report_task.cancel()
    qtbot.waitUntil(lambda: window.commands.exports.last_report != "pending", timeout=30_000)
    assert window.commands.exports.last_report is None and target.read_bytes() == before
    assert not list(tmp_path.glob(".weekly.writing*"))


def test_problems_panel_and_blocked_export(window, qtbot, project_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A verdict without source is listed under Problems; a blocking project refuses the export."""
    from factcheck_app.services.edits import SetProjectSetting

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.verdict.activated.emit(window.editor.verdict.findData("Mostly true"))
    found = window.problems_panel.refresh()
    assert {p.rule for p in found} == {"evidence", "rationale"}
    assert window.problems_panel.count() == 2 and "cites no source" in window.problems_panel.entries()[0]
    window.workspace.run_edit(SetProjectSetting("gates.mode", "block"))
    assert not window.commands.exports.problems_allow_export(None)
    assert "blocks export" in window.last_error
    window.select_claim(claim.id)
    window.problems.activated.emit(window.problems.model().index(0, 0))
    assert window.editor.current_claim_id() == claim.id
