"""The project's library: sources and their files, tags, the verdict scale and its rules.

The commands here are also what the library dialogs are given (their ``Protocol``s):
``SourceLibrary``, ``Codebook`` and ``AttachmentShelf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow

from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.sources import Source
from factcheck_app.domain.tags import Tag
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.file_dialogs import save_file


class LibraryActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.sources_action = self.action(
            "&Sources library…", self.sources_dialog, QKeySequence("Ctrl+L"), "Every source of the project"
        )
        self.tags_action = self.action("&Tags…", self.tags_dialog, QKeySequence("Ctrl+T"), "Rename, merge, colour tags")
        self.scale_action = self.action(
            "&Verdict scale…", self.scale_dialog, QKeySequence("Ctrl+Alt+V"), tip="Labels, colours and ratings"
        )
        self.rules_action = self.action(
            "Verdict &rules…", self.rules_dialog, QKeySequence("Ctrl+Alt+G"), tip="What a claim needs before export"
        )
        window.claims_panel.editor.files_requested.connect(self.attachments_dialog)

    def update_enabled(self) -> None:
        # Each dialog edits the library: nothing to do without a project or on a read-only one.
        writable = self.state().writable
        for action in (self.sources_action, self.tags_action, self.scale_action, self.rules_action):
            action.setEnabled(writable)

    # -- what the dialogs read ----------------------------------------------------------

    def sources(self) -> Sequence[Source]:
        project = self.workspace.project
        return project.sources() if project is not None else []

    def claims(self) -> Sequence[Claim]:
        project = self.workspace.project
        return project.claims() if project is not None else []

    def all_attachments(self) -> Sequence[Attachment]:
        project = self.workspace.project
        return project.attachments() if project is not None else []

    def attachments(self, source_id: int) -> Sequence[Attachment]:
        project = self.workspace.project
        return project.attachments(source_id) if project is not None else []

    def tags(self) -> Sequence[Tag]:
        project = self.workspace.project
        return project.tags() if project is not None else []

    # -- sources and files -------------------------------------------------------------

    def sources_dialog(self) -> None:
        if self.workspace.project is None:
            return
        from factcheck_app.ui.dialogs.sources_dialog import SourcesDialog

        SourcesDialog(self, self.widget).exec()

    def update_source(self, source: Source, base: Source | None = None) -> bool:
        """Save an edited library entry; ``base`` is the entry as the dialog showed it."""
        from factcheck_app.services.edits import UpdateSource

        return self.workspace.attempt(lambda: UpdateSource(source).based_on(*([base] if base is not None else [])))

    def attachments_dialog(self, source_id: int) -> None:
        if self.workspace.project is None:
            return
        from factcheck_app.ui.dialogs.attachments_dialog import AttachmentsDialog

        source = next((s for s in self.sources() if s.id == source_id), None)
        if source is not None:
            AttachmentsDialog(self, source, self.widget).exec()

    def attach_file(self, source_id: int, path: str | Path) -> bool:
        from factcheck_app.services.edits import AttachFile

        return self.workspace.attempt(lambda: AttachFile(source_id, path))

    def remove_attachment(self, attachment_id: int) -> bool:
        from factcheck_app.services.edits import RemoveAttachment

        return self.workspace.run_edit(RemoveAttachment(attachment_id))

    def open_attachment(self, attachment_id: int) -> Path | None:
        """Open an attached file in the system viewer (a private copy; the project is untouched)."""
        project = self.workspace.project
        if project is None:
            return None
        from factcheck_app.services.attachments import viewing_copy

        with self.feedback.reporting() as outcome:
            path = viewing_copy(project, attachment_id)
        if outcome.failed:
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_attachment_dialog(self, attachment_id: int) -> None:
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.attachments import save_attachment

        name = next((a.name for a in project.attachments() if a.id == attachment_id), "attachment")
        path = save_file(self.widget, "Save attached file", name, "All files (*)", "attachments")
        if path:
            with self.feedback.reporting():
                save_attachment(project, attachment_id, path)

    # -- tags ---------------------------------------------------------------------------

    def tags_dialog(self) -> None:
        if self.workspace.project is None:
            return
        from factcheck_app.ui.dialogs.tags_dialog import TagsDialog

        TagsDialog(self, self.widget).exec()

    def rename_tag(self, old: str, new: str) -> bool:
        from factcheck_app.services.edits import RenameTag

        return self.workspace.attempt(lambda: RenameTag(old, new))

    def delete_tag(self, name: str) -> bool:
        from factcheck_app.services.edits import DeleteTag

        return self.workspace.attempt(lambda: DeleteTag(name))

    def set_tag_colour(self, name: str, colour: str) -> bool:
        from factcheck_app.services.edits import SetTagColour

        return self.workspace.attempt(lambda: SetTagColour(name, colour))

    # -- verdict scale and rules ---------------------------------------------------------

    def scale_dialog(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.ui.dialogs.scale_dialog import ScaleDialog

        shown = project.verdict_scale()
        dialog = ScaleDialog(shown, self.widget)
        result = dialog.result_scale() if dialog.exec() == ScaleDialog.DialogCode.Accepted else None
        if result is not None:
            scale, renames = result
            self.set_verdict_scale(scale, renames, base=shown)

    def set_verdict_scale(self, scale: Any, renames: dict[str, str] | None = None, base: Any = None) -> bool:
        """Replace the verdict scale; ``base`` is the scale the dialog showed (checked on save)."""
        from factcheck_app.services.edits import SetVerdictScale

        return self.workspace.attempt(lambda: SetVerdictScale(scale, renames, base=base))

    def rules_dialog(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.edits import SetProjectSetting
        from factcheck_app.ui.dialogs.rules_dialog import RulesDialog

        shown = project.settings()
        dialog = RulesDialog(shown, self.widget)
        if dialog.exec() != RulesDialog.DialogCode.Accepted:
            return
        # Only what the analyst changed in the dialog, each checked against what it showed:
        # a rule someone else changed meanwhile is neither reverted nor silently overwritten.
        changed = {k: v for k, v in dialog.values().items() if shown.get(k) != v}
        if changed:
            with self.workspace.macro("Change verdict rules"):
                for key, value in changed.items():
                    self.workspace.run_edit(SetProjectSetting(key, value, seen=shown.get(key)))
        self.window.problems_panel.refresh()
