"""Issue #17 at the window: two analysts, one project file, one after the other.

Anna asks Ben for a blind second verdict (Review ▸ Ask for a second verdict…); Ben's queue
shows the claim without Anna's verdict or rationale, and he records his own with real keys;
Anna sees both side by side, resolves, publishes, and corrects the published verdict with a
note (or cancels, and nothing changes). Every step is read back from the file on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from people import activate, click_claim, click_into, type_at_human_speed
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.claims import APPROVED, PUBLISHED
from factcheck_app.domain.sources import Source
from factcheck_app.services.corrections import complaints, corrected_claims, published_versions
from factcheck_app.services.edits import CreateClaim, SetClaimDetails, SetEvidence, SetStatus
from factcheck_app.services.project import Project
from factcheck_app.services.second_opinion import pending_requests, second_opinions
from shared_data import US_QUOTE

PESKOV = "Kremlin spokesman Dmitry Peskov told reporters"
FIRST_RATIONALE = "Anna read the Pentagon transcript of 14 March closely"
EXCERPT = "We have made no commitment to deploy forces."
SECOND_RATIONALE = "The transcript says no commitment was made"
REASON = "Ben is right: the transcript rules it out"
NOTE = "The verdict was too mild for what the transcript says"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def desk(project_path: Path) -> Path:
    """Anna's rated claim (reviewer Ben, a cited source read as 'supports') and a claim Ben wrote."""
    with Project.open(project_path, analyst="anna") as project:
        article = project.articles()[0]
        mine = CreateClaim(
            article.id,
            anchor_for_quote(article.text, US_QUOTE),
            verdict="Mostly true",
            rationale=FIRST_RATIONALE,
            sources=[Source(None, "https://www.defense.example/briefing", title="Pentagon briefing")],
        )
        project.apply(mine)
        assert mine.claim_id is not None
        project.apply(SetClaimDetails(mine.claim_id, reviewer="ben"))
        source_id = project.claim(mine.claim_id).evidence[0].source.id
        project.apply(SetEvidence(mine.claim_id, source_id, excerpt=EXCERPT, location="p. 2", stance="supports"))
    with Project.open(project_path, analyst="ben") as project:
        project.apply(CreateClaim(article.id, anchor_for_quote(article.text, PESKOV), verdict="True"))
    return project_path


@pytest.fixture
def open_as(qtbot) -> Iterator[Callable[[str, Path], object]]:  # type: ignore[no-untyped-def]
    """Open the project in a new window as the named analyst (Edit ▸ Preferences' name)."""
    from factcheck_app.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def opener(name: str, path: Path) -> MainWindow:
        win = MainWindow()
        qtbot.addWidget(win)
        win.commands.edit.set_analyst_name(name)
        assert win.open_project(path), win.last_error
        win.show()
        windows.append(win)
        return win

    yield opener
    for win in windows:
        win.close()


def claim_id_of(window, quote: str) -> int:  # type: ignore[no-untyped-def]
    return next(c.id for c in window.model.claims() if c.quote == quote)


