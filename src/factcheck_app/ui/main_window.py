"""The main window: articles, the article text, and the claims panel.

It holds ids and immutable snapshots only; every change goes through a service edit
wrapped in an undoable command. Modules that pull in SQLAlchemy (services) are
imported lazily so the window can paint before the database layer has loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import __version__
from factcheck_app.domain.errors import FactcheckError, ProjectInUse
from factcheck_app.domain.verdicts import DEFAULT_SCALE, VerdictScale
from factcheck_app.ui import settings
from factcheck_app.ui.file_dialogs import (
    ARCHIVE_FILTER,
    PROJECT_FILTER,
    article_filter,
    open_file,
    open_files,
    save_file,
)
from factcheck_app.ui.models.claims_model import (
    COL_ANCHOR,
    COL_QUOTE,
    COL_SOURCES,
    COL_STATUS,
    COL_TAGS,
    COL_VERDICT,
    ClaimsTableModel,
)
from factcheck_app.ui.tooltips import plain_tooltip
from factcheck_app.ui.widgets.article_view import ArticleView
from factcheck_app.ui.widgets.claim_editor import ClaimEditor

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes
    from factcheck_app.services.edits import Edit
    from factcheck_app.services.project import Project

APP_NAME = "Factcheck App"
NEW_CLAIM_SHORTCUT = QKeySequence("Ctrl+K")
BACKUP_INTERVAL_MS = 10 * 60 * 1000  # while the project changes, a backup every 10 minutes
# NOTE: Fusion shows no focus on combo boxes and buttons: a keyboard user could not see where
# Tab had gone. A frame in the palette's highlight colour, in this window and its dialogs.
FOCUS_STYLE = (
    "QComboBox:focus, QPushButton:focus, QToolButton:focus "
    "{ border: 2px solid palette(highlight); border-radius: 3px; padding: 1px 6px; }"
)
LIVE_POLL_MS = 2000  # team projects: others' changes appear within this (ui/live.py polls)


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.scale: VerdictScale = DEFAULT_SCALE
        self.article_id: int | None = None
        self.last_error: str | None = None
        self._open_dialogs: list[QWidget] = []
        self._repolishing = False
        self.last_notice: str | None = None
        self.undo_stack = QUndoStack(self)
        self.resize(1360, 820)
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._update_title()
        self._update_actions()
        self._restore_layout()
        self.last_conflict = None
        self.team_label = QLabel()
        self.team_label.setObjectName("teamLabel")
        self.team_label.hide()
        self.statusBar().addPermanentWidget(self.team_label)
        self._live = None  # LiveUpdates while a team project (or a read-only window) is open
        self._backup_timer = QTimer(self, interval=BACKUP_INTERVAL_MS)
        self._backup_timer.timeout.connect(lambda: self._auto_backup("auto"))
        self._backup_timer.start()

    # -- construction --------------------------------------------------------

    def _build_widgets(self) -> None:
        self.setStyleSheet(FOCUS_STYLE)
        self.articles = QListWidget()
        self.articles.setObjectName("articleList")
        self.articles.setWordWrap(True)
        self.articles.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.articles.currentItemChanged.connect(self._article_chosen)
        articles_panel = QWidget()
        articles_layout = QVBoxLayout(articles_panel)
        articles_layout.setContentsMargins(6, 6, 0, 6)
        articles_layout.addWidget(QLabel("<b>Articles</b>"))
        articles_layout.addWidget(self.articles)

        self.article_view = ArticleView()
        self.article_view.setAcceptDrops(False)  # dropped files go to the window: import
        self.article_view.setPlaceholderText(
            "No article yet.\n\nImport one with File ▸ Import article… (Ctrl+I), drop Word, PDF, web page or "
            "text files on this window, or paste copied text with Ctrl+Shift+V.\n\n"
            "Then select the words of a claim and press Ctrl+K. Help ▸ User guide explains the rest."
        )
        self.article_view.claim_clicked.connect(self.select_claim)
        self.article_view.selection_changed_to_span.connect(lambda _has: self._update_actions())

        self.filter = QLineEdit(placeholderText="Filter: words, or verdict:false tag:budget status:approved claimant:…")
        self.filter.setObjectName("claimFilter")
        self.filter.setClearButtonEnabled(True)
        self.model = ClaimsTableModel(self.scale, self)
        self.filter.textChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the editor; arrows move between claims
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_QUOTE, Qt.SortOrder.AscendingOrder)
        # Two lines per claim: long quotes stay readable. A fixed row height (not
        # ResizeToContents) keeps 20,000 claims fast: no per-row measuring.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_VERDICT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TAGS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SOURCES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ANCHOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_TAGS, 110)
        self.table.selectionModel().currentRowChanged.connect(self._claim_row_changed)

        self.editor = ClaimEditor()
        self.editor.set_scale(self.scale)
        self.editor.verdict_requested.connect(self._set_verdict)
        self.editor.tags_requested.connect(self._set_tags)
        self.editor.rationale_requested.connect(self._set_rationale)
        self.editor.add_source_requested.connect(self._add_source)
        self.editor.remove_source_requested.connect(self._remove_source)
        self.editor.details_requested.connect(self._set_details)
        self.editor.status_requested.connect(self._set_status)
        self.editor.history_requested.connect(self.show_claim_history)
        self.editor.files_requested.connect(self.attachments_dialog)

        claims_panel = QWidget()
        claims_layout = QVBoxLayout(claims_panel)
        claims_layout.setContentsMargins(0, 6, 6, 6)
        self.claims_label = QLabel("<b>Claims</b>")
        self.all_articles = QCheckBox("All articles")
        self.all_articles.setObjectName("allArticles")
        self.all_articles.setToolTip("List and filter the claims of every article in the project")
        self.all_articles.toggled.connect(self._all_articles_toggled)
        self._model_holds_all = False
        label_row = QHBoxLayout()
        label_row.addWidget(self.claims_label)
        label_row.addStretch(1)
        label_row.addWidget(self.all_articles)
        claims_layout.addLayout(label_row)
        claims_layout.addWidget(self.filter)
        self.filter_note = QLabel()
        self.filter_note.setObjectName("filterNote")
        self.filter_note.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_note.setWordWrap(True)
        self.filter_note.hide()
        claims_layout.addWidget(self.filter_note)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.setObjectName("claimsSplitter")
        inner.addWidget(self.table)
        inner.addWidget(self.editor)
        inner.setSizes([300, 420])
        claims_layout.addWidget(inner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(articles_panel)
        self.splitter.addWidget(self.article_view)
        self.splitter.addWidget(claims_panel)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 640, 500])
        self.setCentralWidget(self.splitter)
        self.problems = QListWidget()
        self.problems.setObjectName("problemsList")
        self.problems.itemActivated.connect(self._problem_chosen)
        self.problems.itemDoubleClicked.connect(self._problem_chosen)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        self._problems_timer = QTimer(self, singleShot=True, interval=300)
        self._problems_timer.timeout.connect(self.refresh_problems)
        self.statusBar().showMessage("Opening project…")

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(
            f"{text.replace('&', '').rstrip('…')} ({QKeySequence(shortcut).toString()})" if shortcut else tip
        )
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_project_action = self._action("&New project…", self.new_project_dialog, QKeySequence.StandardKey.New)
        self.open_project_action = self._action(
            "&Open project…", self.open_project_dialog, QKeySequence.StandardKey.Open
        )
        self.import_action = self._action(
            "&Import article…", self.import_dialog, QKeySequence("Ctrl+I"), "Import a plain-text article"
        )
        self.export_action = self._action(
            "&Export Word report…", self.export_dialog, QKeySequence("Ctrl+Shift+E"), "Export a Word report"
        )
        self.import_revision_action = self._action(
            "Import new &version…",
            self.import_revision_dialog,
            QKeySequence("Ctrl+Shift+I"),
            "Import a revised version of this article; its claims are re-anchored",
        )
        self.compare_action = self._action(
            "&Compare with previous version",
            self.show_diff,
            QKeySequence("Ctrl+Shift+D"),
            "What changed in this article",
        )
        self.export_open_actions = {
            fmt: self._action(label, lambda _checked=False, f=fmt: self.export_open_dialog(f), QKeySequence(keys))
            for fmt, label, keys in (
                ("claimreview", "schema.org &ClaimReview (JSON-LD)…", "Ctrl+Alt+J"),
                ("webannotation", "W3C &Web Annotation (JSON-LD)…", "Ctrl+Alt+W"),
                ("csv", "&CSV spreadsheet…", "Ctrl+Alt+S"),
            )
        }
        self.export_archive_action = self._action(
            "Project &archive (to share or keep)…", self.export_archive_dialog, QKeySequence("Ctrl+Alt+E")
        )
        self.import_archive_action = self._action(
            "Open project &archive…",
            self.import_archive_dialog,
            QKeySequence("Ctrl+Alt+O"),
            tip="Make a new project from a shared archive",
        )
        self.paste_action = self._action(
            "Import from &clipboard",
            self.import_clipboard,
            QKeySequence("Ctrl+Shift+V"),
            "New article from copied text",
        )
        self.properties_action = self._action(
            "Article &properties…", self.edit_article_properties, QKeySequence("Alt+Return"), "Title, URL, author, date"
        )
        self.delete_article_action = self._action(
            "&Delete article…",
            self.delete_current_article,
            QKeySequence("Ctrl+Shift+Del"),
            "Delete this article, all its versions and its claims (undoable)",
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence("Ctrl+Q"))
        self.connect_action = self._action(
            "Connect to &team project…",
            self.connect_dialog,
            QKeySequence("Ctrl+Shift+O"),
            "Open a project shared on a PostgreSQL server",
        )
        self.copy_to_file_action = self._action(
            "A &file…", lambda: self.copy_project_dialog(False), QKeySequence("Ctrl+Alt+F"), "A local copy"
        )
        self.copy_to_server_action = self._action(
            "A team &server…",
            lambda: self.copy_project_dialog(True),
            QKeySequence("Ctrl+Alt+T"),
            "Move this project to PostgreSQL so the desk can share it",
        )
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.new_claim_action = self._action(
            "&New claim", self.new_claim_from_selection, NEW_CLAIM_SHORTCUT, "Make a claim of the selected words"
        )
        self.delete_claim_action = self._action(
            "&Delete claim", self.delete_current_claim, QKeySequence.StandardKey.Delete
        )
        self.delete_claim_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_claim_action)
        self.reattach_action = self._action(
            "&Re-attach claim to selection",
            self.reattach_current_claim,
            QKeySequence("Ctrl+R"),
            "Put the selected claim on the words selected in the article",
        )
        self.find_action = self._action("&Filter claims", self.filter.setFocus, QKeySequence.StandardKey.Find)
        self.about_action = self._action("&About Factcheck App", self.show_about, QKeySequence("Shift+F1"))
        self.guide_action = self._action("&User guide", self.show_user_guide, QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, QKeySequence("Ctrl+/"), "Every command and its keys"
        )
        self.preferences_action = self._action(
            "&Preferences…", self.preferences_dialog, QKeySequence("Ctrl+,"), "Your name as analyst"
        )
        self.backup_action = self._action(
            "&Back up now", self.backup_now, QKeySequence("Ctrl+Alt+B"), tip="Copy the project to its backups folder"
        )
        self.restore_action = self._action("&Restore from backup…", self.restore_dialog, QKeySequence("Ctrl+Alt+R"))
        self.scale_action = self._action(
            "&Verdict scale…", self.scale_dialog, QKeySequence("Ctrl+Alt+V"), tip="Labels, colours and ratings"
        )
        self.sources_action = self._action(
            "&Sources library…", self.sources_dialog, QKeySequence("Ctrl+L"), "Every source of the project"
        )
        self.tags_action = self._action(
            "&Tags…", self.tags_dialog, QKeySequence("Ctrl+T"), "Rename, merge, colour tags"
        )
        self.highlight_by_tag_action = self._action(
            "Highlight by &tag colour", self._highlight_mode_changed, QKeySequence("Ctrl+Shift+H")
        )
        self.highlight_by_tag_action.setCheckable(True)
        self.rules_action = self._action(
            "Verdict &rules…", self.rules_dialog, QKeySequence("Ctrl+Alt+G"), tip="What a claim needs before export"
        )
        self.problems_action = self._action(
            "&Problems", self.toggle_problems, QKeySequence("Ctrl+Shift+P"), "Claims that break the verdict rules"
        )
        self.check_action = self._action(
            "&Check project…", self.check_dialog, QKeySequence("Ctrl+Alt+C"), tip="Look for damage and repair it"
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_project_action, self.open_project_action, self.connect_action])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        copy_menu = file_menu.addMenu("Cop&y project to")
        copy_menu.addActions([self.copy_to_file_action, self.copy_to_server_action])
        file_menu.addSeparator()
        file_menu.addAction(self.import_archive_action)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.paste_action, self.import_revision_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        export_menu = file_menu.addMenu("Export &other formats")
        export_menu.addActions(list(self.export_open_actions.values()))
        export_menu.addSeparator()
        export_menu.addAction(self.export_archive_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.new_claim_action, self.delete_claim_action, self.reattach_action, self.find_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        article_menu = self.menuBar().addMenu("&Article")
        article_menu.addActions([self.properties_action, self.import_revision_action, self.compare_action])
        article_menu.addSeparator()
        article_menu.addAction(self.delete_article_action)
        project_menu = self.menuBar().addMenu("&Project")
        project_menu.addActions(
            [self.sources_action, self.tags_action, self.scale_action, self.rules_action, self.problems_action]
        )
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions([self.highlight_by_tag_action, self.problems_action, self.find_action])
        project_menu.addSeparator()
        project_menu.addActions([self.backup_action, self.restore_action, self.check_action])
        view_menu.addSeparator()
        from factcheck_app.ui.theme import theme_menu

        view_menu.addMenu(theme_menu(view_menu))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.guide_action, self.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.import_action, self.new_claim_action, self.delete_claim_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        self.addToolBar(toolbar)
        self.new_claim_button = toolbar.widgetForAction(self.new_claim_action)

    def _restore_layout(self) -> None:
        store = settings.settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = store.value("window/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    # -- projects ------------------------------------------------------------

    def open_project(
        self, target: str | Path, *, read_only: bool = False, password: str | None = None, create: bool = False
    ) -> bool:
        """Open ``target`` (a file or a team project URL); on failure explain why and keep the current one.

        ``create`` makes an empty server database a new team project first.
        """
        from factcheck_app.domain.errors import EmptyDatabase, ForeignSchema, NeedsPassword
        from factcheck_app.services.project import Project

        target = str(target)
        try:
            if create:
                project = Project.create(target, analyst=self.analyst_name(), password=password)
            else:
                project = Project.open(target, read_only=read_only, analyst=self.analyst_name(), password=password)
        except NeedsPassword as error:
            typed = self.ask_password(str(error))
            if typed is None:
                return False
            return self.open_project(target, read_only=read_only, password=typed, create=create)
        except EmptyDatabase as error:
            if not self.ask_yes_no(f"{error}\n\nMake this database a new team project now?"):
                return False
            return self.open_project(target, password=password, create=True)
        except ProjectInUse as error:
            answer = QMessageBox.question(
                self,
                APP_NAME,
                f"{error}\n\nOpen it read-only? You can read and export, but not change it.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            return self.open_project(target, read_only=True)
        except ForeignSchema as error:
            return self._offer_removing_foreign_code(target, error, read_only=read_only)
        except FactcheckError as error:
            self.show_error(error)
            return False
        self.set_project(project)
        settings.remember_project(project.location.target)
        return True

    def _offer_removing_foreign_code(self, target: str, error: Exception, *, read_only: bool) -> bool:
        """A project holding database code the app did not write: offer Check's repair (backup
        first), then open it; a table the app does not know is never removed, only named."""
        if not getattr(error, "removable", False):
            self.show_error(error)
            return False
        if not self.ask_yes_no(f"{error}\n\nRemove it now? The project is backed up first."):
            return False
        from factcheck_app.services.check import check_file

        try:
            report = check_file(target, repair=True, analyst=self.analyst_name())
        except FactcheckError as failure:
            self.show_error(failure)
            return False
        self.show_notice(report.summary())
        return report.ok and self.open_project(target, read_only=read_only)

    def ask_yes_no(self, question: str) -> bool:
        return QMessageBox.question(self, APP_NAME, question) == QMessageBox.StandardButton.Yes

    def ask_password(self, why: str) -> str | None:
        """The server asks for a password: ask for it (kept in memory only); None when cancelled."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(self, "Password", f"{why}\nPassword:", QLineEdit.EchoMode.Password)
        return text if ok else None

    def connect_dialog(self) -> None:
        """File ▸ Connect to team project: a PostgreSQL database shared by the desk."""
        from factcheck_app.ui.dialogs.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self, user=_login_name())
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.open_project(dialog.url(), password=dialog.typed_password(), create=dialog.create.isChecked())

    def copy_project_dialog(self, to_server: bool) -> None:
        """Copy this project to a new file, or into an empty database on a team server."""
        if self.project is None:
            return
        if to_server:
            from factcheck_app.ui.dialogs.connect_dialog import ConnectDialog

            dialog = ConnectDialog(self, user=_login_name(), title="Copy to a team server")
            dialog.create.hide()
            if dialog.exec() != dialog.DialogCode.Accepted:
                return
            self.copy_project_to(dialog.url(), password=dialog.typed_password())
        else:
            path = save_file(
                self, "Copy project to a file", f"{self.project.name}.factcheck", PROJECT_FILTER, "projects"
            )
            if path:
                self.copy_project_to(path)

    def copy_project_to(self, target: str, *, password: str | None = None) -> str | None:
        """Copy the open project (every row, with its history) to ``target``; returns where it went."""
        if self.project is None:
            return None
        from factcheck_app.domain.errors import NeedsPassword
        from factcheck_app.services.copy import copy_project

        self.editor.save_typing()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = copy_project(self.project.location, target, target_password=password)
        except NeedsPassword as error:
            QApplication.restoreOverrideCursor()
            typed = self.ask_password(str(error))
            return self.copy_project_to(target, password=typed) if typed is not None else None
        except FactcheckError as error:
            QApplication.restoreOverrideCursor()
            self.show_error(error)
            return None
        QApplication.restoreOverrideCursor()
        settings.remember_project(report.target)
        self.show_notice(
            f"Copied {report.rows.get('claims', 0)} claims and {report.rows.get('articles', 0)} articles "
            f"({report.total:,} rows in all) to {report.target}. Open it from File ▸ Open recent."
        )
        return report.target

    def open_initial(self, target: str | None) -> None:
        """What the app opens at start: the argument, else the last project, else the sample.

        On the very first start the analyst is also asked their name (not blocking the window).
        """
        self._open_initial(target)
        self.ask_name_at_first_start()

    def ask_name_at_first_start(self) -> None:
        """Ask once who the analyst is: the name goes into the history, sign-offs and as the
        author of Word comments, where the computer's login name ("root") says nothing."""
        store = settings.settings()
        if store.value("analyst/asked", False, type=bool) or store.value("analyst/name", ""):
            return
        from PySide6.QtWidgets import QInputDialog

        store.setValue("analyst/asked", True)
        dialog = QInputDialog(self)
        dialog.setObjectName("analystNameDialog")
        dialog.setWindowTitle(f"Welcome to {APP_NAME}")
        dialog.setLabelText(
            "Your name, as it should appear in the history, on sign-offs and as the author of comments "
            "in Word reports (Edit ▸ Preferences changes it later):"
        )
        dialog.setTextValue("")
        dialog.textValueSelected.connect(lambda name: self.set_analyst_name(name) if name.strip() else None)
        dialog.finished.connect(lambda _r, d=dialog: self._open_dialogs.remove(d) if d in self._open_dialogs else None)
        self._open_dialogs.append(dialog)
        dialog.open()

    def _open_initial(self, target: str | None) -> None:
        if target:
            if self.open_project(target):
                return
        else:
            last = settings.last_project()
            if last and "://" in last:
                from factcheck_app.services.team import server_answers

                if server_answers(last):  # a quick look: a server that is away would hold the window
                    if self.open_project(last):
                        return
                else:
                    self.open_sample()
                    self.statusBar().showMessage(
                        f"The server of your last team project ({last}) does not answer; "
                        "File ▸ Open recent opens it when it is back.",
                        15_000,
                    )
                    return
            elif last and Path(last).exists() and self.open_project(last):
                return
        self.open_sample()

    def open_sample(self) -> bool:
        path = settings.sample_project_path()
        if not path.exists():
            from factcheck_app.services.sample import create_sample_project

            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_sample_project(path)
            except (FactcheckError, OSError) as error:
                self.show_error(error)
                return False
        return self.open_project(path)

    def set_project(self, project: Project) -> None:
        self.close_project()
        self.project = project
        self.scale = project.verdict_scale()
        self.model.set_scale(self.scale)
        self.editor.set_scale(self.scale)
        self._reload_articles(select=None)
        self._update_title()
        self._update_actions()
        if not project.read_only and project.location.path is not None:
            QTimer.singleShot(1500, lambda: self._auto_backup("on-open"))
        if project.location.is_server or project.read_only:
            from factcheck_app.ui.live import LiveUpdates

            self._live = LiveUpdates(project, self)
            self._live.arrived.connect(self.show_others_changes)
            self._live.failed.connect(self._live_failed)
            self._live.start()
        self.team_label.setVisible(project.location.is_server)
        self.team_label.setText(f"Team project on {project.location.display_name.split(' on ', 1)[-1]} · live")
        self.team_label.setToolTip(
            f"{project.location.display_url}\nYou are “{project.analyst}”. Others' changes appear within "
            f"{LIVE_POLL_MS // 1000} s; a change to something someone else changed first asks you."
        )
        mode = " (read-only)" if project.read_only else ""
        team = " Team project: others' changes appear as they save them." if project.location.is_server else ""
        self.statusBar().showMessage(f"Opened {project.name}{mode}. Every change is saved as you make it.{team}")

    def close_project(self) -> None:
        if self.project is None:
            return
        self.editor.save_typing()
        if self._live is not None:
            self._live.stop()
            self._live.deleteLater()
            self._live = None
        self.team_label.hide()
        self.undo_stack.clear()
        self.project.close()
        self.project = None
        self.article_id = None
        self._model_holds_all = False
        self.articles.clear()
        self.model.reset([])
        self.article_view.show_article("")
        self.editor.show_claim(None, None)

    def _reload_articles(self, select: int | None) -> None:
        assert self.project is not None
        from factcheck_app.services.articles import latest_versions

        articles = latest_versions(self.project.articles())
        from factcheck_app.ui.models import claims_model

        claims_model.ARTICLE_TITLES.clear()
        claims_model.ARTICLE_TITLES.update({a.id: a.title.casefold() for a in articles})
        wanted = select if select is not None else self.article_id
        if wanted not in {a.id for a in articles}:
            wanted = articles[0].id if articles else None
        self.articles.blockSignals(True)
        self.articles.clear()
        chosen: QListWidgetItem | None = None
        for article in articles:
            label = article.title if article.revision == 1 else f"{article.title}  · v{article.revision}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, article.id)
            item.setToolTip(plain_tooltip(f"{article.title}\n{article.url or article.original_name}"))
            self.articles.addItem(item)
            if article.id == wanted:
                chosen = item
        self.articles.blockSignals(False)
        if chosen is not None:
            self.articles.setCurrentItem(chosen)
            if wanted != self.article_id or select is not None:
                self.show_article(wanted)
        else:
            self.show_article(None)

    def _relabel_articles(self) -> None:
        """Refresh titles in the list after a metadata edit, keeping the view as it is."""
        assert self.project is not None
        by_id = {a.id: a for a in self.project.articles()}
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            article = by_id.get(int(item.data(Qt.ItemDataRole.UserRole)))
            if article is not None:
                item.setText(article.title if article.revision == 1 else f"{article.title}  · v{article.revision}")
                item.setToolTip(plain_tooltip(f"{article.title}\n{article.url or article.original_name}"))

    def _article_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_article(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_article(self, article_id: int | None) -> None:
        self.editor.save_typing()
        self.article_id = article_id
        if self.project is None or article_id is None:
            self.article_view.show_article("")
            self.model.reset([])
            self.editor.show_claim(None, None)
            self._update_claims_label()
            return
        article = self.project.article(article_id)
        self.article_view.show_article(article.text, article.blocks)
        if not (self.all_articles.isChecked() and self._model_holds_all):
            self._model_holds_all = self.all_articles.isChecked()
            self.model.reset(self.project.claims(None if self._model_holds_all else article_id))
        self.article_view.set_claims(self._claims_in_view(), self.scale)
        self.editor.show_claim(None, None)
        self._update_claims_label()
        self._update_actions()

    def _claims_in_view(self) -> list:  # type: ignore[type-arg]
        """The claims of the article on screen (the panel may list every article's)."""
        return [c for c in self.model.claims() if c.article_id == self.article_id]

    def _all_articles_toggled(self, checked: bool) -> None:
        """List the claims of every article (filter across the project) or of this one only."""
        current = self.editor.current_claim_id()
        self._model_holds_all = False
        if self.project is not None and self.article_id is not None:
            self._model_holds_all = checked
            self.model.reset(self.project.claims(None if checked else self.article_id))
            self.article_view.set_claims(self._claims_in_view(), self.scale)
        self._update_claims_label()
        if current is not None:
            self.select_claim(current)

    # -- edits ---------------------------------------------------------------

    def run_edit(self, edit: Edit) -> bool:
        if self.project is None:
            return False
        from factcheck_app.ui.undo import run_edit

        self._base_on_screen(edit)
        return run_edit(self.undo_stack, self.project, edit, self.apply_changes, self.show_error, self._ask_conflict)

    def _base_on_screen(self, edit: Edit) -> None:
        """Tell the edit which version of its claim the analyst was looking at (team projects)."""
        claim_id = getattr(edit, "claim_id", None)
        if claim_id is None or edit.expectations():
            return
        base = self.editor.base_claim() if self.editor.current_claim_id() == claim_id else None
        base = base or self.model.claim(claim_id)
        if base is not None:
            edit.based_on(base)

    def _ask_conflict(self, conflict) -> bool:  # type: ignore[no-untyped-def]
        """Someone else changed it first: show both; True to go ahead with mine."""
        self.last_conflict = conflict
        return self.resolve_conflict(conflict, self)

    @staticmethod
    def resolve_conflict(conflict, parent) -> bool:  # type: ignore[no-untyped-def]
        from factcheck_app.ui.dialogs.conflict_dialog import ask_use_mine

        return ask_use_mine(conflict, parent)

    # -- live updates (team projects, read-only windows) ----------------------

    def poll_others(self) -> None:
        """Show what other analysts saved since the last look, now (the background poller does
        this every few seconds by itself)."""
        if self.project is None:
            return
        try:
            remote = self.project.others_changes()
        except FactcheckError as error:
            self._live_failed(str(error))
            return
        self.show_others_changes(remote)

    def _live_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Live updates paused (trying again): {message}", 10_000)

    def show_others_changes(self, remote) -> None:  # type: ignore[no-untyped-def]
        if self.project is None or not remote:
            return
        self.apply_changes(remote.changes, remote=True)
        count = len(remote.changes.claims_updated | remote.changes.claims_removed)
        what = f"{count} claim(s)" if count else "the project"
        who = ", ".join(sorted(remote.analysts))
        self.statusBar().showMessage(f"{who} changed {what}.", 8000)

    def apply_changes(self, changes: Changes, *, remote: bool = False) -> None:
        """Refresh only what the change concerns (Anki's OpChanges pattern).

        ``remote``: another analyst's change. The view stays where it is (no jump to a new
        claim or article), and what I am typing in the editor is kept.
        """
        if self.project is None:
            return
        if remote and (changes.articles_updated or changes.articles_removed):
            self._reload_articles(select=None)
            if self.article_id in changes.articles_removed:
                return
        if "verdict_scale" in changes.settings_changed:
            self._reload_scale()
        if changes.touches_claims or changes.settings_changed:
            self._problems_timer.start()
        if "tags" in changes.settings_changed and self.highlight_by_tag_action.isChecked():
            self._highlight_mode_changed()
        if remote:
            pass
        elif changes.articles_added or changes.articles_removed:
            added = sorted(changes.articles_added)
            self._reload_articles(select=added[-1] if added else None)
        elif changes.articles_updated:
            self._relabel_articles()
        if changes.touches_claims:
            current = self.editor.current_claim_id()
            if current is not None and current in changes.claims_removed:
                self.editor.show_claim(None, None, removed=True)
            for claim_id in changes.claims_removed:
                self.model.remove(claim_id)
            for claim in self.project.find_claims(changes.claims_added | changes.claims_updated):
                if self._model_holds_all or claim.article_id == self.article_id:
                    self.model.upsert(claim)
                else:
                    self.model.remove(claim.id)
            self.article_view.set_claims(self._claims_in_view(), self.scale)
            self._update_claims_label()
            current = self.editor.current_claim_id()
            if changes.claims_added and not remote:
                newest = max(changes.claims_added)
                if self.model.claim(newest) is not None:
                    self.select_claim(newest)
            elif current is not None and current in changes.claims_updated:
                self.editor.show_claim(self.model.claim(current), self.scale)
        self._update_actions()

    def new_claim_from_selection(self) -> None:
        if self.project is None or self.article_id is None:
            return
        anchor = self._anchor_from_selection("Select the words of the claim in the article first.")
        if anchor is None:
            return
        from factcheck_app.services.edits import CreateClaim

        edit = CreateClaim(self.article_id, anchor)
        if self.run_edit(edit):
            self.editor.verdict.setFocus()
            self._offer_similar(edit.claim_id)

    def _offer_similar(self, claim_id: int | None) -> None:
        """When a claim is made, show earlier claims that say much the same (with verdicts)."""
        if self.project is None or claim_id is None:
            return
        from factcheck_app.services.similar import similar_claims

        try:
            found = similar_claims(self.project, self.project.claim(claim_id))
        except FactcheckError:
            return
        self.editor.show_similar(found)
        if found:
            self.statusBar().showMessage(
                f"{len(found)} similar claim(s) already in this project: see the editor.", 8000
            )

    def delete_current_article(self) -> None:
        """Delete the article on screen with its versions and claims, after saying how many go."""
        if self.project is None or self.article_id is None:
            return
        from factcheck_app.services.articles import article_deletion

        self.editor.save_typing()
        try:
            deletion = article_deletion(self.project, self.article_id)
        except FactcheckError as error:
            self.show_error(error)
            return
        if self.ask_yes_no(f"{deletion.question}\n\nEdit ▸ Undo (Ctrl+Z) brings it back."):
            self.run_edit(deletion.edit())

    def delete_current_claim(self) -> None:
        self.editor.save_typing()
        claim_id = self.editor.current_claim_id()
        if claim_id is None:
            return
        from factcheck_app.services.edits import DeleteClaim

        self.run_edit(DeleteClaim(claim_id))

    def _set_verdict(self, claim_id: int, label: str | None) -> None:
        from factcheck_app.services.edits import SetVerdict

        self.run_edit(SetVerdict(claim_id, label))

    def _set_tags(self, claim_id: int, tags: tuple[str, ...]) -> None:
        from factcheck_app.services.edits import SetTags

        self.run_edit(SetTags(claim_id, tags))

    def _set_rationale(self, claim_id: int, text: str) -> None:
        from factcheck_app.services.edits import SetRationale

        self.run_edit(SetRationale(claim_id, text))

    def _set_details(self, claim_id: int, values: dict) -> None:  # type: ignore[type-arg]
        from factcheck_app.services.edits import SetClaimDetails

        self.run_edit(SetClaimDetails(claim_id, **values))

    def _set_status(self, claim_id: int, status: str) -> None:
        from factcheck_app.services.edits import SetStatus

        self.run_edit(SetStatus(claim_id, status))

    def show_claim_history(self, claim_id: int) -> None:
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.history_dialog import HistoryDialog

        claim = self.model.claim(claim_id)
        dialog = HistoryDialog(
            self.project.history("claim", claim_id), claim.quote[:60] if claim else str(claim_id), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._open_dialogs.remove(d) if d in self._open_dialogs else None)
        dialog.open()

    def scale_dialog(self) -> None:
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.scale_dialog import ScaleDialog

        shown = self.project.verdict_scale()
        dialog = ScaleDialog(shown, self)
        if dialog.exec() == ScaleDialog.DialogCode.Accepted and dialog.result_scale() is not None:
            scale, renames = dialog.result_scale()  # type: ignore[misc]
            self.set_verdict_scale(scale, renames, base=shown)

    def set_verdict_scale(self, scale, renames: dict[str, str] | None = None, base=None) -> bool:  # type: ignore[no-untyped-def]
        """Replace the verdict scale; ``base`` is the scale the dialog showed (checked on save)."""
        from factcheck_app.services.edits import SetVerdictScale

        try:
            edit = SetVerdictScale(scale, renames, base=base)
        except FactcheckError as error:
            self.show_error(error)
            return False
        return self.run_edit(edit)

    def _reload_scale(self) -> None:
        assert self.project is not None
        self.scale = self.project.verdict_scale()
        self.model.set_scale(self.scale)
        self.editor.set_scale(self.scale)
        self.article_view.set_claims(self._claims_in_view(), self.scale)
        current = self.editor.current_claim_id()
        if current is not None:
            self.editor.show_claim(self.model.claim(current), self.scale)

    def attachments_dialog(self, source_id: int) -> None:
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.attachments_dialog import AttachmentsDialog

        source = next((s for s in self.project.sources() if s.id == source_id), None)
        if source is not None:
            AttachmentsDialog(self, source).exec()

    def attach_file(self, source_id: int, path: str | Path) -> bool:
        from factcheck_app.services.edits import AttachFile

        try:
            edit = AttachFile(source_id, path)
        except FactcheckError as error:
            self.show_error(error)
            return False
        return self.run_edit(edit)

    def remove_attachment(self, attachment_id: int) -> bool:
        from factcheck_app.services.edits import RemoveAttachment

        return self.run_edit(RemoveAttachment(attachment_id))

    def open_attachment(self, attachment_id: int) -> Path | None:
        """Open an attached file in the system viewer (a private copy; the project is untouched)."""
        if self.project is None:
            return None
        from factcheck_app.services.attachments import viewing_copy

        try:
            path = viewing_copy(self.project, attachment_id)
        except FactcheckError as error:
            self.show_error(error)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_attachment_dialog(self, attachment_id: int) -> None:
        if self.project is None:
            return
        from factcheck_app.services.attachments import save_attachment

        name = next((a.name for a in self.project.attachments() if a.id == attachment_id), "attachment")
        path = save_file(self, "Save attached file", name, "All files (*)", "attachments")
        if path:
            try:
                save_attachment(self.project, attachment_id, path)
            except FactcheckError as error:
                self.show_error(error)

    def sources_dialog(self) -> None:
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.sources_dialog import SourcesDialog

        SourcesDialog(self).exec()

    def update_source(self, source, base=None) -> bool:  # type: ignore[no-untyped-def]
        """Save an edited library entry; ``base`` is the entry as the dialog showed it."""
        from factcheck_app.services.edits import UpdateSource

        return self._try_edit(lambda: UpdateSource(source).based_on(*([base] if base is not None else [])))

    def tags_dialog(self) -> None:
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.tags_dialog import TagsDialog

        TagsDialog(self).exec()

    def rename_tag(self, old: str, new: str) -> bool:
        from factcheck_app.services.edits import RenameTag

        return self._try_edit(lambda: RenameTag(old, new))

    def delete_tag(self, name: str) -> bool:
        from factcheck_app.services.edits import DeleteTag

        return self._try_edit(lambda: DeleteTag(name))

    def set_tag_colour(self, name: str, colour: str) -> bool:
        from factcheck_app.services.edits import SetTagColour

        return self._try_edit(lambda: SetTagColour(name, colour))

    def _try_edit(self, make) -> bool:  # type: ignore[no-untyped-def]
        try:
            edit = make()
        except FactcheckError as error:
            self.show_error(error)
            return False
        return self.run_edit(edit)

    def _highlight_mode_changed(self) -> None:
        """Colour highlights by verdict (default) or by the claim's first tag with a colour."""
        if self.project is None:
            return
        colours = {t.name: t.colour for t in self.project.tags() if t.colour}
        self.article_view.set_tag_colours(colours if self.highlight_by_tag_action.isChecked() else None)
        self.article_view.set_claims(self._claims_in_view(), self.scale)

    def rules_dialog(self) -> None:
        if self.project is None:
            return
        from factcheck_app.services.edits import SetProjectSetting
        from factcheck_app.ui.dialogs.rules_dialog import RulesDialog

        shown = self.project.settings()
        dialog = RulesDialog(shown, self)
        if dialog.exec() != RulesDialog.DialogCode.Accepted:
            return
        # Only what the analyst changed in the dialog, each checked against what it showed:
        # a rule someone else changed meanwhile is neither reverted nor silently overwritten.
        changed = {k: v for k, v in dialog.values().items() if shown.get(k) != v}
        if changed:
            self.undo_stack.beginMacro("Change verdict rules")
            for key, value in changed.items():
                self.run_edit(SetProjectSetting(key, value, seen=shown.get(key)))
            self.undo_stack.endMacro()
        self.refresh_problems()

    def toggle_problems(self) -> None:
        self.problems_dock.setVisible(not self.problems_dock.isVisible())
        self.refresh_problems()

    def refresh_problems(self) -> list:  # type: ignore[type-arg]
        """List the verdict-rule breaches in the Problems panel (Project ▸ Problems, Ctrl+Shift+P)."""
        self.problems.clear()
        if self.project is None:
            return []
        from factcheck_app.services.problems import project_problems

        found = project_problems(self.project)
        for problem in found:
            item = QListWidgetItem(f"⚠ {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.claim_id)
            self.problems.addItem(item)
        self.problems_dock.setWindowTitle(f"Problems ({len(found)})")
        return found

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        claim_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.model.row_of(claim_id) < 0 and not self.all_articles.isChecked():
            self.all_articles.setChecked(True)
        self.select_claim(claim_id)

    def preferences_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self, "Preferences", "Your name, as stamped on every edit and sign-off:", text=self.analyst_name()
        )
        if ok:
            self.set_analyst_name(name)

    def analyst_name(self) -> str:
        from factcheck_app.services.project import default_analyst

        return str(settings.settings().value("analyst/name", "") or "") or default_analyst()

    def set_analyst_name(self, name: str) -> None:
        name = " ".join(name.split())
        settings.settings().setValue("analyst/name", name)
        if self.project is not None:
            self.project.analyst = self.analyst_name()
        self.statusBar().showMessage(f"Edits are now stamped with “{self.analyst_name()}”.", 6000)

    def _add_source(self, claim_id: int) -> None:
        from factcheck_app.ui.dialogs.source_dialog import SourceDialog

        dialog = SourceDialog(self)
        if dialog.exec() == SourceDialog.DialogCode.Accepted and dialog.source() is not None:
            self.add_source(claim_id, dialog.source(), **dialog.evidence())  # type: ignore[arg-type]

    def add_source(self, claim_id: int, source, **evidence: str) -> bool:  # type: ignore[no-untyped-def]
        from factcheck_app.services.edits import AddSource

        try:
            edit = AddSource(claim_id, source, **evidence)
        except FactcheckError as error:
            self.show_error(error)
            return False
        return self.run_edit(edit)

    def _remove_source(self, claim_id: int, source_id: int) -> None:
        from factcheck_app.services.edits import RemoveSource

        self.run_edit(RemoveSource(claim_id, source_id))

    # -- selection -----------------------------------------------------------

    def select_claim(self, claim_id: int) -> None:
        """Select the claim in the table (which scrolls the article to it)."""
        row = self.model.row_of(claim_id)
        if row < 0 and self.filter.text():
            self.filter.clear()
            row = self.model.row_of(claim_id)
        if row < 0:
            return
        index = self.model.index(row, COL_QUOTE)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _claim_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim = self.model.claim_at(current.row()) if current.isValid() else None
        if claim is not None and claim.article_id != self.article_id:
            self._switch_article_keeping(claim.id, claim.article_id)
        self._show_selected_claim(claim)

    def _show_selected_claim(self, claim) -> None:  # type: ignore[no-untyped-def]
        self.editor.show_claim(claim, self.scale)
        self.article_view.set_current_claim(claim.id if claim else None)
        if claim is not None:
            self.article_view.reveal(claim.anchor.start, claim.anchor.end)
        self._update_actions()

    def _switch_article_keeping(self, claim_id: int, article_id: int) -> None:
        """A claim of another article was chosen in the all-articles list: show its article."""
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            if int(item.data(Qt.ItemDataRole.UserRole)) == article_id:
                self.articles.blockSignals(True)
                self.articles.setCurrentItem(item)
                self.articles.blockSignals(False)
                break
        self.show_article(article_id)

    def _filter_changed(self, text: str) -> None:
        current = self.editor.current_claim_id()
        self.model.set_filter(text)
        warning = self.model.filter_warning
        self.filter_note.setText(f"⚠ {warning}" if warning else "")
        if warning:
            from factcheck_app.ui.theme import readable_text_colour

            self.filter_note.setStyleSheet(f"color: {readable_text_colour('#b45309', self.palette())}")
        self.filter_note.setVisible(bool(warning))
        if current is not None and self.model.row_of(current) >= 0:
            self.select_claim(current)
        self._update_claims_label()

    # -- file dialogs ------------------------------------------------------------

    def new_project_dialog(self) -> None:
        path = save_file(self, "New project", "Untitled.factcheck", PROJECT_FILTER, "projects")
        if path:
            self.create_project(path)

    def create_project(self, path: str) -> bool:
        from factcheck_app.services.project import Project

        try:
            project = Project.create(path, analyst=self.analyst_name())
        except FactcheckError as error:
            self.show_error(error)
            return False
        self.set_project(project)
        settings.remember_project(project.location.target)
        return True

    def open_project_dialog(self) -> None:
        path = open_file(self, "Open project", PROJECT_FILTER, "projects")
        if path:
            self.open_project(path)

    def import_revision_dialog(self) -> None:
        if self.project is None or self.article_id is None:
            return
        path = open_file(self, "Import new version of this article", article_filter(), "articles")
        if path:
            self.import_revision(path)

    def import_revision(self, path: str | Path) -> bool:
        """Import ``path`` as the next version of the current article and report what moved."""
        if self.article_id is None:
            return False
        from factcheck_app.services.articles import import_revision_edit

        try:
            edit = import_revision_edit(self.article_id, path)
        except FactcheckError as error:
            self.show_error(error)
            return False
        before = {c.id: c for c in self.model.claims()}
        if not self.run_edit(edit):
            return False
        changed_with_verdict = [
            c for c in self.model.claims() if c.anchor_state == "changed" and before.get(c.id) and before[c.id].verdict
        ]
        summary = ", ".join(f"{n} {state}" for state, n in sorted(edit.outcome.items())) or "no claims to re-anchor"
        self.statusBar().showMessage(f"Imported version {self.current_revision()}: {summary}.", 15000)
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
            self.show_notice("\n".join(lines))
        return True

    def edit_article_properties(self) -> None:
        if self.project is None or self.article_id is None:
            return
        from factcheck_app.ui.dialogs.article_properties import ArticlePropertiesDialog

        article = self.project.article(self.article_id)
        dialog = ArticlePropertiesDialog(article, self)
        if dialog.exec() == ArticlePropertiesDialog.DialogCode.Accepted:
            self.update_article_properties(dialog.changed_values(), base=article)

    def update_article_properties(self, values: dict[str, object], base=None) -> bool:  # type: ignore[no-untyped-def]
        """Save corrected article properties; ``base`` is the article as the dialog showed it."""
        if not values or self.article_id is None:
            return False
        from factcheck_app.services.edits import UpdateArticleMetadata

        try:
            edit = UpdateArticleMetadata(self.article_id, **values)
        except FactcheckError as error:
            self.show_error(error)
            return False
        if base is not None:
            edit.based_on(base)
        return self.run_edit(edit)

    # -- safety ----------------------------------------------------------------

    def _auto_backup(self, reason: str) -> Path | None:
        """Back up if the project changed since its last backup; never interrupts work."""
        if self.project is None or self.project.read_only or self.project.location.path is None:
            return None
        from factcheck_app.services.backups import backup_if_changed

        try:
            return backup_if_changed(self.project, reason=reason)
        except FactcheckError as error:
            self.statusBar().showMessage(f"Automatic backup failed: {error}", 10000)
            return None

    def backup_now(self) -> Path | None:
        if self.project is None or self.project.location.path is None:
            return None
        from factcheck_app.services.backups import make_backup

        try:
            path = make_backup(self.project.location.path, reason="manual", counter=self.project.edit_counter())
        except FactcheckError as error:
            self.show_error(error)
            return None
        self.statusBar().showMessage(f"Backed up to {path}", 8000)
        return path

    def restore_dialog(self) -> None:
        if self.project is None or self.project.location.path is None:
            return
        from PySide6.QtWidgets import QInputDialog

        from factcheck_app.services.backups import list_backups

        backups = list_backups(self.project.location.path)
        if not backups:
            self.show_notice("This project has no backups yet.")
            return
        labels = [f"{b.created:%Y-%m-%d %H:%M:%S} — {b.reason} ({b.size // 1024:,} KB)" for b in backups]
        label, ok = QInputDialog.getItem(
            self, "Restore from backup", "Replace the project with the backup of:", labels, 0, False
        )
        if ok and label:
            self.restore_backup(backups[labels.index(label)].path)

    def restore_backup(self, backup: Path) -> bool:
        """Close the project, restore the backup over it (current state saved first), reopen."""
        if self.project is None or self.project.location.path is None:
            return False
        from factcheck_app.services.backups import restore_backup

        path = self.project.location.path
        self.close_project()
        try:
            safety = restore_backup(path, backup)
        except FactcheckError as error:
            self.show_error(error)
            self.open_project(path)
            return False
        opened = self.open_project(path)
        self.statusBar().showMessage(f"Restored. The replaced state was backed up to {safety.name}.", 15000)
        return opened

    def check_dialog(self) -> None:
        report = self.check_project(repair=False)
        if report is None:
            return
        if any(p.repairable for p in report.problems) and not self.project.read_only:  # type: ignore[union-attr]
            answer = QMessageBox.question(self, APP_NAME, report.summary() + "\n\nRepair what can be repaired?")
            if answer == QMessageBox.StandardButton.Yes:
                report = self.check_project(repair=True)
        if report is not None:
            self.show_notice(report.summary())

    def check_project(self, *, repair: bool):  # type: ignore[no-untyped-def]
        if self.project is None:
            return None
        from factcheck_app.services.check import check_project

        if repair:
            self.backup_now()
        try:
            report = check_project(self.project, repair=repair)
        except FactcheckError as error:
            self.show_error(error)
            return None
        if repair and report.repaired:
            self.undo_stack.clear()  # repaired rows may no longer match what undo remembers
            self._model_holds_all = False  # reload every claim shown, not just the article list
            self._reload_articles(select=self.article_id)
        return report

    def current_revision(self) -> int:
        if self.project is None or self.article_id is None:
            return 0
        return self.project.article(self.article_id).revision

    def show_diff(self) -> None:
        if self.project is None or self.article_id is None:
            return
        article = self.project.article(self.article_id)
        if article.revision_of is None:
            self.statusBar().showMessage("This article has only one version.", 5000)
            return
        from factcheck_app.ui.dialogs.diff_dialog import DiffDialog

        dialog = DiffDialog(self.project.article(article.revision_of), article, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open_dialogs.append(dialog)  # closed with the window
        dialog.finished.connect(lambda _r, d=dialog: self._open_dialogs.remove(d) if d in self._open_dialogs else None)
        dialog.open()

    def reattach_current_claim(self) -> None:
        claim_id = self.editor.current_claim_id()
        if self.project is None or claim_id is None:
            return
        anchor = self._anchor_from_selection("Select the words to attach the claim to, then Re-attach.")
        if anchor is None:
            return
        from factcheck_app.services.edits import ReattachClaim

        self.run_edit(ReattachClaim(claim_id, anchor))

    def _anchor_from_selection(self, hint: str):  # type: ignore[no-untyped-def]
        """The anchor of the words selected in the article, or None (with ``hint`` shown)."""
        span = self.article_view.selected_span()
        if span is None:
            self.statusBar().showMessage(hint, 6000)
            return None
        from factcheck_app.domain.anchors import anchor_for_span

        try:
            return anchor_for_span(self.article_view.text(), *span)
        except FactcheckError as error:
            self.show_error(error)
            return None

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Open the sample project", self.open_sample)

    def import_dialog(self) -> None:
        paths = open_files(self, "Import articles", article_filter(), "articles")
        self.import_files(paths)

    def import_files(self, paths: list[str] | list[Path]) -> None:
        """Import one file at once; several on a worker thread with progress and Cancel."""
        if not paths or self.project is None or self.project.read_only:
            return
        if len(paths) == 1:
            self.import_file(paths[0])
            return
        from factcheck_app.ui.tasks import ImportBatch

        self._import_batch = ImportBatch([Path(p) for p in paths], self)
        self._import_batch.start()

    def import_clipboard(self) -> bool:
        """Import the clipboard's text as a new article (Ctrl+Shift+V)."""
        if self.project is None or self.project.read_only:
            return False
        from factcheck_app.importers.registry import draft_from_text
        from factcheck_app.services.edits import ImportArticle

        text = QApplication.clipboard().text()
        try:
            draft = draft_from_text(text)
        except FactcheckError as error:
            self.show_error(error)
            return False
        return self.run_edit(ImportArticle(draft))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.import_files(paths)

    def import_file(self, path: str | Path) -> bool:
        from factcheck_app.services.articles import import_article_edit

        try:
            edit = import_article_edit(path)
        except FactcheckError as error:
            self.show_error(error)
            return False
        if self.run_edit(edit):
            self.statusBar().showMessage(f"Imported {Path(path).name}.", 5000)
            return True
        return False

    def export_dialog(self) -> None:
        """Report dialog (remembered choices) → file name → written in the background."""
        if self.project is None:
            return
        from factcheck_app.ui.dialogs.report_dialog import ReportDialog

        self.editor.save_typing()
        stem = Path(self.project.name).stem
        dialog = ReportDialog(
            f"Fact-check report — {stem}", self.project.settings().get("organisation", ""), self.project.analyst, self
        )
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        dialog.remember()
        if not self._problems_allow_export(self.report_claim_ids(str(dialog.choices().get("scope", "all")))):
            return
        path = save_file(self, "Export Word report", f"{stem} report.docx", "Word documents (*.docx)", "exports")
        if path:
            self.export_report_in_background(path, dialog.choices())

    def _problems_allow_export(self, claim_ids: list[int] | None) -> bool:
        """Before export: warn about broken verdict rules, or refuse if the project blocks."""
        assert self.project is not None
        from factcheck_app.services.problems import check_before_export

        try:
            problems = check_before_export(self.project, claim_ids)
        except FactcheckError as error:
            self.show_error(error)
            self.problems_dock.show()
            self.refresh_problems()
            return False
        if not problems:
            return True
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"{len(problems)} claim problem(s) against the verdict rules, e.g.:\n\n{problems[0].message}\n\n"
            "Export anyway?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def report_claim_ids(self, scope: str) -> list[int] | None:
        """Which claims a report covers: all, approved only, the current article's, or those the filter shows."""
        if scope == "approved" and self.project is not None:
            return [c.id for c in self.project.claims() if c.status in ("approved", "published")]
        if scope == "article":
            return [c.id for c in self._claims_in_view()]
        if scope == "filter":
            return [self.model.claim_at(row).id for row in range(self.model.rowCount())]  # type: ignore[union-attr]
        return None

    def export_report_in_background(self, path: str | Path, choices: dict) -> None:  # type: ignore[type-arg]
        if self.project is None:
            return
        from factcheck_app.services.reports import prepare_report, report_path
        from factcheck_app.ui.tasks import ReportJob

        options = {k: v for k, v in choices.items() if k not in ("scope", "title")}
        try:
            report = prepare_report(
                self.project,
                title=str(choices.get("title") or "") or None,
                options=options,
                claim_ids=self.report_claim_ids(str(choices.get("scope", "all"))),
            )
        except FactcheckError as error:
            self.show_error(error)
            return
        self.report_job = ReportJob(report, report_path(path), self)
        self.report_job.done.connect(self._report_written)
        self.report_job.start()

    def _report_written(self, written: Path | None) -> None:
        self.last_report = written
        if written is None:
            return
        self.statusBar().showMessage(f"Report saved to {written}", 10000)
        if QApplication.platformName() == "offscreen":
            return  # tests and screenshots: no modal box
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, f"The report was saved to\n{written}", parent=self)
        open_button = box.addButton("Open report", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))

    def export_report(self, path: str | Path) -> Path | None:
        if self.project is None:
            return None
        from factcheck_app.services.reports import export_report

        return self._save_with(export_report, path, "Report")

    def _busy(self, work):  # type: ignore[no-untyped-def]
        """Run ``work`` under a wait cursor; a FactcheckError is shown and gives None."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work()
        except FactcheckError as error:
            self.show_error(error)
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def export_open_dialog(self, fmt: str) -> None:
        if self.project is None:
            return
        suffix, kind = (".csv", "CSV files (*.csv)") if fmt == "csv" else (".jsonld", "JSON-LD (*.jsonld *.json)")
        path = save_file(self, "Export", f"{Path(self.project.name).stem} {fmt}{suffix}", kind, "exports")
        if path:
            self.export_open_format(path, fmt)

    def export_open_format(self, path: str | Path, fmt: str):  # type: ignore[no-untyped-def]
        if self.project is None:
            return None
        from factcheck_app.services.exports import export_open_format

        self.editor.save_typing()
        try:
            result = export_open_format(self.project, path, fmt)
        except FactcheckError as error:
            self.show_error(error)
            return None
        self.statusBar().showMessage(result.summary, 10000)
        if result.notes:
            self.show_notice(result.summary + "\n\n" + "\n".join(result.notes))
        return result

    def export_archive_dialog(self) -> None:
        if self.project is None:
            return
        path = save_file(
            self,
            "Export project archive",
            f"{Path(self.project.name).stem}.factcheck-archive",
            ARCHIVE_FILTER,
            "archives",
        )
        if path:
            self.export_archive(path)

    def export_archive(self, path: str | Path) -> Path | None:
        if self.project is None:
            return None
        from factcheck_app.services.archive import export_archive

        return self._save_with(export_archive, path, "Archive")

    def _save_with(self, write, path: str | Path, what: str) -> Path | None:  # type: ignore[no-untyped-def]
        """Save pending typing, then write the open project to ``path`` under a wait cursor."""
        self.editor.save_typing()
        project = self.project
        written = self._busy(lambda: write(project, path))
        if written is not None:
            self.statusBar().showMessage(f"{what} saved to {written}", 10000)
        return written

    def import_archive_dialog(self) -> None:
        archive = open_file(self, "Open project archive", ARCHIVE_FILTER, "archives")
        if not archive:
            return
        target = save_file(
            self, "Save the new project as", Path(archive).with_suffix(".factcheck").name, PROJECT_FILTER, "projects"
        )
        if target:
            self.import_archive(archive, target)

    def import_archive(self, archive: str | Path, target: str | Path) -> bool:
        """Make a new project from an archive and open it; the current project stays as it was."""
        from factcheck_app.services.archive import import_archive

        created = self._busy(lambda: import_archive(archive, target))
        return created is not None and self.open_project(created)

    # -- feedback ------------------------------------------------------------

    def show_error(self, error: Exception) -> None:
        """Tell the analyst plainly; non-blocking so work (and tests) carry on."""
        self.last_error = str(error)
        self.statusBar().showMessage(str(error), 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(error), QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, b=box: self._open_dialogs.remove(b) if b in self._open_dialogs else None)
        self._open_dialogs.append(box)
        box.open()

    def show_notice(self, text: str) -> None:
        """An important, non-blocking message (e.g. claims that need review)."""
        self.last_notice = text
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, b=box: self._open_dialogs.remove(b) if b in self._open_dialogs else None)
        self._open_dialogs.append(box)
        box.open()

    def show_user_guide(self) -> None:
        from factcheck_app.ui.dialogs.help_dialog import show_user_guide

        show_user_guide(self)

    def show_shortcuts(self) -> None:
        from factcheck_app.ui.dialogs.help_dialog import show_shortcuts

        show_shortcuts(self, self.findChildren(QAction))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Annotate articles with claims, verdicts and sources; export Word reports.</p>"
            "<p>Licence: GPL-3.0-or-later.</p>"
            "<p>Built with Qt for Python (PySide6), SQLAlchemy, Alembic, python-docx and charset-normalizer.</p>",
        )

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle(APP_NAME)
            return
        mode = " [read-only]" if self.project.read_only else ""
        where = self.project.location.target
        self.setWindowTitle(f"{self.project.name}{mode} — {APP_NAME}")
        self.setWindowFilePath(str(where))

    def _update_anchor_column(self) -> None:
        """The Anchor column only appears when some claim moved, changed or is orphaned."""
        needed = any(c.anchor_state != "anchored" for c in self.model.claims())
        self.table.setColumnHidden(COL_ANCHOR, not needed)
        self._keep_quote_readable()

    def _keep_quote_readable(self) -> None:
        """The Quote column keeps at least a third of the table: when the Anchor column appears
        in a narrow panel, the Tags column gives up its room (tags wrap) rather than the quote
        shrinking to "…"."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        others = sum(
            header.sectionSize(column)
            for column in (COL_VERDICT, COL_SOURCES, COL_ANCHOR, COL_STATUS)
            if not self.table.isColumnHidden(column)
        )
        room_for_tags = width - others - width // 3
        tags = header.sectionSize(COL_TAGS)
        if room_for_tags < tags:
            header.resizeSection(COL_TAGS, max(60, room_for_tags))

    def _update_claims_label(self) -> None:
        self._update_anchor_column()
        shown, total = self.model.rowCount(), len(self.model.claims())
        count = f"{total}" if shown == total else f"{shown} of {total}"
        self.claims_label.setText(f"<b>Claims</b> ({count})")

    def _update_actions(self) -> None:
        writable = self.project is not None and not self.project.read_only
        self.import_action.setEnabled(writable)
        self.paste_action.setEnabled(writable)
        self.export_action.setEnabled(self.project is not None)
        self.new_claim_action.setEnabled(writable and self.article_id is not None)
        has_claim = self.editor.current_claim_id() is not None
        self.delete_claim_action.setEnabled(writable and has_claim)
        self.reattach_action.setEnabled(writable and has_claim)
        self.import_revision_action.setEnabled(writable and self.article_id is not None)
        self.compare_action.setEnabled(self.article_id is not None)
        on_file = self.project is not None and self.project.location.path is not None
        self.backup_action.setEnabled(on_file)
        self.restore_action.setEnabled(on_file and writable)
        self.check_action.setEnabled(self.project is not None)
        self.scale_action.setEnabled(writable)
        self.properties_action.setEnabled(writable and self.article_id is not None)
        self.delete_article_action.setEnabled(writable and self.article_id is not None)
        self.editor.setEnabled(writable or self.project is None)

    def changeEvent(self, event: QEvent) -> None:
        # NOTE: widgets under a style sheet (FOCUS_STYLE) keep the palette they were polished
        # with; a theme change that keeps the style (Light ⇄ Dark under Fusion) left the window
        # in the old colours. Setting the sheet again re-polishes them with the new palette.
        # Offscreen and on X11 the window gets PaletteChange (not ApplicationPaletteChange).
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in kinds and self.styleSheet() and not self._repolishing:
            self._repolishing = True
            sheet = self.styleSheet()
            self.setStyleSheet("")  # the same sheet again would be a no-op
            self.setStyleSheet(sheet)
            self._repolishing = False
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        report_job = getattr(self, "report_job", None)
        if report_job is not None:
            report_job.cancel()  # an unfinished report is discarded, an existing file kept
            report_job.wait()
        batch = getattr(self, "_import_batch", None)
        if batch is not None:
            batch.stop()
        for box in list(self._open_dialogs):
            box.close()
        self.editor.save_typing()
        store = settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/splitter", self.splitter.saveState())
        self.close_project()
        super().closeEvent(event)


def app_icon() -> QIcon:
    from factcheck_app.resources import resource_path

    try:
        return QIcon(str(resource_path("icons", "factcheck-app.svg")))
    except FileNotFoundError:
        return QIcon()


def _login_name() -> str:
    """The server user to suggest: the computer login (the analyst's display name may be "Anna Ruiz")."""
    from factcheck_app.services.project import default_analyst

    return default_analyst()
