"""Exports: the Word report and the open formats (written in the background), the project archive.

Each export first saves what is being typed in the editor, so the file holds it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.feedback import APP_NAME
from factcheck_app.ui.file_dialogs import ARCHIVE_FILTER, save_file
from factcheck_app.ui.worker import Control, Task, run_waiting

OPEN_FORMATS = (
    ("claimreview", "schema.org &ClaimReview (JSON-LD)…", "Ctrl+Alt+J"),
    ("webannotation", "W3C &Web Annotation (JSON-LD)…", "Ctrl+Alt+W"),
    ("csv", "&CSV spreadsheet…", "Ctrl+Alt+S"),
)
OPEN_FORMAT_NAMES = {"claimreview": "ClaimReview", "webannotation": "Web Annotation", "csv": "CSV"}
PENDING = "pending"


class ExportActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.report_task: Task | None = None
        self.last_report: Path | str | None = PENDING  # the last background report: its path, or None
        self.open_task: Task | None = None
        self.last_open_export: Any = PENDING  # the last open-format export: its ExportResult, or None
        self.workspace.closed.connect(self._stop_open_export)
        self.export_action = self.action(
            "&Export Word report…", self.export_dialog, QKeySequence("Ctrl+Shift+E"), "Export a Word report"
        )
        self.export_open_actions = {
            fmt: self.action(label, lambda f=fmt: self.export_open_dialog(f), QKeySequence(keys))
            for fmt, label, keys in OPEN_FORMATS
        }
        self.export_archive_action = self.action(
            "Project &archive (to share or keep)…", self.export_archive_dialog, QKeySequence("Ctrl+Alt+E")
        )

    def update_enabled(self) -> None:
        # Exports read the project: a read-only one exports as well as a writable one.
        project = self.state().project
        for action in (self.export_action, *self.export_open_actions.values(), self.export_archive_action):
            action.setEnabled(project)

    def _stem(self) -> str:
        project = self.workspace.project
        return Path(project.name).stem if project is not None else "project"

    # -- the Word report ------------------------------------------------------------------

    def export_dialog(self) -> None:
        """Report dialog (remembered choices) → file name → written in the background."""
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.ui.dialogs.report_dialog import ReportDialog

        self.workspace.save_typing()
        organisation = project.settings().get("organisation", "")
        dialog = ReportDialog(f"Fact-check report — {self._stem()}", organisation, project.analyst, self.widget)
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        dialog.remember()
        if not self.problems_allow_export(self.report_claim_ids(str(dialog.choices().get("scope", "all")))):
            return
        path = save_file(
            self.widget, "Export Word report", f"{self._stem()} report.docx", "Word documents (*.docx)", "exports"
        )
        if path:
            self.export_report_in_background(path, dialog.choices())

    def problems_allow_export(self, claim_ids: list[int] | None) -> bool:
        """Before export: warn about broken verdict rules, or refuse if the project blocks."""
        project = self.workspace.project
        if project is None:
            return False
        from factcheck_app.services.problems import check_before_export

        try:
            problems = check_before_export(project, claim_ids)
        except FactcheckError as error:
            self.feedback.error(error)
            self.window.problems_panel.show()
            self.window.problems_panel.refresh()
            return False
        if not problems:
            return True
        return self.feedback.ask_yes_no(
            f"{len(problems)} claim problem(s) against the verdict rules, e.g.:\n\n{problems[0].message}\n\n"
            "Export anyway?"
        )

    def report_claim_ids(self, scope: str) -> list[int] | None:
        """Which claims a report covers: all, approved only, the current article's, or those the filter shows."""
        project, panel = self.workspace.project, self.window.claims_panel
        if scope == "approved" and project is not None:
            return [c.id for c in project.claims() if c.status in ("approved", "published")]
        if scope == "article":
            return [c.id for c in panel.claims_in_view()]
        if scope == "filter":
            return panel.listed_claim_ids()
        return None

    def export_report_in_background(self, path: str | Path, choices: dict[str, Any]) -> None:
        """Write the report on a worker; Cancel leaves any existing file untouched (it is
        written beside the target under a temporary name and moved into place when complete)."""
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.reports import prepare_report, report_path, write_report

        options = {k: v for k, v in choices.items() if k not in ("scope", "title")}
        with self.feedback.reporting() as outcome:
            report = prepare_report(
                project,
                title=str(choices.get("title") or "") or None,
                options=options,
                claim_ids=self.report_claim_ids(str(choices.get("scope", "all"))),
            )
        if outcome.failed:
            return
        target = report_path(path)
        temporary = target.with_name(f".{target.stem}.writing.docx")
        task = Task(
            lambda _control: write_report(report, temporary),
            self.widget,
            what="Export Word report",
            label="Writing the Word report…",
        )
        task.done.connect(lambda written: self._report_written(task, Path(written), target))
        task.failed.connect(lambda message: self._report_failed(message))
        self.report_task = task
        task.start()

    def _report_failed(self, message: str) -> None:
        self.feedback.error(message)
        self._report_done(None)

    def _report_written(self, task: Task, temporary: Path, target: Path) -> None:
        if task.cancelled:
            temporary.unlink(missing_ok=True)
            self.feedback.status("Report export cancelled; nothing was changed.", 8000)
            self._report_done(None)
            return
        try:
            os.replace(temporary, target)
        except OSError as failure:
            temporary.unlink(missing_ok=True)
            self.feedback.error(f"Cannot replace “{target.name}”: {failure.strerror or failure}. Is it open in Word?")
            self._report_done(None)
            return
        self._report_done(target)

    def _report_done(self, written: Path | None) -> None:
        self.last_report = written
        if written is None:
            return
        self.feedback.status(f"Report saved to {written}", 10000)
        if QApplication.platformName() == "offscreen":
            return  # tests and screenshots: no modal box
        box = QMessageBox(
            QMessageBox.Icon.Information, APP_NAME, f"The report was saved to\n{written}", parent=self.widget
        )
        open_button = box.addButton("Open report", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))

    def export_report(self, path: str | Path) -> Path | None:
        """Write the Word report with the remembered defaults, while the analyst waits."""
        from factcheck_app.services.reports import export_report

        return self._save_with(export_report, path, "Report")

    # -- open formats and the archive ----------------------------------------------------------

    def export_open_dialog(self, fmt: str) -> None:
        if self.workspace.project is None:
            return
        suffix, kind = (".csv", "CSV files (*.csv)") if fmt == "csv" else (".jsonld", "JSON-LD (*.jsonld *.json)")
        path = save_file(self.widget, "Export", f"{self._stem()} {fmt}{suffix}", kind, "exports")
        if path:
            self.export_open_in_background(path, fmt)

    def export_open_in_background(self, path: str | Path, fmt: str) -> Task | None:
        """Write an open format on a worker, with progress and Cancel; the window stays usable.

        The export reads one consistent state of the project (one read transaction), so edits
        made meanwhile are simply not in the file. Cancel, or closing the project, stops it and
        leaves no file (an older one is kept as it was). ``last_open_export`` then holds the
        ExportResult, or None when it failed or was cancelled.
        """
        project = self.workspace.project
        if project is None:
            return None
        if self.open_task is not None and not self.open_task.finished:
            self.feedback.status("An export is still being written; wait for it, or cancel it.", 8000)
            return None
        from factcheck_app.services.exports import export_open_format

        self.workspace.save_typing()
        self.last_open_export = PENDING

        def work(control: Control) -> object:
            return export_open_format(
                project,
                path,
                fmt,
                progress=lambda done, total: control.progress(done, f"{done:,} of {total:,} claims written…", total),
                cancelled=lambda: control.cancelled,
            )

        task = Task(work, self.widget, what="Export", label=f"Exporting claims as {OPEN_FORMAT_NAMES[fmt]}…")
        task.done.connect(lambda result: self._open_export_done(task, result))
        task.failed.connect(lambda message: self._open_export_failed(task, message))
        self.open_task = task
        task.start()
        return task

    def export_open_format(self, path: str | Path, fmt: str) -> Any:
        """Export as ``export_open_in_background`` does, waiting for the result (scripts, tests)."""
        task = self.export_open_in_background(path, fmt)
        if task is None:
            return None
        task.wait_done()
        return self.last_open_export

    def _open_export_done(self, task: Task, result: Any) -> None:
        self._forget(task)
        self.last_open_export = result
        self.feedback.status(result.summary, 10000)
        if result.notes:
            self.feedback.notice(result.summary + "\n\n" + "\n".join(result.notes))

    def _open_export_failed(self, task: Task, message: str) -> None:
        self._forget(task)
        self.last_open_export = None
        if task.cancelled:
            self.feedback.status("Export cancelled; no file was written.", 8000)
        else:
            self.feedback.error(message)

    def _forget(self, task: Task) -> None:
        if self.open_task is task:
            self.open_task = None
        task.wait()  # its thread is ending (the work returned): let it end before it is deleted
        if task.progress is not None:
            task.progress.deleteLater()
        task.deleteLater()

    def _stop_open_export(self) -> None:
        """The project closes: a running export is cancelled before its project goes."""
        if self.open_task is not None and not self.open_task.finished:
            self.open_task.stop()

    def export_archive_dialog(self) -> None:
        if self.workspace.project is None:
            return
        path = save_file(
            self.widget, "Export project archive", f"{self._stem()}.factcheck-archive", ARCHIVE_FILTER, "archives"
        )
        if path:
            self.export_archive(path)

    def export_archive(self, path: str | Path) -> Path | None:
        from factcheck_app.services.archive import export_archive

        return self._save_with(export_archive, path, "Archive")

    def _save_with(self, write: Any, path: str | Path, what: str) -> Path | None:
        """Save pending typing, then write the open project to ``path`` while the analyst waits."""
        project = self.workspace.project
        if project is None:
            return None
        self.workspace.save_typing()
        with self.feedback.reporting() as outcome:
            written: Path = run_waiting(lambda: write(project, path), self.widget, what=f"{what} export")
        if outcome.failed:
            return None
        self.feedback.status(f"{what} saved to {written}", 10000)
        return written

    def stop(self) -> None:
        """The window closes: an unfinished report or export is discarded, an existing file kept."""
        if self.report_task is not None and not self.report_task.finished:
            self.report_task.cancel()
            self.report_task.wait()
        self._stop_open_export()