def press(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+Alt+key where the keyboard focus is, as the analyst does."""
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, CTRL_ALT)


def opened(qtbot, window, kind: type) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(isinstance(d, kind) and d.isVisible() for d in window.feedback.open_dialogs))
    return next(d for d in window.feedback.open_dialogs if isinstance(d, kind))


def answer_modal(qtbot, kind: type, act: Callable[[QWidget], None]) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """When a modal dialog of ``kind`` appears, do what the analyst does in it.

    Returns where a failed step is put (the dialog is then cancelled, so the test ends
    with the failure instead of waiting for ever on the dialog).
    """
    failures: list[BaseException] = []

    def check(tries: int = 500) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if tries:  # 10 s, then no later test's dialog is answered by this one
                QTimer.singleShot(20, lambda: check(tries - 1))
            return
        try:
            act(dialog)
        except BaseException as failure:  # noqa: BLE001 (handed to the test)
            failures.append(failure)
            dialog.reject()

    QTimer.singleShot(20, check)
    return failures


def every_text(root: QWidget) -> tuple[list[str], list[str]]:
    """(all text the dialog shows, the choices of its combo boxes)."""
    shown: list[str] = [root.windowTitle()]
    choices: list[str] = []
    for widget in root.findChildren(QWidget):
        shown.append(widget.toolTip())
        if isinstance(widget, QLabel):
            shown.append(widget.text())
        elif isinstance(widget, (QTextBrowser, QPlainTextEdit)):
            shown.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit):
            shown.append(widget.text())
        elif isinstance(widget, QListWidget):
            shown.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            shown.append(widget.currentText())
            choices.extend(widget.itemText(i) for i in range(widget.count()))
    return shown, choices


def choose_verdict_in_editor(qtbot, window, label: str) -> None:  # type: ignore[no-untyped-def]
    """Click the verdict box, then the verdict in its list."""
    combo = window.editor.verdict
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(combo.findData(label), 0)
    view.scrollTo(index)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # the popup ignores a release this soon after opening
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_blind_second_verdict_resolved_published_and_corrected(qtbot, open_as, desk: Path) -> None:  # type: ignore[no-untyped-def]
    """Anna asks Ben; Ben answers blind; Anna resolves, publishes and corrects with a note (and cancels once)."""
    from factcheck_app.ui.dialogs.agreement_dialog import AgreementDialog
    from factcheck_app.ui.dialogs.correction_note_dialog import CorrectionNoteDialog
    from factcheck_app.ui.dialogs.disagreement_dialog import DisagreementDialog
    from factcheck_app.ui.dialogs.second_verdict_request_dialog import SecondVerdictRequestDialog
    from factcheck_app.ui.views.second_verdicts_panel import CHOOSE, SecondVerdictsPanel

    # Anna asks Ben about every listed claim: the one Ben wrote is left out, and named.
    anna = open_as("anna", desk)
    claim_id, bens_claim = claim_id_of(anna, US_QUOTE), claim_id_of(anna, PESKOV)
    click_claim(qtbot, anna, claim_id)
    press(qtbot, anna, Qt.Key.Key_2)
    ask = opened(qtbot, anna, SecondVerdictRequestDialog)
    assert "tester" in [ask.analyst.itemText(i) for i in range(ask.analyst.count())]  # from the history
    qtbot.keyClicks(ask.analyst.lineEdit(), "ben")
    qtbot.mouseClick(ask.listed_claims, Qt.MouseButton.LeftButton, pos=QPoint(6, ask.listed_claims.height() // 2))
    assert ask.listed_claims.isChecked()
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: anna.last_notice is not None)
    assert PESKOV in anna.last_notice and "ben wrote" in anna.last_notice.casefold()
    anna.close()
    with Project.open(desk, read_only=True) as project:
        assert [(o.claim_id, o.analyst, o.requested_by) for o in pending_requests(project)] == [
            (claim_id, "ben", "anna")
        ]

    # Ben's queue shows the claim blind: quote and evidence, never Anna's verdict or reasons.
    ben = open_as("ben", desk)
    press(qtbot, ben, Qt.Key.Key_M)
    queue = opened(qtbot, ben, SecondVerdictsPanel)
    qtbot.waitUntil(lambda: queue.current_opinion_id() is not None)
    shown, choices = every_text(queue)
    everything = "\n".join(shown)
    assert US_QUOTE in everything and EXCERPT in everything  # what he needs is there
    assert FIRST_RATIONALE not in everything and "Anna read" not in everything
    assert "Mostly true" not in everything and "supports" not in everything
    assert "Mostly true" in choices and queue.verdict.currentText() == CHOOSE  # offered, not preselected
    assert not queue.record_button.isEnabled()
    queue.verdict.setFocus()
    qtbot.keyClicks(queue.verdict, "F")  # "False", picked from the keyboard
    assert queue.verdict.currentData() == "False"
    click_into(qtbot, queue.rationale)
    type_at_human_speed(qtbot, queue.rationale, SECOND_RATIONALE)
    qtbot.mouseClick(queue.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.current_opinion_id() is None)
    assert "Nothing is waiting" in queue.empty_note.text()
    ben.close()
    with Project.open(desk, analyst="ben") as project:
        (answered,) = second_opinions(project, claim_id)
        assert (answered.verdict, answered.rationale, answered.first_verdict) == (
            "False",
            SECOND_RATIONALE,
            "Mostly true",
        )

    # Anna: both side by side, resolved with a reason; agreement shows the pair.
    anna = open_as("anna", desk)
    press(qtbot, anna, Qt.Key.Key_N)
    sides = opened(qtbot, anna, DisagreementDialog)
    assert sides.first_verdict.text() == "Mostly true" and sides.second_verdict.text() == "False"
    assert sides.first_rationale.toPlainText() == FIRST_RATIONALE
    assert sides.second_rationale.toPlainText() == SECOND_RATIONALE
    sides.verdict.setFocus()
    qtbot.keyClicks(sides.verdict, "F")
    assert sides.verdict.currentData() == "False"
    click_into(qtbot, sides.reason)
    type_at_human_speed(qtbot, sides.reason, REASON)
    qtbot.mouseClick(sides.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sides.list.count() == 0)
    sides.close()
    press(qtbot, anna, Qt.Key.Key_3)
    agreement = opened(qtbot, anna, AgreementDialog)
    assert agreement.summary.text().startswith("1 claims rated twice; 0 agree")
    labels = [agreement.confusion.verticalHeaderItem(i).text() for i in range(agreement.confusion.rowCount())]
    cell = agreement.confusion.item(labels.index("Mostly true"), labels.index("False"))
    assert cell.text() == "1"
    agreement.close()
    anna.close()
    with Project.open(desk, analyst="ben") as project:  # Ben, the reviewer, signs it off
        assert project.claim(claim_id).verdict == "False"
        project.apply(SetStatus(claim_id, APPROVED))
        history = [e.action for e in project.history("claim", claim_id)]
        assert any("Resolve disagreement: False" in a and REASON in a for a in history), history

    # Anna publishes, then corrects the verdict: the note is asked first.
    anna = open_as("anna", desk)
    click_claim(qtbot, anna, claim_id)
    press(qtbot, anna, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: anna.model.claim(claim_id).status == PUBLISHED)

    def write_note(dialog: QWidget) -> None:
        assert dialog.verdict_line.text() == "False → Mostly false"
        assert not dialog.ok_button.isEnabled()  # no correction without a note
        click_into(qtbot, dialog.note)
        type_at_human_speed(qtbot, dialog.note, NOTE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    failures = answer_modal(qtbot, CorrectionNoteDialog, write_note)
    choose_verdict_in_editor(qtbot, anna, "Mostly false")
    assert failures == []
    qtbot.waitUntil(lambda: anna.model.claim(claim_id).verdict == "Mostly false")

    # A second change, cancelled: nothing changes, the editor shows the stored verdict again.
    def cancel(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    failures = answer_modal(qtbot, CorrectionNoteDialog, cancel)
    choose_verdict_in_editor(qtbot, anna, "True")
    assert failures == []
    qtbot.waitUntil(lambda: anna.editor.verdict.currentData() == "Mostly false")
    assert anna.model.claim(claim_id).verdict == "Mostly false"
    anna.close()

    with Project.open(desk, read_only=True) as project:
        claim = project.claim(claim_id)
        assert (claim.status, claim.verdict) == (PUBLISHED, "Mostly false")
        corrected = corrected_claims(project)[claim_id]
        assert (corrected.correction_note, corrected.verdict, corrected.corrected_by) == (NOTE, "Mostly false", "anna")
        assert [v.verdict for v in published_versions(project, claim_id)] == ["False", "Mostly false"]
        actions = [e.action for e in project.history("claim", claim_id)]
        assert f"Correction: {NOTE}" in " ".join(actions), actions
        assert project.claim(bens_claim).status != PUBLISHED


@pytest.fixture
def published(desk: Path) -> Path:
    """Anna's claim approved by Ben and published."""
    from factcheck_app.services.review_edits import PublishClaim

    with Project.open(desk, analyst="ben") as project:
        claim_id = next(c.id for c in project.claims() if c.quote == US_QUOTE)
        project.apply(SetStatus(claim_id, APPROVED))
        project.apply(PublishClaim(claim_id))
    return desk


def test_cancelled_rationale_correction_leaves_the_claim_and_shows_it_again(qtbot, open_as, published: Path) -> None:  # type: ignore[no-untyped-def]
    """Typing a new rationale into a published claim asks for a note; Cancel restores the stored text."""
    from factcheck_app.ui.dialogs.correction_note_dialog import CorrectionNoteDialog

    anna = open_as("anna", published)
    claim_id = claim_id_of(anna, US_QUOTE)
    click_claim(qtbot, anna, claim_id)
    asked: list[str] = []

    def cancel(dialog: QWidget) -> None:
        asked.append(dialog.rationale.toPlainText())
        dialog.reject()  # Escape

    failures = answer_modal(qtbot, CorrectionNoteDialog, cancel)
    click_into(qtbot, anna.editor.rationale)
    qtbot.keyClick(anna.editor.rationale, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_at_human_speed(qtbot, anna.editor.rationale, " and more")
    qtbot.keyClick(anna.editor.rationale, Qt.Key.Key_Tab)  # leaving the field saves, so asks
    qtbot.waitUntil(lambda: bool(asked))
    assert failures == []
    assert asked == [FIRST_RATIONALE + " and more"]
    qtbot.waitUntil(lambda: anna.editor.rationale.toPlainText() == FIRST_RATIONALE)
    anna.close()
    with Project.open(published, read_only=True) as project:
        assert project.claim(claim_id).rationale == FIRST_RATIONALE
        assert corrected_claims(project) == {}


def test_a_complaint_received_long_ago_is_shown_overdue(qtbot, open_as, published: Path) -> None:  # type: ignore[no-untyped-def]
    """Review ▸ Complaints…: add one received in 2024 (typed), it is overdue; the deadline setting is checked."""
    from factcheck_app.ui.dialogs.complaints_dialog import ComplaintsDialog

    anna = open_as("anna", published)
    claim_id = claim_id_of(anna, US_QUOTE)
    click_claim(qtbot, anna, claim_id)
    press(qtbot, anna, Qt.Key.Key_I)
    dialog = opened(qtbot, anna, ComplaintsDialog)
    assert US_QUOTE[:40] in dialog.add_about.text() and dialog.add_box.isEnabled()
    click_into(qtbot, dialog.complainant)
    type_at_human_speed(qtbot, dialog.complainant, "A. Reader")
    click_into(qtbot, dialog.received)
    qtbot.keyClicks(dialog.received, "2024-01-02")
    click_into(qtbot, dialog.what)
    type_at_human_speed(qtbot, dialog.what, "The transcript is older than the article")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 4).text() == "2024-01-11"  # 7 working days after Tuesday 2 January
    assert dialog.table.item(0, 5).text().startswith("overdue")
    assert dialog.overdue_rows() == [0]
    assert dialog.table.item(0, 5).font().bold()

    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "0")
    qtbot.mouseClick(dialog.days_button, Qt.MouseButton.LeftButton)
    assert "whole number of working days" in anna.last_error
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "10")
    qtbot.mouseClick(dialog.days_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: anna.project.settings().get("corrections.complaint_days") == "10")

    qtbot.mouseClick(
        dialog.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.table.visualItemRect(dialog.table.item(0, 1)).center(),
    )
    qtbot.waitUntil(lambda: dialog.handle_box.isEnabled())
    click_into(qtbot, dialog.outcome)
    type_at_human_speed(qtbot, dialog.outcome, "No change: the transcript stands")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5).text().startswith("closed"))
    assert dialog.overdue_rows() == []
    dialog.close()
    anna.close()
    with Project.open(published, read_only=True) as project:
        (complaint,) = complaints(project, claim_id)
        assert (complaint.complainant, complaint.due.isoformat(), complaint.outcome) == (
            "A. Reader",
            "2024-01-11",
            "No change: the transcript stands",
        )
        assert not complaint.is_open and complaint.closed_by == "anna"
