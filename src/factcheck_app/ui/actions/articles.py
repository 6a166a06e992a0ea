"""Articles: import (files, several in the background, clipboard, drops), new versions,
properties, comparing versions, deleting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.file_dialogs import article_filter, open_file, open_files
from factcheck_app.ui.worker import Control, Task


class ArticleActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.import_done: str | None = None  # the last multi-file import's summary
        self.import_task: Task | None = None
        self.import_action = self.action(
            "&Import article…", self.import_dialog, QKeySequence("Ctrl+I"), "Import a plain-text article"
        )
        self.paste_action = self.action(
            "Import from &clipboard",
            self.import_clipboard,
            QKeySequence("Ctrl+Shift+V"),
            "New article from copied text",
        )
        self.import_revision_action = self.action(
            "Import new &version…",
            self.import_revision_dialog,
            QKeySequence("Ctrl+Shift+I"),
            "Import a revised version of this article; its claims are re-anchored",
        )
        self.compare_action = self.action(
            "&Compare with previous version",
            self.show_diff,
            QKeySequence("Ctrl+Shift+D"),
            "What changed in this article",
        )
        self.properties_action = self.action(
            "Article &properties…", self.edit_properties, QKeySequence("Alt+Return"), "Title, URL, author, date"
        )
        self.delete_article_action = self.action(
            "&Delete article…",
            self.delete_current_article,
            QKeySequence("Ctrl+Shift+Del"),
            "Delete this article, all its versions and its claims (undoable)",
        )

    def update_enabled(self) -> None:
        s = self.state()
        self.import_action.setEnabled(s.writable)
        self.paste_action.setEnabled(s.writable)
        self.import_revision_action.setEnabled(s.writable and s.article)
        self.compare_action.setEnabled(s.article)
        self.properties_action.setEnabled(s.writable and s.article)
        self.delete_article_action.setEnabled(s.writable and s.article)

    # -- importing ------------------------------------------------------------------

    def import_dialog(self) -> None:
        self.import_files(open_files(self.widget, "Import articles", article_filter(), "articles"))

    def import_files(self, paths: list[str] | list[Path]) -> None:
        """Import one file at once; several on a worker thread with progress and Cancel."""
        if not paths or not self.workspace.writable:
            return
        if len(paths) == 1:
            self.import_file(paths[0])
            return
        files = [Path(p) for p in paths]
        imported: list[str] = []
        refused: list[str] = []

        def read_all(control: Control) -> None:
            from factcheck_app.services.articles import read_article

            for index, path in enumerate(files):
                if control.cancelled:
                    break
                try:
                    result: object = read_article(path)
                except FactcheckError as error:
                    result = error
                except Exception as error:  # noqa: BLE001 - a reader bug must not end the batch
                    result = FactcheckError(f"{path.name} could not be read: {error}")
                control.hand_over((index, path.name, result))

        def store(item: Any) -> None:
            from factcheck_app.services.edits import ImportArticle

            index, name, result = item
            if isinstance(result, FactcheckError):
                refused.append(str(result))
            elif self.workspace.run_edit(ImportArticle(result)):
                imported.append(name)
            task.set_progress(index + 1, f"Imported {name} ({index + 1} of {len(files)})")

        def finish(_result: object = None) -> None:
            self.workspace.undo_stack.endMacro()
            cancelled = len(imported) + len(refused) < len(files)
            summary = f"Imported {len(imported)} of {len(files)} files" + (" (cancelled)" if cancelled else "") + "."
            self.feedback.status(summary, 10000)
            if refused:
                self.feedback.error(FactcheckError(summary + "\n\nNot imported:\n" + "\n".join(refused)))
            self.import_done = summary

        label = f"Importing {len(files)} articles…"
        task = Task(read_all, self.widget, what="Import articles", label=label, total=len(files), show_after_ms=300)
        task.item.connect(store)
        task.done.connect(finish)
        task.failed.connect(lambda message: (finish(), self.feedback.error(message)))
        self.import_task = task
        self.workspace.undo_stack.beginMacro(f"Import {len(files)} articles")
        task.start()

    def import_file(self, path: str | Path) -> bool:
        from factcheck_app.services.articles import import_article_edit

        with self.feedback.reporting() as outcome:
            edit = import_article_edit(path)
        if outcome.failed or not self.workspace.run_edit(edit):
            return False
        self.feedback.status(f"Imported {Path(path).name}.", 5000)
        return True

    def import_clipboard(self) -> bool:
        """Import the clipboard's text as a new article (Ctrl+Shift+V)."""
        if not self.workspace.writable:
            return False
        from factcheck_app.importers.registry import draft_from_text
        from factcheck_app.services.edits import ImportArticle

        with self.feedback.reporting() as outcome:
            draft = draft_from_text(QApplication.clipboard().text())
        return not outcome.failed and self.workspace.run_edit(ImportArticle(draft))

    # -- versions ---------------------------------------------------------------------

    def import_revision_dialog(self) -> None:
        if self.workspace.article_id is None:
            return
        path = open_file(self.widget, "Import new version of this article", article_filter(), "articles")
        if path:
            self.import_revision(path)

    def import_revision(self, path: str | Path) -> bool:
        """Import ``path`` as the next version of the current article and report what moved."""
        article_id, model = self.workspace.article_id, self.window.claims_panel.model
        if article_id is None:
            return False
        from factcheck_app.services.articles import import_revision_edit

        with self.feedback.reporting() as outcome:
            edit = import_revision_edit(article_id, path)
        if outcome.failed:
            return False
        before = {c.id: c for c in model.claims()}
        if not self.workspace.run_edit(edit):
            return False
        changed_with_verdict = [
            c for c in model.claims() if c.anchor_state == "changed" and before.get(c.id) and before[c.id].verdict
        ]
        summary = ", ".join(f"{n} {state}" for state, n in sorted(edit.outcome.items())) or "no claims to re-anchor"
        self.feedback.status(f"Imported version {self.current_revision()}: {summary}.", 15000)
        if changed_with_verdict or edit.outcome.get("orphaned"):
            lines = [f"Claims re-anchored on the new version: {summary}."]
            if changed_with_verdict:
                lines.append(
                    f"\n⚠ {len(changed_with_verdict)} claim(s) that already had a verdict now quote different words. "
                    "Check that each verdict still holds."
                )
            if edit.outcome.get("orphaned"):
                lines.append(
                    "\nOrphaned claims were not found in the new text. They are listed first in the claims "
                    "table (sort by Anchor); select the new wording and use Edit ▸ Re-attach claim."
                )
            self.feedback.notice("\n".join(lines))
        return True

    def current_revision(self) -> int:
        project, article_id = self.workspace.project, self.workspace.article_id
        return 0 if project is None or article_id is None else project.article(article_id).revision

    def show_diff(self) -> None:
        project, article_id = self.workspace.project, self.workspace.article_id
        if project is None or article_id is None:
            return
        article = project.article(article_id)
        if article.revision_of is None:
            self.feedback.status("This article has only one version.", 5000)
            return
        from factcheck_app.ui.dialogs.diff_dialog import DiffDialog

        dialog = DiffDialog(project.article(article.revision_of), article, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.feedback.keep_open(dialog)

    # -- properties and deletion --------------------------------------------------------

    def edit_properties(self) -> None:
        project, article_id = self.workspace.project, self.workspace.article_id
        if project is None or article_id is None:
            return
        from factcheck_app.ui.dialogs.article_properties import ArticlePropertiesDialog

        article = project.article(article_id)
        dialog = ArticlePropertiesDialog(article, self.widget)
        if dialog.exec() == ArticlePropertiesDialog.DialogCode.Accepted:
            self.update_properties(dialog.changed_values(), base=article)

    def update_properties(self, values: dict[str, object], base: Any = None) -> bool:
        """Save corrected article properties; ``base`` is the article as the dialog showed it."""
        article_id = self.workspace.article_id
        if not values or article_id is None:
            return False
        from factcheck_app.services.edits import UpdateArticleMetadata

        with self.feedback.reporting() as outcome:
            edit = UpdateArticleMetadata(article_id, **values)  # type: ignore[arg-type]
        if outcome.failed:
            return False
        if base is not None:
            edit.based_on(base)
        return self.workspace.run_edit(edit)

    def delete_current_article(self) -> None:
        """Delete the article on screen with its versions and claims, after saying how many go."""
        project, article_id = self.workspace.project, self.workspace.article_id
        if project is None or article_id is None:
            return
        from factcheck_app.services.articles import article_deletion

        self.workspace.save_typing()
        with self.feedback.reporting() as outcome:
            deletion = article_deletion(project, article_id)
        if not outcome.failed and self.feedback.ask_yes_no(
            f"{deletion.question}\n\nEdit ▸ Undo (Ctrl+Z) brings it back."
        ):
            self.workspace.run_edit(deletion.edit())
