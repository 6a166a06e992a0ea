"""The library from the window: verdict scale, tags, sources and their files."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim
from PySide6.QtCore import Qt

from factcheck_app.domain.sources import Source


def test_verdict_scale_dialog_renames_and_recolours(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Renaming a label in the scale dialog carries its claims; the editor offers the new labels; undo."""
    from factcheck_app.ui.dialogs.scale_dialog import COL_COLOUR, COL_LABEL, ScaleDialog

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.verdict.activated.emit(window.editor.verdict.findData("Mostly true"))
    dialog = ScaleDialog(window.project.verdict_scale(), window)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, COL_LABEL).text() == "Mostly true")
    dialog.table.item(row, COL_LABEL).setText("Largely accurate")
    dialog.table.item(row, COL_COLOUR).setText("#1e88e5")
    dialog.accept()
    scale, renames = dialog.result_scale()
    assert renames == {"Mostly true": "Largely accurate"}
    assert window.commands.library.set_verdict_scale(scale, renames)
    assert window.project.claim(claim.id).verdict == "Largely accurate"
    assert window.editor.verdict.findData("Largely accurate") >= 0
    assert window.editor.verdict.currentData() == "Largely accurate"
    window.commands.edit.undo_action.trigger()
    assert window.project.claim(claim.id).verdict == "Mostly true"
    assert window.editor.verdict.findData("Largely accurate") == -1
    bad = ScaleDialog(window.project.verdict_scale(), window)
    bad.table.item(0, COL_COLOUR).setText("green")
    bad.accept()
    assert "not a colour" in bad.error.text() and bad.result_scale() is None


def test_attach_open_and_remove_a_file_from_the_window(
    window, qtbot, project_path: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Attach a file to a source, open a private copy in the viewer, undo the removal."""
    from PySide6.QtGui import QDesktopServices

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.commands.claims.add_source(claim.id, Source(None, "https://example.org/memo", "Memo"))
    source_id = window.project.claim(claim.id).sources[0].id
    scan = tmp_path / "memo.pdf"
    scan.write_bytes(b"%PDF-1.4 memo")
    assert window.commands.library.attach_file(source_id, scan)
    [attachment] = window.project.attachments(source_id)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    copy = window.commands.library.open_attachment(attachment.id)
    assert opened == [str(copy)] and copy.read_bytes() == b"%PDF-1.4 memo"
    assert window.commands.library.remove_attachment(attachment.id)
    assert window.project.attachments() == []
    window.commands.edit.undo_action.trigger()
    assert [a.name for a in window.project.attachments()] == ["memo.pdf"]


def test_tags_rename_and_highlight_by_tag_colour(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rename a tag from the window (claims follow, undoable) and colour highlights by tag."""
    from factcheck_app.domain.verdicts import tint

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.editor.tags.setFocus()
    qtbot.keyClicks(window.editor.tags, "US position")
    qtbot.keyClick(window.editor.tags, Qt.Key.Key_Return)
    assert window.commands.library.rename_tag("US position", "Positions/United States")
    assert window.project.claim(claim.id).tags == ("Positions/United States",)
    assert window.editor.tags.text() == "Positions/United States"
    assert window.commands.library.set_tag_colour("Positions/United States", "#1e88e5")
    window.commands.view.highlight_by_tag_action.trigger()
    window.select_claim(claim.id)
    formats = [s.format.background().color().name() for s in window.article_view.extraSelections()]
    assert tint("#1e88e5", 0.45) in formats
    window.commands.edit.undo_action.trigger()  # colour
    window.commands.edit.undo_action.trigger()  # rename
    assert window.project.claim(claim.id).tags == ("US position",)


def test_sources_library_lists_and_edits(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The library lists every source with its citations; editing one updates the claim's list."""
    from dataclasses import replace

    from factcheck_app.ui.dialogs.sources_dialog import SourcesDialog

    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    window.commands.claims.add_source(claim.id, Source(None, "https://example.org/x", "Draft title"))
    dialog = SourcesDialog(window.commands.library, window)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "1"
    assert window.commands.library.update_source(replace(dialog.sources[0], title="Final title"))
    assert window.editor.sources.item(0).text().startswith("Final title")
    dialog.close()
