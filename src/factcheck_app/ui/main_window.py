"""The main window: panes, their layout, and menus assembled from the command modules.

What the window shows lives in ``views/`` (each pane follows the workspace by itself);
what its menus do lives in ``actions/`` (one module per concern, with its enablement
rules); the open project, the undo stack and edits live in ``workspace.py``; messages and
questions in ``feedback.py``. Modules that pull in SQLAlchemy (services) are imported
lazily, inside the commands, so the window can paint before the database layer has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QLabel, QListView, QMainWindow, QSplitter, QToolBar, QVBoxLayout, QWidget

from factcheck_app.ui import settings
from factcheck_app.ui.actions import Actions
from factcheck_app.ui.actions.articles import ArticleActions
from factcheck_app.ui.actions.claims import ClaimActions
from factcheck_app.ui.actions.edit import EditActions
from factcheck_app.ui.actions.exports import ExportActions
from factcheck_app.ui.actions.help import HelpActions
from factcheck_app.ui.actions.library import LibraryActions
from factcheck_app.ui.actions.project_files import ProjectFileActions
from factcheck_app.ui.actions.review import ReviewActions
from factcheck_app.ui.actions.safety import SafetyActions
from factcheck_app.ui.actions.team import TeamActions
from factcheck_app.ui.actions.view import ViewActions
from factcheck_app.ui.desk_archive import DeskArchive
from factcheck_app.ui.feedback import APP_NAME, Feedback
from factcheck_app.ui.opening import Opener
from factcheck_app.ui.views.article_list import ArticleList
from factcheck_app.ui.views.article_pane import ArticlePane
from factcheck_app.ui.views.claims_panel import ClaimsPanel
from factcheck_app.ui.views.problems_panel import ProblemsPanel
from factcheck_app.ui.views.suggestions_panel import SuggestionsPanel
from factcheck_app.ui.widgets.article_view import ArticleView
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.project import Project

# NOTE: Fusion shows no focus on combo boxes and buttons: a keyboard user could not see where
# Tab had gone. A frame in the palette's highlight colour, in this window and its dialogs.
FOCUS_STYLE = (
    "QComboBox:focus, QPushButton:focus, QToolButton:focus "
    "{ border: 2px solid palette(highlight); border-radius: 3px; padding: 1px 6px; }"
)


@dataclass
class Commands:
    """The window's commands, one object per concern (``ui/actions/<concern>.py``)."""

    files: ProjectFileActions
    edit: EditActions
    articles: ArticleActions
    claims: ClaimActions
    library: LibraryActions
    review: ReviewActions
    exports: ExportActions
    safety: SafetyActions
    team: TeamActions
    view: ViewActions
    help: HelpActions

    def all(self) -> list[Actions]:
        return [getattr(self, f.name) for f in fields(self)]


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self._repolishing = False
        self.resize(1360, 820)
        self.setAcceptDrops(True)
        self.setStyleSheet(FOCUS_STYLE)
        self.feedback = Feedback(self)
        self.workspace = Workspace(self.feedback, self)
        self.opener = Opener(self.workspace, self.feedback)
        self._build_panes()
        self.commands = self._build_commands()
        self._build_menus()
        self._follow_workspace()
        self._update_title()
        self.update_enabled()
        self._restore_layout()
        self.statusBar().showMessage("Opening project…")

    # -- construction --------------------------------------------------------------------

    def _build_panes(self) -> None:
        # NOTE: the article list is made (and so subscribed) first: when a change adds or
        # removes articles it puts the right article on screen before the claims follow.
        self.articles = ArticleList(self.workspace)
        articles_panel = QWidget()
        articles_layout = QVBoxLayout(articles_panel)
        articles_layout.setContentsMargins(6, 6, 0, 6)
        articles_layout.addWidget(QLabel("<b>Articles</b>"))
        articles_layout.addWidget(self.articles)
        self.article_view = ArticleView()
        self.article_pane = ArticlePane(self.workspace, self.article_view)
        self.claims_panel = ClaimsPanel(self.workspace)
        self.articles.titles_changed.connect(self.claims_panel.model.set_article_titles)
        self.claims_panel.claims_shown.connect(self.article_pane.show_claims)
        self.claims_panel.claim_selected.connect(self.article_pane.show_selected)
        self.article_view.claim_clicked.connect(self.select_claim)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(articles_panel)
        self.splitter.addWidget(self.article_view)
        self.splitter.addWidget(self.claims_panel)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 640, 500])
        self.setCentralWidget(self.splitter)
        self.problems_panel = ProblemsPanel(self.workspace, self)
        self.problems_panel.claim_chosen.connect(self.claims_panel.reveal_claim)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_panel)
        self.problems_panel.hide()
        self.desk_archive = DeskArchive(self.feedback, self)
        self.suggestions_panel = SuggestionsPanel(self.workspace, self)
        self.suggestions_panel.marks_changed.connect(self.article_view.set_suggestions)
        self.suggestions_panel.chosen.connect(lambda s: self.article_view.reveal(s.start, s.end))
        self.desk_archive.grown.connect(self.suggestions_panel.archive_grew)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.suggestions_panel)
        self.suggestions_panel.hide()

    def _build_commands(self) -> Commands:
        return Commands(
            files=ProjectFileActions(self, self, self.opener, self.desk_archive),
            edit=EditActions(self, self),
            articles=ArticleActions(self, self),
            claims=ClaimActions(self, self),
            library=LibraryActions(self, self),
            review=ReviewActions(self, self),
            exports=ExportActions(self, self),
            safety=SafetyActions(self, self),
            team=TeamActions(self, self),
            view=ViewActions(self, self, self.suggestions_panel),
            help=HelpActions(self, self),
        )

    def _build_menus(self) -> None:
        c = self.commands
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([c.files.new_project_action, c.files.open_project_action, c.team.connect_action])
        file_menu.addMenu(c.files.recent_menu)
        copy_menu = file_menu.addMenu("Cop&y project to")
        copy_menu.addActions([c.team.copy_to_file_action, c.team.copy_to_server_action])
        file_menu.addSeparator()
        file_menu.addAction(c.files.import_archive_action)
        file_menu.addMenu("&Desk archive").addAction(c.files.add_to_desk_archive_action)
        file_menu.addSeparator()
        file_menu.addActions([c.articles.import_action, c.articles.paste_action, c.articles.import_revision_action])
        file_menu.addSeparator()
        file_menu.addAction(c.exports.export_action)
        export_menu = file_menu.addMenu("Export &other formats")
        export_menu.addActions(list(c.exports.export_open_actions.values()))
        export_menu.addSeparator()
        export_menu.addAction(c.exports.export_archive_action)
        file_menu.addSeparator()
        file_menu.addAction(c.files.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([c.edit.undo_action, c.edit.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [c.claims.new_claim_action, c.claims.delete_claim_action, c.claims.reattach_action, c.view.find_action]
        )
        edit_menu.addSeparator()
        edit_menu.addAction(c.edit.preferences_action)

        article_menu = self.menuBar().addMenu("&Article")
        article_menu.addActions(
            [c.articles.properties_action, c.articles.import_revision_action, c.articles.compare_action]
        )
        article_menu.addSeparator()
        article_menu.addAction(c.articles.delete_article_action)

        project_menu = self.menuBar().addMenu("&Project")
        project_menu.addActions(
            [
                c.library.sources_action,
                c.library.tags_action,
                c.library.scale_action,
                c.library.rules_action,
                c.view.problems_action,
            ]
        )
        project_menu.addAction(c.files.settings_action)
        project_menu.addSeparator()
        project_menu.addActions([c.safety.backup_action, c.safety.restore_action, c.safety.check_action])

        review_menu = self.menuBar().addMenu("Rev&iew")
        review_menu.addActions([c.review.ask_action, c.review.queue_action, c.review.disagreements_action])
        review_menu.addAction(c.review.agreement_action)
        review_menu.addSeparator()
        review_menu.addActions([c.review.publish_action, c.review.complaints_action])

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions(
            [c.view.highlight_by_tag_action, c.view.problems_action, c.view.suggestions_action, c.view.find_action]
        )
        view_menu.addSeparator()
        view_menu.addMenu(c.view.theme_menu)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([c.help.guide_action, c.help.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(c.help.about_action)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([c.articles.import_action, c.claims.new_claim_action, c.claims.delete_claim_action])
        toolbar.addSeparator()
        toolbar.addActions([c.edit.undo_action, c.edit.redo_action])
        toolbar.addSeparator()
        toolbar.addAction(c.exports.export_action)
        self.addToolBar(toolbar)
        self.new_claim_button = toolbar.widgetForAction(c.claims.new_claim_action)

    def _follow_workspace(self) -> None:
        workspace = self.workspace
        workspace.opened.connect(self._opened)
        workspace.closed.connect(self._update_title)
        for signal in (workspace.opened, workspace.closed, workspace.changed, workspace.article_changed):
            signal.connect(lambda *_args: self.update_enabled())
        self.claims_panel.claim_selected.connect(lambda _claim: self.update_enabled())
        self.article_view.selection_changed_to_span.connect(lambda _has: self.update_enabled())

    def _restore_layout(self) -> None:
        store = settings.settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = store.value("window/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    # -- the window's public surface ---------------------------------------------------------

    @property
    def project(self) -> Project | None:
        return self.workspace.project

    @property
    def article_id(self) -> int | None:
        return self.workspace.article_id

    @property
    def last_error(self) -> str | None:
        return self.feedback.last_error

    @property
    def last_notice(self) -> str | None:
        return self.feedback.last_notice

    @property
    def undo_stack(self) -> Any:
        return self.workspace.undo_stack

    @property
    def model(self) -> Any:
        return self.claims_panel.model

    @property
    def editor(self) -> Any:
        return self.claims_panel.editor

    @property
    def table(self) -> Any:
        return self.claims_panel.table

    @property
    def filter(self) -> Any:
        return self.claims_panel.filter

    @property
    def filter_note(self) -> QLabel:
        return self.claims_panel.filter_note

    @property
    def problems(self) -> QListView:
        return self.problems_panel.problems

    def menu_actions(self) -> list[QAction]:
        """Every command in the menus (submenus included), each once."""
        found: list[QAction] = []
        pending = [menu.menu() for menu in self.menuBar().actions()]
        while pending:
            menu = pending.pop(0)
            for action in menu.actions():  # type: ignore[union-attr]
                if action.menu() is not None:
                    pending.append(action.menu())
                elif not action.isSeparator() and action not in found:
                    found.append(action)
        return found

    def open_project(
        self, target: str | Path, *, read_only: bool = False, password: str | None = None, create: bool = False
    ) -> bool:
        """Open ``target`` (a file or a team project URL); on failure explain why and keep the current one."""
        return self.opener.open(target, read_only=read_only, password=password, create=create)

    def open_initial(self, target: str | None) -> None:
        """What the app opens at start: the argument, else the last project, else the sample.

        On the very first start the analyst is also asked their name (not blocking the window).
        """
        self.opener.open_initial(target)
        self.commands.files.ask_name_at_first_start()

    def select_claim(self, claim_id: int) -> None:
        """Select the claim in the table (which scrolls the article to it)."""
        self.claims_panel.select_claim(claim_id)

    def reload_views(self) -> None:
        """Read the open project again into every pane (after a repair changed rows)."""
        self.claims_panel.reload_all()
        self.articles.reload(select=self.workspace.article_id)

    def update_enabled(self) -> None:
        for commands in self.commands.all():
            commands.update_enabled()

    # -- reactions -------------------------------------------------------------------------

    def _opened(self, project: Project) -> None:
        self._update_title()
        mode = " (read-only)" if project.read_only else ""
        team = " Team project: others' changes appear as they save them." if project.location.is_server else ""
        self.statusBar().showMessage(f"Opened {project.name}{mode}. Every change is saved as you make it.{team}")

    def _update_title(self) -> None:
        project = self.workspace.project
        if project is None:
            self.setWindowTitle(APP_NAME)
            return
        mode = " [read-only]" if project.read_only else ""
        self.setWindowTitle(f"{project.name}{mode} — {APP_NAME}")
        self.setWindowFilePath(str(project.location.target))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.commands.articles.import_files(paths)

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
        self.commands.exports.stop()
        self.desk_archive.stop()
        self.suggestions_panel.stop()
        task = self.commands.articles.import_task
        if task is not None:
            task.stop()
        self.feedback.close_all()
        self.workspace.save_typing()
        store = settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/splitter", self.splitter.saveState())
        self.workspace.close()
        super().closeEvent(event)


def app_icon() -> QIcon:
    from factcheck_app.resources import resource_path

    try:
        return QIcon(str(resource_path("icons", "factcheck-app.svg")))
    except FileNotFoundError:
        return QIcon()
